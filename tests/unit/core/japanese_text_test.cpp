#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/text.h"
#include "i18n/dates.h"
#include "i18n/text_measure.h"

using namespace portal;

namespace {
i18n::DateTime on(const char* iso) {
    auto parsed = i18n::parse_iso(iso);
    REQUIRE(parsed.has_value());
    return *parsed;
}
}  // namespace

TEST_CASE("i18n::format_era on every era boundary since Meiji 1") {
    struct Case {
        const char* date;
        const char* expected;
    };
    const Case cases[] = {
        {"1868-01-24", "1868年1月24日"},  // before 明治 (applied from 1868-01-25): Western form
        {"1868-01-25", "明治元年1月25日"},
        {"1868-12-31", "明治元年12月31日"},
        {"1869-01-01", "明治2年1月1日"},
        {"1912-07-29", "明治45年7月29日"},
        {"1912-07-30", "大正元年7月30日"},
        {"1913-01-01", "大正2年1月1日"},
        {"1926-12-24", "大正15年12月24日"},
        {"1926-12-25", "昭和元年12月25日"},
        {"1927-01-01", "昭和2年1月1日"},
        {"1989-01-07", "昭和64年1月7日"},
        {"1989-01-08", "平成元年1月8日"},
        {"1990-01-01", "平成2年1月1日"},
        {"2019-04-30", "平成31年4月30日"},
        {"2019-05-01", "令和元年5月1日"},
        {"2020-01-01", "令和2年1月1日"},
        {"2025-06-20", "令和7年6月20日"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.date);
        CHECK(i18n::format_era(on(c.date)) == c.expected);
    }
}

TEST_CASE("i18n fiscal years change on 1 April") {
    struct Case {
        const char* date;
        int year;
        const char* ja;
        const char* en;
    };
    const Case cases[] = {
        {"2025-03-31", 2024, "令和6年度", "FY2024"}, {"2025-04-01", 2025, "令和7年度", "FY2025"},
        {"2019-03-31", 2018, "平成30年度", "FY2018"}, {"2019-04-01", 2019, "令和元年度", "FY2019"},
        {"2020-04-01", 2020, "令和2年度", "FY2020"},  {"1989-03-31", 1988, "昭和63年度", "FY1988"},
        {"1989-04-01", 1989, "平成元年度", "FY1989"}, {"2018-04-01", 2018, "平成30年度", "FY2018"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.date);
        const int year = i18n::fiscal_year_of(on(c.date));
        CHECK(year == c.year);
        CHECK(i18n::format_fiscal_year(year, "ja") == c.ja);
        CHECK(i18n::format_fiscal_year(year, "en") == c.en);
    }
}

TEST_CASE("i18n::truncate_chars never yields invalid UTF-8 and never exceeds the limit") {
    const std::vector<std::string> pieces = {"テ", "レ", "ワ", "ー", "ク", "推", "進", "a", "b", " ", "ICT", "𠮷",
                                             "か\u3099", "e\u0301", "、", "。", "（", "）", "👍", "Ｉ"};
    std::mt19937 random(20251122);
    for (int round = 0; round < 300; ++round) {
        std::string text;
        const int n = static_cast<int>(random() % 40);
        for (int i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
        const std::size_t length = i18n::count_chars(text);
        for (std::size_t limit = 0; limit <= length + 2; ++limit) {
            for (const char* ellipsis : {"…", "...", ""}) {
                const std::string cut = i18n::truncate_chars(text, limit, ellipsis);
                CAPTURE(text);
                CAPTURE(limit);
                REQUIRE_FALSE(text::find_invalid_utf8(cut).has_value());
                REQUIRE(i18n::count_chars(cut) <= limit);
                if (length <= limit) REQUIRE(cut == text);
            }
        }
    }
}

TEST_CASE("i18n::truncate_chars keeps combining marks with their base") {
    // が written as か + U+3099: cutting between them would show か and a stray mark.
    CHECK(i18n::truncate_chars("テか\u3099ク", 3, "…") == "テ…");
    CHECK(i18n::truncate_chars("テレワーク推進", 5, "…") == "テレワー…");
    CHECK(i18n::truncate_chars("Telework promotion", 10, "…") == "Telework…");
}

TEST_CASE("i18n::measure_reading counts Japanese characters and English words") {
    std::string japanese;
    for (int i = 0; i < 1000; ++i) japanese += "働";
    CHECK(i18n::measure_reading(japanese).cjk_chars == 1000);
    CHECK(i18n::measure_reading(japanese).minutes == 2);
    std::string english;
    for (int i = 0; i < 401; ++i) english += "work ";
    CHECK(i18n::measure_reading(english).latin_words == 401);
    CHECK(i18n::measure_reading(english).minutes == 3);
    CHECK(i18n::measure_reading("").minutes == 1);
    CHECK(i18n::measure_reading("テレワーク (telework) は ICT を活用").latin_words == 2);
}

TEST_CASE("i18n::measure_reading reads every UTF-8 length") {
    // Full-width letters are a word; accented Latin too; a supplementary
    // ideograph (4 bytes) and half-width katakana (3 bytes) are Japanese.
    const auto m = i18n::measure_reading("ＩＣＴ café 𠮷野家 ｶﾀｶﾅ a1-b2");
    CHECK(m.latin_words == 4);  // ＩＣＴ, café, a1, b2
    CHECK(m.cjk_chars == 7);    // 𠮷 野 家 ｶ ﾀ ｶ ﾅ
}

namespace {

// The oracle: decode what each lead byte announces and accept it only when it
// is a Unicode scalar value whose own encoding (text::append_utf8, the
// project's encoder) is exactly those bytes.
std::optional<std::size_t> first_invalid_by_reencoding(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return i;
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (b & 0x3F);
        }
        std::string encoded;
        if (cp <= 0x10FFFF) text::append_utf8(encoded, cp);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || encoded != s.substr(i, len)) return i;
        i += len;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("text::find_invalid_utf8 agrees with decoding and re-encoding, after ASCII or kana runs of any length") {
    const unsigned char tails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE3, 0xF4, 0xFF};
    std::size_t compared = 0;
    // Runs of ASCII (read eight bytes at a time) and of three-byte characters (read as a run) before the bytes tested.
    for (const std::string prefix : {std::string(), std::string(3, 'a'), std::string(8, 'a'), std::string(13, 'a'),
                                     std::string("テ"), std::string("テレワーク"), std::string("aテレ")}) {
        for (int lead = 0; lead < 256; ++lead)
            for (int second = 0; second < 256; ++second)
                for (const unsigned char third : tails)
                    for (const unsigned char fourth : {0x80, 0xBF, 0x41}) {
                        std::string text = prefix;
                        text += static_cast<char>(lead);
                        text += static_cast<char>(second);
                        if (lead >= 0xE0) text += static_cast<char>(third);
                        if (lead >= 0xF0) text += static_cast<char>(fourth);
                        text += "tail of ascii";
                        const auto expected = first_invalid_by_reencoding(text);
                        const auto found = text::find_invalid_utf8(text);
                        if (found != expected) FAIL_CHECK("bytes " << lead << " " << second << " " << int(third));
                        ++compared;
                        if (lead < 0xE0 && (third != tails[0] || fourth != 0x80)) break;  // not part of the text
                    }
    }
    CHECK(compared > 7 * 65536);
    CHECK_FALSE(text::find_invalid_utf8("テレワーク 𠮷 café").has_value());
    CHECK(text::find_invalid_utf8("abcdefghij\xED\xA0\x80") == 10u);  // a surrogate, after an 8-byte run
}

namespace {

// The reading measure by its definition, one code point at a time: the
// ranges i18n/text_measure.h gives for Japanese characters and for the
// letters of a word.
i18n::ReadingMeasure reading_by_definition(const std::vector<char32_t>& text) {
    auto japanese = [](char32_t cp) {
        return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
               (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x20000 && cp <= 0x3FFFF);
    };
    auto letter = [&](char32_t cp) {
        if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        return (cp >= 0xFF10 && cp <= 0xFF5A) || (cp >= 0xC0 && cp < 0x2000);
    };
    i18n::ReadingMeasure m;
    bool in_word = false;
    for (char32_t cp : text) {
        if (japanese(cp)) ++m.cjk_chars;
        else if (letter(cp) && !in_word) ++m.latin_words;
        in_word = !japanese(cp) && letter(cp);
    }
    return m;
}

}  // namespace

TEST_CASE("i18n::measure_reading agrees with its definition on random text around every range's ends") {
    // Each range's first and last code point and its neighbours, of one to
    // four bytes, so every path of the scanner meets every kind of neighbour.
    std::vector<char32_t> pool = {' ', '-', '.', '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7F};
    for (char32_t edge : {0x80u, 0xBFu, 0xC0u, 0x7FFu, 0x800u, 0x1FFFu, 0x2000u, 0x3000u, 0x303Fu, 0x3040u, 0x30FFu,
                          0x3100u, 0x33FFu, 0x3400u, 0x4DBFu, 0x4DC0u, 0x4DFFu, 0x4E00u, 0x9FFFu, 0xA000u, 0xF8FFu,
                          0xF900u, 0xFAFFu, 0xFB00u, 0xFF0Fu, 0xFF10u, 0xFF5Au, 0xFF5Bu, 0xFF65u, 0xFF66u, 0xFF9Fu,
                          0xFFA0u, 0xFFFDu, 0x10000u, 0x1FFFFu, 0x20000u, 0x3FFFFu, 0x40000u, 0x10FFFFu})
        pool.push_back(edge);
    // Every ASCII byte's own neighbours too, and text that is ASCII nine times
    // in ten: runs of eight ASCII bytes, which are measured eight at a time.
    std::vector<char32_t> ascii;
    for (char32_t c = 0; c < 0x80; ++c) ascii.push_back(c);
    // And text that is Japanese nine times in ten (any code point of
    // U+3000-9FFF, three bytes led by E3-E9), long enough for several
    // sixteen-byte blocks, which are measured at once on x86-64.
    std::mt19937 random(20261207);
    for (int round = 0; round < 30000; ++round) {
        const bool mostly_ascii = round % 3 == 1;
        const bool mostly_japanese = round % 3 == 2;
        std::vector<char32_t> text(random() % (mostly_ascii ? 80 : mostly_japanese ? 120 : 40));
        for (char32_t& cp : text) {
            const bool usual = random() % 10 != 0;
            if (mostly_ascii && usual) cp = ascii[random() % ascii.size()];
            else if (mostly_japanese && usual) cp = 0x3000 + random() % 0x7000;
            else if (mostly_japanese && random() % 2 == 0) cp = ascii[random() % ascii.size()];
            else cp = pool[random() % pool.size()];
        }
        std::string utf8;
        for (char32_t cp : text) text::append_utf8(utf8, cp);
        const auto expected = reading_by_definition(text);
        const auto measured = i18n::measure_reading(utf8);
        REQUIRE_MESSAGE(measured.cjk_chars == expected.cjk_chars, "round " << round << ": " << utf8);
        REQUIRE_MESSAGE(measured.latin_words == expected.latin_words, "round " << round << ": " << utf8);
    }
}
