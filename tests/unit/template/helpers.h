// Small helpers shared by the template unit tests.
#pragma once

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "template/store.h"

namespace portal::tmpl::testing {

// Builds a store from (name, text) pairs; fails the test on parse errors.
inline TemplateStore store_of(const std::vector<TemplateSource>& sources, const StoreOptions& options = {}) {
    auto store = TemplateStore::from_sources(sources, options);
    if (!store) FAIL("parse error: " << store.errors().front().message);
    return std::move(store.value());
}

// Renders `text` as template "main.html" (autoescaped) with `context`.
inline std::string render(const std::string& text, const Value& context = Value::map({}),
                          const RenderOptions& options = {}) {
    TemplateStore store = store_of({{"main.html", text}});
    auto out = store.render("main.html", context, options);
    if (!out) FAIL("render error: " << out.errors().front().message);
    return out.value();
}

// The first error of rendering `text` (an empty Diagnostic if it rendered).
inline Diagnostic render_error(const std::string& text, const Value& context = Value::map({}),
                               const RenderOptions& options = {}) {
    auto store = TemplateStore::from_sources({{"main.html", text}});
    if (!store) return store.errors().front();
    auto out = store->render("main.html", context, options);
    if (out) return Diagnostic{};
    return out.errors().front();
}

}  // namespace portal::tmpl::testing
