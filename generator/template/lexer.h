// Splits template source into tokens exactly where Jinja's lexer does:
// text, `{{ }}` / `{% %}` delimiters (with `-` whitespace control), names,
// literals and operators; comments vanish and `{% raw %}` becomes text.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace portal::tmpl {

enum class Tok : std::uint8_t {
    data, var_begin, var_end, block_begin, block_end,
    name, string, integer, floating,
    add, sub, div, floordiv, mul, mod, pow, tilde,
    lbracket, rbracket, lparen, rparen, lbrace, rbrace,
    eq, ne, gt, gteq, lt, lteq, assign, dot, colon, pipe, comma, semicolon,
    eof,
};

struct Token {
    Tok type;
    std::uint32_t offset;     // byte offset in the (normalized) source
    std::string_view text;    // the token's source text; for data the text to output
    std::string value;        // decoded string literal
    std::int64_t int_value = 0;
    double float_value = 0;
};

// A syntax error at a byte offset; the parser turns it into a Diagnostic.
struct SyntaxError {
    std::uint32_t offset;
    std::string message;
};

// What Jinja does to a source before lexing: "\r\n" and "\r" become "\n" and a
// single trailing newline is dropped (keep_trailing_newline=False).
std::string normalize_source(std::string_view source);

// Tokenizes normalized source. Token texts point into `source`, which must
// outlive them. Throws SyntaxError.
std::vector<Token> tokenize(std::string_view source);

// How a token is named in messages ("end of print statement", "'('").
std::string describe(const Token& token);
std::string describe(Tok type);

}  // namespace portal::tmpl
