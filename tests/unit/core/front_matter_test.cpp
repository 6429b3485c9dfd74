#include <doctest/doctest.h>

#include "content/front_matter.h"

using portal::content::split_front_matter;

TEST_CASE("content::split_front_matter") {
    SUBCASE("splits TOML and body and knows the body's first line") {
        auto split = split_front_matter("+++\ntitle = \"x\"\n+++\n# Body\n", "a.md");
        REQUIRE(split.ok());
        CHECK(split->front_matter == "title = \"x\"\n");
        CHECK(split->body == "# Body\n");
        CHECK(split->body_line == 4);
    }
    SUBCASE("empty body") {
        auto split = split_front_matter("+++\ntitle = \"x\"\n+++", "a.md");
        REQUIRE(split.ok());
        CHECK(split->body.empty());
    }
    SUBCASE("a +++ inside a TOML string line is not a fence") {
        auto split = split_front_matter("+++\nnote = \"+++\"\n+++\nbody\n", "a.md");
        REQUIRE(split.ok());
        CHECK(split->front_matter == "note = \"+++\"\n");
    }
    SUBCASE("never closed") {
        auto split = split_front_matter("+++\ntitle = \"x\"\n", "a.md");
        REQUIRE_FALSE(split.ok());
        CHECK(split.errors()[0].line == 1);
        CHECK(split.errors()[0].message.find("never closed") != std::string::npos);
    }
    SUBCASE("missing opening fence") {
        auto split = split_front_matter("title = \"x\"\n", "a.md");
        REQUIRE_FALSE(split.ok());
        CHECK(split.errors()[0].path == "a.md");
    }
}
