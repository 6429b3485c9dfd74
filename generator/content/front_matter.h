// Splitting a content file into TOML front matter and Markdown body.
//
//   +++
//   title = "..."
//   +++
//   Body...
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostics.h"

namespace portal::content {

struct SplitFile {
    std::string_view front_matter;  // TOML text between the fences
    std::string_view body;          // Markdown after the closing fence
    int front_matter_line = 2;      // file line of the first front matter line
    int body_line = 1;              // file line of the first body line
};

// Splits `text` (LF newlines, BOM already removed). Errors: no opening fence on
// line 1, or an opening fence never closed.
Result<SplitFile> split_front_matter(std::string_view text, const std::string& path);

}  // namespace portal::content
