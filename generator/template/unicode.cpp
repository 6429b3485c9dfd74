#include "template/unicode.h"

#include "base/text.h"

namespace portal::tmpl::unicode {

char32_t next(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra == 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
        // A stray continuation byte or a sequence cut off by the end: one code
        // point per byte keeps every index in range.
        ++i;
        return c;
    }
    char32_t cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        unsigned char cc = byte(i + static_cast<std::size_t>(k));
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return c;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

void append(std::string& out, char32_t c) { text::append_utf8(out, c); }

bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

std::size_t length(std::string_view s) {
    if (is_ascii(s)) return s.size();
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) next(s, i);
    return n;
}

std::size_t offset_of(std::string_view s, std::size_t index) {
    std::size_t i = 0;
    for (std::size_t n = 0; n < index && i < s.size(); ++n) next(s, i);
    return i;
}

bool is_space(char32_t c) {
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_word(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    if (c < 0xC0)
        return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA ||
               (c >= 0xBC && c <= 0xBE);
    if (c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2C2 && c <= 0x2C5) return false;
    if (c >= 0x2D2 && c <= 0x2DF) return false;
    if (c >= 0x300 && c <= 0x36F) return false;                       // combining marks
    if (c >= 0x2000 && c <= 0x206F) return false;                     // general punctuation
    if (c >= 0x20A0 && c <= 0x20FF) return false;                     // currency, combining
    if (c >= 0x2190 && c <= 0x245F) return false;                     // arrows, maths, boxes
    if (c >= 0x249C && c <= 0x24E9) return false;                     // parenthesised letters
    if (c >= 0x2500 && c <= 0x2BFF) return false;                     // shapes, symbols, dingbats
    if (c >= 0x2E00 && c <= 0x2E7F) return false;                     // supplemental punctuation
    if (c >= 0x3000 && c <= 0x303F) {                                  // CJK symbols and punctuation
        return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) ||
               (c >= 0x3031 && c <= 0x3035) || (c >= 0x3038 && c <= 0x303C);
    }
    if (c >= 0x3099 && c <= 0x309C) return false;                     // kana voicing marks
    if (c == 0x30A0 || c == 0x30FB) return false;                     // ゠ ・
    if (c >= 0xFE00 && c <= 0xFE0F) return false;                     // variation selectors
    if (c >= 0xFE10 && c <= 0xFE6F) return false;                     // vertical / small forms
    if (c == 0xFEFF) return false;
    if (c >= 0xFF00 && c <= 0xFF0F) return false;                     // full-width punctuation
    if (c >= 0xFF1A && c <= 0xFF20) return false;
    if (c >= 0xFF3B && c <= 0xFF40) return false;
    if (c >= 0xFF5B && c <= 0xFF65) return false;
    if (c >= 0xFFE0 && c <= 0xFFFF) return false;
    if (c >= 0x1F000 && c <= 0x1FAFF) return false;                   // emoji and pictographs
    if (c >= 0xE000 && c <= 0xF8FF) return false;                     // private use
    return true;
}

bool is_printable(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) return false;
    if (c < 0x600) return true;
    if ((c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x180E || c == 0x1680)
        return false;
    if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x2064) ||
        (c >= 0x2066 && c <= 0x206F) || c == 0x3000)
        return false;
    if (c >= 0xD800 && c <= 0xF8FF) return false;  // surrogates and private use
    if (c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF) return false;
    if (c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F) || c >= 0xF0000) return false;
    return true;
}

namespace {

// Pairs where the upper-case letter has the even code point.
bool even_upper_pair(char32_t c) {
    return (c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177) ||
           (c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F) ||
           (c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF);
}

// Pairs where the upper-case letter has the odd code point.
bool odd_upper_pair(char32_t c) {
    return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) || (c >= 0x4C1 && c <= 0x4CE);
}

}  // namespace

char32_t to_upper(char32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c == 0xB5) return 0x39C;
    if (c == 0x131) return 'I';
    if (c == 0x17F) return 'S';
    if (even_upper_pair(c)) return (c & 1) ? c - 1 : c;
    if (odd_upper_pair(c)) return (c & 1) ? c : c - 1;
    if ((c >= 0x3B1 && c <= 0x3C1) || (c >= 0x3C3 && c <= 0x3CB)) return c - 32;
    if (c == 0x3C2) return 0x3A3;
    if (c == 0x3AC) return 0x386;
    if (c >= 0x3AD && c <= 0x3AF) return c - 37;
    if (c == 0x3CC) return 0x38C;
    if (c >= 0x3CD && c <= 0x3CE) return c - 63;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if (c == 0x4CF) return 0x4C0;
    if (c >= 0x561 && c <= 0x586) return c - 48;
    if (c >= 0x2170 && c <= 0x217F) return c - 16;
    if (c >= 0x24D0 && c <= 0x24E9) return c - 26;
    if (c >= 0xFF41 && c <= 0xFF5A) return c - 32;
    return c;
}

char32_t to_lower(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0x178) return 0xFF;
    if (c == 0x130) return 'i';
    if (even_upper_pair(c)) return (c & 1) ? c : c + 1;
    if (odd_upper_pair(c)) return (c & 1) ? c + 1 : c;
    if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) return c + 32;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c >= 0x38E && c <= 0x38F) return c + 63;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if (c == 0x4C0) return 0x4CF;
    if (c >= 0x531 && c <= 0x556) return c + 48;
    if (c == 0x1E9E) return 0xDF;
    if (c >= 0x2160 && c <= 0x216F) return c + 16;
    if (c >= 0x24B6 && c <= 0x24CF) return c + 26;
    if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
    return c;
}

bool is_cased(char32_t c) {
    return to_upper(c) != c || to_lower(c) != c || c == 0xDF || c == 0x138 || c == 0x149 || c == 0xAA ||
           c == 0xBA;
}

std::string upper(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    if (is_ascii(s)) {
        for (char c : s) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
        return out;
    }
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next(s, i);
        if (c == 0xDF) {
            out += "SS";
        } else if (c == 0x149) {
            append(out, 0x2BC);
            out += 'N';
        } else {
            append(out, to_upper(c));
        }
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    if (is_ascii(s)) {
        for (char c : s) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        return out;
    }
    bool prev_cased = false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next(s, i);
        if (c == 0x130) {
            out += 'i';
            append(out, 0x307);
        } else if (c == 0x3A3) {
            // Python applies the Final_Sigma rule: a capital sigma that ends a
            // word becomes ς, elsewhere σ.
            bool next_cased = false;
            if (i < s.size()) {
                std::size_t j = i;
                next_cased = is_cased(next(s, j));
            }
            append(out, prev_cased && !next_cased ? 0x3C2 : 0x3C3);
        } else {
            append(out, to_lower(c));
        }
        prev_cased = is_cased(c);
    }
    return out;
}

std::string capitalize(std::string_view s) {
    if (s.empty()) return {};
    std::size_t i = 0;
    char32_t first = next(s, i);
    std::string out;
    if (first == 0xDF) {
        out = "Ss";
    } else {
        append(out, to_upper(first));
    }
    out += lower(s.substr(i));
    return out;
}

std::string_view lstrip(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        if (!is_space(next(s, j))) break;
        i = j;
    }
    return s.substr(i);
}

std::string_view rstrip(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0) {
        std::size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        std::size_t j = start;
        if (!is_space(next(s, j))) break;
        end = start;
    }
    return s.substr(0, end);
}

std::string_view strip(std::string_view s) { return rstrip(lstrip(s)); }

}  // namespace portal::tmpl::unicode
