// Binding of call arguments to a builtin's Python-style signature, shared by
// filters, tests, methods and global functions.
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

#include "template/interp.h"

namespace portal::tmpl {

// `Params p(in, args, "truncate", {"length", "killwords", "end", "leeway"});`
// then `p[0]` is the length argument or nullptr when not passed. Extra or
// unknown arguments are errors, as in Python.
class Params {
public:
    Params(Interp& in, const CallArgs& args, std::string_view what, std::initializer_list<std::string_view> names)
        : in_(in), what_(what) {
        std::size_t n = names.size();
        std::size_t i = 0;
        for (std::string_view name : names) names_[i++] = name;
        if (args.positional.size() > n)
            in.fail(std::string(what) + "() takes at most " + std::to_string(n) + " argument(s) (" +
                    std::to_string(args.positional.size()) + " given)");
        for (std::size_t k = 0; k < args.positional.size(); ++k) slots_[k] = args.positional[k];
        for (const KeywordArg& kw : args.keyword) {
            std::size_t k = 0;
            while (k < n && names_[k] != kw.name) ++k;
            if (k == n) in.fail(std::string(what) + "() got an unexpected keyword argument '" + std::string(kw.name) + "'");
            if (slots_[k]) in.fail(std::string(what) + "() got multiple values for argument '" + std::string(kw.name) + "'");
            slots_[k] = kw.value;
        }
    }

    const Value* operator[](std::size_t i) const { return slots_[i]; }

    // Argument `i` as a Python int (bool counts); `fallback` when not passed.
    std::int64_t integer(std::size_t i, std::int64_t fallback) const {
        const Value* v = slots_[i];
        if (!v) return fallback;
        if (v->is_int() || v->is_bool()) return v->as_int();
        if (v->is_undefined()) in_.fail_undefined(*v);
        in_.fail(std::string(what_) + "(): '" + std::string(names_[i]) + "' must be an integer, not " +
                 std::string(v->type_name()));
    }

    bool boolean(std::size_t i, bool fallback) const {
        const Value* v = slots_[i];
        return v ? in_.truthy(*v) : fallback;
    }

    // Python's `is None` check for optional arguments.
    bool given(std::size_t i) const { return slots_[i] && !slots_[i]->is_none(); }

private:
    Interp& in_;
    std::string_view what_;
    std::array<std::string_view, 8> names_{};
    std::array<const Value*, 8> slots_{};
};

// markupsafe.soft_str: strings (and Markup) as they are, everything else str().
inline Value soft_str(const Value& v) { return v.is_string() ? v : Value::string(v.to_string()); }

// Wraps `s` as Markup when `safe`.
inline Value string_like(std::string s, bool safe) { return safe ? Value::safe(std::move(s)) : Value::string(std::move(s)); }

}  // namespace portal::tmpl
