#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "markdown/cmark_setup.h"
#include "markdown/markdown.h"

namespace md = portal::markdown;

namespace {

md::Rendered rendered(const std::string& text, md::Options options = {}) {
    return md::render(text, options);
}

std::string repeat(const std::string& s, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("markdown::render headings") {
    SUBCASE("every heading gets an id and nothing else changes") {
        const auto r = rendered("# Hello World\n\nSetext\n------\n");
        CHECK(r.html == "<h1 id=\"hello-world\">Hello World</h1>\n<h2 id=\"setext\">Setext</h2>\n");
    }
    SUBCASE("toc lists level, id and plain text in order") {
        const auto r = rendered("# Title\n\n## *Emphasised* `code`\n\n### Title\n\n## 導入事例\n");
        REQUIRE(r.toc.size() == 4);
        CHECK(r.toc[0].level == 1);
        CHECK(r.toc[0].id == "title");
        CHECK(r.toc[1].text == "Emphasised code");
        CHECK(r.toc[1].id == "emphasised-code");
        CHECK(r.toc[2].id == "title-1");
        CHECK(r.toc[3].id == "導入事例");
        CHECK(r.html.find("<h2 id=\"導入事例\">導入事例</h2>") != std::string::npos);
    }
    SUBCASE("headings inside lists and quotes get ids too") {
        const auto r = rendered("> # Quoted\n\n- ## Listed\n");
        CHECK(r.html.find("<h1 id=\"quoted\">") != std::string::npos);
        CHECK(r.html.find("<h2 id=\"listed\">") != std::string::npos);
    }
    SUBCASE("an empty heading is a section") {
        const auto r = rendered("#\n\n# !!!\n");
        CHECK(r.html == "<h1 id=\"section\"></h1>\n<h1 id=\"section-1\">!!!</h1>\n");
    }
    SUBCASE("heading_ids off gives cmark's plain headings and no toc ids") {
        md::Options options;
        options.heading_ids = false;
        const auto r = rendered("## Plain\n", options);
        CHECK(r.html == "<h2>Plain</h2>\n");
        REQUIRE(r.toc.size() == 1);
        CHECK(r.toc[0].id.empty());
        CHECK(r.toc[0].text == "Plain");
    }
    SUBCASE("raw <h2> in unsafe HTML is left alone") {
        md::Options options;
        options.unsafe_html = true;
        const auto r = rendered("<h2>raw</h2>\n\n## Real\n", options);
        CHECK(r.html == "<h2>raw</h2>\n<h2 id=\"real\">Real</h2>\n");
    }
}

TEST_CASE("markdown::render raw HTML") {
    SUBCASE("is omitted by default") {
        const auto r = rendered("<script>alert(1)</script>\n\nText <b>bold</b> [x](javascript:alert(1))\n");
        CHECK(r.html.find("<script>") == std::string::npos);
        CHECK(r.html.find("<b>") == std::string::npos);
        CHECK(r.html.find("<!-- raw HTML omitted -->") != std::string::npos);
        CHECK(r.html.find("javascript:") == std::string::npos);
    }
    SUBCASE("passes with unsafe_html, still through tagfilter") {
        md::Options options;
        options.unsafe_html = true;
        const auto r = rendered("<div>ok</div>\n\n<b>b</b> <script>x</script>\n", options);
        CHECK(r.html.find("<div>ok</div>") != std::string::npos);
        CHECK(r.html.find("<b>b</b>") != std::string::npos);
        CHECK(r.html.find("&lt;script>") != std::string::npos);
    }
}

TEST_CASE("markdown::render extensions") {
    const auto r = rendered("~~old~~ www.example.com\n\n| a |\n|---|\n| 1 |\n\n- [x] done\n\nNote[^1]\n\n[^1]: Here.\n");
    CHECK(r.html.find("<del>old</del>") != std::string::npos);
    CHECK(r.html.find("<a href=\"http://www.example.com\">") != std::string::npos);
    CHECK(r.html.find("<table>") != std::string::npos);
    CHECK(r.html.find("checked=\"\" disabled=\"\"") != std::string::npos);
    CHECK(r.html.find("class=\"footnotes\"") != std::string::npos);
}

TEST_CASE("markdown::render links") {
    SUBCASE("each link and image with its source position") {
        const auto r = rendered("Intro [one](/a) and ![pic *x*](img.png \"t\").\n\n> quote\nlazy [two][r]\n\n[r]: https://example.org/\n");
        REQUIRE(r.links.size() == 3);
        CHECK(r.links[0].url == "/a");
        CHECK(r.links[0].line == 1);
        CHECK(r.links[0].col == 7);
        CHECK_FALSE(r.links[0].is_image);
        CHECK(r.links[0].alt == "one");
        CHECK(r.links[1].url == "img.png");
        CHECK(r.links[1].is_image);
        CHECK(r.links[1].alt == "pic x");
        CHECK(r.links[1].col == 21);
        CHECK(r.links[2].url == "https://example.org/");
        CHECK(r.links[2].line == 4);
        CHECK(r.links[2].col == 6);  // cmark says 8 on a lazy line
    }
    SUBCASE("bare autolinks, which cmark leaves without a position") {
        const auto r = rendered("First line\nsee https://a.example/x or mail@example.com\n");
        REQUIRE(r.links.size() == 2);
        CHECK(r.links[0].url == "https://a.example/x");
        CHECK(r.links[0].line == 2);
        CHECK(r.links[0].col == 5);
        CHECK(r.links[1].url == "mailto:mail@example.com");
        CHECK(r.links[1].line == 2);
        CHECK(r.links[1].col == 28);
    }
    SUBCASE("columns count bytes") {
        const auto r = rendered("日本語の[リンク](/ja)\n");
        REQUIRE(r.links.size() == 1);
        CHECK(r.links[0].col == 13);
    }
}

TEST_CASE("markdown::render summary") {
    SUBCASE("the blocks before <!-- more -->") {
        const auto r = rendered("# Title\n\nFirst.\n\nSecond.\n\n<!-- more -->\n\nRest.\n");
        CHECK(r.summary_html == "<h1 id=\"title\">Title</h1>\n<p>First.</p>\n<p>Second.</p>\n");
        CHECK(r.html.find("<p>Rest.</p>") != std::string::npos);
    }
    SUBCASE("<!--more--> without spaces works too") {
        const auto r = rendered("One.\n\n<!--more-->\n\nTwo.\n");
        CHECK(r.summary_html == "<p>One.</p>\n");
    }
    SUBCASE("otherwise the first paragraph") {
        const auto r = rendered("## Heading\n\n- list\n\nThe *first* paragraph.\n\nAnother.\n");
        CHECK(r.summary_html == "<p>The <em>first</em> paragraph.</p>\n");
    }
    SUBCASE("empty when there is no paragraph") {
        CHECK(rendered("# Only a heading\n").summary_html.empty());
    }
}

TEST_CASE("markdown::render plain_text") {
    const auto r = rendered("# Title\n\nSome *text* with `code`.\n\n<div>raw</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nfn()\n```\n");
    CHECK(r.plain_text == "Title\nSome text with code.\na b\n1 2\nfn()");
}

TEST_CASE("markdown::render survives hostile nesting") {
    SUBCASE("10,000 nested blockquotes") {
        const auto r = rendered(repeat("> ", 10000) + "# deep\n");
        CHECK(r.toc.size() == 1);
        CHECK(r.html.find("<h1 id=\"deep\">deep</h1>") != std::string::npos);
    }
    SUBCASE("10,000 nested lists") {
        const auto r = rendered(repeat("- ", 10000) + "[x](/deep)\n");
        CHECK(r.links.size() == 1);
        CHECK(r.html.size() > 10000 * 9);
    }
    SUBCASE("10,000 nested ordered lists, one per line") {
        std::string text;
        for (int i = 0; i < 10000; ++i) text += std::string(static_cast<std::size_t>(i) * 3 % 4, ' ') + "1. x\n";
        CHECK_FALSE(rendered(text).html.empty());
    }
    SUBCASE("10,000 nested images") {
        const auto r = rendered(repeat("![", 10000) + "x" + repeat("](/i.png)", 10000) + "\n");
        CHECK(r.links.size() == 10000);
        CHECK(r.links.back().alt == "x");
    }
    SUBCASE("deeply nested inlines") {
        const auto r = rendered(repeat("*a ", 10000) + repeat("[", 10000) + repeat("](/x)", 10000) + "\n");
        CHECK_FALSE(r.html.empty());
    }
}

TEST_CASE("markdown::render is thread-safe") {
    // cmark-gfm's inline parser shares a global table between parsers (see
    // cmark_setup.cpp); unsynchronised, parallel parses lose strikethrough.
    // They run unsynchronised here: the table is fixed once for all parses.
    CHECK(md::parses_run_in_parallel());
    std::string text;
    for (int i = 0; i < 50; ++i) text += "## Part " + std::to_string(i % 7) + "\n\nSome ~~old~~ text at www.example.com and https://x.example.\n\n";
    const md::Rendered expected = rendered(text);
    constexpr int kThreads = 8;
    constexpr int kRounds = 25;
    std::vector<int> mismatches(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                const md::Rendered r = rendered(text);
                if (r.html != expected.html || r.summary_html != expected.summary_html ||
                    r.links.size() != expected.links.size())
                    ++mismatches[static_cast<std::size_t>(t)];
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (int t = 0; t < kThreads; ++t) CHECK(mismatches[static_cast<std::size_t>(t)] == 0);
    CHECK(expected.html.find("<del>old</del>") != std::string::npos);
}
