#include <doctest/doctest.h>

#include "content/load_page.h"
#include "content/page_cache.h"
#include "content/site_builder.h"

using namespace portal::content;

namespace {

// The file line of front matter field `key`, as diagnostics compute it.
int line_of(const Page& page, const char* key) {
    const toml::node* node = page.front_matter.get(key);
    REQUIRE(node != nullptr);
    return static_cast<int>(node->source().begin.line) + page.front_matter_line - 1;
}

}  // namespace

TEST_CASE("PageCache hands out pages whose front matter keeps its source lines") {
    // A BOM and CRLF newlines: the kept text must be what load_page parsed.
    PageSource source{"content/news/a.ja.md", "news", "a.ja.md",
                      "\xEF\xBB\xBF+++\r\ntitle = \"A\"\r\n\r\ncolour = \"red\"\r\n+++\r\nBody.\r\n"};
    LoadOptions options;
    options.languages = {"ja", "en"};
    std::string front_matter;
    auto loaded = load_page(source, options, &front_matter);
    REQUIRE(loaded.ok());
    REQUIRE(line_of(*loaded, "colour") == 4);

    PageCache cache;
    const FileStamp stamp{10, 20, 30, 40};
    cache.store(source.path, stamp, options, loaded, front_matter);

    auto copy = cache.copy(source.path, stamp, options);
    REQUIRE(copy.has_value());
    REQUIRE(copy->ok());
    // A plain copy of the table would say line 1 (toml++ copies no positions).
    CHECK(line_of(copy->value(), "colour") == 4);
    CHECK(line_of(copy->value(), "title") == 2);
    CHECK(copy->value().front_matter == loaded->front_matter);
    CHECK(copy->value().title == "A");

    SUBCASE("another stamp or other options: not kept") {
        FileStamp touched = stamp;
        touched.ctime_ns += 1;
        CHECK_FALSE(cache.copy(source.path, touched, options).has_value());
        LoadOptions other = options;
        other.summary_length = 50;
        CHECK_FALSE(cache.copy(source.path, stamp, other).has_value());
        LoadOptions without_text = options;  // a site that gained or lost its search page
        without_text.keep_plain_text = false;
        CHECK_FALSE(cache.copy(source.path, stamp, without_text).has_value());
    }
}

TEST_CASE("A page loaded without its plain text keeps its reading time") {
    std::string body;
    for (int i = 0; i < 400; ++i) body += "Telework keeps offices open in a disaster. ";
    PageSource source{"content/news/b.en.md", "news", "b.en.md", "+++\ntitle = \"B\"\n+++\n" + body + "\n"};
    LoadOptions options;
    options.languages = {"ja", "en"};
    auto with_text = load_page(source, options);
    options.keep_plain_text = false;
    auto without_text = load_page(source, options);
    REQUIRE(with_text.ok());
    REQUIRE(without_text.ok());
    CHECK(with_text->content.plain_text.find("Telework keeps offices open") == 0);
    CHECK(without_text->content.plain_text.empty());
    CHECK(with_text->reading_minutes > 1);
    CHECK(without_text->reading_minutes == with_text->reading_minutes);
    CHECK(without_text->content.html == with_text->content.html);
}

TEST_CASE("Plain text is kept only where a page is in the search section") {
    using portal::content::keeps_plain_text;
    CHECK(keeps_plain_text({"news", "cases/tokyo"}, ""));  // no section named: always kept
    CHECK_FALSE(keeps_plain_text({"news", "cases/tokyo", "searching"}, "search"));
    CHECK(keeps_plain_text({"news", "search"}, "search"));
    CHECK(keeps_plain_text({"search/help"}, "search"));
}
