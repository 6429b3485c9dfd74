#include "markdown/slug.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace portal::markdown {
namespace {

struct Range {
    char32_t first;
    char32_t last;
};

// Non-ASCII code points a slug drops, generated from the Unicode database so
// that "keep letters and digits of any script" needs no hand-kept list.
constexpr Range kDropped[] = {
#include "markdown/slug_table.inc"
};

// Unicode space separators (category Zs) other than ASCII space.
constexpr Range kSpaces[] = {
    {0xA0, 0xA0}, {0x1680, 0x1680}, {0x2000, 0x200A}, {0x202F, 0x202F},
    {0x205F, 0x205F}, {0x3000, 0x3000},
};

template <std::size_t N>
bool in_ranges(const Range (&ranges)[N], char32_t cp) {
    const Range* end = ranges + N;
    const Range* it = std::upper_bound(ranges, end, cp,
                                       [](char32_t c, const Range& r) { return c < r.first; });
    return it != ranges && cp <= std::prev(it)->last;
}

// Decodes one UTF-8 sequence at `s[i]`; returns its length, or 0 when the
// bytes there are not valid UTF-8 (the caller then skips one byte).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = byte(0);
    std::size_t len;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07u; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(k) & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

}  // namespace

std::string slugify(std::string_view text) {
    std::string slug;
    slug.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
                slug += static_cast<char>(c);
            else if (c == ' ' || c == '\t') slug += '-';
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode(text, i, cp);
        if (len == 0) { ++i; continue; }
        if (in_ranges(kSpaces, cp)) slug += '-';
        else if (!in_ranges(kDropped, cp)) slug.append(text.substr(i, len));
        i += len;
    }
    return slug;
}

std::string Slugger::next(std::string_view text) {
    std::string base = slugify(text);
    if (base.empty()) base = "section";
    std::string id = base;
    // Not found: first use. Found: count up from the base's last suffix
    // until an unused id turns up (a heading may have taken "intro-1").
    while (seen_.count(id) != 0) {
        id = base + '-' + std::to_string(++seen_[base]);
    }
    seen_.emplace(id, 0);
    return id;
}

}  // namespace portal::markdown
