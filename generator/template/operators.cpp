// Python's operators on template values: what `+`, `<`, `in`, len() and
// slicing do to ints, floats, strings (with markupsafe's rules), lists and
// dicts, including the TypeErrors, so templates fail where Jinja fails.
#include <cmath>
#include <cstring>
#include <limits>

#include "template/escape.h"
#include "template/interp.h"
#include "template/unicode.h"

namespace portal::tmpl::ops {

namespace {

// Results larger than this are refused: `"x" * 10**12` must not eat memory.
constexpr std::size_t kMaxResultBytes = 64u << 20;
constexpr std::size_t kMaxResultItems = 4u << 20;

[[noreturn]] void type_error(Interp& in, std::string_view op, const Value& a, const Value& b) {
    in.fail("unsupported operand type(s) for " + std::string(op) + ": '" + std::string(a.type_name()) + "' and '" +
            std::string(b.type_name()) + "'");
}

bool is_integral(const Value& v) { return v.is_int() || v.is_bool(); }

// Compares an int64 with a double exactly, as Python does.
int compare_int_float(std::int64_t i, double d) {
    if (std::isnan(d)) return 2;  // unordered
    if (d >= 9223372036854775808.0) return -1;
    if (d < -9223372036854775808.0) return 1;
    double t = std::trunc(d);
    auto di = static_cast<std::int64_t>(t);
    if (i < di) return -1;
    if (i > di) return 1;
    if (d > t) return -1;
    if (d < t) return 1;
    return 0;
}

// -1, 0, 1, or 2 when unordered (NaN).
int compare_numbers(const Value& a, const Value& b) {
    if (is_integral(a) && is_integral(b)) {
        std::int64_t x = a.as_int(), y = b.as_int();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (is_integral(a)) return compare_int_float(a.as_int(), b.as_float());
    if (is_integral(b)) {
        int c = compare_int_float(b.as_int(), a.as_float());
        return c == 2 ? 2 : -c;
    }
    double x = a.as_float(), y = b.as_float();
    if (std::isnan(x) || std::isnan(y)) return 2;
    return x < y ? -1 : x > y ? 1 : 0;
}

Value concat_strings(const Value& a, const Value& b) {
    // markupsafe: Markup + str escapes the str, and the result is Markup.
    if (a.is_safe() || b.is_safe()) {
        std::string s;
        if (a.is_safe()) s = a.str();
        else append_html_escaped(s, a.str());
        if (b.is_safe()) s += b.str();
        else append_html_escaped(s, b.str());
        return Value::safe(std::move(s));
    }
    std::string s;
    s.reserve(a.str().size() + b.str().size());
    s += a.str();
    s += b.str();
    return Value::string(std::move(s));
}

Value repeat(Interp& in, const Value& seq, std::int64_t n) {
    if (n < 0) n = 0;
    if (seq.is_string()) {
        std::size_t size = seq.str().size();
        if (size != 0 && static_cast<std::size_t>(n) > kMaxResultBytes / size)
            in.fail("string repetition result is too large");
        std::string s;
        s.reserve(size * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) s += seq.str();
        return seq.is_safe() ? Value::safe(std::move(s)) : Value::string(std::move(s));
    }
    std::size_t size = seq.items().size();
    if (size != 0 && static_cast<std::size_t>(n) > kMaxResultItems / size)
        in.fail("list repetition result is too large");
    std::vector<Value> items;
    items.reserve(size * static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) items.insert(items.end(), seq.items().begin(), seq.items().end());
    return Value::list(std::move(items), seq.is_tuple() ? ListStyle::tuple : ListStyle::list);
}

// Lists and tuples: what + and * accept.
bool is_sequence(const Value& v) { return v.is_sequence_list() && v.list_style() != ListStyle::range; }

// Python's float divmod.
void float_divmod(double a, double b, double& div, double& mod) {
    mod = std::fmod(a, b);
    div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, b);
    }
    if (div != 0.0) {
        double floordiv = std::floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
        div = floordiv;
    } else {
        div = std::copysign(0.0, a / b);
    }
}

}  // namespace

bool equals(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) return compare_numbers(a, b) == 0;
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case Value::Kind::undefined:
        case Value::Kind::none: return true;
        case Value::Kind::string: return a.str() == b.str();
        case Value::Kind::list: {
            ListStyle sa = a.list_style(), sb = b.list_style();
            if (sa == ListStyle::generator || sb == ListStyle::generator || sa == ListStyle::dict_values)
                return a.identical(b);
            if (a.is_tuple() != b.is_tuple() || (!a.is_tuple() && sa != sb)) return false;
            auto x = a.items(), y = b.items();
            if ((sa == ListStyle::dict_keys || sa == ListStyle::dict_items) && x.size() == y.size()) {
                // Views compare like sets.
                for (const Value& v : x) {
                    bool found = false;
                    for (const Value& w : y) found = found || equals(v, w);
                    if (!found) return false;
                }
                return true;
            }
            if (x.size() != y.size()) return false;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (!equals(x[i], y[i])) return false;
            return true;
        }
        case Value::Kind::map: {
            if (a.size() != b.size()) return false;
            for (const MapEntry& e : a.entries()) {
                const Value* other = b.find(e.key.str());
                if (!other || !equals(e.value, *other)) return false;
            }
            return true;
        }
        default: return a.identical(b);
    }
}

bool less(Interp& in, const Value& a, const Value& b) {
    if (a.is_undefined()) in.fail_undefined(a);
    if (b.is_undefined()) in.fail_undefined(b);
    if (a.is_number() && b.is_number()) return compare_numbers(a, b) == -1;
    if (a.is_string() && b.is_string()) return a.str() < b.str();
    if (is_sequence(a) && is_sequence(b) && a.is_tuple() == b.is_tuple()) {
        auto x = a.items(), y = b.items();
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
            if (!equals(x[i], y[i])) return less(in, x[i], y[i]);
        return x.size() < y.size();
    }
    in.fail("'<' not supported between instances of '" + std::string(a.type_name()) + "' and '" +
            std::string(b.type_name()) + "'");
}

bool contains(Interp& in, const Value& container, const Value& item) {
    switch (container.kind()) {
        case Value::Kind::string:
            if (!item.is_string())
                in.fail("'in <string>' requires string as left operand, not " + std::string(item.type_name()));
            return container.str().find(item.str()) != std::string_view::npos;
        case Value::Kind::list:
            for (const Value& v : container.items())
                if (equals(v, item)) return true;
            return false;
        case Value::Kind::map:
            if (item.is_list() && !item.is_tuple()) in.fail("unhashable type: 'list'");
            if (item.is_map()) in.fail("unhashable type: 'dict'");
            return item.is_string() && container.find(item.str()) != nullptr;
        case Value::Kind::undefined:
            in.use(container);
            return false;
        default:
            in.fail("argument of type '" + std::string(container.type_name()) + "' is not iterable");
    }
}

std::int64_t float_to_int(Interp& in, double d) {
    if (std::isnan(d)) in.fail("cannot convert float NaN to integer");
    if (!(d > -9223372036854775809.0 && d < 9223372036854775808.0))
        in.fail("integer overflow: the value does not fit 64 bits");
    return static_cast<std::int64_t>(d);
}

Value binary(Interp& in, ast::BinOp op, const Value& a, const Value& b) {
    using ast::BinOp;
    if (a.is_undefined()) in.fail_undefined(a);
    // `"%s" % x` runs str's formatting before anything else: an undefined
    // argument formats (as a mapping) instead of failing.
    if (b.is_undefined() && !(op == ast::BinOp::mod && a.is_string())) in.fail_undefined(b);
    static constexpr std::string_view kSymbols[] = {"+", "-", "*", "/", "//", "%", "**"};
    std::string_view sym = kSymbols[static_cast<int>(op)];
    bool numbers = a.is_number() && b.is_number();
    bool ints = is_integral(a) && is_integral(b);
    auto overflow = [&]() -> Value { in.fail("integer overflow: the result does not fit 64 bits"); };
    switch (op) {
        case BinOp::add: {
            if (ints) {
                std::int64_t r;
                if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return overflow();
                return Value::integer(r);
            }
            if (numbers) return Value::number(a.as_float() + b.as_float());
            if (a.is_string() && b.is_string()) return concat_strings(a, b);
            if (is_sequence(a) && is_sequence(b) && a.is_tuple() == b.is_tuple()) {
                if (a.size() + b.size() > kMaxResultItems) in.fail("list concatenation result is too large");
                std::vector<Value> items(a.items().begin(), a.items().end());
                items.insert(items.end(), b.items().begin(), b.items().end());
                return Value::list(std::move(items), a.is_tuple() ? ListStyle::tuple : ListStyle::list);
            }
            if (a.is_list() && b.is_list())
                in.fail("can only concatenate " + std::string(a.type_name()) + " (not \"" + std::string(b.type_name()) +
                        "\") to " + std::string(a.type_name()));
            type_error(in, sym, a, b);
        }
        case BinOp::sub: {
            if (ints) {
                std::int64_t r;
                if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return overflow();
                return Value::integer(r);
            }
            if (numbers) return Value::number(a.as_float() - b.as_float());
            type_error(in, sym, a, b);
        }
        case BinOp::mul: {
            if (ints) {
                std::int64_t r;
                if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) return overflow();
                return Value::integer(r);
            }
            if (numbers) return Value::number(a.as_float() * b.as_float());
            if ((a.is_string() || is_sequence(a)) && is_integral(b)) return repeat(in, a, b.as_int());
            if ((b.is_string() || is_sequence(b)) && is_integral(a)) return repeat(in, b, a.as_int());
            if ((a.is_string() || a.is_list()) && b.is_float())
                in.fail("can't multiply sequence by non-int of type 'float'");
            type_error(in, sym, a, b);
        }
        case BinOp::div: {
            if (!numbers) type_error(in, sym, a, b);
            if (b.as_float() == 0.0) in.fail("division by zero");
            if (ints) {
                // Python divides ints exactly-rounded; doubles are exact up to 2**53.
                return Value::number(static_cast<double>(a.as_int()) / static_cast<double>(b.as_int()));
            }
            return Value::number(a.as_float() / b.as_float());
        }
        case BinOp::floordiv:
        case BinOp::mod: {
            if (op == BinOp::mod && a.is_string()) return percent_format(in, a, b);
            if (!numbers) type_error(in, sym, a, b);
            if (ints) {
                std::int64_t x = a.as_int(), y = b.as_int();
                if (y == 0) in.fail(op == BinOp::mod ? "integer division or modulo by zero" : "integer division or modulo by zero");
                if (x == INT64_MIN && y == -1) {
                    if (op == BinOp::mod) return Value::integer(0);
                    return overflow();
                }
                std::int64_t q = x / y, r = x % y;
                if (r != 0 && ((r < 0) != (y < 0))) {
                    --q;
                    r += y;
                }
                return Value::integer(op == BinOp::mod ? r : q);
            }
            double x = a.as_float(), y = b.as_float();
            if (y == 0.0) in.fail(op == BinOp::mod ? "float modulo" : "float floor division by zero");
            double div, mod;
            float_divmod(x, y, div, mod);
            return Value::number(op == BinOp::mod ? mod : div);
        }
        case BinOp::pow: {
            if (!numbers) {
                in.fail("unsupported operand type(s) for ** or pow(): '" + std::string(a.type_name()) + "' and '" +
                        std::string(b.type_name()) + "'");
            }
            if (ints && b.as_int() >= 0) {
                std::int64_t base = a.as_int(), exp = b.as_int(), r = 1;
                while (exp > 0) {
                    if (exp & 1)
                        if (__builtin_mul_overflow(r, base, &r)) return overflow();
                    exp >>= 1;
                    if (exp > 0 && __builtin_mul_overflow(base, base, &base)) return overflow();
                }
                return Value::integer(r);
            }
            double x = a.as_float(), y = b.as_float();
            if (x == 0.0 && y < 0) in.fail("0.0 cannot be raised to a negative power");
            if (x < 0 && std::floor(y) != y) in.fail("unsupported: a negative number raised to a fractional power is complex");
            double r = std::pow(x, y);
            if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) in.fail("numerical result out of range");
            return Value::number(r);
        }
    }
    type_error(in, sym, a, b);
}

Value negate(Interp& in, const Value& a) {
    if (a.is_undefined()) in.fail_undefined(a);
    if (is_integral(a)) {
        if (a.as_int() == INT64_MIN) in.fail("integer overflow: the result does not fit 64 bits");
        return Value::integer(-a.as_int());
    }
    if (a.is_float()) return Value::number(-a.as_float());
    in.fail("bad operand type for unary -: '" + std::string(a.type_name()) + "'");
}

Value plus(Interp& in, const Value& a) {
    if (a.is_undefined()) in.fail_undefined(a);
    if (is_integral(a)) return Value::integer(a.as_int());
    if (a.is_float()) return a;
    in.fail("bad operand type for unary +: '" + std::string(a.type_name()) + "'");
}

std::size_t hash(Interp& in, const Value& v) {
    switch (v.kind()) {
        case Value::Kind::undefined: return 0x5bd1e995;
        case Value::Kind::none: return 0x27d4eb2f;
        case Value::Kind::boolean:
        case Value::Kind::integer: return std::hash<std::int64_t>{}(v.as_int());
        case Value::Kind::floating: {
            double d = v.as_float();
            if (std::trunc(d) == d && d >= -9.2e18 && d <= 9.2e18)
                return std::hash<std::int64_t>{}(static_cast<std::int64_t>(d));
            return std::hash<double>{}(d);
        }
        case Value::Kind::string: return std::hash<std::string_view>{}(v.str());
        case Value::Kind::list: {
            if (!v.is_tuple()) in.fail("unhashable type: '" + std::string(v.type_name()) + "'");
            std::size_t h = 0x345678;
            for (const Value& x : v.items()) h = h * 1000003 ^ hash(in, x);
            return h;
        }
        case Value::Kind::map: in.fail("unhashable type: 'dict'");
        default: return std::hash<const void*>{}(v.object_ptr());
    }
}

std::size_t length(Interp& in, const Value& v) {
    switch (v.kind()) {
        case Value::Kind::string: return unicode::length(v.str());
        case Value::Kind::list:
            if (v.list_style() == ListStyle::generator) break;
            return v.size();
        case Value::Kind::map: return v.size();
        case Value::Kind::undefined: in.use(v); return 0;
        default: break;
    }
    {
        std::string message = "object of type '";
        message += v.type_name();
        message += "' has no len()";
        in.fail(std::move(message));
    }
}

std::vector<Value> iterate(Interp& in, const Value& v) {
    switch (v.kind()) {
        case Value::Kind::list: return std::vector<Value>(v.items().begin(), v.items().end());
        case Value::Kind::map: {
            std::vector<Value> keys;
            keys.reserve(v.size());
            for (const MapEntry& e : v.entries()) keys.push_back(e.key);
            return keys;
        }
        case Value::Kind::string: {
            std::vector<Value> chars;
            std::string_view s = v.str();
            for (std::size_t i = 0; i < s.size();) {
                std::size_t start = i;
                unicode::next(s, i);
                chars.push_back(Value::string(std::string(s.substr(start, i - start))));
            }
            return chars;
        }
        case Value::Kind::undefined: in.use(v); return {};
        default: in.fail("'" + std::string(v.type_name()) + "' object is not iterable");
    }
}

Value slice(Interp& in, const Value& v, const Value* start_v, const Value* stop_v, const Value* step_v) {
    auto index = [&](const Value* x, bool& given) -> std::int64_t {
        given = x && !x->is_none();
        if (!given) return 0;
        if (x->is_undefined()) in.fail_undefined(*x);
        if (!is_integral(*x)) in.fail("slice indices must be integers or None");
        return x->as_int();
    };
    bool has_start, has_stop, has_step;
    std::int64_t start = index(start_v, has_start), stop = index(stop_v, has_stop), step = index(step_v, has_step);
    if (!has_step) step = 1;
    if (step == 0) in.fail("slice step cannot be zero");
    bool is_str = v.is_string();
    if (!is_str && !v.is_sequence_list()) {
        if (v.is_undefined()) in.fail_undefined(v);
        std::string message = "'";
        message += v.type_name();
        message += "' object is not subscriptable";
        in.fail(std::move(message));
    }
    // Code points of a string, items of a list.
    std::vector<std::size_t> offsets;
    std::int64_t len;
    if (is_str) {
        std::string_view s = v.str();
        for (std::size_t i = 0; i < s.size();) {
            offsets.push_back(i);
            unicode::next(s, i);
        }
        offsets.push_back(s.size());
        len = static_cast<std::int64_t>(offsets.size() - 1);
    } else {
        len = static_cast<std::int64_t>(v.items().size());
    }
    std::int64_t lower = step > 0 ? 0 : -1, upper = step > 0 ? len : len - 1;
    auto adjust = [&](std::int64_t i, bool given, std::int64_t fallback) {
        if (!given) return fallback;
        if (i < 0) {
            i += len;
            if (i < lower) i = lower;
        } else if (i > upper) {
            i = upper;
        }
        return i;
    };
    start = adjust(start, has_start, step > 0 ? lower : upper);
    stop = adjust(stop, has_stop, step > 0 ? upper : lower);
    if (is_str) {
        std::string_view s = v.str();
        std::string out;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
            auto k = static_cast<std::size_t>(i);
            out.append(s.substr(offsets[k], offsets[k + 1] - offsets[k]));
        }
        return v.is_safe() ? Value::safe(std::move(out)) : Value::string(std::move(out));
    }
    std::vector<Value> items;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) items.push_back(v.items()[static_cast<std::size_t>(i)]);
    return Value::list(std::move(items), v.is_tuple() ? ListStyle::tuple : ListStyle::list);
}

}  // namespace portal::tmpl::ops
