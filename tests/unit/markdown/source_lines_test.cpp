#include <doctest/doctest.h>

#include <string>

#include "markdown/source_lines.h"

using portal::markdown::SourceLines;
using portal::markdown::SourcePos;

TEST_CASE("markdown::SourceLines") {
    SUBCASE("splits on LF, CRLF and CR like cmark") {
        SourceLines lines("a\nb\r\nc\rd");
        CHECK(lines.count() == 4);
        CHECK(lines.line(2) == "b");
        CHECK(lines.line(4) == "d");
        CHECK(lines.line(5).empty());
        CHECK(lines.line(0).empty());
    }
    SUBCASE("starts_with_any checks the text at a position") {
        SourceLines lines("see [x](/x)");
        CHECK(lines.starts_with_any({1, 5}, {"["}));
        CHECK_FALSE(lines.starts_with_any({1, 4}, {"["}));
        CHECK_FALSE(lines.starts_with_any({1, 40}, {"["}));
    }
    SUBCASE("nearest picks the occurrence closest to the hint") {
        SourceLines lines("lazy [a](/1)[b](/2)");
        CHECK(lines.nearest(1, 8, {"["}) == 6);
        CHECK(lines.nearest(1, 15, {"["}) == 13);
        CHECK(lines.nearest(1, 3, {"!["}) == 0);
    }
    SUBCASE("find_forward searches from a position to a last line") {
        SourceLines lines("x https://a.b\ny https://a.b");
        CHECK(lines.find_forward({1, 1}, 2, {"https://a.b"}).col == 3);
        const SourcePos second = lines.find_forward({1, 4}, 2, {"https://a.b"});
        CHECK(second.line == 2);
        CHECK(second.col == 3);
        CHECK(lines.find_forward({1, 4}, 1, {"https://a.b"}).line == 0);
    }
}

TEST_CASE("markdown::SourceLines::nearest looks only near the hint") {
    const std::string line = "[far](/x)" + std::string(200, ' ') + "text";
    SourceLines lines(line);
    CHECK(lines.nearest(1, 205, {"["}) == 0);
    CHECK(lines.nearest(1, 205, {"["}, 300) == 1);
}
