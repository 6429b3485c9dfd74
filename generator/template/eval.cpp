// Expression evaluation: names, attributes, calls, filters, tests and
// operators, with Jinja's lookup rules and Python's semantics.
#include <cstring>

#include "template/builtins.h"
#include "template/escape.h"
#include "template/interp.h"
#include "template/unicode.h"

namespace portal::tmpl {

using namespace ast;

// ------------------------------------------------------------ ArgBuffer

ArgBuffer::ArgBuffer(std::size_t positional, std::size_t keyword) : npos_(positional), nkw_(keyword) {
    std::size_t n = positional + keyword;
    if (n <= kInline) {
        refs_ = inline_refs_.data();
        ptrs_ = inline_ptrs_.data();
    } else {
        heap_refs_ = std::make_unique<Ref[]>(n);
        heap_ptrs_ = std::make_unique<const Value*[]>(n);
        refs_ = heap_refs_.get();
        ptrs_ = heap_ptrs_.get();
    }
    if (keyword <= kInline) {
        kws_ = inline_kws_.data();
    } else {
        heap_kws_ = std::make_unique<KeywordArg[]>(keyword);
        kws_ = heap_kws_.get();
    }
}

CallArgs ArgBuffer::view() {
    for (std::size_t i = 0; i < npos_; ++i) ptrs_[i] = refs_[i].get();
    for (std::size_t i = 0; i < nkw_; ++i) kws_[i].value = refs_[npos_ + i].get();
    return CallArgs{std::span<const Value* const>(ptrs_, npos_), std::span<const KeywordArg>(kws_, nkw_)};
}

void Interp::eval_args(const Args& a, ArgBuffer& out, std::size_t first_keyword) {
    for (std::size_t i = 0; i < a.positional.size(); ++i) eval(*a.positional[i], out.positional(i));
    for (std::size_t i = 0; i < a.keyword.size(); ++i)
        eval(*a.keyword[i].value, out.keyword(first_keyword + i, a.keyword[i].name));
}

// ------------------------------------------------------------ evaluation

bool Interp::eval_truthy(const Expr& e) {
    Ref r;
    eval(e, r);
    at_ = &e;
    return truthy(*r);
}

void Interp::eval(const Expr& e, Ref& out) {
    switch (e.kind) {
        case ExprKind::constant: out.borrow(static_cast<const Const&>(e).value); return;
        case ExprKind::name: eval_name(static_cast<const Name&>(e), out); return;
        case ExprKind::attr: eval_attr(static_cast<const Attr&>(e), out); return;
        case ExprKind::item: eval_item(static_cast<const Item&>(e), out); return;
        case ExprKind::slice: eval_slice(static_cast<const Slice&>(e), out); return;
        case ExprKind::call: eval_call(static_cast<const Call&>(e), out); return;
        case ExprKind::filter: eval_filter(static_cast<const Filter&>(e), out); return;
        case ExprKind::test: out.set(Value::boolean(eval_test(static_cast<const Test&>(e)))); return;
        case ExprKind::neg:
        case ExprKind::pos: {
            Ref r;
            eval(*static_cast<const Unary&>(e).operand, r);
            at_ = &e;
            out.set(e.kind == ExprKind::neg ? ops::negate(*this, *r) : ops::plus(*this, *r));
            return;
        }
        case ExprKind::not_:
            out.set(Value::boolean(!eval_truthy(*static_cast<const Unary&>(e).operand)));
            return;
        case ExprKind::binary: {
            const auto& b = static_cast<const Binary&>(e);
            Ref l, r;
            eval(*b.left, l);
            eval(*b.right, r);
            at_ = &e;
            if (b.op == BinOp::pow && b.left->foldable && !b.right->foldable && l->is_number() &&
                l->as_float() < 0) {
                // Jinja folds the constant base and writes it into Python
                // source as "-2.5 ** x", which Python reads as -(2.5 ** x).
                out.set(ops::negate(*this, ops::binary(*this, b.op, ops::negate(*this, *l), *r)));
                return;
            }
            out.set(ops::binary(*this, b.op, *l, *r));
            return;
        }
        case ExprKind::and_:
        case ExprKind::or_: {
            // Python returns the deciding operand, not a bool.
            const auto& b = static_cast<const Binary&>(e);
            eval(*b.left, out);
            at_ = &e;
            bool t = truthy(*out);
            if ((e.kind == ExprKind::and_) == t) {
                Ref r;
                eval(*b.right, r);
                out = std::move(r);
            }
            return;
        }
        case ExprKind::compare: eval_compare(static_cast<const Compare&>(e), out); return;
        case ExprKind::concat: eval_concat(static_cast<const Concat&>(e), out); return;
        case ExprKind::cond: {
            const auto& c = static_cast<const Cond&>(e);
            if (eval_truthy(*c.test)) eval(*c.then, out);
            else if (c.otherwise) eval(*c.otherwise, out);
            else out.set(Value::undefined(&e));
            return;
        }
        case ExprKind::list:
        case ExprKind::tuple: {
            const auto& s = static_cast<const Sequence&>(e);
            std::vector<Value> items;
            items.reserve(s.items.size());
            for (const ExprPtr& item : s.items) items.push_back(eval_value(*item));
            out.set(Value::list(std::move(items), e.kind == ExprKind::tuple ? ListStyle::tuple : ListStyle::list));
            return;
        }
        case ExprKind::dict: {
            const auto& d = static_cast<const Dict&>(e);
            MapBuilder b;
            for (const auto& [k, v] : d.items) {
                Value key = eval_value(*k);
                if (!key.is_string()) {
                    at_ = k.get();
                    fail("unsupported: dictionary keys must be strings, not " + std::string(key.type_name()));
                }
                b.set(key.as_string(), eval_value(*v));
            }
            out.set(b.build());
            return;
        }
    }
}

void Interp::eval_name(const Name& n, Ref& out) {
    if (const Value* v = frame_->scope->find(n.name, n.hash)) {
        out.borrow(*v);
        return;
    }
    if (n.name == "self") {
        out.set(Value::object(new SelfObject(*frame_->ctx)));
        return;
    }
    if (const Value* g = builtin_global(n.name)) {
        out.borrow(*g);
        return;
    }
    out.set(Value::undefined(&n));
}

void Interp::eval_attr(const Attr& a, Ref& out) {
    Ref obj;
    eval(*a.object, obj);
    at_ = &a;
    Value owned;
    const Value* found = nullptr;
    lookup_attr(*obj, a.name, a.hash, &a, owned, found, a.maybe_method);
    if (!found) out.set(std::move(owned));
    else if (obj.owned()) out.set(*found);  // the container dies with `obj`
    else out.borrow(*found);
}

void Interp::eval_item(const Item& it, Ref& out) {
    Ref obj, key;
    eval(*it.object, obj);
    eval(*it.index, key);
    at_ = &it;
    Value owned;
    const Value* found = nullptr;
    lookup_item(*obj, *key, &it, owned, found);
    if (!found) out.set(std::move(owned));
    else if (obj.owned()) out.set(*found);
    else out.borrow(*found);
}

void Interp::eval_slice(const Slice& s, Ref& out) {
    Ref obj, start, stop, step;
    eval(*s.object, obj);
    if (s.start) eval(*s.start, start);
    if (s.stop) eval(*s.stop, stop);
    if (s.step) eval(*s.step, step);
    at_ = &s;
    // Jinja compiles slices to a plain Python subscript (not getitem), so a
    // value that cannot be sliced is an error, not undefined.
    out.set(ops::slice(*this, *obj, s.start ? start.get() : nullptr, s.stop ? stop.get() : nullptr,
                       s.step ? step.get() : nullptr));
}

namespace {

bool starts_with_dunder(std::string_view name) { return name.size() >= 2 && name[0] == '_' && name[1] == '_'; }

// Python attributes of int/float/bool that templates cannot use here.
bool is_number_attribute(std::string_view name) {
    static constexpr std::string_view names[] = {"real", "imag", "numerator", "denominator", "conjugate",
                                                 "bit_length", "bit_count", "to_bytes", "from_bytes",
                                                 "as_integer_ratio", "is_integer", "hex", "fromhex"};
    for (std::string_view n : names)
        if (n == name) return true;
    return false;
}

}  // namespace

void Interp::lookup_attr(const Value& obj, std::string_view name, std::size_t hash, const void* origin, Value& owned,
                         const Value*& found, bool maybe_method) {
    if (obj.is_undefined()) fail_undefined(obj);
    if (obj.is_map() && !maybe_method) {
        // The common case, `page.title`: a plain key lookup.
        found = obj.find(name, hash);
        if (!found) owned = Value::undefined(origin);
        return;
    }
    if (starts_with_dunder(name)) fail("unsupported Jinja feature `attribute " + std::string(name) + "`");
    switch (obj.kind()) {
        case Value::Kind::map:
        case Value::Kind::string:
        case Value::Kind::list: {
            MethodSupport m = method_support(obj, name);
            if (m == MethodSupport::supported) {
                owned = Value::object(new MethodObject(obj, name));
                return;
            }
            if (m == MethodSupport::unsupported)
                fail("unsupported: the Python method `" + std::string(obj.type_name()) + "." + std::string(name) +
                     "` is not available in templates");
            if (obj.is_map()) {
                found = obj.find(name, hash);
                if (found) return;
            }
            if (obj.is_list() && obj.list_style() == ListStyle::group && (name == "grouper" || name == "list")) {
                found = &obj.items()[name == "grouper" ? 0 : 1];
                return;
            }
            owned = Value::undefined(origin);
            return;
        }
        case Value::Kind::integer:
        case Value::Kind::floating:
        case Value::Kind::boolean:
            if (is_number_attribute(name))
                fail("unsupported: the Python attribute `" + std::string(obj.type_name()) + "." + std::string(name) +
                     "` is not available in templates");
            owned = Value::undefined(origin);
            return;
        case Value::Kind::object:
            if (!obj.object_ptr()->get_attr(name, owned)) owned = Value::undefined(origin);
            return;
        default: owned = Value::undefined(origin); return;
    }
}

void Interp::lookup_item(const Value& obj, const Value& key, const void* origin, Value& owned, const Value*& found) {
    if (obj.is_undefined()) fail_undefined(obj);
    use(key);
    switch (obj.kind()) {
        case Value::Kind::map:
            if (key.is_string()) {
                found = obj.find(key.str());
                if (found) return;
            }
            break;
        case Value::Kind::list:
            if ((key.is_int() || key.is_bool()) && obj.is_sequence_list()) {
                std::int64_t i = key.as_int();
                auto n = static_cast<std::int64_t>(obj.items().size());
                if (i < 0) i += n;
                if (i >= 0 && i < n) {
                    found = &obj.items()[static_cast<std::size_t>(i)];
                    return;
                }
                owned = Value::undefined(origin);
                return;
            }
            break;
        case Value::Kind::string:
            if (key.is_int() || key.is_bool()) {
                std::string_view s = obj.str();
                std::int64_t i = key.as_int();
                auto n = static_cast<std::int64_t>(unicode::length(s));
                if (i < 0) i += n;
                if (i >= 0 && i < n) {
                    std::size_t start = unicode::offset_of(s, static_cast<std::size_t>(i));
                    std::size_t end = start;
                    unicode::next(s, end);
                    std::string ch(s.substr(start, end - start));
                    owned = obj.is_safe() ? Value::safe(std::move(ch)) : Value::string(std::move(ch));
                    return;
                }
                owned = Value::undefined(origin);
                return;
            }
            break;
        default: break;
    }
    // Item lookup failed: Jinja then tries the attribute of that name.
    if (key.is_string() && !starts_with_dunder(key.str())) {
        if (obj.is_object()) {
            if (!obj.object_ptr()->get_attr(key.str(), owned)) owned = Value::undefined(origin);
            return;
        }
        if (method_support(obj, key.str()) == MethodSupport::supported) {
            owned = Value::object(new MethodObject(obj, key.str()));
            return;
        }
    }
    owned = Value::undefined(origin);
}

Value Interp::getattr(const Value& obj, std::string_view name) {
    Value owned;
    const Value* found = nullptr;
    lookup_attr(obj, name, Value::hash_key(name), nullptr, owned, found);
    return found ? *found : owned;
}

Value Interp::getitem(const Value& obj, const Value& key) {
    Value owned;
    const Value* found = nullptr;
    lookup_item(obj, key, nullptr, owned, found);
    return found ? *found : owned;
}

// ------------------------------------------------------------ calls

void Interp::eval_call(const Call& c, Ref& out, const Value* caller) {
    std::size_t nkw = c.args.keyword.size() + (caller ? 1 : 0);
    // `obj.method(...)`: call Python methods of strings, lists and dicts and
    // the engine's objects directly, without a bound-method value.
    if (c.callee->kind == ExprKind::attr) {
        const auto& a = static_cast<const Attr&>(*c.callee);
        Ref obj;
        eval(*a.object, obj);
        at_ = &a;
        bool builtin_method = (obj->is_string() || obj->is_list() || obj->is_map()) &&
                              method_support(*obj, a.name) == MethodSupport::supported;
        if (builtin_method || obj->is_object()) {
            ArgBuffer args(c.args.positional.size(), nkw);
            eval_args(c.args, args);
            if (caller) args.keyword(c.args.keyword.size(), "caller").borrow(*caller);
            at_ = &c;
            if (builtin_method) {
                try {
                    out.set(call_method(*this, *obj, a.name, args.view()));
                } catch (const BuiltinError& e) {
                    fail(e.message);
                }
                return;
            }
            Value result;
            if (call_object_method(*obj, a.name, args.view(), result)) {
                out.set(std::move(result));
                return;
            }
            Value callee;
            if (!obj->object_ptr()->get_attr(a.name, callee)) callee = Value::undefined(&a);
            out.set(call_value(callee, args.view()));
            return;
        }
        Value owned;
        const Value* found = nullptr;
        lookup_attr(*obj, a.name, a.hash, &a, owned, found);
        Ref callee;
        if (found) callee.borrow(*found);
        else callee.set(std::move(owned));
        ArgBuffer args(c.args.positional.size(), nkw);
        eval_args(c.args, args);
        if (caller) args.keyword(c.args.keyword.size(), "caller").borrow(*caller);
        at_ = &c;
        out.set(call_value(*callee, args.view()));
        return;
    }
    if (c.callee->kind == ExprKind::name) {
        const auto& n = static_cast<const Name&>(*c.callee);
        if (n.name == "super" && !frame_->scope->find(n.name, n.hash)) {
            at_ = &c;
            out.set(call_super(c));
            return;
        }
    }
    Ref callee;
    eval(*c.callee, callee);
    ArgBuffer args(c.args.positional.size(), nkw);
    eval_args(c.args, args);
    if (caller) args.keyword(c.args.keyword.size(), "caller").borrow(*caller);
    at_ = &c;
    out.set(call_value(*callee, args.view()));
}

Value Interp::call_super(const Call& c) {
    if (!c.args.positional.empty() || !c.args.keyword.empty()) fail("super() takes no arguments");
    const Frame& f = *frame_;
    if (!f.block) fail("super() can only be used inside a {% block %}");
    if (f.level + 1 >= f.block->levels.size())
        fail("no parent block called `" + std::string(f.block->name) + "`: super() has nothing to render");
    return render_block_value(*f.block, f.level + 1, f.block_context);
}

Value Interp::call_value(const Value& callee, const CallArgs& args) {
    switch (callee.kind()) {
        case Value::Kind::undefined: fail_undefined(callee);
        case Value::Kind::function: {
            Result<Value> r = callee.native()(args);
            if (r.ok()) return std::move(r.value());
            Diagnostic d = r.errors().empty() ? make_error("", 0, 0, "host function failed") : r.errors().front();
            if (d.path.empty()) {
                std::string name = callee.function_name().empty() ? "host function" : "`" + callee.function_name() + "`";
                try {
                    fail(name + ": " + d.message);
                } catch (RenderError& e) {
                    // A catalogued error keeps its code so the caller can say it in the reader's language.
                    e.diagnostic.code = std::move(d.code);
                    e.diagnostic.args = std::move(d.args);
                    throw;
                }
            }
            throw RenderError{std::move(d)};
        }
        case Value::Kind::object: {
            Object* o = callee.object_ptr();
            switch (o->type()) {
                case Object::Type::macro:
                case Object::Type::caller: return call_macro(static_cast<const MacroObject&>(*o), args);
                case Object::Type::method: {
                    const auto& m = static_cast<const MethodObject&>(*o);
                    try {
                        return call_method(*this, m.self, m.name, args);
                    } catch (const BuiltinError& e) {
                        fail(e.message);
                    }
                }
                case Object::Type::joiner: {
                    auto& j = static_cast<JoinerObject&>(*o);
                    if (!j.used) {
                        j.used = true;
                        return Value::string({});
                    }
                    return Value::string(j.sep);
                }
                case Object::Type::block_ref: {
                    const auto& b = static_cast<const BlockRefObject&>(*o);
                    return render_block_value(b.slot, 0, nullptr);
                }
                default: break;
            }
            break;
        }
        default: break;
    }
    fail("'" + std::string(callee.type_name()) + "' object is not callable");
}

bool Interp::call_object_method(const Value& obj, std::string_view name, const CallArgs& args, Value& out) {
    Object* o = obj.object_ptr();
    if (o->type() == Object::Type::loop) {
        auto& loop = static_cast<LoopObject&>(*o);
        if (name == "cycle") {
            if (args.size() == 0) fail("no items for cycling given");
            out = args[loop.index0 % args.size()];
            return true;
        }
        if (name == "changed") {
            Value current = args.size() == 1 ? args[0] : [&] {
                std::vector<Value> items;
                for (const Value* v : args.positional) items.push_back(*v);
                return Value::list(std::move(items), ListStyle::tuple);
            }();
            bool changed = !loop.changed_called || !ops::equals(loop.last_changed, current);
            loop.changed_called = true;
            loop.last_changed = std::move(current);
            out = Value::boolean(changed);
            return true;
        }
        return false;
    }
    if (o->type() == Object::Type::cycler) {
        auto& c = static_cast<CyclerObject&>(*o);
        if (name == "next") {
            out = c.items[c.pos];
            c.pos = (c.pos + 1) % c.items.size();
            return true;
        }
        if (name == "reset") {
            c.pos = 0;
            out = Value::none();
            return true;
        }
    }
    return false;
}

// ------------------------------------------------------------ filters and tests

void Interp::eval_filter(const Filter& f, Ref& out, const Value* body_input) {
    Ref input;
    if (f.input) {
        eval(*f.input, input);
    } else {
        input.borrow(body_input ? *body_input : *block_input_);
    }
    ArgBuffer args(f.args.positional.size(), f.args.keyword.size());
    eval_args(f.args, args);
    at_ = &f;
    CallArgs view = args.view();
    if (f.builtin) {
        if (input->is_undefined() && strict() && f.name != "default" && f.name != "d") fail_undefined(*input);
        try {
            out.set(f.builtin->fn(*this, *input, view));
        } catch (const BuiltinError& e) {
            fail(e.message);
        }
        return;
    }
    use(*input);
    const HostFilter* host = nullptr;
    if (options_.filters) {
        auto it = options_.filters->find(std::string(f.name));
        if (it != options_.filters->end()) host = &it->second;
    }
    if (!host) fail("filter `" + std::string(f.name) + "` is declared but RenderOptions::filters does not provide it");
    Result<Value> r = (*host)(*input, view);
    if (r.ok()) {
        out.set(std::move(r.value()));
        return;
    }
    Diagnostic d = r.errors().empty() ? make_error("", 0, 0, "filter failed") : r.errors().front();
    if (d.path.empty()) fail("filter `" + std::string(f.name) + "`: " + d.message);
    throw RenderError{std::move(d)};
}

Value Interp::apply_filter(const Filter& f, const Value& input) {
    Ref r;
    const Value* saved = block_input_;
    block_input_ = &input;
    eval(f, r);
    block_input_ = saved;
    return r.take();
}

Value Interp::call_filter(std::string_view name, const Value& input, const CallArgs& args) {
    const BuiltinFilter* b = find_builtin_filter(name);
    if (b) {
        if (input.is_undefined() && strict() && name != "default" && name != "d") fail_undefined(input);
        return b->fn(*this, input, args);
    }
    if (options_.filters) {
        auto it = options_.filters->find(std::string(name));
        if (it != options_.filters->end()) {
            Result<Value> r = it->second(input, args);
            if (r.ok()) return std::move(r.value());
            fail("filter `" + std::string(name) + "`: " + (r.errors().empty() ? "failed" : r.errors().front().message));
        }
    }
    fail("no filter named `" + std::string(name) + "`");
}

bool Interp::call_test(std::string_view name, const Value& input, const CallArgs& args) {
    const BuiltinTest* t = find_builtin_test(name);
    if (!t) fail("no test named `" + std::string(name) + "`");
    if (input.is_undefined() && strict() && name != "defined" && name != "undefined") fail_undefined(input);
    return t->fn(*this, input, args);
}

bool Interp::eval_test(const Test& t) {
    Ref input;
    eval(*t.input, input);
    ArgBuffer args(t.args.positional.size(), t.args.keyword.size());
    eval_args(t.args, args);
    at_ = &t;
    if (input->is_undefined() && strict() && t.name != "defined" && t.name != "undefined") fail_undefined(*input);
    try {
        return t.builtin->fn(*this, *input, args.view());
    } catch (const BuiltinError& e) {
        fail(e.message);
    }
}

// ------------------------------------------------------------ operators

void Interp::eval_compare(const Compare& c, Ref& out) {
    Ref left;
    eval(*c.first, left);
    for (const auto& [op, expr] : c.rest) {
        Ref right;
        eval(*expr, right);
        at_ = &c;
        const Value& a = *left;
        const Value& b = *right;
        bool r = false;
        switch (op) {
            case CmpOp::eq:
            case CmpOp::ne:
                use(a);
                use(b);
                r = ops::equals(a, b) == (op == CmpOp::eq);
                break;
            case CmpOp::lt: r = ops::less(*this, a, b); break;
            case CmpOp::gt: r = ops::less(*this, b, a); break;
            case CmpOp::le: r = ops::less(*this, a, b) || ops::equals(a, b); break;
            case CmpOp::ge: r = ops::less(*this, b, a) || ops::equals(a, b); break;
            case CmpOp::in: r = ops::contains(*this, b, a); break;
            case CmpOp::not_in: r = !ops::contains(*this, b, a); break;
        }
        if (!r) {
            out.set(Value::boolean(false));
            return;
        }
        left = std::move(right);
    }
    out.set(Value::boolean(true));
}

void Interp::eval_concat(const Concat& c, Ref& out) {
    std::size_t n = c.parts.size();
    ArgBuffer parts(n, 0);
    bool any_safe = false;
    for (std::size_t i = 0; i < n; ++i) {
        eval(*c.parts[i], parts.positional(i));
        at_ = c.parts[i].get();
        use(*parts.positional(i));
        any_safe = any_safe || parts.positional(i)->is_safe();
    }
    std::string s;
    // Jinja folds an all-constant `~` into a plain str at compile time; at
    // run time, with autoescape, one Markup part makes the result Markup and
    // escapes the others (markupsafe's join).
    bool markup = any_safe && !c.foldable && autoescape();
    for (std::size_t i = 0; i < n; ++i) {
        const Value& v = *parts.positional(i);
        if (markup && !v.is_safe()) {
            if (v.is_string()) {
                append_html_escaped(s, v.str());
            } else {
                std::string tmp;
                v.append_to(tmp);
                append_html_escaped(s, tmp);
            }
        } else {
            v.append_to(s);
        }
    }
    out.set(markup ? Value::safe(std::move(s)) : Value::string(std::move(s)));
}

Value Interp::to_string_value(const Value& v) const {
    if (v.is_string()) return v;
    use(v);
    return Value::string(v.to_string());
}

// ------------------------------------------------------------ errors

std::string Interp::describe_expr(const Expr& e) const {
    switch (e.kind) {
        case ExprKind::name: return std::string(static_cast<const Name&>(e).name);
        case ExprKind::attr: {
            const auto& a = static_cast<const Attr&>(e);
            return describe_expr(*a.object) + "." + std::string(a.name);
        }
        case ExprKind::item: {
            const auto& it = static_cast<const Item&>(e);
            std::string key = "...";
            if (it.index->kind == ExprKind::constant) key = static_cast<const Const&>(*it.index).value.repr();
            return describe_expr(*it.object) + "[" + key + "]";
        }
        case ExprKind::slice: return describe_expr(*static_cast<const Slice&>(e).object) + "[...]";
        case ExprKind::call: return describe_expr(*static_cast<const Call&>(e).callee) + "(...)";
        case ExprKind::filter: {
            const auto& f = static_cast<const Filter&>(e);
            return (f.input ? describe_expr(*f.input) : std::string("...")) + "|" + std::string(f.name);
        }
        case ExprKind::test: {
            const auto& t = static_cast<const Test&>(e);
            return describe_expr(*t.input) + " is " + std::string(t.name);
        }
        case ExprKind::constant: return static_cast<const Const&>(e).value.repr();
        default: return "(expression)";
    }
}

std::string Interp::describe_undefined(const Value& v) const {
    const auto* origin = static_cast<const Expr*>(v.origin());
    if (!origin) return at_ ? "an undefined value was used in `" + describe_expr(*at_) + "`" : "a value is undefined";
    auto text = [this](const Expr& e) { return describe_expr(e); };
    if (origin->kind == ExprKind::cond) return "the inline `if` expression was false and has no `else`";
    std::string what = "`";
    what += text(*origin);
    what += "` is undefined";
    if (origin->kind == ExprKind::attr) {
        const auto& a = static_cast<const Attr&>(*origin);
        what += " (no attribute `" + std::string(a.name) + "` in `" + text(*a.object) + "`)";
    }
    return what;
}

}  // namespace portal::tmpl
