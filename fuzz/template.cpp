// The template engine (template/): lexer, parser, store checks and renderer.
// Input: up to three templates separated by NUL bytes — main.html, base.html
// and macros.html (defaults given when absent, so `extends`, `include` and
// `import` find something). main.html is rendered with and without strict
// undefined, with the generator's own filters and a context of the shapes
// the site model has. Seeds: the theme's templates and the Jinja differential
// test's cases (fuzz/seeds.py).
#include <string>
#include <vector>

#include "build/date_filters.h"
#include "build/text_filters.h"
#include "build/url_filters.h"
#include "fuzz_input.h"
#include "template/store.h"

namespace {

using portal::tmpl::Value;

Value context() {
    auto page = [](const char* title, const char* url) {
        return Value::map({{"title", Value::string(title)},
                           {"url", Value::string(url)},
                           {"date", Value::string("2025-06-20T14:00:00+09:00")},
                           {"content", Value::safe("<p>Body</p>")},
                           {"weight", Value::integer(3)},
                           {"tags", Value::list({Value::string("a"), Value::string("b")})}});
    };
    return Value::map({
        {"page", page("<script>alert(1)</script>", "/news/a/")},
        {"pages", Value::list({page("テレワーク", "/a/"), page("B", "/b/"), page("", "/c/")})},
        {"lang", Value::string("ja")},
        {"n", Value::integer(7)},
        {"x", Value::number(2.5)},
        {"none", Value::none()},
        {"flag", Value::boolean(true)},
        {"text", Value::string("Telework 推進 \"quoted\" & <b>")},
        {"items", Value::map({{"one", Value::integer(1)}, {"two", Value::integer(2)}})},
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace portal::tmpl;
    const auto parts = portal::fuzz::split(portal::fuzz::as_text(data, size), '\0', 3);
    std::vector<TemplateSource> sources = {{"main.html", std::string(parts[0]), ""}};
    if (!parts[1].empty()) sources.push_back({"base.html", std::string(parts[1]), ""});
    if (!parts[2].empty()) sources.push_back({"macros.html", std::string(parts[2]), ""});
    sources.push_back({"base.html", "<title>{% block title %}{% endblock %}</title>{% block content %}{% endblock %}", ""});
    sources.push_back({"macros.html", "{% macro item(p, cls='x') %}<a class=\"{{ cls }}\">{{ p.title }}</a>{% endmacro %}", ""});
    sources.push_back({"plain.txt", "{{ text }}", ""});
    // The generator's own filters (build/render_outputs.cpp merges the same three).
    static const HostFilters filters = [] {
        HostFilters all = portal::build::date_filters();
        for (const auto& [name, filter] : portal::build::text_filters()) all.emplace(name, filter);
        for (const auto& [name, filter] : portal::build::url_filters()) all.emplace(name, filter);
        return all;
    }();
    StoreOptions store_options;
    for (const auto& [name, filter] : filters) store_options.host_filters.push_back(name);
    auto store = TemplateStore::from_sources(sources, store_options);
    if (!store) return 0;
    static const Value values = context();
    for (bool strict : {false, true}) {
        RenderOptions options;
        options.strict_undefined = strict;
        options.filters = &filters;
        (void)store->render("main.html", values, options);
    }
    return 0;
}
