#include "i18n/text_measure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace portal::i18n {

namespace {

// Decodes the code point at `i` and advances `i`; invalid bytes count as one
// character each (they are rejected earlier in the pipeline anyway).
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c >= 0x80 && c < 0xC0) len = 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += len;
    return cp;
}

bool is_combining(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x3099 || cp == 0x309A || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           cp == 0x200D || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

bool is_cjk(char32_t cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) ||   // hiragana, katakana
           (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK extension A
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK unified ideographs
           (cp >= 0xF900 && cp <= 0xFAFF) ||   // compatibility ideographs
           (cp >= 0xFF66 && cp <= 0xFF9F) ||   // half-width katakana
           (cp >= 0x20000 && cp <= 0x3FFFF);   // supplementary ideographs
}

bool is_word_char(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp >= 0xFF10 && cp <= 0xFF5A) return true;  // full-width Latin letters and digits
    return !is_cjk(cp) && cp >= 0x00C0 && cp < 0x2000;  // accented Latin, Greek, Cyrillic
}

}  // namespace

std::size_t count_chars(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size();) {
        next_code_point(text, i);
        ++n;
    }
    return n;
}

std::string truncate_chars(std::string_view text, std::size_t limit, std::string_view ellipsis) {
    if (count_chars(text) <= limit) return std::string(text);
    const std::size_t ellipsis_chars = count_chars(ellipsis);
    if (limit <= ellipsis_chars) {
        // No room for any text: as much of the ellipsis as fits.
        std::size_t i = 0;
        for (std::size_t n = 0; n < limit && i < ellipsis.size(); ++n) next_code_point(ellipsis, i);
        return std::string(ellipsis.substr(0, i));
    }
    const std::size_t keep = limit - ellipsis_chars;
    std::size_t i = 0;
    std::size_t cut = 0;
    for (std::size_t n = 0; n < keep && i < text.size(); ++n) {
        next_code_point(text, i);
        cut = i;
    }
    // Step back while the next character would modify the last kept one.
    for (;;) {
        std::size_t probe = cut;
        if (probe >= text.size() || !is_combining(next_code_point(text, probe)) || cut == 0) break;
        do --cut;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80);
    }
    std::string_view kept = text.substr(0, cut);
    while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\n' || kept.back() == '\t')) kept.remove_suffix(1);
    return std::string(kept) + std::string(ellipsis);
}

namespace {

// Letters and digits of ASCII: what a word of English is made of.
constexpr std::array<bool, 128> ascii_word_chars = [] {
    std::array<bool, 128> table{};
    for (int c = 0; c < 128; ++c)
        table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return table;
}();

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

// Of eight ASCII bytes, the top bit of each that is a letter or digit (the
// table above, eight at a time). For a byte b below 0x80, b + (0x80 - lo)
// reaches 0x80 exactly when b >= lo, and b + (0x7F - hi) stays below it
// exactly when b <= hi; neither carries into the next byte.
std::uint64_t ascii_word_bytes(std::uint64_t eight) {
    auto at_least = [](std::uint64_t x, unsigned lo) { return (x + (0x80 - lo) * kOnes) & kHighBits; };
    auto at_most = [](std::uint64_t x, unsigned hi) { return ~(x + (0x7F - hi) * kOnes) & kHighBits; };
    const std::uint64_t folded = eight | (0x20 * kOnes);  // 'A'-'Z' onto 'a'-'z' (no other byte lands there)
    return (at_least(eight, '0') & at_most(eight, '9')) | (at_least(folded, 'a') & at_most(folded, 'z'));
}

#if defined(__SSE2__) && defined(__x86_64__)
// The set bits of a 16-bit mask. __builtin_popcount is a call into libgcc
// on x86-64 without -mpopcnt (a tenth of this file's time); this is a few
// instructions inline.
unsigned count_bits16(unsigned x) {
    x -= (x >> 1) & 0x5555u;
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return (x + (x >> 8)) & 0x1Fu;
}

// Unsigned lo <= x <= hi in each byte lane (SSE2 compares are signed).
__m128i in_range(__m128i x, unsigned char lo, unsigned char hi) {
    const __m128i shifted = _mm_sub_epi8(x, _mm_set1_epi8(static_cast<char>(lo)));
    const __m128i width = _mm_set1_epi8(static_cast<char>(hi - lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(shifted, width), shifted);
}

// Sixteen bytes at `p` (p[16] and p[17] readable) when they hold only
// ASCII, continuation bytes and E3-E9 leads: Japanese text, with or without
// ASCII between its characters. Each lead is decided from the byte after it
// (seen in a load one byte further on) as the scalar path below decides it;
// a word starts at a letter or digit whose previous byte is not one (bytes
// of a Japanese character are not). False, with nothing counted, for any
// other byte: the scalar path takes that block.
bool measure_sixteen(const unsigned char* p, std::size_t& in_word, ReadingMeasure& m) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i lead = in_range(bytes, 0xE3, 0xE9);
    const __m128i continuation = in_range(bytes, 0x80, 0xBF);
    const int high = _mm_movemask_epi8(bytes);
    if ((high & ~_mm_movemask_epi8(_mm_or_si128(lead, continuation))) != 0) return false;
    const __m128i middle = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1)), _mm_set1_epi8(0x3F));
    // E3: kana (middle 1-3) and U+3400-3FFF (0x10 and up); E4: all but
    // U+4DC0-4DFF (middle 0x37); E5-E9: all.
    const __m128i e3 = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(static_cast<char>(0xE3)));
    const __m128i e4_block_37 = _mm_and_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(static_cast<char>(0xE4))),
                                              _mm_cmpeq_epi8(middle, _mm_set1_epi8(0x37)));
    const __m128i e3_japanese = _mm_and_si128(e3, _mm_or_si128(in_range(middle, 1, 3), in_range(middle, 0x10, 0x3F)));
    const __m128i other_japanese = _mm_andnot_si128(_mm_or_si128(e3, e4_block_37), lead);
    const int japanese = _mm_movemask_epi8(_mm_or_si128(e3_japanese, other_japanese));
    m.cjk_chars += count_bits16(static_cast<unsigned>(japanese));
    const __m128i digit = in_range(bytes, '0', '9');
    const __m128i letter = in_range(_mm_or_si128(bytes, _mm_set1_epi8(0x20)), 'a', 'z');  // no byte >= 0x80 lands there
    const unsigned word = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(digit, letter)));
    const unsigned starts = word & ~((word << 1) | static_cast<unsigned>(in_word));
    m.latin_words += count_bits16(starts & 0xFFFFu);
    in_word = (word >> 15) & 1u;
    return true;
}
#endif

}  // namespace

// One pass over every page's search text at load (~60 MB at N = 10,000, 2 %
// of a cold build). ASCII is taken eight bytes at a time where eight in a
// row are ASCII, else classified by a table and counted without a branch on
// the character (mixed letters, spaces and punctuation defeat the branch
// predictor). Three-byte sequences led by E3-E9 (U+3000-9FFF: kana, kanji,
// Japanese punctuation) are decided from their first two bytes without a
// branch: kana and kanji alternate in Japanese text, and the range tests of
// a decoded code point mispredicted (the bench corpus's 98 MB took 118 ms
// that way, 78 with the eight-byte ASCII path). None of U+3000-9FFF is
// a word character, so each ends a word. The rest is decoded. On x86-64,
// blocks of sixteen bytes holding only ASCII and such characters are
// measured at once (measure_sixteen); the text must be valid UTF-8, as
// every page's is after loading.
ReadingMeasure measure_reading(std::string_view text) {
    ReadingMeasure m;
    std::size_t in_word = 0;  // 0 or 1: adds to the counts without a branch
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t scalar_until = 0;  // past a block measure_sixteen refused
    for (std::size_t i = 0; i < size;) {
#if defined(__SSE2__) && defined(__x86_64__)
        if (i >= scalar_until && i + 18 <= size) {
            if (measure_sixteen(bytes + i, in_word, m)) {
                // A character the block's last lead began ends in the next
                // block: its continuation bytes are skipped, as counted.
                i += 16;
                while (i < size && (bytes[i] & 0xC0u) == 0x80u) ++i;
                continue;
            }
            scalar_until = i + 16;  // not asked again for each character of this block
        }
#endif
        if (i + 8 <= size) {
            std::uint64_t eight;
            std::memcpy(&eight, bytes + i, 8);
            if ((eight & kHighBits) == 0) {  // eight ASCII bytes at once (English text is mostly these)
                const std::uint64_t word = ascii_word_bytes(eight);
                const std::uint64_t starts = word & ~((word << 8) | (in_word << 7));
                m.latin_words += static_cast<std::size_t>(((starts >> 7) * kOnes) >> 56);
                in_word = static_cast<std::size_t>(word >> 63);
                i += 8;
                continue;
            }
        }
        const unsigned char c = bytes[i];
        if (c < 0x80) {
            const std::size_t word = ascii_word_chars[c];
            m.latin_words += word & (in_word ^ 1);
            in_word = word;
            ++i;
            continue;
        }
        if (c >= 0xE3 && c <= 0xE9 && i + 3 <= size) {
            // Bits 11-6 of the code point, as the decoder below takes them.
            const unsigned middle = bytes[i + 1] & 0x3Fu;
            // E3: U+3040-30FF (kana: middle 1-3) and U+3400-3FFF (middle 0x10 and up);
            // E4: all but U+4DC0-4DFF (middle 0x37); E5-E9: U+5000-9FFF.
            const bool kana_or_extension_a = (middle - 1u < 3u) | (middle >= 0x10u);
            const bool cjk = c == 0xE3 ? kana_or_extension_a : c != 0xE4 || middle != 0x37u;
            m.cjk_chars += cjk;
            in_word = 0;
            i += 3;
            continue;
        }
        char32_t cp;
        if ((c & 0xF0) == 0xE0 && i + 3 <= size) {
            cp = (static_cast<char32_t>(c & 0x0Fu) << 12) | (static_cast<char32_t>(bytes[i + 1] & 0x3Fu) << 6) |
                 static_cast<char32_t>(bytes[i + 2] & 0x3Fu);
            i += 3;
        } else {
            cp = next_code_point(text, i);
        }
        if (is_cjk(cp)) {
            ++m.cjk_chars;
            in_word = 0;
        } else if (is_word_char(cp)) {
            m.latin_words += in_word ^ 1;
            in_word = 1;
        } else {
            in_word = 0;
        }
    }
    const double minutes = static_cast<double>(m.cjk_chars) / 500.0 + static_cast<double>(m.latin_words) / 200.0;
    m.minutes = std::max(1, static_cast<int>(std::ceil(minutes)));
    return m;
}

}  // namespace portal::i18n
