// Jinja's built-in filters over sequences and mappings (batch, join, map,
// select, sort, groupby, ...), reimplemented from jinja2/filters.py (3.1).
// Filters that return generators in Jinja return lists here.
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

namespace {

// Arguments after the first `skip` positional ones, for map/select.
CallArgs rest_args(const CallArgs& args, std::size_t skip) {
    CallArgs r = args;
    r.positional = args.positional.subspan(std::min(skip, args.positional.size()));
    return r;
}

Value select_or_reject(Interp& in, const Value& v, const CallArgs& args, bool select, bool lookup_attr) {
    if (!v.truthy()) return generator_of({});
    std::size_t off = 0;
    AttrPath path;
    if (lookup_attr) {
        if (args.positional.empty()) in.fail("Missing parameter for attribute name");
        path = attr_path(&args[0]);
        off = 1;
    }
    bool has_test = args.positional.size() > off;
    std::string test = has_test ? args[off].to_string() : std::string();
    CallArgs rest = rest_args(args, off + 1);
    std::vector<Value> out;
    for (Value& item : elements(in, v)) {
        Value x = lookup_attr ? follow(in, path, item) : item;
        bool r = has_test ? in.call_test(test, x, rest) : in.truthy(x);
        if (r == select) out.push_back(std::move(item));
    }
    return generator_of(std::move(out));
}

Value min_max(Interp& in, const Value& v, const CallArgs& args, bool want_max) {
    Params p(in, args, want_max ? "max" : "min", {"case_sensitive", "attribute"});
    std::vector<Value> items = elements(in, v);
    if (items.empty()) return Value::undefined(nullptr);
    bool case_sensitive = p.boolean(0, false);
    AttrPath path = attr_path(p[1]);
    auto key = [&](const Value& x) {
        Value k = follow(in, path, x);
        return case_sensitive ? k : ignore_case(k);
    };
    std::size_t best = 0;
    Value best_key = key(items[0]);
    for (std::size_t i = 1; i < items.size(); ++i) {
        Value k = key(items[i]);
        if (want_max ? ops::less(in, best_key, k) : ops::less(in, k, best_key)) {
            best = i;
            best_key = std::move(k);
        }
    }
    return items[best];
}

}  // namespace

Value f_batch(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "batch", {"linecount", "fill_with"});
    if (!p[0]) in.fail("batch() missing required argument 'linecount'");
    std::int64_t n = p.integer(0, 1);
    std::vector<Value> out, tmp;
    for (Value& item : elements(in, v)) {
        if (static_cast<std::int64_t>(tmp.size()) == n) {
            out.push_back(list_of(std::move(tmp)));
            tmp.clear();
        }
        tmp.push_back(std::move(item));
    }
    if (!tmp.empty()) {
        if (p.given(1))
            while (static_cast<std::int64_t>(tmp.size()) < n) tmp.push_back(*p[1]);
        out.push_back(list_of(std::move(tmp)));
    }
    return generator_of(std::move(out));
}

Value f_length(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "length", {});
    return Value::integer(static_cast<std::int64_t>(ops::length(in, v)));
}

Value f_dictsort(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "dictsort", {"case_sensitive", "by", "reverse"});
    if (!v.is_map()) {
        if (v.is_undefined()) in.fail_undefined(v);
        in.fail("'" + std::string(v.type_name()) + "' object has no attribute 'items'");
    }
    bool case_sensitive = p.boolean(0, false);
    std::string by = p[1] ? p[1]->to_string() : "key";
    if (by != "key" && by != "value") in.fail("You can only sort by either \"key\" or \"value\"");
    bool reverse = p.boolean(2, false);
    std::vector<Value> keys;
    std::vector<std::size_t> order;
    auto entries = v.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const Value& k = by == "key" ? entries[i].key : entries[i].value;
        keys.push_back(case_sensitive ? k : ignore_case(k));
        order.push_back(i);
    }
    stable_sort_by(in, order, keys, reverse);
    std::vector<Value> out;
    for (std::size_t i : order) out.push_back(Value::list({entries[i].key, entries[i].value}, ListStyle::tuple));
    return list_of(std::move(out));
}

Value f_first(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "first", {});
    if (v.is_list()) return v.items().empty() ? Value::undefined(nullptr) : v.items()[0];
    if (v.is_map()) return v.size() ? v.entries()[0].key : Value::undefined(nullptr);
    std::vector<Value> items = elements(in, v);
    return items.empty() ? Value::undefined(nullptr) : items.front();
}

Value f_last(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "last", {});
    if (v.is_list() && v.list_style() == ListStyle::generator) in.fail("'generator' object is not reversible");
    if (v.is_list()) return v.items().empty() ? Value::undefined(nullptr) : v.items().back();
    if (v.is_map()) return v.size() ? v.entries().back().key : Value::undefined(nullptr);
    std::vector<Value> items = elements(in, v);
    return items.empty() ? Value::undefined(nullptr) : items.back();
}

Value f_items(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "items", {});
    if (v.is_undefined()) return generator_of({});
    if (!v.is_map()) in.fail("Can only get item pairs from a mapping.");
    std::vector<Value> out;
    for (const MapEntry& e : v.entries()) out.push_back(Value::list({e.key, e.value}, ListStyle::tuple));
    return generator_of(std::move(out));
}

Value f_join(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "join", {"d", "attribute"});
    Value d = p[0] ? *p[0] : Value::string({});
    // Lists are joined in place: copying shared items would touch their
    // reference counts from every rendering thread.
    std::vector<Value> copied;
    std::span<const Value> items;
    if (v.is_list() && !p.given(1)) {
        items = v.items();
    } else {
        copied = elements(in, v);
        items = copied;
    }
    if (p.given(1)) {
        AttrPath path = attr_path(p[1]);
        for (Value& item : copied) item = follow(in, path, item);
    }
    std::string out;
    if (!in.autoescape()) {
        std::string sep = d.to_string();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += sep;
            items[i].append_to(out);
            if (out.size() > kMaxOutputBytes) in.fail("join result is too large");
        }
        return Value::string(std::move(out));
    }
    bool any_safe = d.is_safe();
    for (const Value& item : items) any_safe = any_safe || item.is_safe();
    if (!any_safe) {
        std::string sep = d.to_string();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += sep;
            items[i].append_to(out);
            if (out.size() > kMaxOutputBytes) in.fail("join result is too large");
        }
        return Value::string(std::move(out));
    }
    // Markup join: everything that is not markup is escaped.
    auto append = [&](const Value& x) {
        if (x.is_safe()) out += x.str();
        else append_html_escaped(out, x.to_string());
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) append(d);
        append(items[i]);
        if (out.size() > kMaxOutputBytes) in.fail("join result is too large");
    }
    return Value::safe(std::move(out));
}

Value f_list(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "list", {});
    return list_of(elements(in, v));
}

Value f_map(Interp& in, const Value& v, const CallArgs& args) {
    if (!v.truthy()) return generator_of({});
    std::vector<Value> items = elements(in, v);
    std::vector<Value> out;
    if (args.positional.empty()) {
        const Value* attribute = args.keyword_arg("attribute");
        if (!attribute) in.fail("map requires a filter argument");
        const Value* fallback = args.keyword_arg("default");
        for (const KeywordArg& k : args.keyword)
            if (k.name != "attribute" && k.name != "default")
                in.fail("Unexpected keyword argument '" + std::string(k.name) + "'");
        AttrPath path = attr_path(attribute);
        for (const Value& item : items) out.push_back(follow(in, path, item, fallback));
        return generator_of(std::move(out));
    }
    if (!args[0].is_string()) in.fail("map requires a filter name as first argument");
    std::string name(args[0].str());
    CallArgs rest = rest_args(args, 1);
    for (const Value& item : items) out.push_back(in.call_filter(name, item, rest));
    return generator_of(std::move(out));
}

Value f_select(Interp& in, const Value& v, const CallArgs& a) { return select_or_reject(in, v, a, true, false); }

Value f_reject(Interp& in, const Value& v, const CallArgs& a) { return select_or_reject(in, v, a, false, false); }

Value f_selectattr(Interp& in, const Value& v, const CallArgs& a) { return select_or_reject(in, v, a, true, true); }

Value f_rejectattr(Interp& in, const Value& v, const CallArgs& a) { return select_or_reject(in, v, a, false, true); }

Value f_min(Interp& in, const Value& v, const CallArgs& a) { return min_max(in, v, a, false); }

Value f_max(Interp& in, const Value& v, const CallArgs& a) { return min_max(in, v, a, true); }

Value f_reverse(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "reverse", {});
    if (v.is_string()) {
        Value step = Value::integer(-1);
        return ops::slice(in, v, nullptr, nullptr, &step);
    }
    if (!v.is_list() && !v.is_map() && !v.is_undefined()) in.fail("argument must be iterable");
    if (v.is_undefined()) return generator_of({});
    std::vector<Value> items = elements(in, v);
    std::reverse(items.begin(), items.end());
    // reversed() of a list or dict is an iterator; a generator has no
    // reversed() and Jinja falls back to a reversed list.
    if (v.is_list() && v.list_style() == ListStyle::generator) return list_of(std::move(items));
    return generator_of(std::move(items));
}

Value f_slice(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "slice", {"slices", "fill_with"});
    if (!p[0]) in.fail("slice() missing required argument 'slices'");
    std::int64_t slices = p.integer(0, 1);
    if (slices <= 0) in.fail(slices == 0 ? "integer division or modulo by zero" : "slices must be positive");
    std::vector<Value> seq = elements(in, v);
    auto length = static_cast<std::int64_t>(seq.size());
    std::int64_t per = length / slices, extra = length % slices, offset = 0;
    std::vector<Value> out;
    for (std::int64_t n = 0; n < slices; ++n) {
        std::int64_t start = offset + n * per;
        if (n < extra) ++offset;
        std::int64_t end = offset + (n + 1) * per;
        std::vector<Value> tmp(seq.begin() + start, seq.begin() + end);
        if (p.given(1) && n >= extra) tmp.push_back(*p[1]);
        out.push_back(list_of(std::move(tmp)));
    }
    return generator_of(std::move(out));
}

Value f_sort(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "sort", {"reverse", "case_sensitive", "attribute"});
    bool reverse = p.boolean(0, false), case_sensitive = p.boolean(1, false);
    std::vector<Value> items = elements(in, v);
    // make_multi_attrgetter: "a,b" sorts by a, then b.
    std::vector<AttrPath> paths;
    if (p.given(2) && p[2]->is_string()) {
        std::string_view s = p[2]->str();
        std::size_t start = 0;
        while (true) {
            std::size_t comma = s.find(',', start);
            Value part = Value::string(std::string(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
            paths.push_back(attr_path(&part));
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
    } else {
        paths.push_back(attr_path(p.given(2) ? p[2] : nullptr));
    }
    std::vector<Value> keys;
    for (const Value& item : items) {
        std::vector<Value> key;
        for (const AttrPath& path : paths) {
            Value k = follow(in, path, item);
            key.push_back(case_sensitive ? k : ignore_case(k));
        }
        keys.push_back(Value::list(std::move(key)));
    }
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    stable_sort_by(in, order, keys, reverse);
    std::vector<Value> out;
    for (std::size_t i : order) out.push_back(items[i]);
    return list_of(std::move(out));
}

Value f_sum(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "sum", {"attribute", "start"});
    Value total = p[1] ? *p[1] : Value::integer(0);
    AttrPath path = attr_path(p.given(0) ? p[0] : nullptr);
    for (const Value& item : elements(in, v)) total = ops::binary(in, ast::BinOp::add, total, follow(in, path, item));
    return total;
}

Value f_unique(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "unique", {"case_sensitive", "attribute"});
    bool case_sensitive = p.boolean(0, false);
    AttrPath path = attr_path(p.given(1) ? p[1] : nullptr);
    std::unordered_multimap<std::size_t, Value> seen;
    std::vector<Value> out;
    for (Value& item : elements(in, v)) {
        Value key = follow(in, path, item);
        if (!case_sensitive) key = ignore_case(key);
        std::size_t h = ops::hash(in, key);
        bool dup = false;
        auto range = seen.equal_range(h);
        for (auto it = range.first; it != range.second && !dup; ++it) dup = ops::equals(it->second, key);
        if (dup) continue;
        seen.emplace(h, std::move(key));
        out.push_back(std::move(item));
    }
    return generator_of(std::move(out));
}

Value f_groupby(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "groupby", {"attribute", "default", "case_sensitive"});
    if (!p[0]) in.fail("groupby() missing required argument 'attribute'");
    AttrPath path = attr_path(p[0]);
    const Value* fallback = p.given(1) ? p[1] : nullptr;
    bool case_sensitive = p.boolean(2, false);
    std::vector<Value> items = elements(in, v);
    std::vector<Value> keys;
    for (const Value& item : items) {
        Value k = follow(in, path, item, fallback);
        keys.push_back(case_sensitive ? k : ignore_case(k));
    }
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    stable_sort_by(in, order, keys, false);
    std::vector<Value> out;
    std::size_t i = 0;
    while (i < order.size()) {
        std::size_t j = i;
        std::vector<Value> group;
        while (j < order.size() && ops::equals(keys[order[j]], keys[order[i]])) group.push_back(items[order[j++]]);
        // The grouper shows the first item's own value, not the lower-cased key.
        Value grouper = case_sensitive ? keys[order[i]] : follow(in, path, items[order[i]], fallback);
        out.push_back(Value::list({std::move(grouper), list_of(std::move(group))}, ListStyle::group));
        i = j;
    }
    return list_of(std::move(out));
}

}  // namespace portal::tmpl::filter_impl
