// The version of a content file, as `translation_of_hash` records it: a
// translation made from one version of the original can tell when the
// original changed since.
#pragma once

#include <string>
#include <string_view>

namespace portal::content {

// "xxh64:" and 16 hex digits of XXH64 over the file's bytes as read (after
// dropping a BOM), so `portal new --translate` and the build agree.
std::string content_hash(std::string_view file_text);

}  // namespace portal::content
