#include <doctest/doctest.h>

#include "helpers.h"

using namespace portal::tmpl;
using namespace portal::tmpl::testing;
using portal::Diagnostic;

namespace {

Diagnostic first_error(const std::vector<TemplateSource>& sources, const std::string& main) {
    auto store = TemplateStore::from_sources(sources);
    if (!store) return store.errors().front();
    auto r = store->render(main, Value::map({}));
    REQUIRE_FALSE(r.ok());
    return r.errors().front();
}

}  // namespace

TEST_CASE("tmpl::limits recursion is bounded and explained") {
    SUBCASE("an include loop names the chain") {
        Diagnostic d = first_error({{"a.html", "{% include 'b.html' %}"}, {"b.html", "{% include 'a.html' %}"}}, "a.html");
        CHECK(d.message.find("templates nest more than 64 levels deep") == 0);
        CHECK(d.message.find("`a.html` -> `b.html`") != std::string::npos);
    }
    SUBCASE("endless macro recursion") {
        Diagnostic d = first_error({{"m.html", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"}}, "m.html");
        CHECK(d.message.find("macro `f` -> macro `f`") != std::string::npos);
        CHECK(d.line == 1);
    }
    SUBCASE("an extends cycle") {
        Diagnostic d = first_error({{"a.html", "{% extends 'b.html' %}"}, {"b.html", "{% extends 'a.html' %}"}}, "a.html");
        CHECK(d.message == "`{% extends %}` cycle: `a.html` -> `b.html` -> `a.html`");
        CHECK(d.path == "b.html");
    }
    SUBCASE("a legitimately deep macro recursion still works") {
        TemplateStore store = store_of({{"m.html", "{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(30) }}"}});
        CHECK(store.render("m.html", Value::map({})).value().size() > 30);
    }
}

TEST_CASE("tmpl::limits parser nesting and huge values") {
    std::string deep = "{{ " + std::string(500, '(') + "1" + std::string(500, ')') + " }}";
    auto store = TemplateStore::from_sources({{"t.html", deep}});
    REQUIRE_FALSE(store.ok());
    CHECK(store.errors().front().message.find("nesting is too deep") != std::string::npos);

    std::string ifs;
    for (int i = 0; i < 300; ++i) ifs += "{% if true %}";
    auto nested = TemplateStore::from_sources({{"t.html", ifs}});
    REQUIRE_FALSE(nested.ok());
    CHECK(nested.errors().front().message.find("nesting is too deep") != std::string::npos);

    CHECK(render_error("{{ 'x' * 100000000000 }}").message == "string repetition result is too large");
    CHECK(render_error("{% for i in range(10000000) %}{% endfor %}").message.find("range() is too large") !=
          std::string::npos);
}
