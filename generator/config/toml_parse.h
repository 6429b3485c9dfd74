// Parsing TOML into a table, with errors as positioned diagnostics.
// Debian's toml++ library reports parse errors by exception; this is the one
// place that catches them.
#pragma once

#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "base/diagnostics.h"

namespace portal {

// `line_offset` is added to error lines: front matter starts after the
// opening `+++`, so its line 1 is line 2 of the file.
Result<toml::table> parse_toml(std::string_view text, const std::string& path, int line_offset);

}  // namespace portal
