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

// & < > " ' as &amp; &lt; &gt; &quot; &apos;, for element text and attribute
// values in XML (feeds, sitemap) and in HTML and inline SVG alike. Control
// characters other than tab and newlines are dropped: XML 1.0 does not allow them.
std::string xml_escape(std::string_view text);

}  // namespace portal::text
