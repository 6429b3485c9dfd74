// Named character references (`&amp;`, `&eacute;`) as the scanner decodes them.
#pragma once

#include <optional>
#include <string_view>

namespace portal::html {

// The code point `&name;` stands for, or nullopt when HTML 4.01 defines no
// such name (case matters: `&Amp;` is not `&amp;`).
std::optional<char32_t> named_character(std::string_view name);

}  // namespace portal::html
