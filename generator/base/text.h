// Small text helpers shared by every layer: UTF-8 checks, line/column lookup,
// line splitting. Positions are computed only when an error is reported.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portal::text {

struct Position {
    int line = 1;  // 1-based
    int col = 1;   // 1-based, in bytes
};

// Line and column of byte `offset` in `text`, found by scanning from the start
// (only called on the error path).
Position position_of(std::string_view text, std::size_t offset);

// The whole line `line` (1-based) of `text`, without its line ending.
std::string_view line_at(std::string_view text, int line);

// Byte offset of the first invalid UTF-8 sequence, or nullopt when `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Appends code point `c` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

// Offset of the first NUL byte, or nullopt.
std::optional<std::size_t> find_nul(std::string_view text);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

// Replaces CRLF by LF; editors on Windows commit CRLF and it must be accepted.
std::string normalize_newlines(std::string_view text);

// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view s);

// 'A'-'Z' to 'a'-'z', every other byte as it is: how URL schemes, HTML names
// and HTTP header names compare. Inline and without the locale (std::tolower
// is a call into libc per character, and these run for every URL and tag).
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Equal but for the case of ASCII letters.
constexpr bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

// `value` in decimal with leading zeros up to `width` characters (a minus
// sign counts as one), as printf's "%0*d" writes it. Dates and times are
// formatted this way tens of thousands of times a build; snprintf costs
// ~1,000 instructions a call to parse its format.
std::string zero_padded(int value, int width);

// & < > " ' as &amp; &lt; &gt; &quot; &apos;, for element text and attribute
// values in XML (feeds, sitemap) and in HTML and inline SVG alike. Control
// characters other than tab and newlines are dropped: XML 1.0 does not allow them.
std::string xml_escape(std::string_view text);

}  // namespace portal::text
