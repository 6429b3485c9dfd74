// Decoding character references (`&amp;`, `&#x41;`, `&#65;`) in an
// attribute value or in text, with the rules of libxml2's HTML parser, which
// the link checker used before it had a scanner of its own and which stays
// the scanner's test oracle (tests/html/test_scan_oracle.py):
//   - `&name;` with a name HTML 4.01 defines is its character; any other
//     `&` (unknown name, no `;`) is kept as it is, byte for byte;
//   - `&#digits;` and `&#xhex;` are the code point (the `;` may be missing);
//     a number that is not a character XML allows (0, surrogates, above
//     U+10FFFF, most C0 controls) is invalid.
#pragma once

#include <string>
#include <string_view>

namespace portal::html {

// Appends `text` to `out` with every reference decoded; stops at the first
// invalid numeric reference when `stop_at_invalid` (libxml2 ends an attribute
// value there) and drops it otherwise (as libxml2 does in text).
void append_decoded(std::string_view text, std::string& out, bool stop_at_invalid);

}  // namespace portal::html
