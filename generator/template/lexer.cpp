#include "template/lexer.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "template/unicode.h"

namespace portal::tmpl {

std::string normalize_source(std::string_view source) {
    std::string out;
    out.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) {
        char c = source[i];
        if (c == '\r') {
            out += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

namespace {

struct Operator {
    std::string_view text;
    Tok type;
};

// Longest first, as Jinja's operator regex tries them.
constexpr Operator kOperators[] = {
    {"//", Tok::floordiv}, {"**", Tok::pow},   {"==", Tok::eq},     {"!=", Tok::ne},       {">=", Tok::gteq},
    {"<=", Tok::lteq},     {"+", Tok::add},    {"-", Tok::sub},     {"/", Tok::div},       {"*", Tok::mul},
    {"%", Tok::mod},       {"~", Tok::tilde},  {"[", Tok::lbracket}, {"]", Tok::rbracket}, {"(", Tok::lparen},
    {")", Tok::rparen},    {"{", Tok::lbrace}, {"}", Tok::rbrace},  {">", Tok::gt},        {"<", Tok::lt},
    {"=", Tok::assign},    {".", Tok::dot},    {":", Tok::colon},   {"|", Tok::pipe},      {",", Tok::comma},
    {";", Tok::semicolon},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

class Lexer {
public:
    explicit Lexer(std::string_view src) : src_(src) {}

    std::vector<Token> run() {
        std::size_t n = src_.size();
        while (pos_ < n) {
            std::size_t k = pos_;
            while (true) {
                k = src_.find('{', k);
                if (k == std::string_view::npos || k + 1 >= n) {
                    emit_data(src_.substr(pos_));
                    pos_ = n;
                    break;
                }
                char kind = src_[k + 1];
                if (kind == '{' || kind == '%' || kind == '#') break;
                ++k;
            }
            if (pos_ >= n) break;
            root_tag(k);
        }
        push(Tok::eof, static_cast<std::uint32_t>(n), {});
        return std::move(tokens_);
    }

private:
    [[noreturn]] void fail(std::size_t offset, std::string message) {
        throw SyntaxError{static_cast<std::uint32_t>(offset), std::move(message)};
    }

    Token& push(Tok type, std::size_t offset, std::string_view text) {
        tokens_.push_back(Token{type, static_cast<std::uint32_t>(offset), text, {}, 0, 0});
        return tokens_.back();
    }

    void emit_data(std::string_view text) {
        if (!text.empty()) push(Tok::data, static_cast<std::size_t>(text.data() - src_.data()), text);
    }

    bool starts(std::size_t at, std::string_view s) const { return src_.substr(at, s.size()) == s; }

    std::size_t skip_space(std::size_t at) const {
        while (at < src_.size()) {
            std::size_t next = at;
            if (!unicode::is_space(unicode::next(src_, next))) break;
            at = next;
        }
        return at;
    }

    // `{% raw %}` (with optional -/+ and spaces) at `k`: returns the end of the
    // opening tag and sets `sign`; 0 when this is not a raw tag.
    std::size_t match_raw(std::size_t k, char& sign) const {
        std::size_t p = k + 2;
        sign = 0;
        if (p < src_.size() && (src_[p] == '-' || src_[p] == '+')) sign = src_[p++];
        p = skip_space(p);
        if (!starts(p, "raw")) return 0;
        p = skip_space(p + 3);
        if (starts(p, "-%}")) return skip_space(p + 3);
        if (starts(p, "%}")) return p + 2;
        return 0;
    }

    void root_tag(std::size_t k) {
        std::string_view text = src_.substr(pos_, k - pos_);
        char kind = src_[k + 1];
        char sign = 0;
        std::size_t raw_end = kind == '%' ? match_raw(k, sign) : 0;
        if (raw_end == 0) {
            sign = 0;
            if (k + 2 < src_.size() && (src_[k + 2] == '-' || src_[k + 2] == '+')) sign = src_[k + 2];
        }
        if (sign == '-') text = unicode::rstrip(text);
        emit_data(text);
        std::size_t p = k + 2 + (sign ? 1 : 0);
        if (raw_end != 0) {
            raw_block(k, raw_end);
        } else if (kind == '#') {
            comment(k, p);
        } else if (kind == '{') {
            push(Tok::var_begin, k, src_.substr(k, p - k));
            pos_ = p;
            expression(false);
        } else {
            push(Tok::block_begin, k, src_.substr(k, p - k));
            pos_ = p;
            expression(true);
        }
    }

    void comment(std::size_t start, std::size_t p) {
        // Jinja's lexer stops quietly when a tag opens at the very end.
        if (p >= src_.size()) {
            pos_ = src_.size();
            return;
        }
        std::size_t q = src_.find("#}", p);
        if (q == std::string_view::npos) fail(start, "missing end of comment tag `#}`");
        std::size_t end = q + 2;
        if (q > p && src_[q - 1] == '-') end = skip_space(end);
        pos_ = end;
    }

    void raw_block(std::size_t start, std::size_t body) {
        if (body >= src_.size()) {
            pos_ = src_.size();
            return;
        }
        // The earliest `{% endraw %}` (any -/+ and spacing) ends the block.
        std::size_t search = body;
        while (true) {
            std::size_t k = src_.find("{%", search);
            if (k == std::string_view::npos) fail(start, "missing `{% endraw %}` for this `{% raw %}`");
            std::size_t p = k + 2;
            char sign = 0;
            if (p < src_.size() && (src_[p] == '-' || src_[p] == '+')) sign = src_[p++];
            p = skip_space(p);
            if (starts(p, "endraw")) {
                std::size_t q = skip_space(p + 6);
                std::size_t end = 0;
                if (starts(q, "+%}")) end = q + 3;
                else if (starts(q, "-%}")) end = skip_space(q + 3);
                else if (starts(q, "%}")) end = q + 2;
                if (end != 0) {
                    std::string_view text = src_.substr(body, k - body);
                    if (sign == '-') text = unicode::rstrip(text);
                    emit_data(text);
                    pos_ = end;
                    return;
                }
            }
            search = k + 2;
        }
    }

    // Tokens of one `{{ ... }}` or `{% ... %}` up to its closing delimiter.
    void expression(bool block) {
        std::vector<char> balance;
        std::size_t n = src_.size();
        while (pos_ < n) {
            if (balance.empty()) {
                std::size_t end = 0;
                if (block) {
                    if (starts(pos_, "+%}")) end = pos_ + 3;
                    else if (starts(pos_, "-%}")) end = skip_space(pos_ + 3);
                    else if (starts(pos_, "%}")) end = pos_ + 2;
                } else {
                    if (starts(pos_, "-}}")) end = skip_space(pos_ + 3);
                    else if (starts(pos_, "}}")) end = pos_ + 2;
                }
                if (end != 0) {
                    push(block ? Tok::block_end : Tok::var_end, pos_, src_.substr(pos_, end - pos_));
                    pos_ = end;
                    return;
                }
            }
            std::size_t next = pos_;
            if (unicode::is_space(unicode::next(src_, next))) {
                pos_ = next;
                continue;
            }
            char c = src_[pos_];
            if (is_digit(c)) {
                number();
            } else if (is_name_start(c) || (static_cast<unsigned char>(c) >= 0x80 && unicode_name_char(pos_, true))) {
                name();
            } else if (c == '\'' || c == '"') {
                string_literal();
            } else if (static_cast<unsigned char>(c) >= 0x80) {
                std::size_t e = pos_;
                unicode::next(src_, e);
                fail(pos_, "unexpected character '" + std::string(src_.substr(pos_, e - pos_)) + "'");
            } else {
                operator_token(balance);
            }
        }
        // End of source inside a tag: the parser reports the missing delimiter.
    }

    // Names may use letters of any script (`{% set 件数 = 3 %}`), as Python
    // identifiers do; digits only after the first character.
    bool unicode_name_char(std::size_t at, bool first) const {
        std::size_t i = at;
        char32_t c = unicode::next(src_, i);
        if (!unicode::is_word(c)) return false;
        if (!first) return true;
        bool digit = (c >= 0xFF10 && c <= 0xFF19) || (c >= 0x660 && c <= 0x669) || c == 0xB2 || c == 0xB3 ||
                     c == 0xB9 || (c >= 0x2070 && c <= 0x2089) || (c >= 0x2150 && c <= 0x218F) ||
                     (c >= 0x2460 && c <= 0x24FF);
        return !digit;
    }

    void name() {
        std::size_t e = pos_;
        while (e < src_.size()) {
            if (is_name_char(src_[e])) {
                ++e;
            } else if (static_cast<unsigned char>(src_[e]) >= 0x80 && unicode_name_char(e, false)) {
                unicode::next(src_, e);
            } else {
                break;
            }
        }
        push(Tok::name, pos_, src_.substr(pos_, e - pos_));
        pos_ = e;
    }

    void operator_token(std::vector<char>& balance) {
        for (const Operator& op : kOperators) {
            if (!starts(pos_, op.text)) continue;
            char c = op.text[0];
            if (op.text.size() == 1 && (c == '(' || c == '[' || c == '{')) {
                balance.push_back(c == '(' ? ')' : c == '[' ? ']' : '}');
            } else if (op.text.size() == 1 && (c == ')' || c == ']' || c == '}')) {
                if (balance.empty()) fail(pos_, std::string("unexpected '") + c + "'");
                char expected = balance.back();
                balance.pop_back();
                if (expected != c)
                    fail(pos_, std::string("unexpected '") + c + "', expected '" + expected + "'");
            }
            push(op.type, pos_, op.text);
            pos_ += op.text.size();
            return;
        }
        fail(pos_, std::string("unexpected character '") + src_[pos_] + "'");
    }

    // Digits with single '_' separators: `(\d+_)*\d+`. Returns the end.
    std::size_t digit_run(std::size_t at) const {
        std::size_t e = at;
        if (e >= src_.size() || !is_digit(src_[e])) return at;
        while (e < src_.size()) {
            if (is_digit(src_[e])) {
                ++e;
            } else if (src_[e] == '_' && e + 1 < src_.size() && is_digit(src_[e + 1])) {
                ++e;
            } else {
                break;
            }
        }
        return e;
    }

    void number() {
        std::size_t start = pos_;
        std::size_t n = src_.size();
        // Float first, as Jinja does, unless a '.' precedes (`a.0.1` is two items).
        if (start == 0 || src_[start - 1] != '.') {
            std::size_t e = digit_run(start);
            std::size_t frac_end = e;
            if (e < n && src_[e] == '.' && e + 1 < n && is_digit(src_[e + 1])) frac_end = digit_run(e + 1);
            std::size_t exp_end = 0;
            if (frac_end < n && (src_[frac_end] == 'e' || src_[frac_end] == 'E')) {
                std::size_t x = frac_end + 1;
                if (x < n && (src_[x] == '+' || src_[x] == '-')) ++x;
                std::size_t d = digit_run(x);
                if (d > x) exp_end = d;
            }
            std::size_t end = exp_end ? exp_end : frac_end;
            if (end > e) {
                std::string clean;
                for (std::size_t i = start; i < end; ++i)
                    if (src_[i] != '_') clean += src_[i];
                double value = 0;
                auto res = std::from_chars(clean.data(), clean.data() + clean.size(), value);
                if (res.ec == std::errc::result_out_of_range) value = clean.find("e-") != std::string::npos ? 0.0 : HUGE_VAL;
                Token& t = push(Tok::floating, start, src_.substr(start, end - start));
                t.float_value = value;
                pos_ = end;
                return;
            }
        }
        // Integer: 0b/0o/0x prefixes, a decimal without leading zeros, or zeros.
        int base = 10;
        std::size_t digits = start;
        std::size_t end;
        char p = start + 1 < n ? static_cast<char>(src_[start + 1] | 0x20) : 0;
        if (src_[start] == '0' && (p == 'b' || p == 'o' || p == 'x')) {
            base = p == 'b' ? 2 : p == 'o' ? 8 : 16;
            auto ok = [&](char c) {
                int d = is_digit(c) ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : 99;
                return d < base;
            };
            std::size_t e = start + 2;
            while (e < n) {
                if (ok(src_[e])) ++e;
                else if (src_[e] == '_' && e + 1 < n && ok(src_[e + 1])) e += 2;
                else break;
            }
            if (e == start + 2) {
                end = start + 1;  // just "0"; the letter starts a name
                base = 10;
            } else {
                end = e;
                digits = start + 2;
            }
        } else if (src_[start] == '0') {
            std::size_t e = start + 1;
            while (e < n) {
                if (src_[e] == '0') ++e;
                else if (src_[e] == '_' && e + 1 < n && src_[e + 1] == '0') e += 2;
                else break;
            }
            end = e;
        } else {
            end = digit_run(start);
        }
        std::uint64_t acc = 0;
        for (std::size_t i = digits; i < end; ++i) {
            char c = src_[i];
            if (c == '_') continue;
            auto d = static_cast<std::uint64_t>(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
            if (__builtin_mul_overflow(acc, static_cast<std::uint64_t>(base), &acc) ||
                __builtin_add_overflow(acc, d, &acc) || acc > static_cast<std::uint64_t>(INT64_MAX))
                fail(start, "integer literal is too large (templates use 64-bit integers)");
        }
        Token& t = push(Tok::integer, start, src_.substr(start, end - start));
        t.int_value = static_cast<std::int64_t>(acc);
        pos_ = end;
    }

    static int hex_value(char c) {
        if (is_digit(c)) return c - '0';
        char l = static_cast<char>(c | 0x20);
        if (l >= 'a' && l <= 'f') return l - 'a' + 10;
        return -1;
    }

    void string_literal() {
        std::size_t start = pos_;
        char quote = src_[start];
        std::size_t i = start + 1;
        std::string value;
        std::size_t n = src_.size();
        while (true) {
            if (i >= n) fail(start, "unterminated string literal");
            char c = src_[i];
            if (c == quote) break;
            if (c != '\\') {
                value += c;
                ++i;
                continue;
            }
            if (i + 1 >= n) fail(start, "unterminated string literal");
            std::size_t esc = i;
            char e = src_[i + 1];
            i += 2;
            switch (e) {
                case '\n': break;  // line continuation
                case '\\': value += '\\'; break;
                case '\'': value += '\''; break;
                case '"': value += '"'; break;
                case 'a': value += '\a'; break;
                case 'b': value += '\b'; break;
                case 'f': value += '\f'; break;
                case 'n': value += '\n'; break;
                case 'r': value += '\r'; break;
                case 't': value += '\t'; break;
                case 'v': value += '\v'; break;
                case 'x':
                case 'u':
                case 'U': {
                    int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    char32_t cp = 0;
                    for (int k = 0; k < count; ++k) {
                        int d = i < n ? hex_value(src_[i]) : -1;
                        if (d < 0) fail(esc, std::string("truncated \\") + e + " escape in string literal");
                        cp = cp * 16 + static_cast<char32_t>(d);
                        ++i;
                    }
                    if (cp > 0x10FFFF) fail(esc, "illegal Unicode character in string literal");
                    if (cp >= 0xD800 && cp <= 0xDFFF)
                        fail(esc, "unsupported Jinja feature `surrogate escape in string literal`");
                    unicode::append(value, cp);
                    break;
                }
                case 'N': fail(esc, "unsupported Jinja feature `\\N{...} escape in string literal`");
                default:
                    if (e >= '0' && e <= '7') {
                        char32_t cp = static_cast<char32_t>(e - '0');
                        for (int k = 0; k < 2 && i < n && src_[i] >= '0' && src_[i] <= '7'; ++k, ++i)
                            cp = cp * 8 + static_cast<char32_t>(src_[i] - '0');
                        unicode::append(value, cp);
                    } else if (static_cast<unsigned char>(e) >= 0x80) {
                        // Python's unicode-escape sees the backslash, then the
                        // character's own escape text: "\é" reads as "\xe9".
                        std::size_t j = i - 1;
                        char32_t cp = unicode::next(src_, j);
                        i = j;
                        static const char hex[] = "0123456789abcdef";
                        value += '\\';
                        int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
                        value += cp <= 0xFF ? 'x' : cp <= 0xFFFF ? 'u' : 'U';
                        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) value += hex[(cp >> shift) & 15];
                    } else {
                        value += '\\';
                        value += e;
                    }
                    break;
            }
        }
        Token& t = push(Tok::string, start, src_.substr(start, i + 1 - start));
        t.value = std::move(value);
        pos_ = i + 1;
    }

    std::string_view src_;
    std::size_t pos_ = 0;
    std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view source) { return Lexer(source).run(); }

std::string describe(Tok type) {
    switch (type) {
        case Tok::data: return "template data / text";
        case Tok::var_begin: return "begin of print statement";
        case Tok::var_end: return "end of print statement";
        case Tok::block_begin: return "begin of statement block";
        case Tok::block_end: return "end of statement block";
        case Tok::name: return "name";
        case Tok::string: return "string";
        case Tok::integer: return "integer";
        case Tok::floating: return "float";
        case Tok::eof: return "end of template";
        default: break;
    }
    for (const Operator& op : kOperators)
        if (op.type == type) return std::string(op.text);
    return "token";
}

std::string describe(const Token& token) {
    if (token.type == Tok::name) return std::string(token.text);
    return describe(token.type);
}

}  // namespace portal::tmpl
