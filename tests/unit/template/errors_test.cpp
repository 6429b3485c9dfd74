#include <doctest/doctest.h>

#include "helpers.h"

using namespace portal::tmpl;
using namespace portal::tmpl::testing;
using portal::Diagnostic;

TEST_CASE("tmpl::errors parse errors carry file, line and column") {
    auto store = TemplateStore::from_sources({{"ok.html", "fine"},
                                              {"a.html", "one\ntwo {{ x y }}", "themes/default/templates/a.html"},
                                              {"b.html", "{% if x %}\nopen", "templates/b.html"}});
    REQUIRE_FALSE(store.ok());
    // Every broken template is reported, not just the first.
    REQUIRE(store.errors().size() == 2);
    const Diagnostic& a = store.errors()[0];
    CHECK(a.path == "themes/default/templates/a.html");
    CHECK(a.line == 2);
    CHECK(a.col == 10);
    CHECK(a.message == "expected token 'end of print statement', got 'y'");
    const Diagnostic& b = store.errors()[1];
    CHECK(b.path == "templates/b.html");
    CHECK(b.line == 1);
    CHECK(b.message.find("`{% if %}` (line 1) is never closed") == 0);
}

TEST_CASE("tmpl::errors unsupported features are parse errors") {
    auto check = [](const std::string& text, const std::string& message) {
        auto store = TemplateStore::from_sources({{"t.html", text}});
        REQUIRE_FALSE(store.ok());
        CHECK(store.errors().front().message.find(message) != std::string::npos);
    };
    check("{% for x in xs recursive %}{% endfor %}", "unsupported Jinja feature `recursive for loop`");
    check("{% do x %}", "unsupported Jinja feature `{% do %}`");
    check("{{ x|urlize }}", "unsupported Jinja feature `urlize filter`");
    check("{{ x|nope }}", "unknown filter `nope`");
    check("{{ x is nope }}", "unknown test `nope`");
    check("{% nope %}", "unknown tag `{% nope %}`");
    check("{{ f(*args) }}", "unsupported Jinja feature `*args / **kwargs in calls`");
}

TEST_CASE("tmpl::errors runtime errors point into the failing template") {
    TemplateStore store = store_of({{"page.html", "{% include 'part.html' %}"},
                                    {"part.html", "ok\nok {{ 1 + 'x' }}"}});
    auto r = store.render("page.html", Value::map({}));
    REQUIRE_FALSE(r.ok());
    const Diagnostic& d = r.errors().front();
    CHECK(d.path == "part.html");
    CHECK(d.line == 2);
    CHECK(d.col == 7);
    CHECK(d.message == "unsupported operand type(s) for +: 'int' and 'str'");

    auto missing = store.render("nope.html", Value::map({}));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.errors().front().message == "template `nope.html` not found");
}

TEST_CASE("tmpl::errors invalid UTF-8 is rejected") {
    auto store = TemplateStore::from_sources({{"t.html", "ok\n\xff"}});
    REQUIRE_FALSE(store.ok());
    CHECK(store.errors().front().line == 2);
}
