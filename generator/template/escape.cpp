#include "template/escape.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "template/pyformat.h"
#include "template/unicode.h"
#include "template/value.h"

namespace portal::tmpl {

namespace {

// Whether any of the eight bytes of `word` is `&`, `<`, `>`, `"` or `'`: a
// byte equal to c is a zero byte of word ^ (c repeated), and a zero byte is
// found by the borrow trick (v - 0x01..) & ~v & 0x80.. (no false positive
// for the lowest such byte, and any positive answer is checked byte by byte).
bool has_special_byte(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    auto has_zero = [](std::uint64_t v) { return ((v - ones) & ~v & highs) != 0; };
    return has_zero(word ^ (ones * '&')) || has_zero(word ^ (ones * '<')) || has_zero(word ^ (ones * '>')) ||
           has_zero(word ^ (ones * '"')) || has_zero(word ^ (ones * '\''));
}

}  // namespace

// Templates escape every title, summary and URL they print (~1.7 % of a cold
// build's CPU at N = 10,000): runs of eight bytes with nothing to escape,
// nearly all of them, are skipped a word at a time.
void append_html_escaped(std::string& out, std::string_view text) {
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, sizeof word);
            if (!has_special_byte(word)) {
                i += 8;
                continue;
            }
        }
        const char* rep;
        switch (text[i]) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&#34;"; break;
            case '\'': rep = "&#39;"; break;
            default: ++i; continue;
        }
        out.append(text.data() + run, i - run);
        out += rep;
        run = ++i;
    }
    out.append(text.data() + run, text.size() - run);
}

std::string html_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_html_escaped(out, text);
    return out;
}

std::string url_quote(std::string_view text, bool for_query) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-' || c == '~' || (c == '/' && !for_query);
        if (keep) {
            out += static_cast<char>(c);
        } else if (c == ' ' && for_query) {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

namespace {

struct Entity {
    const char* name;
    char32_t code;
};

// The named entities themes and Markdown output actually use; Python knows all
// of HTML5's, an unknown name here is left as written.
constexpr Entity kEntities[] = {
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},     {"copy", 0xA9},      {"reg", 0xAE},       {"trade", 0x2122},  {"hellip", 0x2026},
    {"mdash", 0x2014},  {"ndash", 0x2013},   {"lsquo", 0x2018},   {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"laquo", 0xAB},     {"raquo", 0xBB},     {"middot", 0xB7},   {"bull", 0x2022},
    {"times", 0xD7},    {"divide", 0xF7},    {"deg", 0xB0},       {"yen", 0xA5},      {"euro", 0x20AC},
    {"pound", 0xA3},    {"cent", 0xA2},      {"sect", 0xA7},      {"para", 0xB6},     {"shy", 0xAD},
    {"thinsp", 0x2009}, {"ensp", 0x2002},    {"emsp", 0x2003},    {"zwj", 0x200D},    {"zwnj", 0x200C},
    {"larr", 0x2190},   {"rarr", 0x2192},    {"uarr", 0x2191},    {"darr", 0x2193},   {"iexcl", 0xA1},
    {"iquest", 0xBF},   {"acute", 0xB4},     {"micro", 0xB5},     {"plusmn", 0xB1},   {"frac12", 0xBD},
};

// Entities HTML also accepts without the closing ';' (html.unescape does too).
constexpr const char* kLegacyNoSemicolon[] = {"amp", "lt", "gt", "quot", "nbsp", "copy", "reg"};

// Python maps these numeric references (Windows-1252 leftovers) specially.
char32_t fix_numeric(std::uint64_t n) {
    static const char32_t cp1252[32] = {0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021,
                                        0x2C6,  0x2030, 0x160,  0x2039, 0x152,  0x8D,   0x17D,  0x8F,
                                        0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                        0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
    if (n >= 0x80 && n <= 0x9F) return cp1252[n - 0x80];
    if (n == 0 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) return 0xFFFD;
    return static_cast<char32_t>(n);
}

}  // namespace

std::string html_unescape(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] != '&') {
            out += s[i++];
            continue;
        }
        std::size_t j = i + 1;
        if (j < s.size() && s[j] == '#') {
            ++j;
            bool hexa = j < s.size() && (s[j] == 'x' || s[j] == 'X');
            if (hexa) ++j;
            std::size_t start = j;
            std::uint64_t n = 0;
            while (j < s.size() && (hexa ? std::isxdigit(static_cast<unsigned char>(s[j])) != 0
                                         : (s[j] >= '0' && s[j] <= '9'))) {
                int d = s[j] <= '9' ? s[j] - '0' : (s[j] | 0x20) - 'a' + 10;
                if (n < 0x1000000) n = n * (hexa ? 16 : 10) + static_cast<std::uint64_t>(d);
                ++j;
            }
            if (j == start) {
                out += s[i++];
                continue;
            }
            if (j < s.size() && s[j] == ';') ++j;
            unicode::append(out, fix_numeric(n));
            i = j;
            continue;
        }
        std::size_t end = j;
        while (end < s.size() && end - j < 32 && std::isalnum(static_cast<unsigned char>(s[end]))) ++end;
        std::string_view name = s.substr(j, end - j);
        bool matched = false;
        if (end < s.size() && s[end] == ';') {
            for (const Entity& e : kEntities) {
                if (name == e.name) {
                    unicode::append(out, e.code);
                    i = end + 1;
                    matched = true;
                    break;
                }
            }
        }
        if (!matched) {
            // Longest legacy name that prefixes the text ("&ampx" -> "&x").
            for (const char* legacy : kLegacyNoSemicolon) {
                std::string_view l(legacy);
                if (name.substr(0, l.size()) == l) {
                    for (const Entity& e : kEntities)
                        if (l == e.name) unicode::append(out, e.code);
                    i = j + l.size();
                    matched = true;
                    break;
                }
            }
        }
        if (!matched) out += s[i++];
    }
    return out;
}

std::string strip_tags(std::string_view html) {
    std::string no_comments;
    for (std::size_t i = 0; i < html.size();) {
        if (html.compare(i, 4, "<!--") == 0) {
            std::size_t end = html.find("-->", i + 4);
            if (end != std::string_view::npos) {
                i = end + 3;
                continue;
            }
        }
        no_comments += html[i++];
    }
    std::string no_tags;
    for (std::size_t i = 0; i < no_comments.size();) {
        if (no_comments[i] == '<') {
            std::size_t end = no_comments.find('>', i + 1);
            if (end != std::string::npos) {
                i = end + 1;
                continue;
            }
        }
        no_tags += no_comments[i++];
    }
    // " ".join(value.split())
    std::string joined;
    std::string_view rest = no_tags;
    while (true) {
        rest = unicode::lstrip(rest);
        if (rest.empty()) break;
        std::size_t i = 0, word_end = 0;
        while (i < rest.size()) {
            std::size_t k = i;
            if (unicode::is_space(unicode::next(rest, k))) break;
            i = k;
            word_end = i;
        }
        if (!joined.empty()) joined += ' ';
        joined.append(rest.substr(0, word_end));
        rest.remove_prefix(word_end);
    }
    return html_unescape(joined);
}

namespace {

void append_json_string(std::string& out, std::string_view s) {
    static const char hex[] = "0123456789abcdef";
    auto u_escape = [&](unsigned v) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(v >> shift) & 15];
    };
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = unicode::next(s, i);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            // htmlsafe_json_dumps replaces these after dumping.
            case '<': out += "\\u003c"; continue;
            case '>': out += "\\u003e"; continue;
            case '&': out += "\\u0026"; continue;
            case '\'': out += "\\u0027"; continue;
            default: break;
        }
        if (c < 0x20 || c >= 0x7F) {
            if (c >= 0x10000) {
                char32_t v = c - 0x10000;
                u_escape(0xD800 + (v >> 10));
                u_escape(0xDC00 + (v & 0x3FF));
            } else {
                u_escape(c);
            }
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

bool json_value(std::string& out, const Value& v, int indent, int level, std::string& error) {
    auto newline = [&](int lvl) {
        out += '\n';
        out.append(static_cast<std::size_t>(indent * lvl), ' ');
    };
    switch (v.kind()) {
        case Value::Kind::none: out += "null"; return true;
        case Value::Kind::boolean: out += v.as_bool() ? "true" : "false"; return true;
        case Value::Kind::integer: py::append_int(out, v.as_int()); return true;
        case Value::Kind::floating: {
            double d = v.as_float();
            if (d != d) out += "NaN";
            else if (d == HUGE_VAL) out += "Infinity";
            else if (d == -HUGE_VAL) out += "-Infinity";
            else py::append_float(out, d);
            return true;
        }
        case Value::Kind::string: append_json_string(out, v.str()); return true;
        case Value::Kind::list: {
            auto items = v.items();
            if (items.empty()) {
                out += "[]";
                return true;
            }
            out += '[';
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (i) out += indent >= 0 ? "," : ", ";
                if (indent >= 0) newline(level + 1);
                if (!json_value(out, items[i], indent, level + 1, error)) return false;
            }
            if (indent >= 0) newline(level);
            out += ']';
            return true;
        }
        case Value::Kind::map: {
            auto entries = v.entries();
            if (entries.empty()) {
                out += "{}";
                return true;
            }
            std::vector<const MapEntry*> sorted;
            for (const MapEntry& e : entries) sorted.push_back(&e);
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const MapEntry* a, const MapEntry* b) { return a->key.str() < b->key.str(); });
            out += '{';
            for (std::size_t i = 0; i < sorted.size(); ++i) {
                if (i) out += indent >= 0 ? "," : ", ";
                if (indent >= 0) newline(level + 1);
                append_json_string(out, sorted[i]->key.str());
                out += ": ";
                if (!json_value(out, sorted[i]->value, indent, level + 1, error)) return false;
            }
            if (indent >= 0) newline(level);
            out += '}';
            return true;
        }
        default:
            error = "Object of type " + std::string(v.type_name()) + " is not JSON serializable";
            return false;
    }
}

}  // namespace

bool append_json(std::string& out, const Value& value, int indent, std::string& error) {
    return json_value(out, value, indent, 0, error);
}

}  // namespace portal::tmpl
