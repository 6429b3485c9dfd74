// `portal new`: the only code that writes into content/. A new page is made
// from an archetype (site `archetypes/` first, then the theme's) and the
// schema's front matter; a translation is made from its original. Neither
// ever replaces an existing file.
#pragma once

#include <filesystem>
#include <string>

#include "base/diagnostics.h"

namespace portal::editing {

struct NewPageRequest {
    std::filesystem::path root;  // project folder (config.toml)
    std::string kind;            // "case", "measure", ... (schema.toml `kind`)
    std::string slug;            // file name without language and .md
    std::string lang;            // "" = the site's default language (translate: the missing one)
    bool translate = false;      // make the missing translation of an existing page
    std::string today;           // "2025-06-20": the new page's date
};

// Writes the page and returns its project-relative path
// ("content/cases/foo.ja.md"). Errors: unknown kind, invalid slug or
// language, an existing file (E0601), no original to translate, archetype
// template errors.
Result<std::string> create_page(const NewPageRequest& request);

// Valid slugs: lower-case ASCII letters, digits and single hyphens inside
// ("telework-month-2025"): the file name becomes the URL.
bool valid_new_slug(const std::string& slug);

}  // namespace portal::editing
