#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "search/index_builder.h"
#include "search/index_format.h"
#include "search/normalise.h"
#include "search/tokenise.h"

using namespace portal::search;

TEST_CASE("search::normalise folds width and case") {
    CHECK(normalise("ＩＣＴ") == "ict");
    CHECK(normalise("ﾃﾚﾜｰｸ") == "テレワーク");
    CHECK(normalise("ｶﾞｲﾄﾞ") == "ガイド");
    CHECK(normalise("Straße") == "strasse");
    CHECK(normalise("") == "");
}

TEST_CASE("search::tokenise") {
    SUBCASE("kana and kanji runs become bigrams, one character stays alone") {
        CHECK(analyse("テレワークの県") == std::vector<std::string>{"テレ", "レワ", "ワー", "ーク", "クの", "の県"});
        CHECK(analyse("県") == std::vector<std::string>{"県"});
    }
    SUBCASE("pages are indexed with every kana and kanji alone too") {
        CHECK(analyse("県庁", CjkUnigrams::every_cjk_character) == std::vector<std::string>{"県庁", "県", "庁"});
    }
    SUBCASE("words and digits of other scripts") {
        CHECK(analyse("Web会議 ２０２５年") == std::vector<std::string>{"web", "会議", "2025", "年"});
    }
}

TEST_CASE("search::encode_postings") {
    SUBCASE("gaps and weights round-trip") {
        const std::vector<Posting> postings = {{0, 15, true}, {1, 1, false}, {40, 7, false}, {100000, 3, true}};
        const std::string encoded = encode_postings(postings);
        const auto decoded = decode_postings(encoded);
        REQUIRE(decoded.size() == postings.size());
        for (std::size_t i = 0; i < postings.size(); ++i) {
            CHECK(decoded[i].page == postings[i].page);
            CHECK(decoded[i].level == postings[i].level);
            CHECK(decoded[i].in_title == postings[i].in_title);
        }
    }
    SUBCASE("a dense posting is two letters") {
        CHECK(encode_postings({{0, 1, false}, {1, 1, false}}) == "ACBC");
    }
    SUBCASE("malformed input decodes to nothing") {
        CHECK(decode_postings("A!").empty());
        CHECK(decode_postings("g").empty());  // a continuation letter at the end
    }
}

TEST_CASE("search::build_index") {
    const std::vector<Document> documents = {
        {"テレワーク月間", "11月はテレワーク月間です。"},
        {"ICT tools", "Remote work with ICT."},
        {"県の支援", "相談は無料です。"},
    };
    const Index index = build_index(documents, IndexSettings{}, portal::WorkerPool(1));

    SUBCASE("every token sits in the shard its hash names, with its pages") {
        std::size_t tokens = 0;
        for (std::uint32_t s = 0; s < index.shard_count; ++s) {
            const auto shard = nlohmann::json::parse(index.shards[s]);
            for (const auto& [token, postings] : shard.items()) {
                ++tokens;
                CHECK(shard_of(token, index.shard_count) == s);
                CHECK_FALSE(decode_postings(postings.get<std::string>()).empty());
            }
        }
        CHECK(tokens == index.token_count);
    }
    SUBCASE("postings name the page and whether the title has the token") {
        const auto shard = nlohmann::json::parse(index.shards[shard_of("県", index.shard_count)]);
        const auto postings = decode_postings(shard["県"].get<std::string>());
        REQUIRE(postings.size() == 1);
        CHECK(postings[0].page == 2);
        CHECK(postings[0].in_title);
        const auto ict = decode_postings(
            nlohmann::json::parse(index.shards[shard_of("ict", index.shard_count)])["ict"].get<std::string>());
        REQUIRE(ict.size() == 1);
        CHECK(ict[0].page == 1);
    }
    SUBCASE("the same index whatever the thread count") {
        const Index parallel = build_index(documents, IndexSettings{}, portal::WorkerPool(4));
        CHECK(parallel.shards == index.shards);
        CHECK(parallel.version == index.version);
    }
    SUBCASE("the shard count is a power of two that grows with the index") {
        IndexSettings tiny;
        tiny.target_shard_bytes = 64;
        const Index split = build_index(documents, tiny, portal::WorkerPool(1));
        CHECK(split.shard_count > 1);
        CHECK((split.shard_count & (split.shard_count - 1)) == 0);
        CHECK(split.token_count == index.token_count);
    }
}
