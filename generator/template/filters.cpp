// Jinja's built-in filters, reimplemented from jinja2/filters.py (3.1) with
// the same defaults, markup handling and errors. Filters that return
// generators in Jinja (map, select, reverse, ...) return lists here.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "template/builtins.h"
#include "template/filter_helpers.h"
#include "template/escape.h"
#include "template/params.h"
#include "template/pyformat.h"
#include "template/unicode.h"

namespace portal::tmpl {

namespace {

using namespace filter_impl;

// ------------------------------------------------------------ helpers

std::string py_center(std::string_view s, std::int64_t width, bool& changed) {
    auto len = static_cast<std::int64_t>(unicode::length(s));
    std::int64_t marg = width - len;
    changed = marg > 0;
    if (marg <= 0) return std::string(s);
    std::int64_t left = marg / 2 + (marg & width & 1);
    std::string out(static_cast<std::size_t>(left), ' ');
    out += s;
    out.append(static_cast<std::size_t>(marg - left), ' ');
    return out;
}

// ------------------------------------------------------------ filters

Value f_abs(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "abs", {});
    if (v.is_int() || v.is_bool()) {
        if (v.as_int() == INT64_MIN) in.fail("integer overflow in abs()");
        return Value::integer(v.as_int() < 0 ? -v.as_int() : v.as_int());
    }
    if (v.is_float()) return Value::number(std::fabs(v.as_float()));
    in.fail("bad operand type for abs(): '" + std::string(v.type_name()) + "'");
}

Value f_attr(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "attr", {"name"});
    if (!p[0]) in.fail("attr() missing required argument 'name'");
    if (!p[0]->is_string()) in.fail("attribute name must be a string");
    std::string_view name = p[0]->str();
    // getattr only: a dict's keys are not its attributes.
    MethodSupport m = method_support(v, name);
    if (m != MethodSupport::none || v.is_object() || v.is_undefined()) return in.getattr(v, name);
    return Value::undefined(nullptr);
}

Value f_capitalize(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "capitalize", {});
    Value s = soft_str(v);
    return string_like(unicode::capitalize(s.str()), s.is_safe());
}

Value f_center(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "center", {"width"});
    Value s = soft_str(v);
    bool changed;
    return string_like(py_center(s.str(), p.integer(0, 80), changed), s.is_safe());
}

Value f_default(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "default", {"default_value", "boolean"});
    bool boolean = p[1] && p[1]->truthy();
    if (v.is_undefined() || (boolean && !v.truthy())) return p[0] ? *p[0] : Value::string({});
    return v;
}

Value f_escape(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "escape", {});
    if (v.is_safe()) return v;
    return Value::safe(html_escaped(v.to_string()));
}

Value f_forceescape(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "forceescape", {});
    return Value::safe(html_escaped(v.to_string()));
}

Value f_filesizeformat(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "filesizeformat", {"binary"});
    bool binary = p.boolean(0, false);
    double bytes;
    if (v.is_number()) bytes = v.as_float();
    else if (v.is_string()) {
        if (!py::parse_float(v.str(), bytes)) in.fail("could not convert string to float: " + v.repr());
    } else {
        in.fail("float() argument must be a string or a real number, not '" + std::string(v.type_name()) + "'");
    }
    double base = binary ? 1024 : 1000;
    static const char* const kBin[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    static const char* const kDec[] = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    if (bytes == 1) return Value::string("1 Byte");
    if (bytes < base) {
        std::string s;
        py::append_int(s, ops::float_to_int(in, bytes));
        return Value::string(s + " Bytes");
    }
    double unit = base;
    const char* prefix = "";
    for (int i = 0; i < 8; ++i) {
        unit = std::pow(base, i + 2);
        prefix = binary ? kBin[i] : kDec[i];
        if (bytes < unit) break;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f %s", base * bytes / unit, prefix);
    return Value::string(buf);
}

Value f_float(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "float", {"default"});
    Value fallback = p[0] ? *p[0] : Value::number(0.0);
    if (v.is_undefined()) in.fail_undefined(v);
    if (v.is_number()) return Value::number(v.as_float());
    double d;
    if (v.is_string() && py::parse_float(v.str(), d)) return Value::number(d);
    return fallback;
}

Value f_int(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "int", {"default", "base"});
    Value fallback = p[0] ? *p[0] : Value::integer(0);
    std::int64_t base = p.integer(1, 10);
    if (v.is_undefined()) in.fail_undefined(v);
    if (v.is_int() || v.is_bool()) return Value::integer(v.as_int());
    if (v.is_float()) {
        double d = v.as_float();
        if (std::isnan(d)) return fallback;
        return Value::integer(ops::float_to_int(in, d));
    }
    if (v.is_string()) {
        std::int64_t i;
        if (py::parse_int(v.str(), static_cast<int>(base), i)) return Value::integer(i);
        double d;
        if (py::parse_float(v.str(), d)) {
            if (std::isnan(d)) return fallback;
            return Value::integer(ops::float_to_int(in, d));
        }
    }
    return fallback;
}

Value f_format(Interp& in, const Value& v, const CallArgs& args) {
    if (!args.positional.empty() && !args.keyword.empty())
        in.fail("can't handle positional and keyword arguments at the same time");
    Value fmt = soft_str(v);
    if (!args.keyword.empty()) {
        MapBuilder b;
        for (const KeywordArg& k : args.keyword) b.set(k.name, *k.value);
        return percent_format(in, fmt, b.build());
    }
    std::vector<Value> items;
    for (const Value* a : args.positional) items.push_back(*a);
    return percent_format(in, fmt, Value::list(std::move(items), ListStyle::tuple));
}

// Python's str.splitlines() line boundaries.
bool is_line_break(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

std::vector<std::string_view> split_lines(std::string_view s) {
    std::vector<std::string_view> lines;
    std::size_t start = 0, i = 0;
    while (i < s.size()) {
        std::size_t at = i;
        char32_t c = unicode::next(s, i);
        if (!is_line_break(c)) continue;
        lines.push_back(s.substr(start, at - start));
        if (c == '\r' && i < s.size() && s[i] == '\n') ++i;
        start = i;
    }
    if (start < s.size()) lines.push_back(s.substr(start));
    return lines;
}

Value f_indent(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "indent", {"width", "first", "blank"});
    std::string indention;
    if (p[0] && p[0]->is_string()) indention = p[0]->str();
    else indention.assign(static_cast<std::size_t>(std::max<std::int64_t>(0, p.integer(0, 4))), ' ');
    bool first = p.boolean(1, false), blank = p.boolean(2, false);
    if (v.is_undefined()) in.fail_undefined(v);
    if (!v.is_string()) in.fail("unsupported operand type(s) for +=: '" + std::string(v.type_name()) + "' and 'str'");
    bool safe = v.is_safe();
    std::string s(v.str());
    s += '\n';
    std::vector<std::string_view> lines = split_lines(s);
    std::string rv;
    if (blank) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i) rv += "\n" + indention;
            rv += lines[i];
        }
    } else {
        rv = lines.empty() ? std::string() : std::string(lines[0]);
        for (std::size_t i = 1; i < lines.size(); ++i) {
            rv += '\n';
            if (!lines[i].empty()) rv += indention;
            rv += lines[i];
        }
    }
    if (first) rv = indention + rv;
    return string_like(std::move(rv), safe);
}

Value f_lower(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "lower", {});
    Value s = soft_str(v);
    return string_like(unicode::lower(s.str()), s.is_safe());
}

Value f_upper(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "upper", {});
    Value s = soft_str(v);
    return string_like(unicode::upper(s.str()), s.is_safe());
}

// str.replace with Python's count semantics (an empty `old` matches between
// every character).
std::string replace_all(std::string_view s, std::string_view old, std::string_view repl, std::int64_t count) {
    std::string out;
    if (count < 0) count = INT64_MAX;
    if (old.empty()) {
        std::size_t i = 0;
        while (i <= s.size()) {
            if (count-- > 0) out += repl;
            else {
                out += s.substr(i);
                break;
            }
            if (i == s.size()) break;
            std::size_t start = i;
            unicode::next(s, i);
            out += s.substr(start, i - start);
        }
        return out;
    }
    std::size_t pos = 0;
    while (count > 0) {
        std::size_t hit = s.find(old, pos);
        if (hit == std::string_view::npos) break;
        out += s.substr(pos, hit - pos);
        out += repl;
        pos = hit + old.size();
        --count;
    }
    out += s.substr(pos);
    return out;
}

Value f_replace(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "replace", {"old", "new", "count"});
    if (!p[0] || !p[1]) in.fail("replace() missing required arguments 'old' and 'new'");
    std::int64_t count = p.given(2) ? p.integer(2, -1) : -1;
    const Value& old = *p[0];
    const Value& repl = *p[1];
    if (!in.autoescape())
        return Value::string(replace_all(v.to_string(), old.to_string(), repl.to_string(), count));
    Value s;
    if (old.is_safe() || (repl.is_safe() && !v.is_safe())) s = v.is_safe() ? v : Value::safe(html_escaped(v.to_string()));
    else s = soft_str(v);
    if (!s.is_safe()) return Value::string(replace_all(s.str(), old.to_string(), repl.to_string(), count));
    // Markup.replace escapes plain-string arguments.
    auto arg = [](const Value& a) { return a.is_safe() ? std::string(a.str()) : html_escaped(a.to_string()); };
    return Value::safe(replace_all(s.str(), arg(old), arg(repl), count));
}

Value f_round(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "round", {"precision", "method"});
    std::int64_t precision = p.integer(0, 0);
    std::string method = p[1] ? p[1]->to_string() : "common";
    if (method != "common" && method != "ceil" && method != "floor") in.fail("method must be common, ceil or floor");
    if (v.is_undefined()) in.fail_undefined(v);
    if (!v.is_number()) in.fail("type " + std::string(v.type_name()) + " doesn't define __round__ method");
    if (method == "common") {
        if (v.is_float()) return Value::number(py::round_float(v.as_float(), precision));
        std::int64_t i = v.as_int();
        if (precision >= 0) return Value::integer(i);
        if (precision < -18) return Value::integer(0);
        std::int64_t scale = 1;
        for (std::int64_t k = 0; k < -precision; ++k) scale *= 10;
        std::int64_t q = i / scale, r = i % scale;
        if (r < 0) {
            r += scale;
            --q;
        }
        // Half to even, as Python rounds ints.
        if (2 * r > scale || (2 * r == scale && (q & 1))) ++q;
        std::int64_t out;
        if (__builtin_mul_overflow(q, scale, &out)) in.fail("integer overflow in round()");
        return Value::integer(out);
    }
    double scale = std::pow(10.0, static_cast<double>(precision));
    double x = v.as_float() * scale;
    double r = method == "ceil" ? std::ceil(x) : std::floor(x);
    return Value::number(r / scale);
}

Value f_safe(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "safe", {});
    if (v.is_string()) return v.as_safe();
    return Value::safe(v.to_string());
}

Value f_string(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "string", {});
    return soft_str(v);
}

Value f_striptags(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "striptags", {});
    return Value::string(strip_tags(v.to_string()));
}

Value f_title(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "title", {});
    Value s = soft_str(v);
    std::string_view text = s.str();
    std::string out;
    bool word_start = true;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = unicode::next(text, i);
        bool sep = c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || unicode::is_space(c);
        std::string_view ch = text.substr(start, i - start);
        if (sep) {
            out += ch;
            word_start = true;
        } else if (word_start) {
            out += unicode::upper(ch);
            word_start = false;
        } else {
            out += unicode::lower(ch);
        }
    }
    return Value::string(std::move(out));  // re.split drops Markup
}

Value f_tojson(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "tojson", {"indent"});
    int indent = p.given(0) ? static_cast<int>(p.integer(0, 0)) : -1;
    std::string out, error;
    if (!append_json(out, v, indent, error)) in.fail(error);
    return Value::safe(std::move(out));
}

Value f_trim(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "trim", {"chars"});
    Value s = soft_str(v);
    if (!p.given(0)) return string_like(std::string(unicode::strip(s.str())), s.is_safe());
    if (!p[0]->is_string()) in.fail("strip arg must be None or str");
    std::string chars = s.is_safe() && !p[0]->is_safe() ? html_escaped(p[0]->str()) : std::string(p[0]->str());
    std::u32string set;
    for (std::size_t i = 0; i < chars.size();) set += unicode::next(chars, i);
    std::string_view text = s.str();
    std::size_t begin = 0, end = text.size();
    while (begin < end) {
        std::size_t j = begin;
        if (set.find(unicode::next(text, j)) == std::u32string::npos) break;
        begin = j;
    }
    while (end > begin) {
        std::size_t k = end - 1;
        while (k > begin && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;
        std::size_t j = k;
        if (set.find(unicode::next(text, j)) == std::u32string::npos) break;
        end = k;
    }
    return string_like(std::string(text.substr(begin, end - begin)), s.is_safe());
}

Value f_truncate(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "truncate", {"length", "killwords", "end", "leeway"});
    std::int64_t length = p.integer(0, 255);
    bool killwords = p.boolean(1, false);
    Value end = p[2] ? *p[2] : Value::string("...");
    std::int64_t leeway = p.given(3) ? p.integer(3, 5) : 5;
    auto end_len = static_cast<std::int64_t>(ops::length(in, end));
    if (length < end_len) in.fail("expected length >= " + std::to_string(end_len) + ", got " + std::to_string(length));
    if (leeway < 0) in.fail("expected leeway >= 0, got " + std::to_string(leeway));
    auto len = static_cast<std::int64_t>(ops::length(in, v));
    if (len <= length + leeway) return v;
    Value stop = Value::integer(length - end_len);
    Value head = ops::slice(in, v, nullptr, &stop, nullptr);
    if (!killwords && head.is_string()) {
        std::string_view h = head.str();
        std::size_t space = h.rfind(' ');
        if (space != std::string_view::npos) head = string_like(std::string(h.substr(0, space)), head.is_safe());
    }
    return ops::binary(in, ast::BinOp::add, head, end);
}

Value f_urlencode(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "urlencode", {});
    if (v.is_string() || v.is_number() || v.is_none() || v.is_function() ||
        (v.is_object() && v.object_ptr()->type() != Object::Type::loop))
        return Value::string(url_quote(v.to_string(), false));
    std::string out;
    auto pair = [&](const Value& k, const Value& val) {
        if (!out.empty()) out += '&';
        out += url_quote(k.to_string(), true);
        out += '=';
        out += url_quote(val.to_string(), true);
    };
    if (v.is_map()) {
        for (const MapEntry& e : v.entries()) pair(e.key, e.value);
        return Value::string(std::move(out));
    }
    for (const Value& item : elements(in, v)) {
        std::vector<Value> kv = elements(in, item);
        if (kv.size() != 2)
            in.fail(kv.size() > 2 ? "too many values to unpack (expected 2)"
                                  : "not enough values to unpack (expected 2, got " + std::to_string(kv.size()) + ")");
        pair(kv[0], kv[1]);
    }
    return Value::string(std::move(out));
}

Value f_wordcount(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "wordcount", {});
    Value s = soft_str(v);
    std::string_view text = s.str();
    std::int64_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size();) {
        bool w = unicode::is_word(unicode::next(text, i));
        if (w && !in_word) ++words;
        in_word = w;
    }
    return Value::integer(words);
}

Value f_xmlattr(Interp& in, const Value& v, const CallArgs& args) {
    Params p(in, args, "xmlattr", {"autospace"});
    bool autospace = p.boolean(0, true);
    if (!v.is_map()) in.fail("'" + std::string(v.type_name()) + "' object has no attribute 'items'");
    std::string rv;
    for (const MapEntry& e : v.entries()) {
        if (e.value.is_none() || e.value.is_undefined()) continue;
        std::string_view key = e.key.str();
        if (key.find_first_of(" \t\n\r\f\v/>=") != std::string_view::npos)
            in.fail("Invalid character in attribute name: " + e.key.repr());
        if (!rv.empty()) rv += ' ';
        append_html_escaped(rv, key);
        rv += "=\"";
        if (e.value.is_safe()) rv += e.value.str();
        else append_html_escaped(rv, e.value.to_string());
        rv += '"';
    }
    if (autospace && !rv.empty()) rv = " " + rv;
    return in.autoescape() ? Value::safe(std::move(rv)) : Value::string(std::move(rv));
}

constexpr BuiltinFilter kFilters[] = {
    {"abs", f_abs},
    {"attr", f_attr},
    {"batch", f_batch},
    {"capitalize", f_capitalize},
    {"center", f_center},
    {"count", f_length},
    {"d", f_default},
    {"default", f_default},
    {"dictsort", f_dictsort},
    {"e", f_escape},
    {"escape", f_escape},
    {"filesizeformat", f_filesizeformat},
    {"first", f_first},
    {"float", f_float},
    {"forceescape", f_forceescape},
    {"format", f_format},
    {"groupby", f_groupby},
    {"indent", f_indent},
    {"int", f_int},
    {"items", f_items},
    {"join", f_join},
    {"last", f_last},
    {"length", f_length},
    {"list", f_list},
    {"lower", f_lower},
    {"map", f_map, true},
    {"max", f_max},
    {"min", f_min},
    {"reject", f_reject, true},
    {"rejectattr", f_rejectattr, true},
    {"replace", f_replace},
    {"reverse", f_reverse},
    {"round", f_round},
    {"safe", f_safe},
    {"select", f_select, true},
    {"selectattr", f_selectattr, true},
    {"slice", f_slice},
    {"sort", f_sort},
    {"string", f_string},
    {"striptags", f_striptags},
    {"sum", f_sum},
    {"title", f_title},
    {"tojson", f_tojson},
    {"trim", f_trim},
    {"truncate", f_truncate},
    {"unique", f_unique},
    {"upper", f_upper},
    {"urlencode", f_urlencode},
    {"wordcount", f_wordcount},
    {"xmlattr", f_xmlattr},
};

}  // namespace

const BuiltinFilter* find_builtin_filter(std::string_view name) {
    for (const BuiltinFilter& f : kFilters)
        if (f.name == name) return &f;
    return nullptr;
}

bool is_unsupported_jinja_filter(std::string_view name) {
    return name == "pprint" || name == "random" || name == "urlize" || name == "wordwrap";
}

}  // namespace portal::tmpl
