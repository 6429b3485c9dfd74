// Archetypes: the body (and layout of the front matter) of a new page, per
// kind and language. A template in our Jinja2 subset, the first of
// archetypes/<kind>.<lang>.md and archetypes/<kind>.md in the site's folder,
// then in the theme's; then default.<lang>.md and default.md likewise.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"

namespace portal::editing {

// The archetype's variables: front_matter, title, slug, lang, kind, section, date.
using ArchetypeVariables = std::vector<std::pair<std::string, std::string>>;

// Renders the archetype for `kind` in `lang`. Without any archetype file the
// page is just the front matter and an empty body.
Result<std::string> render_archetype(const std::filesystem::path& root, const std::string& theme,
                                     const std::string& kind, const std::string& lang, const ArchetypeVariables& variables);

}  // namespace portal::editing
