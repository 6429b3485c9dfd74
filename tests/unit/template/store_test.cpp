#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "helpers.h"

using namespace portal::tmpl;
namespace fs = std::filesystem;

namespace {

// A fresh directory, removed at the end of the test.
struct TempDir {
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("portal-tmpl-" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    void write(const std::string& rel, const std::string& text) const {
        fs::create_directories((path / rel).parent_path());
        std::ofstream(path / rel, std::ios::binary) << text;
    }
    fs::path path;
};

}  // namespace

TEST_CASE("tmpl::TemplateStore::load site templates override the theme") {
    TempDir root;
    root.write("theme/page.html", "theme page {% include 'partials/nav.html' %}");
    root.write("theme/partials/nav.html", "theme nav");
    root.write("theme/feed.xml", "<feed/>");
    root.write("theme/.hidden.html", "{% broken");
    root.write("theme/page.html~", "{% broken");
    root.write("site/partials/nav.html", "site nav");

    auto store = TemplateStore::load({root.path / "site", root.path / "theme", root.path / "does-not-exist"});
    REQUIRE(store.ok());
    CHECK(store->names() == std::vector<std::string>{"feed.xml", "page.html", "partials/nav.html"});
    CHECK(store->render("page.html", Value::map({})).value() == "theme page site nav");
}

TEST_CASE("tmpl::TemplateStore::load reports every broken file with its path") {
    TempDir root;
    root.write("t/a.html", "{{ x");
    root.write("t/sub/b.html", "\n\n{% endif %}");
    auto store = TemplateStore::load({root.path / "t"});
    REQUIRE_FALSE(store.ok());
    REQUIRE(store.errors().size() == 2);
    CHECK(store.errors()[0].path == (root.path / "t" / "a.html").string());
    CHECK(store.errors()[1].path == (root.path / "t" / "sub" / "b.html").string());
    CHECK(store.errors()[1].line == 3);
}
