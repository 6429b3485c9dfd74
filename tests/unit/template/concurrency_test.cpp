#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "helpers.h"

using namespace portal::tmpl;
using namespace portal::tmpl::testing;

TEST_CASE("tmpl::concurrency many threads render from one store and one context") {
    TemplateStore store = store_of({
        {"base.html", "<title>{% block title %}{% endblock %}</title>{% block body %}{% endblock %}"},
        {"page.html",
         "{% extends 'base.html' %}{% import 'ui.html' as ui %}"
         "{% block title %}{{ page.title }}{% endblock %}"
         "{% block body %}{% set ns = namespace(total=0) %}"
         "{% for p in pages %}{{ ui.card(p) }}{% set ns.total = ns.total + p.n %}{% endfor %}"
         "{{ ns.total }} {{ pages|map(attribute='title')|join(',') }}{% include 'foot.html' %}{% endblock %}"},
        {"ui.html", "{% macro card(p) %}<li>{{ p.title }}</li>{% endmacro %}"},
        {"foot.html", "<footer>{{ page.title|upper }}</footer>"},
    });
    // One site-wide list shared by every render, as the generator does.
    std::vector<Value> pages;
    for (int i = 0; i < 200; ++i)
        pages.push_back(Value::map({{"title", Value::string("p<" + std::to_string(i) + ">")}, {"n", Value::integer(i)}}));
    Value shared = Value::list(std::move(pages));

    auto context_for = [&](int i) {
        return Value::map({{"page", Value::map({{"title", Value::string("Page " + std::to_string(i))}})},
                           {"pages", shared}});
    };
    std::vector<std::string> expected(16);
    for (int i = 0; i < 16; ++i) expected[i] = store.render("page.html", context_for(i)).value();

    std::vector<int> mismatches(8, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 40; ++round) {
                int i = (t + round) % 16;
                auto r = store.render("page.html", context_for(i));
                if (!r.ok() || r.value() != expected[i]) ++mismatches[t];
            }
        });
    }
    for (std::thread& th : threads) th.join();
    for (int t = 0; t < 8; ++t) CHECK(mismatches[t] == 0);
    CHECK(expected[3].find("<title>Page 3</title>") == 0);
    CHECK(expected[3].find("19900 p&lt;0&gt;,p&lt;1&gt;") != std::string::npos);
}
