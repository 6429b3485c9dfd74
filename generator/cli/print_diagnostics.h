// Printing diagnostics for people: "file:line:col: error: message", the
// source line with a caret under the column, and the hint.
#pragma once

#include <filesystem>
#include <iosfwd>

#include "base/diagnostics.h"

namespace portal::cli {

// Reads each diagnostic's file (relative to `root`) to show its source line.
void print_diagnostics(std::ostream& out, const Diagnostics& diagnostics, const std::filesystem::path& root);

}  // namespace portal::cli
