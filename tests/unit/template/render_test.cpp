#include <doctest/doctest.h>

#include "helpers.h"

using namespace portal::tmpl;
using namespace portal::tmpl::testing;
using portal::Diagnostic;
using portal::Result;

TEST_CASE("tmpl::render output and autoescaping") {
    Value ctx = Value::map({{"name", Value::string("<Sato & Co>")}, {"n", Value::integer(3)}});
    CHECK(render("Hello {{ name }}!", ctx) == "Hello &lt;Sato &amp; Co&gt;!");
    CHECK(render("{{ name|safe }}", ctx) == "<Sato & Co>");
    CHECK(render("{% for i in range(n) %}{{ loop.index }}{% endfor %}", ctx) == "123");

    SUBCASE("autoescape by extension: .txt does not escape") {
        TemplateStore store = store_of({{"a.txt", "{{ name }}"}, {"a.html", "{{ name }}"}});
        CHECK(store.render("a.txt", ctx).value() == "<Sato & Co>");
        CHECK(store.render("a.html", ctx).value() == "&lt;Sato &amp; Co&gt;");
        RenderOptions always;
        always.autoescape = Autoescape::always;
        CHECK(store.render("a.txt", ctx, always).value() == "&lt;Sato &amp; Co&gt;");
    }
    CHECK(autoescape_by_name("feed.XML"));
    CHECK(autoescape_by_name("partials/nav.html"));
    CHECK_FALSE(autoescape_by_name("calendar.ics"));
    CHECK_FALSE(autoescape_by_name("data.json"));
}

TEST_CASE("tmpl::render host functions and filters") {
    Value t = Value::function(
        [](const CallArgs& args) -> Result<Value> {
            const Value* key = args.arg(0, "key");
            if (!key || !key->is_string()) return portal::make_error("", 0, 0, "t() needs a key");
            return Value::string("[" + key->as_string() + "]");
        },
        "t");
    Value globals = Value::map({{"t", t}, {"site_name", Value::string("Portal")}});
    HostFilters filters;
    filters["shout"] = [](const Value& input, const CallArgs& args) -> Result<Value> {
        const Value* times = args.arg(0, "times");
        std::string s = input.to_string();
        for (std::int64_t i = 1; i < (times ? times->as_int() : 1); ++i) s += input.to_string();
        return Value::string(s + "!");
    };
    filters["broken"] = [](const Value&, const CallArgs&) -> Result<Value> {
        return portal::make_error("", 0, 0, "cannot do that");
    };
    StoreOptions declared;
    declared.host_filters = {"shout", "broken", "missing_impl"};
    RenderOptions options;
    options.globals = &globals;
    options.filters = &filters;

    TemplateStore store = store_of({{"page.html", "{{ t('menu.home') }} {{ 'hi'|shout(times=2) }} {{ site_name }}"},
                                    {"lib.html", "{% macro m() %}{{ t('x') }}/{{ page_only|default('-') }}{% endmacro %}"},
                                    {"uses_lib.html", "{% import 'lib.html' as lib %}{{ lib.m() }}"},
                                    {"bad.html", "line\n  {{ 'x'|broken }}"},
                                    {"undeclared.html", "{{ 'x'|missing_impl }}"},
                                    {"bad_t.html", "{{ t(1) }}"}},
                                   declared);
    Value ctx = Value::map({{"page_only", Value::string("P")}});

    CHECK(store.render("page.html", ctx, options).value() == "[menu.home] hihi! Portal");
    // Imported macro files see the globals but not the render context, as in Jinja.
    CHECK(store.render("uses_lib.html", ctx, options).value() == "[x]/-");

    SUBCASE("a host error gets the template position") {
        auto r = store.render("bad.html", ctx, options);
        REQUIRE_FALSE(r.ok());
        const Diagnostic& d = r.errors().front();
        CHECK(d.path == "bad.html");
        CHECK(d.line == 2);
        CHECK(d.col == 10);
        CHECK(d.message == "filter `broken`: cannot do that");
    }
    SUBCASE("a function error gets the template position") {
        auto r = store.render("bad_t.html", ctx, options);
        REQUIRE_FALSE(r.ok());
        CHECK(r.errors().front().col == 4);
        CHECK(r.errors().front().message == "`t`: t() needs a key");
    }
    SUBCASE("a declared filter without implementation is a render error") {
        auto r = store.render("undeclared.html", ctx, options);
        REQUIRE_FALSE(r.ok());
        CHECK(r.errors().front().message.find("missing_impl") != std::string::npos);
    }
    SUBCASE("an undeclared host filter is a parse error") {
        auto s = TemplateStore::from_sources({{"x.html", "{{ 1|shout }}"}});
        REQUIRE_FALSE(s.ok());
        CHECK(s.errors().front().message == "unknown filter `shout`");
    }
}

TEST_CASE("tmpl::render strict undefined") {
    RenderOptions strict;
    strict.strict_undefined = true;
    Value ctx = Value::map({{"page", Value::map({{"title", Value::string("T")}})}});
    CHECK(render("{{ page.title }}{{ missing is defined }}{{ missing|default('d') }}", ctx, strict) == "TFalsed");

    Diagnostic d = render_error("a\n  {{ page.titel }}", ctx, strict);
    CHECK(d.path == "main.html");
    CHECK(d.line == 2);
    CHECK(d.col == 6);
    CHECK(d.message.find("`page.titel` is undefined") == 0);

    // Without strict mode the same template renders an empty string.
    CHECK(render("a\n  {{ page.titel }}", ctx) == "a\n  ");
}
