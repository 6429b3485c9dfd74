// How the link checker reads URLs and generated HTML.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "check/resolve_url.h"
#include "html/scan.h"

using portal::check::resolve_url;
using portal::check::Target;

namespace {
constexpr const char* kBase = "https://example.org/";
// The files a site has, as output_file_for's `find` sees them.
std::string_view known_file(std::string_view rel) {
    for (const std::string_view file : {"a/index.html", "doc.pdf", "b/index.html"})
        if (rel == file) return file;
    return {};
}
}  // namespace

TEST_CASE("check::resolve_url") {
    SUBCASE("root-relative and relative paths resolve against the page") {
        CHECK(resolve_url("/cases/x/", "/en/news/a/", kBase).path == "/cases/x/");
        CHECK(resolve_url("../b/", "/en/news/a/", kBase).path == "/en/news/b/");
        CHECK(resolve_url("./c.pdf", "/en/news/a/", kBase).path == "/en/news/a/c.pdf");
        CHECK(resolve_url("../../../../x/", "/a/", kBase).path == "/../x/");
    }
    SUBCASE("dot segments anywhere are removed; names that only start with a dot are kept") {
        CHECK(resolve_url("/a/./b/../c", "/", kBase).path == "/a/c");
        CHECK(resolve_url("/a/b/.", "/", kBase).path == "/a/b/");
        CHECK(resolve_url("/a/b/..", "/", kBase).path == "/a/");
        CHECK(resolve_url("/a/%2E%2E/b/", "/", kBase).path == "/b/");  // decoded first, as before
        CHECK(resolve_url("/a/.well-known/x", "/", kBase).path == "/a/.well-known/x");
        CHECK(resolve_url("/a/..b/c/", "/", kBase).path == "/a/..b/c/");
        CHECK(resolve_url("/a//b/", "/", kBase).path == "/a//b/");
        CHECK(resolve_url("/", "/en/", kBase).path == "/");
    }
    SUBCASE("fragments and queries") {
        const Target t = resolve_url("/news/?page=2#%E6%A6%82%E8%A6%81", "/", kBase);
        CHECK(t.kind == Target::Kind::internal);
        CHECK(t.path == "/news/");
        CHECK(t.has_fragment);
        CHECK(t.fragment == "概要");
        const Target self = resolve_url("#top", "/en/a/", kBase);
        CHECK(self.path == "/en/a/");
        CHECK(self.fragment == "top");
    }
    SUBCASE("percent-encoded Japanese paths are decoded") {
        CHECK(resolve_url("/%E3%83%86/", "/", kBase).path == "/テ/");
    }
    SUBCASE("schemes") {
        CHECK(resolve_url("https://www.soumu.go.jp/", "/", kBase).kind == Target::Kind::external);
        CHECK(resolve_url("//cdn.example.net/x.js", "/", kBase).kind == Target::Kind::external);
        CHECK(resolve_url("HTTPS://EXAMPLE.ORG/cases/", "/", kBase).kind == Target::Kind::unchecked);
        CHECK(resolve_url("mailto:a@example.org", "/", kBase).kind == Target::Kind::unchecked);
        CHECK(resolve_url("tel:0312345678", "/", kBase).kind == Target::Kind::unchecked);
        CHECK(resolve_url("  /a/  ", "/", kBase).path == "/a/");
    }
}

TEST_CASE("check::output_file_for") {
    auto output_file_for = [](std::string_view path) {
        std::string scratch = "left over from an earlier lookup";
        return portal::check::output_file_for(path, scratch, known_file);
    };
    CHECK(output_file_for("/a/") == "a/index.html");
    CHECK(output_file_for("/a") == "a/index.html");
    CHECK(output_file_for("/doc.pdf") == "doc.pdf");
    CHECK(output_file_for("/c/").empty());
    CHECK(output_file_for("/c").empty());
    CHECK(output_file_for("/../b/").empty());
    CHECK(output_file_for("b").empty());
    CHECK(portal::check::url_of_output("cases/x/index.html") == "/cases/x/");
    CHECK(portal::check::url_of_output("index.html") == "/");
    CHECK(portal::check::url_of_output("doc.pdf") == "/doc.pdf");
}

TEST_CASE("html::scan") {
    const auto doc = portal::html::scan(
        "<!DOCTYPE html>\n<html><head><title> A\n  title </title>\n"
        "<link rel=\"stylesheet\" href=\"/css/main.css\"></head>\n"
        "<body><nav id=\"menu\"><a href=\"/a/?x=1&amp;y=2\">a</a></nav>\n"
        "<figure><img src=\"/i.png\"><img src=\"/j.png\" alt=\"\"></figure>\n"
        "<h2 id=\"概要\">概要</h2><a name=\"old\"></a><script src=\"/js/x.js\"></script>\n"
        "<svg><text>no links</text></svg></body></html>");
    CHECK(doc.title == "A title");
    REQUIRE(doc.references.size() == 5);
    CHECK(doc.references[0].element() == "link");
    CHECK(doc.references[0].rel == "stylesheet");
    CHECK(doc.references[0].line == 4);
    CHECK(doc.references[1].url == "/a/?x=1&y=2");
    CHECK(doc.references[1].kind == portal::html::ReferenceKind::link);
    CHECK(doc.references[1].line == 5);
    CHECK(doc.references[4].element() == "script");
    REQUIRE(doc.images.size() == 2);
    CHECK_FALSE(doc.images[0].has_alt);
    CHECK(doc.images[1].has_alt);
    CHECK(doc.ids == std::vector<std::string>{"menu", "old", "概要"});
}

TEST_CASE("html::scan: a bare attribute is present and empty; only the first title counts") {
    const auto doc = portal::html::scan(
        "<title>First</title><title>Second</title>\n<img src=\"/k.png\" alt><img src=/l.png>\n<p id=\"\">x</p>");
    CHECK(doc.title == "First");
    REQUIRE(doc.images.size() == 2);
    CHECK(doc.images[0].has_alt);
    CHECK_FALSE(doc.images[1].has_alt);
    CHECK(doc.images[1].src == "/l.png");
    CHECK(doc.images[1].line == 2);
    CHECK(doc.ids.empty());
}

TEST_CASE("html::scan: a reference's line counts every newline before it, however far") {
    // Runs of text longer than the newline counter's blocks (16 bytes, its
    // lanes added up every 255 blocks), newlines at every offset within a
    // block, CR LF pairs, and references at odd offsets: each line is checked
    // against a plain count of the newlines before the reference.
    std::string html(5000, '\n');  // every byte a newline: the lanes' counts at their highest
    std::vector<int> expected;
    std::mt19937 random(20261207);
    for (int reference = 0; reference < 40; ++reference) {
        const int text_length = static_cast<int>(random() % 9000);
        for (int i = 0; i < text_length; ++i) {
            const unsigned pick = random() % 23;
            html += pick == 0 ? '\n' : pick == 1 ? '\r' : static_cast<char>('a' + pick);
        }
        expected.push_back(1 + static_cast<int>(std::count(html.begin(), html.end(), '\n')));
        html += "<a href=\"/p" + std::to_string(reference) + "/\">x</a>";
    }
    const auto doc = portal::html::scan(html);
    REQUIRE(doc.references.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) CHECK(doc.references[i].line == expected[i]);
}

TEST_CASE("html::scan never fails") {
    CHECK(portal::html::scan("").references.empty());
    CHECK(portal::html::scan("<a href=x").references.size() <= 1);
    std::string deep;
    for (int i = 0; i < 20000; ++i) deep += "<div>";
    deep += "<a href=\"/deep/\">x</a>";
    const auto doc = portal::html::scan(deep);
    CHECK(doc.references.size() <= 1);
}

// Where the scanner reads as a browser does and libxml2, its test oracle
// (tests/html/test_scan_oracle.py), does not.
TEST_CASE("html::scan: a script runs to its own end tag, whatever else its text holds") {
    const auto doc = portal::html::scan(
        "<script>const row = \"<td><a href='/not-a-link/'>x</a></td>\";</script>\n"
        "<style>p::after { content: \"</p>\" }</STYLE >\n<a href=\"/real/\">y</a>");
    REQUIRE(doc.references.size() == 1);
    CHECK(doc.references[0].url == "/real/");
    CHECK(doc.references[0].line == 3);
}

TEST_CASE("html::scan: the title is the text of <title> without its tags, and a repeated <body>'s id counts") {
    const auto doc = portal::html::scan(
        "<title>Telework &amp; <b>you</b></title><body id=\"top\"><p>x</p><body id=\"again\">");
    CHECK(doc.title == "Telework & you");
    CHECK(doc.ids == std::vector<std::string>{"again", "top"});
}

TEST_CASE("html::scan: character references in URLs, and where a tag ends") {
    const auto doc = portal::html::scan(
        "<a href=\"/q?a=1&amp;b=&#x32;&c=3&unknown;\">1</a>\n<a HREF=/x/y/>2</a>\n"
        "<a\nhref='/z/'\n>3</a><a href=\"/bad&#0;tail\">4</a><a href=\"/first\" href=\"/second\">5</a>");
    REQUIRE(doc.references.size() == 5);
    CHECK(doc.references[0].url == "/q?a=1&b=2&c=3&unknown;");
    CHECK(doc.references[1].url == "/x/y/");  // an unquoted value keeps its `/`
    CHECK(doc.references[2].url == "/z/");
    CHECK(doc.references[2].line == 5);       // the line of the tag's `>`
    CHECK(doc.references[3].url == "/bad");   // libxml2 ends the value at an invalid reference
    CHECK(doc.references[4].url == "/first");
}
