// Turning toml++ parse errors into positioned diagnostics.
#pragma once

#include <string>
#include <toml++/toml.h>

#include "base/diagnostics.h"

namespace portal {

// `line_offset` is added to the error's line: front matter starts after the
// opening `+++`, so its line 1 is line 2 of the file.
Diagnostic toml_error_diagnostic(const toml::parse_error& error, const std::string& path, int line_offset);

}  // namespace portal
