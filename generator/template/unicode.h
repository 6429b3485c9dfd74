// UTF-8 and the small part of Python's Unicode behaviour that template output
// depends on: code-point indexing (len, s[i], slicing), str.isspace, re's \w,
// upper/lower case and repr()'s idea of a printable character.
//
// Templates are validated as UTF-8 when loaded and values from the host are
// expected to be UTF-8; decoding is lenient (an invalid byte counts as one code
// point) so hostile input can never read out of bounds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace portal::tmpl::unicode {

// Decodes the code point starting at byte `i` of `s` and advances `i` past it.
char32_t next(std::string_view s, std::size_t& i);

// Appends `c` encoded as UTF-8.
void append(std::string& out, char32_t c);

// Number of code points in `s` (what Python's len() returns).
std::size_t length(std::string_view s);

// Byte offset of code point number `index` in `s`; s.size() when past the end.
std::size_t offset_of(std::string_view s, std::size_t index);

// True for an ASCII-only string (then bytes and code points coincide).
bool is_ascii(std::string_view s);

// Python's str.isspace() for one code point (also what re's \s matches).
bool is_space(char32_t c);

// Python's re \w for one code point: letters, digits and numbers of any script,
// plus '_'. An approximation by ranges; exact for ASCII, Latin, kana and kanji.
bool is_word(char32_t c);

// Whether repr() prints the code point as is (otherwise it is escaped).
bool is_printable(char32_t c);

// Case mapping for Latin, Greek, Cyrillic, Armenian and full-width Latin;
// other scripts have no case and are returned unchanged.
std::string upper(std::string_view s);
std::string lower(std::string_view s);
// First code point in upper case, the rest lower case (str.capitalize).
std::string capitalize(std::string_view s);
char32_t to_upper(char32_t c);
char32_t to_lower(char32_t c);
// A cased letter: one that has an upper or lower case form.
bool is_cased(char32_t c);

// str.strip()/lstrip()/rstrip() without arguments (Unicode whitespace).
std::string_view strip(std::string_view s);
std::string_view lstrip(std::string_view s);
std::string_view rstrip(std::string_view s);

}  // namespace portal::tmpl::unicode
