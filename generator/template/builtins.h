// The tables of built-in filters (`x|upper`) and tests (`x is odd`). The
// parser resolves names against them once, so rendering calls a function
// pointer instead of looking names up.
#pragma once

#include <string_view>

#include "template/value.h"

namespace portal::tmpl {

class Interp;

using FilterFn = Value (*)(Interp& in, const Value& input, const CallArgs& args);
using TestFn = bool (*)(Interp& in, const Value& input, const CallArgs& args);

struct BuiltinFilter {
    std::string_view name;
    FilterFn fn;
    // Needs the render context (map/select/...): Jinja never folds these at
    // compile time (see ast::Concat).
    bool uses_context = false;
};

struct BuiltinTest {
    std::string_view name;
    TestFn fn;
};

const BuiltinFilter* find_builtin_filter(std::string_view name);
const BuiltinTest* find_builtin_test(std::string_view name);

// Jinja built-ins this engine deliberately lacks (random, urlize, ...), so the
// error can say "unsupported" rather than "unknown".
bool is_unsupported_jinja_filter(std::string_view name);
bool is_unsupported_jinja_test(std::string_view name);

// Whether `name` is a method of str, dict or list at all; the parser marks
// such attribute names so `page.title` on a map can skip the method check.
bool is_method_name(std::string_view name);

}  // namespace portal::tmpl
