#include "search/tokenise.h"

#include <utf8proc.h>

#include "search/normalise.h"

namespace portal::search {

namespace {

enum class CharClass { word, cjk, separator };

bool is_word_character(char32_t c) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

CharClass classify(char32_t c) {
    if (is_cjk(c)) return CharClass::cjk;
    return is_word_character(c) ? CharClass::word : CharClass::separator;
}

struct CodePoint {
    char32_t value;
    std::size_t offset;  // byte offset in the text
    std::size_t length;  // bytes
};

std::vector<CodePoint> decode(std::string_view text) {
    std::vector<CodePoint> points;
    std::size_t at = 0;
    while (at < text.size()) {
        utf8proc_int32_t c = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                  static_cast<utf8proc_ssize_t>(text.size() - at), &c);
        if (n <= 0) {  // invalid byte: a separator of one byte
            points.push_back({U' ', at, 1});
            ++at;
            continue;
        }
        points.push_back({static_cast<char32_t>(c), at, static_cast<std::size_t>(n)});
        at += static_cast<std::size_t>(n);
    }
    return points;
}

}  // namespace

bool is_cjk(char32_t c) {
    if (c == 0x30FB || c == 0x30A0) return false;  // ・ and ゠ are punctuation in the katakana block
    return (c >= 0x3040 && c <= 0x30FF)     // hiragana, katakana (with ー)
           || (c >= 0x31F0 && c <= 0x31FF)  // katakana phonetic extensions
           || (c >= 0x3005 && c <= 0x3007)  // 々 〆 〇
           || (c >= 0x3400 && c <= 0x4DBF)  // CJK extension A
           || (c >= 0x4E00 && c <= 0x9FFF)  // CJK unified ideographs
           || (c >= 0xF900 && c <= 0xFAFF)  // compatibility ideographs NFKC keeps
           || (c >= 0x20000 && c <= 0x3FFFF)  // extensions B and later
           || (c >= 0x1100 && c <= 0x11FF)  // hangul jamo
           || (c >= 0x3130 && c <= 0x318F)  // hangul compatibility jamo
           || (c >= 0xAC00 && c <= 0xD7AF);  // hangul syllables
}

std::vector<std::string> tokenise(std::string_view normalised, CjkUnigrams unigrams) {
    const std::vector<CodePoint> points = decode(normalised);
    std::vector<std::string> tokens;
    auto slice = [&](std::size_t first, std::size_t last) {  // code points [first, last]
        const std::size_t begin = points[first].offset;
        return std::string(normalised.substr(begin, points[last].offset + points[last].length - begin));
    };
    std::size_t i = 0;
    while (i < points.size()) {
        const CharClass kind = classify(points[i].value);
        std::size_t end = i + 1;
        while (end < points.size() && classify(points[end].value) == kind) ++end;
        if (kind == CharClass::word) {
            tokens.push_back(slice(i, end - 1));
        } else if (kind == CharClass::cjk) {
            if (end - i == 1) {
                tokens.push_back(slice(i, i));
            } else {
                for (std::size_t k = i; k + 1 < end; ++k) {
                    tokens.push_back(slice(k, k + 1));
                    if (unigrams == CjkUnigrams::every_cjk_character) tokens.push_back(slice(k, k));
                }
                if (unigrams == CjkUnigrams::every_cjk_character) tokens.push_back(slice(end - 1, end - 1));
            }
        }
        i = end;
    }
    return tokens;
}

std::vector<std::string> analyse(std::string_view text, CjkUnigrams unigrams) {
    return tokenise(normalise(text), unigrams);
}

}  // namespace portal::search
