// Jinja's built-in tests (`x is odd`), from jinja2/tests.py.
#include "template/builtins.h"
#include "template/params.h"
#include "template/unicode.h"

namespace portal::tmpl {

namespace {

const Value& one_arg(Interp& in, const CallArgs& args, std::string_view test) {
    Params p(in, args, test, {"other"});
    if (!p[0]) in.fail("test `" + std::string(test) + "` needs an argument");
    return *p[0];
}

bool remainder_is(Interp& in, const Value& v, std::int64_t divisor, std::int64_t want) {
    Value r = ops::binary(in, ast::BinOp::mod, v, Value::integer(divisor));
    return ops::equals(r, Value::integer(want));
}

bool t_odd(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "odd", {});
    return remainder_is(in, v, 2, 1);
}

bool t_even(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "even", {});
    return remainder_is(in, v, 2, 0);
}

bool t_divisibleby(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "divisibleby", {"num"});
    if (!p[0]) in.fail("test `divisibleby` needs an argument");
    Value r = ops::binary(in, ast::BinOp::mod, v, *p[0]);
    return ops::equals(r, Value::integer(0));
}

bool t_defined(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "defined", {});
    return !v.is_undefined(); }
bool t_undefined(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "undefined", {});
    return v.is_undefined(); }
bool t_none(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "none", {});
    return v.is_none(); }
bool t_boolean(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "boolean", {});
    return v.is_bool(); }
bool t_false(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "false", {});
    return v.is_bool() && !v.as_bool(); }
bool t_true(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "true", {});
    return v.is_bool() && v.as_bool(); }
bool t_integer(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "integer", {});
    return v.is_int(); }
bool t_float(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "float", {});
    return v.is_float(); }
bool t_string(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "string", {});
    return v.is_string(); }
bool t_mapping(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "mapping", {});
    return v.is_map(); }
bool t_number(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "number", {});
    return v.is_number(); }
bool t_escaped(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "escaped", {});
    return v.is_safe(); }

// Python's str.islower()/isupper(): some cased character, none of the other case.
bool case_test(const Value& v, bool want_lower) {
    std::string s = v.to_string();
    bool cased = false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = unicode::next(s, i);
        if (!unicode::is_cased(c)) continue;
        bool lower = unicode::to_upper(c) != c || c == 0xDF || c == 0x138 || c == 0x149;
        bool upper = unicode::to_lower(c) != c;
        if (want_lower ? upper && !lower : lower && !upper) return false;
        cased = true;
    }
    return cased;
}

bool t_lower(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "lower", {});
    return case_test(v, true);
}
bool t_upper(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "upper", {});
    return case_test(v, false);
}

bool t_sequence(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "sequence", {});
    return v.is_string() || v.is_sequence_list() || v.is_map() || v.is_undefined();
}

bool t_iterable(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "iterable", {});
    return v.is_string() || v.is_list() || v.is_map() || v.is_undefined() ||
           (v.is_object() && v.object_ptr()->type() == Object::Type::loop);
}

bool t_callable(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "callable", {});
    // Undefined has __call__ (it raises), so Jinja calls it callable.
    return v.is_function() || v.is_undefined() ||
           (v.is_object() && (v.object_ptr()->callable() || v.object_ptr()->type() == Object::Type::loop));
}

bool t_sameas(Interp& in, const Value& v, const CallArgs& a) { return v.identical(one_arg(in, a, "sameas")); }
bool t_in(Interp& in, const Value& v, const CallArgs& a) { return ops::contains(in, one_arg(in, a, "in"), v); }
bool t_eq(Interp& in, const Value& v, const CallArgs& a) { return ops::equals(v, one_arg(in, a, "eq")); }
bool t_ne(Interp& in, const Value& v, const CallArgs& a) { return !ops::equals(v, one_arg(in, a, "ne")); }
bool t_lt(Interp& in, const Value& v, const CallArgs& a) { return ops::less(in, v, one_arg(in, a, "lt")); }
bool t_gt(Interp& in, const Value& v, const CallArgs& a) { return ops::less(in, one_arg(in, a, "gt"), v); }
bool t_le(Interp& in, const Value& v, const CallArgs& a) {
    const Value& o = one_arg(in, a, "le");
    return ops::less(in, v, o) || ops::equals(v, o);
}
bool t_ge(Interp& in, const Value& v, const CallArgs& a) {
    const Value& o = one_arg(in, a, "ge");
    return ops::less(in, o, v) || ops::equals(v, o);
}

bool t_filter(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "filter", {});
   
    return v.is_string() && find_builtin_filter(v.str()) != nullptr;
}

bool t_test(Interp& in, const Value& v, const CallArgs& a) {
    Params p(in, a, "test", {});
    return v.is_string() && find_builtin_test(v.str()) != nullptr; }

constexpr BuiltinTest kTests[] = {
    {"odd", t_odd},         {"even", t_even},       {"divisibleby", t_divisibleby}, {"defined", t_defined},
    {"undefined", t_undefined}, {"filter", t_filter}, {"test", t_test},           {"none", t_none},
    {"boolean", t_boolean}, {"false", t_false},     {"true", t_true},             {"integer", t_integer},
    {"float", t_float},     {"lower", t_lower},     {"upper", t_upper},           {"string", t_string},
    {"mapping", t_mapping}, {"number", t_number},   {"sequence", t_sequence},     {"iterable", t_iterable},
    {"callable", t_callable}, {"sameas", t_sameas}, {"escaped", t_escaped},       {"in", t_in},
    {"==", t_eq},           {"eq", t_eq},           {"equalto", t_eq},            {"!=", t_ne},
    {"ne", t_ne},           {">", t_gt},            {"gt", t_gt},                 {"greaterthan", t_gt},
    {"ge", t_ge},           {">=", t_ge},           {"<", t_lt},                  {"lt", t_lt},
    {"lessthan", t_lt},     {"<=", t_le},           {"le", t_le},
};

}  // namespace

const BuiltinTest* find_builtin_test(std::string_view name) {
    for (const BuiltinTest& t : kTests)
        if (t.name == name) return &t;
    return nullptr;
}

bool is_unsupported_jinja_test(std::string_view) { return false; }

}  // namespace portal::tmpl
