// The pieces of the editors' features that are plain functions: the base-path
// rewrite of rendered HTML, slugs `portal new` accepts, and the comments it
// writes for a field.
#include <doctest/doctest.h>

#include "build/base_path.h"
#include "config/config.h"
#include "editing/front_matter_text.h"
#include "editing/new_page.h"

using portal::build::add_base_path;

TEST_CASE("base path: root-relative URLs in URL attributes get the prefix") {
    CHECK(add_base_path(R"(<a href="/cases/x/">x</a>)", "/pr/42") == R"(<a href="/pr/42/cases/x/">x</a>)");
    CHECK(add_base_path(R"(<img src='/a.png' alt="/not-a-url">)", "/p") == R"(<img src='/p/a.png' alt="/not-a-url">)");
    CHECK(add_base_path(R"(<form action=/search/ data-index="/search/index.json">)", "/p") ==
          R"(<form action=/p/search/ data-index="/p/search/index.json">)");
    CHECK(add_base_path(R"(<img srcset="/a.png 1x, /b.png 2x, https://x/c.png 3x">)", "/p") ==
          R"(<img srcset="/p/a.png 1x, /p/b.png 2x, https://x/c.png 3x">)");
    CHECK(add_base_path(R"(<A HREF="/x/">)", "/p") == R"(<A HREF="/p/x/">)");
}

TEST_CASE("base path: everything else is left as it is") {
    const std::string kept[] = {
        R"(<a href="//cdn.example/x">)",       // another host
        R"(<a href="https://example.org/x">)",  // absolute
        R"(<a href="../x/">)",                  // relative: follows the page
        R"(<a href="#top">)",
        R"(<p>href="/x" in text</p>)",
        R"(<!-- <a href="/x"> -->)",
        R"(<script>var u = '<a href="/x">';</script>)",
        R"(<style>a[href="/x"] { color: red }</style>)",
        R"(<input disabled value="/x">)",
    };
    for (const auto& html : kept) CHECK(add_base_path(html, "/p") == html);
    CHECK(add_base_path(R"(<a href="/x">)", "") == R"(<a href="/x">)");
    CHECK(add_base_path(R"(<script src="/s.js"></script><a href="/x">)", "/p") ==
          R"(<script src="/p/s.js"></script><a href="/p/x">)");
}

TEST_CASE("base path of a base URL") {
    portal::config::Config config;
    config.base_url = "https://example.org/";
    CHECK(config.base_path() == "");
    config.base_url = "https://owner.github.io/repo/pr/42/";
    CHECK(config.base_path() == "/repo/pr/42");
}

TEST_CASE("portal new: slugs are lower-case words joined by single hyphens") {
    for (const char* good : {"a", "telework-month-2025", "x1"}) CHECK(portal::editing::valid_new_slug(good));
    for (const char* bad : {"", "-a", "a-", "a--b", "A", "a b", "a_b", "a.b", "../a", "テレワーク"})
        CHECK_FALSE(portal::editing::valid_new_slug(bad));
    CHECK_FALSE(portal::editing::valid_new_slug(std::string(101, 'a')));
}

TEST_CASE("portal new: a field's comments say what it means, its range and its values") {
    portal::content::FieldSpec field;
    field.name = "fiscal_year";
    field.type = portal::content::FieldSpec::Type::integer;
    field.required = true;
    field.min = 1989;
    field.description_ja = "年度";
    field.description_en = "fiscal year";
    const portal::content::DataFiles none;
    CHECK(portal::editing::field_comments(field, none, "ja") ==
          std::vector<std::string>{"# 年度（必須）", "# 範囲: 1989 以上"});
    CHECK(portal::editing::field_comments(field, none, "en") ==
          std::vector<std::string>{"# fiscal year (required)", "# range: at least 1989"});
    field.type = portal::content::FieldSpec::Type::string;
    field.min.reset();
    field.required = false;
    field.values = {"small", "medium", "large"};
    CHECK(portal::editing::field_comments(field, none, "en") ==
          std::vector<std::string>{"# fiscal year", "# values: small, medium, large"});
}
