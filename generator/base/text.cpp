#include "base/text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace portal::text {

Position position_of(std::string_view text, std::size_t offset) {
    Position pos;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            line_start = i + 1;
        }
    }
    pos.col = static_cast<int>(offset - line_start) + 1;
    return pos;
}

std::string_view line_at(std::string_view text, int line) {
    std::size_t start = 0;
    for (int current = 1; current < line; ++current) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) return {};
        start = nl + 1;
    }
    std::size_t end = text.find('\n', start);
    std::string_view result = text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
    if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
    return result;
}

// Every content file is checked (~150 MB at N = 10,000): runs of ASCII are
// skipped eight bytes at a time, and each sequence is checked against the
// table of well-formed UTF-8 (Unicode 15, table 3-7) without decoding it.
std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    auto continuation = [](unsigned char b) { return (b & 0xC0) == 0x80; };
    std::size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t eight;
            std::memcpy(&eight, s + i, sizeof eight);
            if ((eight & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        // Runs of three-byte characters led by E1-EC or EE-EF (kana, kanji,
        // full-width forms): nothing overlong and no surrogate to rule out,
        // so only the continuation bytes are checked, two at once. Japanese
        // text is mostly these: the corpus's content files (98 MB) were
        // checked in ~60 ms instead of ~105.
        while (i + 4 <= n) {
            std::uint32_t four;
            std::memcpy(&four, s + i, sizeof four);
            const std::uint32_t lead = four & 0xFF;  // little-endian: the first byte
            if ((four & 0x00C0C000u) != 0x00808000u || lead < 0xE1 || lead > 0xEF || lead == 0xED) break;
            i += 3;
        }
        if (i >= n) break;
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (i + 2 > n || !continuation(s[i + 1])) return i;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (i + 3 > n || !continuation(s[i + 1]) || !continuation(s[i + 2])) return i;
            if (c == 0xE0 && s[i + 1] < 0xA0) return i;  // overlong
            if (c == 0xED && s[i + 1] > 0x9F) return i;  // a surrogate
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 4 > n || !continuation(s[i + 1]) || !continuation(s[i + 2]) || !continuation(s[i + 3])) return i;
            if (c == 0xF0 && s[i + 1] < 0x90) return i;  // overlong
            if (c == 0xF4 && s[i + 1] > 0x8F) return i;  // past U+10FFFF
            i += 4;
        } else {
            return i;  // a continuation byte first, C0/C1 (overlong), or F5-FF
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> find_nul(std::string_view text) {
    std::size_t at = text.find('\0');
    if (at == std::string_view::npos) return std::nullopt;
    return at;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string zero_padded(int value, int width) {
    // Digits from the right into a buffer wide enough for any int and width.
    char buffer[24];
    char* end = buffer + sizeof buffer;
    char* p = end;
    const bool negative = value < 0;
    unsigned magnitude = negative ? 0u - static_cast<unsigned>(value) : static_cast<unsigned>(value);
    do {
        *--p = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    const int digits_wanted = std::min(width - (negative ? 1 : 0), static_cast<int>(sizeof buffer) - 2);
    while (end - p < digits_wanted) *--p = '0';
    if (negative) *--p = '-';
    return std::string(p, end);
}

std::string normalize_newlines(std::string_view text) {
    // Copies the runs between CRs whole: most files have none, and a
    // byte-by-byte copy was a visible share of a large build.
    std::string out;
    out.reserve(text.size());
    std::size_t from = 0;
    for (std::size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1)) {
        if (cr + 1 >= text.size() || text[cr + 1] != '\n') continue;
        out.append(text, from, cr - from);
        from = cr + 1;
    }
    out.append(text, from);
    return out;
}

std::string_view trim(std::string_view s) {
    const char* ws = " \t\r\n";
    std::size_t b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    std::size_t e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // Control characters other than tab and newlines are not allowed in XML 1.0.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += c;
        }
    }
    return out;
}

}  // namespace portal::text
