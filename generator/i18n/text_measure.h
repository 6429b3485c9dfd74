// Measuring and cutting text that mixes Japanese and English: by characters
// (code points), never by bytes, so a cut never splits a UTF-8 sequence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace portal::i18n {

// Number of code points in valid UTF-8 `text`.
std::size_t count_chars(std::string_view text);

// At most `limit` characters of `text`, the ellipsis included: whole text if it
// fits, else a prefix plus `ellipsis`. Trailing spaces before the ellipsis are
// dropped and a combining mark (゙ ゚, accents, variation selectors) is never
// separated from the character it modifies.
std::string truncate_chars(std::string_view text, std::size_t limit, std::string_view ellipsis = "…");

struct ReadingMeasure {
    std::size_t cjk_chars = 0;    // kanji, kana and full-width forms
    std::size_t latin_words = 0;  // runs of letters/digits in other scripts
    int minutes = 1;              // at least 1
};

// Reading time: about 500 Japanese characters or 200 English words a minute,
// rounded up. Japanese characters: kana U+3040-30FF, kanji U+3400-4DBF,
// U+4E00-9FFF, U+F900-FAFF, U+20000-3FFFF, half-width katakana
// U+FF66-FF9F. A word: a run of ASCII letters and digits, full-width ones
// (U+FF10-FF5A) and other letters below U+2000 (accented Latin, Greek, Cyrillic).
// `text` is valid UTF-8.
ReadingMeasure measure_reading(std::string_view text);

}  // namespace portal::i18n
