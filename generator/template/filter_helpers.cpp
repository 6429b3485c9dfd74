#include "template/filter_helpers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include "template/builtins.h"
#include "template/escape.h"
#include "template/params.h"
#include "template/pyformat.h"
#include "template/unicode.h"

namespace portal::tmpl::filter_impl {

// ignore_case(): strings compare lower-cased unless case_sensitive.
Value ignore_case(const Value& v) { return v.is_string() ? Value::string(unicode::lower(v.str())) : v; }

AttrPath attr_path(const Value* attribute) {
    AttrPath p;
    if (!attribute || attribute->is_none()) return p;
    if (!attribute->is_string()) {
        p.parts.push_back(*attribute);
        return p;
    }
    std::string_view s = attribute->str();
    std::size_t start = 0;
    while (true) {
        std::size_t dot = s.find('.', start);
        std::string_view part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        bool digits = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        std::int64_t n = 0;
        if (digits && py::parse_int(part, 10, n)) p.parts.push_back(Value::integer(n));
        else p.parts.push_back(Value::string(std::string(part)));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return p;
}

Value follow(Interp& in, const AttrPath& path, const Value& item, const Value* fallback) {
    Value v = item;
    for (const Value& part : path.parts) {
        v = in.getitem(v, part);
        if (fallback && v.is_undefined()) v = *fallback;
    }
    return v;
}

Value list_of(std::vector<Value> items) { return Value::list(std::move(items)); }

// What Jinja's generator filters return (see ListStyle::generator).
Value generator_of(std::vector<Value> items) { return Value::list(std::move(items), ListStyle::generator); }

// Elements for filters that iterate.
std::vector<Value> elements(Interp& in, const Value& v) { return ops::iterate(in, v); }

void stable_sort_by(Interp& in, std::vector<std::size_t>& order, const std::vector<Value>& keys, bool reverse) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return reverse ? ops::less(in, keys[b], keys[a]) : ops::less(in, keys[a], keys[b]);
    });
}

}  // namespace portal::tmpl::filter_impl
