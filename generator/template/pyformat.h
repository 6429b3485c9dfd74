// Python's text forms of numbers and strings, byte for byte, because Jinja
// prints values with Python's str() and repr(): `1.0`, `1e+16`,
// `0.30000000000000004`, `'it\'s'` -> `"it's"`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace portal::tmpl::py {

// repr(float): the shortest digits that read back to the same double, in
// fixed notation for 1e-4 <= |x| < 1e16, otherwise with an exponent.
void append_float(std::string& out, double x);
std::string float_repr(double x);

void append_int(std::string& out, std::int64_t i);

// repr(str): single quotes unless the text has ' and no ", escapes for
// backslash, the quote, control and non-printable characters.
void append_string_repr(std::string& out, std::string_view s);

// round(x, ndigits) for floats: correctly rounded, ties to even on the exact
// binary value (what Python does).
double round_float(double x, std::int64_t ndigits);

// Python's float(str) parsing rules: surrounding whitespace, underscores
// between digits, inf/nan spellings. False when `text` is not a float.
bool parse_float(std::string_view text, double& out);
// int(str, base): whitespace, sign, underscores, 0x/0o/0b prefixes when base
// is 0 or matches. False when invalid or outside 64 bits.
bool parse_int(std::string_view text, int base, std::int64_t& out);

}  // namespace portal::tmpl::py
