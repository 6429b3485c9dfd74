// search_tokenise: exposes the search normaliser and tokeniser to test
// scripts, which compare them with the JavaScript port in the theme.
//
//   search_tokenise [--index] < strings.json
//       reads a JSON array of strings, writes a JSON array of
//       {"normalised": "...", "tokens": [...]} in the same order
//       (--index: tokens as pages are indexed, every kana/kanji also alone)
//   search_tokenise --code-points
//       one JSON line [code point, normalised, tokens] for every code point
//       utf8proc knows (assigned, not a surrogate), to compare whole planes
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "search/normalise.h"
#include "search/tokenise.h"

namespace {

using nlohmann::json;
namespace search = portal::search;

std::string encode_utf8(char32_t c) {
    utf8proc_uint8_t bytes[4];
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), bytes);
    return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
}

int code_points() {
    for (char32_t c = 1; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        if (utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_CN) continue;
        const std::string normalised = search::normalise(encode_utf8(c));
        json line = {static_cast<std::uint32_t>(c), normalised, search::tokenise(normalised)};
        std::cout << line.dump(-1, ' ', true) << '\n';
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "--code-points") return code_points();
    const auto unigrams =
        mode == "--index" ? search::CjkUnigrams::every_cjk_character : search::CjkUnigrams::single_character_runs;
    const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    const json inputs = json::parse(text);
    json results = json::array();
    for (const auto& input : inputs) {
        const std::string normalised = search::normalise(input.get<std::string>());
        results.push_back({{"normalised", normalised}, {"tokens", search::tokenise(normalised, unigrams)}});
    }
    std::cout << results.dump() << '\n';
    return 0;
}
