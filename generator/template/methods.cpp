// Python methods of strings, lists and dicts that templates call
// (`s.startswith("x")`, `d.items()`), printf-style `%` formatting, and the
// global functions every template sees (range, dict, namespace, ...).
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "template/builtins.h"
#include "template/escape.h"
#include "template/params.h"
#include "template/pyformat.h"
#include "template/unicode.h"

namespace portal::tmpl {

namespace {

constexpr std::string_view kStrSupported[] = {
    "capitalize", "casefold", "center", "count", "endswith", "find", "index", "isalnum", "isalpha", "isdecimal",
    "isdigit", "islower", "isnumeric", "isspace", "isupper", "join", "ljust", "lower", "lstrip", "partition",
    "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip",
    "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill"};
constexpr std::string_view kStrUnsupported[] = {"encode", "expandtabs", "format", "format_map", "isascii",
                                                "isidentifier", "isprintable", "istitle", "maketrans", "translate",
                                                "escape", "striptags", "unescape"};
constexpr std::string_view kDictSupported[] = {"get", "items", "keys", "values"};
constexpr std::string_view kDictUnsupported[] = {"clear", "copy", "fromkeys", "pop", "popitem", "setdefault", "update"};
constexpr std::string_view kListSupported[] = {"count", "index"};
constexpr std::string_view kListUnsupported[] = {"append", "clear", "copy", "extend", "insert", "pop", "remove",
                                                 "reverse", "sort"};

template <std::size_t N>
bool in_list(const std::string_view (&names)[N], std::string_view name) {
    for (std::string_view n : names)
        if (n == name) return true;
    return false;
}

// Markup methods that return Markup and escape their string arguments.
bool markup_wrapped(std::string_view name) {
    static constexpr std::string_view names[] = {"capitalize", "title", "lower", "upper", "replace", "ljust",
                                                 "rjust", "lstrip", "rstrip", "center", "strip", "swapcase",
                                                 "zfill", "split", "rsplit", "splitlines", "partition", "rpartition",
                                                 "join", "removeprefix", "removesuffix"};
    for (std::string_view n : names)
        if (n == name) return true;
    return false;
}

const std::string& str_arg(Interp& in, const Value* v, std::string_view method, std::string_view what = "argument") {
    if (!v) in.fail(std::string(method) + "() missing required argument");
    if (v->is_undefined()) in.fail_undefined(*v);
    if (!v->is_string())
        in.fail(std::string(method) + "() " + std::string(what) + " must be str, not " + std::string(v->type_name()));
    return v->as_string();
}

std::vector<std::string_view> split_whitespace(std::string_view s, std::int64_t maxsplit, bool from_right) {
    std::vector<std::string_view> parts;
    if (!from_right) {
        std::string_view rest = unicode::lstrip(s);
        while (!rest.empty()) {
            if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
                parts.push_back(rest);
                return parts;
            }
            std::size_t i = 0, end = 0;
            while (i < rest.size()) {
                std::size_t k = i;
                if (unicode::is_space(unicode::next(rest, k))) break;
                i = k;
                end = i;
            }
            parts.push_back(rest.substr(0, end));
            rest = unicode::lstrip(rest.substr(end));
        }
        return parts;
    }
    std::string_view rest = unicode::rstrip(s);
    while (!rest.empty()) {
        if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
            parts.push_back(rest);
            break;
        }
        // Find the start of the last word.
        std::size_t start = 0;
        for (std::size_t i = 0; i < rest.size();) {
            std::size_t at = i;
            if (unicode::is_space(unicode::next(rest, i))) start = i;
            (void)at;
        }
        parts.push_back(rest.substr(start));
        rest = unicode::rstrip(rest.substr(0, start));
    }
    std::reverse(parts.begin(), parts.end());
    return parts;
}

std::vector<std::string_view> split_on(std::string_view s, std::string_view sep, std::int64_t maxsplit, bool from_right) {
    std::vector<std::string_view> parts;
    if (!from_right) {
        std::size_t pos = 0;
        while (maxsplit < 0 || static_cast<std::int64_t>(parts.size()) < maxsplit) {
            std::size_t hit = s.find(sep, pos);
            if (hit == std::string_view::npos) break;
            parts.push_back(s.substr(pos, hit - pos));
            pos = hit + sep.size();
        }
        parts.push_back(s.substr(pos));
        return parts;
    }
    std::size_t end = s.size();
    while (maxsplit < 0 || static_cast<std::int64_t>(parts.size()) < maxsplit) {
        if (end < sep.size()) break;
        std::size_t hit = s.rfind(sep, end - sep.size());
        if (hit == std::string_view::npos) break;
        parts.push_back(s.substr(hit + sep.size(), end - hit - sep.size()));
        end = hit;
    }
    parts.push_back(s.substr(0, end));
    std::reverse(parts.begin(), parts.end());
    return parts;
}

bool is_line_break(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

// Code-point index of byte offset `byte` in `s`.
std::int64_t cp_index(std::string_view s, std::size_t byte) {
    return static_cast<std::int64_t>(unicode::length(s.substr(0, byte)));
}

std::string pad(std::string_view s, std::int64_t width, char32_t fill, int align) {  // -1 left, 0 center, 1 right
    auto len = static_cast<std::int64_t>(unicode::length(s));
    if (width <= len) return std::string(s);
    std::int64_t marg = width - len;
    std::int64_t left = align < 0 ? 0 : align > 0 ? marg : marg / 2 + (marg & width & 1);
    std::string f;
    unicode::append(f, fill);
    std::string out;
    for (std::int64_t i = 0; i < left; ++i) out += f;
    out += s;
    for (std::int64_t i = 0; i < marg - left; ++i) out += f;
    return out;
}

char32_t fill_char(Interp& in, const Value* v) {
    if (!v) return ' ';
    if (!v->is_string() || unicode::length(v->str()) != 1)
        in.fail("The fill character must be exactly one character long");
    std::size_t i = 0;
    return unicode::next(v->str(), i);
}

template <typename Pred>
bool all_chars(std::string_view s, Pred pred) {
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size();)
        if (!pred(unicode::next(s, i))) return false;
    return true;
}

bool is_digit_char(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == 0xB2 || c == 0xB3 || c == 0xB9 ||
           (c >= 0x660 && c <= 0x669) || (c >= 0x2070 && c <= 0x2079) || (c >= 0x2080 && c <= 0x2089) ||
           (c >= 0x2460 && c <= 0x2473);
}

Value str_method(Interp& in, const Value& self, std::string_view name, const CallArgs& args) {
    bool safe = self.is_safe() && markup_wrapped(name);
    // Markup's methods escape plain-string arguments before using them.
    std::vector<Value> escaped;
    std::vector<const Value*> ptrs(args.positional.begin(), args.positional.end());
    std::vector<KeywordArg> kws(args.keyword.begin(), args.keyword.end());
    if (safe) {
        escaped.reserve(ptrs.size() + kws.size());
        for (const Value*& p : ptrs) {
            if (p->is_string() && !p->is_safe()) {
                escaped.push_back(Value::safe(html_escaped(p->str())));
                p = &escaped.back();
            }
        }
        for (KeywordArg& k : kws) {
            if (k.value->is_string() && !k.value->is_safe()) {
                escaped.push_back(Value::safe(html_escaped(k.value->str())));
                k.value = &escaped.back();
            }
        }
    }
    CallArgs a{std::span<const Value* const>(ptrs.data(), ptrs.size()), std::span<const KeywordArg>(kws.data(), kws.size())};
    std::string_view s = self.str();
    auto out_str = [&](std::string r) { return string_like(std::move(r), safe); };
    auto out_list = [&](const std::vector<std::string_view>& parts, ListStyle style = ListStyle::list) {
        std::vector<Value> items;
        for (std::string_view p : parts) items.push_back(string_like(std::string(p), safe));
        return Value::list(std::move(items), style);
    };

    if (name == "upper") { Params p(in, a, name, {}); return out_str(unicode::upper(s)); }
    if (name == "lower") { Params p(in, a, name, {}); return out_str(unicode::lower(s)); }
    if (name == "casefold") {
        Params p(in, a, name, {});
        std::string l = unicode::lower(s);
        std::string out;
        for (std::size_t i = 0; i < l.size();) {
            std::size_t start = i;
            char32_t c = unicode::next(l, i);
            if (c == 0xDF) out += "ss";
            else out.append(l, start, i - start);
        }
        return Value::string(std::move(out));
    }
    if (name == "capitalize") { Params p(in, a, name, {}); return out_str(unicode::capitalize(s)); }
    if (name == "title") {
        Params p(in, a, name, {});
        std::string out;
        bool prev_cased = false;
        for (std::size_t i = 0; i < s.size();) {
            std::size_t start = i;
            char32_t c = unicode::next(s, i);
            std::string_view ch = s.substr(start, i - start);
            out += prev_cased ? unicode::lower(ch) : (c == 0xDF ? std::string("Ss") : unicode::upper(ch));
            prev_cased = unicode::is_cased(c);
        }
        return out_str(std::move(out));
    }
    if (name == "swapcase") {
        Params p(in, a, name, {});
        std::string out;
        for (std::size_t i = 0; i < s.size();) {
            std::size_t start = i;
            char32_t c = unicode::next(s, i);
            std::string_view ch = s.substr(start, i - start);
            out += unicode::to_lower(c) != c ? unicode::lower(ch) : unicode::upper(ch);
        }
        return out_str(std::move(out));
    }
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        Params p(in, a, name, {"chars"});
        bool left = name != "rstrip", right = name != "lstrip";
        if (!p.given(0)) {
            std::string_view r = s;
            if (left) r = unicode::lstrip(r);
            if (right) r = unicode::rstrip(r);
            return out_str(std::string(r));
        }
        const std::string& chars = str_arg(in, p[0], name);
        std::u32string set;
        for (std::size_t i = 0; i < chars.size();) set += unicode::next(chars, i);
        std::size_t begin = 0, end = s.size();
        while (left && begin < end) {
            std::size_t j = begin;
            if (set.find(unicode::next(s, j)) == std::u32string::npos) break;
            begin = j;
        }
        while (right && end > begin) {
            std::size_t k = end - 1;
            while (k > begin && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
            std::size_t j = k;
            if (set.find(unicode::next(s, j)) == std::u32string::npos) break;
            end = k;
        }
        return out_str(std::string(s.substr(begin, end - begin)));
    }
    if (name == "split" || name == "rsplit") {
        Params p(in, a, name, {"sep", "maxsplit"});
        std::int64_t maxsplit = p.integer(1, -1);
        bool right = name == "rsplit";
        if (!p.given(0)) return out_list(split_whitespace(s, maxsplit, right));
        const std::string& sep = str_arg(in, p[0], name);
        if (sep.empty()) in.fail("empty separator");
        return out_list(split_on(s, sep, maxsplit, right));
    }
    if (name == "splitlines") {
        Params p(in, a, name, {"keepends"});
        bool keep = p.boolean(0, false);
        std::vector<std::string_view> lines;
        std::size_t start = 0, i = 0;
        while (i < s.size()) {
            std::size_t at = i;
            char32_t c = unicode::next(s, i);
            if (!is_line_break(c)) continue;
            if (c == '\r' && i < s.size() && s[i] == '\n') ++i;
            lines.push_back(s.substr(start, (keep ? i : at) - start));
            start = i;
        }
        if (start < s.size()) lines.push_back(s.substr(start));
        return out_list(lines);
    }
    if (name == "replace") {
        Params p(in, a, name, {"old", "new", "count"});
        const std::string& old = str_arg(in, p[0], name);
        const std::string& repl = str_arg(in, p[1], name);
        std::int64_t count = p.integer(2, -1);
        std::string out;
        if (count < 0) count = INT64_MAX;
        if (old.empty()) {
            std::size_t i = 0;
            while (true) {
                if (count-- > 0) out += repl;
                else {
                    out += s.substr(i);
                    break;
                }
                if (i >= s.size()) break;
                std::size_t start = i;
                unicode::next(s, i);
                out += s.substr(start, i - start);
            }
            return out_str(std::move(out));
        }
        std::size_t pos = 0;
        while (count-- > 0) {
            std::size_t hit = s.find(old, pos);
            if (hit == std::string_view::npos) break;
            out += s.substr(pos, hit - pos);
            out += repl;
            pos = hit + old.size();
        }
        out += s.substr(pos);
        return out_str(std::move(out));
    }
    if (name == "startswith" || name == "endswith") {
        Params p(in, a, name, {"prefix", "start", "end"});
        if (!p[0]) in.fail(std::string(name) + "() takes at least 1 argument (0 given)");
        Value sub = self;
        if (p[1] || p[2]) {
            sub = ops::slice(in, self, p[1], p[2], nullptr);
        }
        std::string_view text = sub.str();
        auto test = [&](const Value& x) {
            if (!x.is_string())
                in.fail(std::string(name) + " first arg must be str or a tuple of str, not " + std::string(x.type_name()));
            std::string_view t = x.str();
            if (t.size() > text.size()) return false;
            return name == "startswith" ? text.substr(0, t.size()) == t : text.substr(text.size() - t.size()) == t;
        };
        if (p[0]->is_tuple()) {
            for (const Value& x : p[0]->items())
                if (test(x)) return Value::boolean(true);
            return Value::boolean(false);
        }
        return Value::boolean(test(*p[0]));
    }
    if (name == "find" || name == "rfind" || name == "index" || name == "rindex" || name == "count") {
        Params p(in, a, name, {"sub", "start", "end"});
        const std::string& sub = str_arg(in, p[0], name);
        std::int64_t offset = 0;
        Value hay = self;
        if (p[1] || p[2]) {
            hay = ops::slice(in, self, p[1], p[2], nullptr);
            if (p.given(1)) {
                std::int64_t start = p.integer(1, 0);
                auto n = static_cast<std::int64_t>(unicode::length(s));
                if (start < 0) start = std::max<std::int64_t>(0, start + n);
                offset = std::min(start, n);
            }
        }
        std::string_view h = hay.str();
        if (name == "count") {
            if (sub.empty()) return Value::integer(static_cast<std::int64_t>(unicode::length(h)) + 1);
            std::int64_t n = 0;
            for (std::size_t pos = h.find(sub); pos != std::string_view::npos; pos = h.find(sub, pos + sub.size())) ++n;
            return Value::integer(n);
        }
        std::size_t hit = name[0] == 'r' ? h.rfind(sub) : h.find(sub);
        if (hit == std::string_view::npos) {
            if (name == "index" || name == "rindex") in.fail("substring not found");
            return Value::integer(-1);
        }
        return Value::integer(offset + cp_index(h, hit));
    }
    if (name == "join") {
        Params p(in, a, name, {"iterable"});
        if (!p[0]) in.fail("join() takes exactly one argument (0 given)");
        std::vector<Value> items = ops::iterate(in, *p[0]);
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Value& x = items[i];
            if (!x.is_string())
                in.fail("sequence item " + std::to_string(i) + ": expected str instance, " + std::string(x.type_name()) + " found");
            if (i) out += s;
            if (safe && !x.is_safe()) append_html_escaped(out, x.str());
            else out += x.str();
        }
        return out_str(std::move(out));
    }
    if (name == "center" || name == "ljust" || name == "rjust") {
        Params p(in, a, name, {"width", "fillchar"});
        if (!p[0]) in.fail(std::string(name) + "() takes at least 1 argument (0 given)");
        int align = name == "ljust" ? -1 : name == "rjust" ? 1 : 0;
        return out_str(pad(s, p.integer(0, 0), fill_char(in, p[1]), align));
    }
    if (name == "zfill") {
        Params p(in, a, name, {"width"});
        if (!p[0]) in.fail("zfill() takes exactly one argument (0 given)");
        std::int64_t width = p.integer(0, 0);
        auto len = static_cast<std::int64_t>(unicode::length(s));
        if (width <= len) return out_str(std::string(s));
        std::string zeros(static_cast<std::size_t>(width - len), '0');
        if (!s.empty() && (s[0] == '+' || s[0] == '-')) return out_str(std::string(1, s[0]) + zeros + std::string(s.substr(1)));
        return out_str(zeros + std::string(s));
    }
    if (name == "removeprefix" || name == "removesuffix") {
        Params p(in, a, name, {"affix"});
        const std::string& x = str_arg(in, p[0], name);
        if (name == "removeprefix" && s.substr(0, x.size()) == x) return out_str(std::string(s.substr(x.size())));
        if (name == "removesuffix" && !x.empty() && s.size() >= x.size() && s.substr(s.size() - x.size()) == x)
            return out_str(std::string(s.substr(0, s.size() - x.size())));
        return out_str(std::string(s));
    }
    if (name == "partition" || name == "rpartition") {
        Params p(in, a, name, {"sep"});
        const std::string& sep = str_arg(in, p[0], name);
        if (sep.empty()) in.fail("empty separator");
        std::size_t hit = name == "partition" ? s.find(sep) : s.rfind(sep);
        if (hit == std::string_view::npos) {
            if (name == "partition") return out_list({s, {}, {}}, ListStyle::tuple);
            return out_list({{}, {}, s}, ListStyle::tuple);
        }
        return out_list({s.substr(0, hit), s.substr(hit, sep.size()), s.substr(hit + sep.size())}, ListStyle::tuple);
    }
    Params p(in, a, name, {});
    if (name == "isdigit" || name == "isdecimal" || name == "isnumeric") return Value::boolean(all_chars(s, is_digit_char));
    if (name == "isalpha")
        return Value::boolean(all_chars(s, [](char32_t c) { return unicode::is_word(c) && c != '_' && !is_digit_char(c); }));
    if (name == "isalnum") return Value::boolean(all_chars(s, [](char32_t c) { return unicode::is_word(c) && c != '_'; }));
    if (name == "isspace") return Value::boolean(all_chars(s, unicode::is_space));
    if (name == "islower" || name == "isupper") {
        bool want_lower = name == "islower";
        bool cased = false;
        for (std::size_t i = 0; i < s.size();) {
            char32_t c = unicode::next(s, i);
            if (!unicode::is_cased(c)) continue;
            bool upper = unicode::to_lower(c) != c;
            bool lower = !upper;
            if (want_lower ? !lower : !upper) return Value::boolean(false);
            cased = true;
        }
        return Value::boolean(cased);
    }
    in.fail("unsupported: the Python method `str." + std::string(name) + "`");
}

Value dict_method(Interp& in, const Value& self, std::string_view name, const CallArgs& args) {
    if (name == "get") {
        Params p(in, args, name, {"key", "default"});
        if (!p[0]) in.fail("get expected at least 1 argument, got 0");
        const Value& key = *p[0];
        if (key.is_list() && !key.is_tuple()) in.fail("unhashable type: 'list'");
        if (key.is_map()) in.fail("unhashable type: 'dict'");
        if (key.is_string())
            if (const Value* v = self.find(key.str())) return *v;
        return p[1] ? *p[1] : Value::none();
    }
    Params p(in, args, name, {});
    std::vector<Value> out;
    out.reserve(self.size());
    for (const MapEntry& e : self.entries()) {
        if (name == "items") out.push_back(Value::list({e.key, e.value}, ListStyle::tuple));
        else if (name == "keys") out.push_back(e.key);
        else out.push_back(e.value);
    }
    ListStyle view = name == "items" ? ListStyle::dict_items : name == "keys" ? ListStyle::dict_keys : ListStyle::dict_values;
    return Value::list(std::move(out), view);
}

Value list_method(Interp& in, const Value& self, std::string_view name, const CallArgs& args) {
    Params p(in, args, name, {"value"});
    if (!p[0]) in.fail(std::string(name) + "() takes exactly one argument (0 given)");
    std::int64_t count = 0;
    auto items = self.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!ops::equals(items[i], *p[0])) continue;
        if (name == "index") return Value::integer(static_cast<std::int64_t>(i));
        ++count;
    }
    if (name == "index") in.fail(p[0]->repr() + " is not in list");
    return Value::integer(count);
}

}  // namespace

bool is_method_name(std::string_view name) {
    return in_list(kStrSupported, name) || in_list(kStrUnsupported, name) || in_list(kDictSupported, name) ||
           in_list(kDictUnsupported, name) || in_list(kListSupported, name) || in_list(kListUnsupported, name);
}

MethodSupport method_support(const Value& self, std::string_view name) {
    switch (self.kind()) {
        case Value::Kind::string:
            if (in_list(kStrSupported, name)) return MethodSupport::supported;
            if (in_list(kStrUnsupported, name)) return MethodSupport::unsupported;
            return MethodSupport::none;
        case Value::Kind::map:
            if (in_list(kDictSupported, name)) return MethodSupport::supported;
            if (in_list(kDictUnsupported, name)) return MethodSupport::unsupported;
            return MethodSupport::none;
        case Value::Kind::list:
            if (in_list(kListSupported, name)) return MethodSupport::supported;
            if (!self.is_tuple() && in_list(kListUnsupported, name)) return MethodSupport::unsupported;
            return MethodSupport::none;
        default: return MethodSupport::none;
    }
}

Value call_method(Interp& in, const Value& self, std::string_view name, const CallArgs& args) {
    if (self.is_string()) return str_method(in, self, name, args);
    if (self.is_map()) return dict_method(in, self, name, args);
    return list_method(in, self, name, args);
}

// ------------------------------------------------------------ % formatting

Value percent_format(Interp& in, const Value& format, const Value& args) {
    std::string_view f = format.str();
    bool markup = format.is_safe();
    std::vector<Value> positional;
    const Value* mapping = nullptr;
    if (args.is_tuple()) positional.assign(args.items().begin(), args.items().end());
    else if (args.is_map()) mapping = &args;
    else positional.push_back(args);
    // Markup % args escapes the arguments' text.
    auto text_of = [&](const Value& v, bool repr) {
        std::string t = repr ? v.repr() : v.to_string();
        if (markup && !(v.is_safe() && !repr)) return html_escaped(t);
        return t;
    };
    std::size_t next = 0;
    bool used_mapping = false;
    auto take = [&]() -> const Value& {
        if (next >= positional.size()) in.fail("not enough arguments for format string");
        return positional[next++];
    };
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') {
            out += f[i];
            continue;
        }
        if (++i >= f.size()) in.fail("incomplete format");
        const Value* arg = nullptr;
        if (f[i] == '(') {
            std::size_t close = f.find(')', i);
            if (close == std::string_view::npos) in.fail("incomplete format key");
            if (!mapping) in.fail("format requires a mapping");
            std::string_view key = f.substr(i + 1, close - i - 1);
            arg = mapping->find(key);
            if (!arg) in.fail("KeyError: '" + std::string(key) + "'");
            used_mapping = true;
            i = close + 1;
        }
        std::string flags;
        while (i < f.size() && std::string_view("-+ #0").find(f[i]) != std::string_view::npos) flags += f[i++];
        auto number = [&]() -> std::int64_t {
            if (i < f.size() && f[i] == '*') {
                ++i;
                const Value& w = take();
                if (!w.is_int() && !w.is_bool()) in.fail("* wants int");
                return w.as_int();
            }
            std::int64_t n = -1;
            while (i < f.size() && f[i] >= '0' && f[i] <= '9') n = (n < 0 ? 0 : n) * 10 + (f[i++] - '0');
            return n;
        };
        std::int64_t width = number();
        std::int64_t precision = -1;
        if (i < f.size() && f[i] == '.') {
            ++i;
            precision = number();
            if (precision < 0) precision = 0;
        }
        while (i < f.size() && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L')) ++i;
        if (i >= f.size()) in.fail("incomplete format");
        char type = f[i];
        if (type == '%') {
            out += '%';
            continue;
        }
        const Value& v = arg ? *arg : (mapping ? *mapping : take());
        if (mapping && !arg) used_mapping = true;
        std::string piece;
        bool left = flags.find('-') != std::string::npos;
        switch (type) {
            case 's':
            case 'r':
            case 'a': {
                in.use(v);
                piece = text_of(v, type != 's');
                if (precision >= 0) piece = piece.substr(0, unicode::offset_of(piece, static_cast<std::size_t>(precision)));
                break;
            }
            case 'd':
            case 'i':
            case 'u':
            case 'x':
            case 'X':
            case 'o':
            case 'c': {
                if (v.is_undefined()) in.fail_undefined(v);
                std::int64_t n;
                if (v.is_int() || v.is_bool()) n = v.as_int();
                else if (v.is_float() && (type == 'd' || type == 'i' || type == 'u')) n = ops::float_to_int(in, v.as_float());
                else if (type == 'c' && v.is_string() && unicode::length(v.str()) == 1) {
                    piece = v.str();
                    break;
                } else
                    in.fail(std::string("%") + type + " format: " + (type == 'x' || type == 'X' || type == 'o' ? "an integer" : "a real number") +
                            " is required, not " + std::string(v.type_name()));
                if (type == 'c') {
                    unicode::append(piece, static_cast<char32_t>(n));
                    break;
                }
                std::string spec = "%" + flags;
                if (width > 0) spec += std::to_string(std::min<std::int64_t>(width, 200));
                if (precision >= 0) spec += "." + std::to_string(std::min<std::int64_t>(precision, 200));
                char conv = type == 'i' || type == 'u' ? 'd' : type;
                spec += conv == 'd' ? PRId64 : conv == 'x' ? PRIx64 : conv == 'X' ? PRIX64 : PRIo64;
                char buf[512];
                if (conv == 'o' && flags.find('#') != std::string::npos) {
                    // Python writes 0o17 where C writes 017.
                    spec.erase(std::remove(spec.begin(), spec.end(), '#'), spec.end());
                    std::snprintf(buf, sizeof buf, spec.c_str(), n < 0 ? -n : n);
                    piece = std::string(n < 0 ? "-" : "") + "0o" + buf;
                } else {
                    std::snprintf(buf, sizeof buf, spec.c_str(), n);
                    piece = buf;
                }
                break;
            }
            case 'f':
            case 'F':
            case 'e':
            case 'E':
            case 'g':
            case 'G': {
                if (v.is_undefined()) in.fail_undefined(v);
                if (!v.is_number()) in.fail("must be real number, not " + std::string(v.type_name()));
                std::string spec = "%" + flags;
                if (width > 0) spec += std::to_string(std::min<std::int64_t>(width, 200));
                if (precision >= 0) spec += "." + std::to_string(std::min<std::int64_t>(precision, 200));
                spec += type;
                char buf[512];
                std::snprintf(buf, sizeof buf, spec.c_str(), v.as_float());
                piece = buf;
                break;
            }
            default: in.fail(std::string("unsupported format character '") + type + "'");
        }
        // Numbers were padded by printf; text is padded by code points here.
        auto len = static_cast<std::int64_t>(unicode::length(piece));
        if (width > len) {
            std::string fill(static_cast<std::size_t>(width - len), ' ');
            if (left) piece += fill;
            else piece = fill + piece;
        }
        out += piece;
    }
    // Python treats a non-tuple argument with __getitem__ (list, dict,
    // undefined) as a mapping, so unused arguments are fine then.
    bool mapping_like = (args.is_sequence_list() && !args.is_tuple()) || args.is_map() || args.is_undefined();
    if (!mapping_like && next < positional.size()) in.fail("not all arguments converted during string formatting");
    (void)used_mapping;
    return markup ? Value::safe(std::move(out)) : Value::string(std::move(out));
}

// ------------------------------------------------------------ globals

namespace {

Result<Value> error(std::string message) { return make_error("", 0, 0, std::move(message)); }

Result<Value> g_range(const CallArgs& args) {
    if (!args.keyword.empty()) return error("range() takes no keyword arguments");
    if (args.size() < 1 || args.size() > 3)
        return error("range expected at most 3 arguments, got " + std::to_string(args.size()));
    std::int64_t v[3];
    for (std::size_t i = 0; i < args.size(); ++i) {
        const Value& a = args[i];
        if (!a.is_int() && !a.is_bool())
            return error("'" + std::string(a.type_name()) + "' object cannot be interpreted as an integer");
        v[i] = a.as_int();
    }
    std::int64_t start = args.size() == 1 ? 0 : v[0];
    std::int64_t stop = args.size() == 1 ? v[0] : v[1];
    std::int64_t step = args.size() == 3 ? v[2] : 1;
    if (step == 0) return error("range() arg 3 must not be zero");
    constexpr std::int64_t kMaxRange = 1000000;
    // Counted in long double: exact enough to compare with the limit and
    // free of overflow for any int64 bounds.
    long double span = step > 0 ? static_cast<long double>(stop) - start : static_cast<long double>(start) - stop;
    long double steps = std::ceil(span / std::fabs(static_cast<long double>(step)));
    if (steps > kMaxRange) return error("range() is too large (more than 1000000 items)");
    std::int64_t count = steps > 0 ? static_cast<std::int64_t>(steps) : 0;
    std::vector<Value> items;
    items.reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) items.push_back(Value::integer(start + i * step));
    return Value::range(std::move(items), start, stop, step);
}

// dict(...) and namespace(...): an optional mapping (or pairs) plus keywords.
Result<std::vector<std::pair<std::string, Value>>> mapping_args(const CallArgs& args, std::string_view what) {
    std::vector<std::pair<std::string, Value>> out;
    if (args.size() > 1) return make_error("", 0, 0, std::string(what) + " expected at most 1 argument");
    if (args.size() == 1) {
        const Value& m = args[0];
        if (m.is_map()) {
            for (const MapEntry& e : m.entries()) out.emplace_back(e.key.as_string(), e.value);
        } else if (m.is_list()) {
            for (const Value& pair : m.items()) {
                if (!pair.is_list() || pair.size() != 2 || !pair.items()[0].is_string())
                    return make_error("", 0, 0, std::string(what) + ": expected (string, value) pairs");
                out.emplace_back(pair.items()[0].as_string(), pair.items()[1]);
            }
        } else {
            return make_error("", 0, 0, "'" + std::string(m.type_name()) + "' object is not iterable");
        }
    }
    for (const KeywordArg& k : args.keyword) out.emplace_back(std::string(k.name), *k.value);
    return out;
}

Result<Value> g_dict(const CallArgs& args) {
    auto entries = mapping_args(args, "dict");
    if (!entries) return entries.errors();
    return Value::map(std::move(entries.value()));
}

Result<Value> g_namespace(const CallArgs& args) {
    auto entries = mapping_args(args, "namespace");
    if (!entries) return entries.errors();
    auto* ns = new NamespaceObject;
    Value v = Value::object(ns);
    for (auto& [k, val] : entries.value()) ns->set(k, std::move(val));
    return v;
}

Result<Value> g_joiner(const CallArgs& args) {
    const Value* sep = args.arg(0, "sep");
    return Value::object(new JoinerObject(sep ? sep->to_string() : ", "));
}

Result<Value> g_cycler(const CallArgs& args) {
    if (args.size() == 0) return error("at least one item has to be provided");
    std::vector<Value> items;
    for (const Value* v : args.positional) items.push_back(*v);
    return Value::object(new CyclerObject(std::move(items)));
}

Result<Value> g_lipsum(const CallArgs&) { return error("unsupported Jinja feature `lipsum()`"); }

}  // namespace

const Value* builtin_global(std::string_view name) {
    // Immutable after the thread-safe initialisation of the static.
    static const std::unordered_map<std::string_view, Value> globals = {
        {"range", Value::function(g_range, "range")},
        {"dict", Value::function(g_dict, "dict")},
        {"namespace", Value::function(g_namespace, "namespace")},
        {"joiner", Value::function(g_joiner, "joiner")},
        {"cycler", Value::function(g_cycler, "cycler")},
        {"lipsum", Value::function(g_lipsum, "lipsum")},
    };
    auto it = globals.find(name);
    return it == globals.end() ? nullptr : &it->second;
}

}  // namespace portal::tmpl
