// Statement execution and template composition: output, if/for/set, macros,
// blocks with inheritance, include and import — with Jinja's scoping rules.
#include "base/text.h"
#include "template/escape.h"
#include "template/interp.h"
#include "template/pyformat.h"
#include "template/unicode.h"

namespace portal::tmpl {

using namespace ast;

// ------------------------------------------------------------ Interp basics

Interp::Interp(const TemplateStore& store, const RenderOptions& options, const Value& context)
    : store_(store),
      options_(options),
      globals_(nullptr, options.globals && options.globals->is_map() ? options.globals : nullptr),
      context_(&globals_, context.is_map() ? &context : nullptr) {
    globals_.set_stable();
    context_.set_stable();
}

namespace {

// Makes `frame` the current frame for the lifetime of the switch.
class FrameSwitch {
public:
    FrameSwitch(Frame*& current, const Expr*& at, Frame& next) : current_(current), at_(at), saved_(current), saved_at_(at) {
        current_ = &next;
    }
    ~FrameSwitch() {
        current_ = saved_;
        at_ = saved_at_;
    }

private:
    Frame*& current_;
    const Expr*& at_;
    Frame* saved_;
    const Expr* saved_at_;
};

}  // namespace

void Interp::fail_at(const Template* t, std::uint32_t offset, std::string message) const {
    if (!t) throw RenderError{make_error("", 0, 0, std::move(message))};
    text::Position p = text::position_of(t->source, offset);
    throw RenderError{make_error(t->path, p.line, p.col, std::move(message))};
}

void Interp::fail(std::string message) const {
    fail_at(frame_ ? frame_->tmpl : nullptr, at_ ? at_->offset : stmt_offset_, std::move(message));
}

void Interp::fail_undefined(const Value& v) const { fail(describe_undefined(v)); }

Interp::DepthGuard::DepthGuard(Interp& in, std::string what) : in_(in) {
    in_.chain_.push_back(std::move(what));
    if (static_cast<int>(in_.chain_.size()) > kMaxCallDepth) {
        std::string chain;
        std::size_t n = in_.chain_.size();
        // The last few levels name the loop; the whole chain would be unreadable.
        for (std::size_t i = n > 8 ? n - 8 : 0; i < n; ++i) {
            if (!chain.empty()) chain += " -> ";
            chain += in_.chain_[i];
        }
        in_.fail("templates nest more than " + std::to_string(kMaxCallDepth) +
                 " levels deep (endless recursion?): ... -> " + chain);
    }
}

Interp::DepthGuard::~DepthGuard() { in_.chain_.pop_back(); }

bool Interp::autoescape_for(const Template& t) const {
    switch (options_.autoescape) {
        case tmpl::Autoescape::always: return true;
        case tmpl::Autoescape::never: return false;
        case tmpl::Autoescape::by_extension: return autoescape_by_name(t.name);
    }
    return true;
}

Context& Interp::new_context(const Scope* parent) { return contexts_.emplace_back(parent); }

// ------------------------------------------------------------ templates

void Interp::render_page(const Template& t, std::string& out) {
    Context& ctx = new_context(&context_);
    render_template(t, ctx, out);
}

void Interp::render_template(const Template& t, Context& ctx, std::string& out) {
    ctx.chain.push_back(&t);
    if (ctx.chain.size() == 1) ctx.add_blocks(t);
    DepthGuard guard(*this, "`" + t.name + "`");
    // Top-level variables of this template: its own locals, also written to
    // the shared context by top-level assignments (Jinja's l_0_x and
    // context.vars['x']).
    Scope& locals = snapshots_.emplace_back(&ctx.vars);
    locals.set_stable();
    locals.declare_undefined(t.root_vars);
    Frame f{&t, &ctx, &locals, &locals, &out, autoescape_for(t)};
    f.toplevel = true;
    f.block_context = &ctx.vars;
    {
        FrameSwitch sw(frame_, at_, f);
        exec(t.body, f);
    }
    if (const Template* parent = ctx.parent) {
        ctx.parent = nullptr;
        render_template(*parent, ctx, out);
    }
}

void Interp::exec_extends(const Extends& node, Frame& f) {
    Value name = eval_value(*node.name);
    at_ = node.name.get();
    const Template& parent = *load(name, *node.name, false);
    for (const Template* t : f.ctx->chain) {
        if (t == &parent) {
            std::string chain;
            for (const Template* c : f.ctx->chain) chain += "`" + c->name + "` -> ";
            fail("`{% extends %}` cycle: " + chain + "`" + parent.name + "`");
        }
    }
    f.ctx->parent = &parent;
    // Like Jinja, the parent's blocks join the table right away: a block
    // rendered later in this template may already call super().
    f.ctx->add_blocks(parent);
    f.suppress = true;
}

const Template* Interp::load(const Value& name, const Expr& at, bool ignore_missing) {
    at_ = &at;
    auto find = [&](const Value& n) -> const Template* {
        if (n.is_undefined()) fail_undefined(n);
        if (!n.is_string()) fail("template name must be a string, not " + std::string(n.type_name()));
        return store_.find(n.str());
    };
    if (name.is_list()) {
        std::string tried;
        for (const Value& n : name.items()) {
            if (const Template* t = find(n)) return t;
            if (!tried.empty()) tried += ", ";
            tried += n.is_string() ? "`" + std::string(n.str()) + "`" : n.repr();
        }
        if (ignore_missing) return nullptr;
        fail("none of the templates exist: " + tried);
    }
    if (const Template* t = find(name)) return t;
    if (ignore_missing) return nullptr;
    fail("template `" + std::string(name.str()) + "` not found");
}

// ------------------------------------------------------------ statements

void Interp::exec(const Body& body, Frame& f) {
    for (const StmtPtr& s : body) exec_stmt(*s, f);
}

void Interp::write_value(const Value& v, Frame& f) {
    std::string& out = *f.out;
    switch (v.kind()) {
        case Value::Kind::string:
            if (f.autoescape && !v.is_safe()) append_html_escaped(out, v.str());
            else out += v.str();
            return;
        case Value::Kind::undefined: use(v); return;
        case Value::Kind::integer: py::append_int(out, v.as_int()); return;
        case Value::Kind::none:
        case Value::Kind::boolean:
        case Value::Kind::floating: v.append_to(out); return;
        case Value::Kind::list:
            if (v.list_style() == ListStyle::generator)
                fail("this value is a generator in Jinja (the result of map, select, reject, batch, unique, "
                     "reverse, ...) and prints as `<generator object at 0x...>`; add |list or |join");
            [[fallthrough]];
        default:
            if (f.autoescape) append_html_escaped(out, v.to_string());
            else v.append_to(out);
            return;
    }
}

void Interp::exec_stmt(const Stmt& s, Frame& f) {
    stmt_offset_ = s.offset;
    at_ = nullptr;
    switch (s.kind) {
        case StmtKind::text:
            if (f.suppress) return;
            f.out->append(static_cast<const Text&>(s).text);
            if (f.out->size() > kMaxOutputBytes) fail("the output is larger than 512 MiB (runaway loop?)");
            return;
        case StmtKind::output: {
            if (f.suppress) return;
            const Expr& e = *static_cast<const Output&>(s).expr;
            Ref r;
            eval(e, r);
            at_ = &e;
            write_value(*r, f);
            if (f.out->size() > kMaxOutputBytes) fail("the output is larger than 512 MiB (runaway loop?)");
            return;
        }
        case StmtKind::if_: {
            const auto& node = static_cast<const If&>(s);
            for (const auto& [test, body] : node.branches) {
                if (eval_truthy(*test)) {
                    exec(body, f);
                    return;
                }
            }
            exec(node.otherwise, f);
            return;
        }
        case StmtKind::for_: exec_for(static_cast<const For&>(s), f); return;
        case StmtKind::set: exec_set(static_cast<const Set&>(s), f); return;
        case StmtKind::set_block: exec_set_block(static_cast<const SetBlock&>(s), f); return;
        case StmtKind::macro: exec_macro(static_cast<const Macro&>(s), f); return;
        case StmtKind::call_block: exec_call_block(static_cast<const CallBlock&>(s), f); return;
        case StmtKind::block: {
            if (f.suppress && f.toplevel) return;
            const auto& node = static_cast<const Block&>(s);
            BlockSlot* slot = f.ctx->find_block(node.name);
            render_block(*slot, 0, node.scoped ? f.scope : f.block_context, *f.out);
            return;
        }
        case StmtKind::extends: exec_extends(static_cast<const Extends&>(s), f); return;
        case StmtKind::include: exec_include(static_cast<const Include&>(s), f); return;
        case StmtKind::import: {
            const auto& node = static_cast<const Import&>(s);
            exec_import(s, *node.name, node.with_context, f);
            return;
        }
        case StmtKind::from_import: {
            const auto& node = static_cast<const FromImport&>(s);
            exec_import(s, *node.name, node.with_context, f);
            return;
        }
        case StmtKind::with: exec_with(static_cast<const With&>(s), f); return;
        case StmtKind::filter_block: exec_filter_block(static_cast<const FilterBlock&>(s), f); return;
        case StmtKind::autoescape: {
            const auto& node = static_cast<const ast::Autoescape&>(s);
            bool saved = f.autoescape, saved_toplevel = f.toplevel;
            Scope* saved_scope = f.scope;
            Scope inner(f.scope);
            inner.declare_undefined(node.vars);
            f.scope = &inner;
            f.autoescape = node.enabled;
            f.toplevel = false;
            exec(node.body, f);
            f.autoescape = saved;
            f.toplevel = saved_toplevel;
            f.scope = saved_scope;
            return;
        }
    }
}

void Interp::bind_target(Scope& s, const Target& t, const Value& v, std::vector<Value>& keep) {
    if (!t.is_tuple) {
        s.bind(t.name, &v);
        return;
    }
    std::size_t n = t.items.size();
    const Value* items = nullptr;
    std::size_t have = 0;
    if (v.is_list()) {
        items = v.items().data();
        have = v.items().size();
    } else if (v.is_string() || v.is_map()) {
        // Unpacking a string or a dict yields its characters or keys; they are
        // new values, kept alive by `keep` (reserved so they never move).
        std::vector<Value> parts = ops::iterate(*this, v);
        have = parts.size();
        if (have == n) {
            std::size_t first = keep.size();
            if (keep.capacity() < first + n) fail("internal: unpacking storage exhausted");
            for (Value& p : parts) keep.push_back(std::move(p));
            items = keep.data() + first;
        }
    } else if (v.is_undefined()) {
        fail_undefined(v);
    } else {
        fail("cannot unpack non-iterable " + std::string(v.type_name()) + " object");
    }
    if (have != n) {
        if (have > n) fail("too many values to unpack (expected " + std::to_string(n) + ")");
        fail("not enough values to unpack (expected " + std::to_string(n) + ", got " + std::to_string(have) + ")");
    }
    for (std::size_t i = 0; i < n; ++i) bind_target(s, t.items[i], items[i], keep);
}

namespace {

std::size_t count_names(const Target& t) {
    if (!t.is_tuple) return 1;
    std::size_t n = 0;
    for (const Target& item : t.items) n += count_names(item);
    return n;
}

}  // namespace

void Interp::exec_for(const For& node, Frame& f) {
    Ref seq;
    eval(*node.iter, seq);
    at_ = node.iter.get();
    const Value& v = *seq;
    auto loop = std::make_unique<LoopObject>();
    switch (v.kind()) {
        case Value::Kind::list:
            loop->base = v.items().data();
            loop->count = v.items().size();
            break;
        case Value::Kind::map:
            if (v.size() != 0) loop->base = &v.entries()[0].key;
            loop->stride = sizeof(MapEntry);
            loop->count = v.size();
            break;
        case Value::Kind::string:
            loop->own = ops::iterate(*this, v);
            loop->base = loop->own.data();
            loop->count = loop->own.size();
            break;
        case Value::Kind::undefined: use(v); break;
        default: fail("'" + std::string(v.type_name()) + "' object is not iterable");
    }
    // Jinja binds names per iteration in a fresh scope; unpacked strings need
    // storage that outlives the binding, reserved up front.
    std::vector<Value> keep;
    keep.reserve(node.target.is_tuple ? 2 * count_names(node.target) : 0);
    Scope* outer = f.scope;
    if (node.filter) {
        std::vector<Value> kept;
        for (std::size_t i = 0; i < loop->count; ++i) {
            Scope s(outer);
            keep.clear();
            bind_target(s, node.target, loop->item(i), keep);
            f.scope = &s;
            bool pass = eval_truthy(*node.filter);
            f.scope = outer;
            if (pass) kept.push_back(loop->item(i));
        }
        loop->own = std::move(kept);
        loop->base = loop->own.data();
        loop->stride = sizeof(Value);
        loop->count = loop->own.size();
    }
    if (loop->count == 0) {
        if (!node.otherwise.empty()) {
            Scope s(outer);
            s.declare_undefined(node.else_vars);
            bool saved = f.toplevel;
            f.scope = &s;
            f.toplevel = false;
            exec(node.otherwise, f);
            f.scope = outer;
            f.toplevel = saved;
        }
        return;
    }
    Value loop_value;
    LoopObject* lp = loop.get();
    bool saved_toplevel = f.toplevel;
    f.toplevel = false;
    if (node.uses_loop) {
        if (loop->own.empty()) loop->holder = v;  // the loop object may outlive this statement
        loop_value = Value::object(loop.release());
    }
    for (std::size_t i = 0; i < lp->count; ++i) {
        Scope s(outer);
        keep.clear();
        bind_target(s, node.target, lp->item(i), keep);
        if (node.uses_loop) {
            lp->index0 = i;
            s.bind("loop", &loop_value);
        }
        s.declare_undefined(node.body_vars);
        f.scope = &s;
        exec(node.body, f);
        f.scope = outer;
    }
    f.toplevel = saved_toplevel;
}

void Interp::assign(const Target& t, Value v, Frame& f) {
    if (!t.attr.empty()) {
        const Value* ns = f.scope->find(t.name, Value::hash_key(t.name));
        if (!ns || !ns->is_object() || ns->object_ptr()->type() != Object::Type::namespace_)
            fail("cannot assign attribute on non-namespace object (`" + std::string(t.name) + "`)");
        static_cast<NamespaceObject*>(ns->object_ptr())->set(t.attr, std::move(v));
        return;
    }
    if (t.is_tuple) {
        Scope tmp(nullptr);
        std::vector<Value> keep;
        keep.reserve(2 * count_names(t));
        bind_target(tmp, t, v, keep);
        std::vector<std::pair<std::string_view, Value>> values;
        tmp.for_each([&](std::string_view name, const Value& val) { values.emplace_back(name, val); });
        for (auto& [name, val] : values) define(name, std::move(val), f);
        return;
    }
    define(t.name, std::move(v), f);
}

void Interp::define(std::string_view name, Value v, Frame& f) {
    // A top-level assignment is also exported to the context, where blocks,
    // parents in the extends chain and importers see it.
    if (f.toplevel && f.scope == f.root) f.ctx->vars.set(name, v);
    f.scope->set(name, std::move(v));
}

void Interp::exec_set(const Set& node, Frame& f) {
    Value v = eval_value(*node.value);
    at_ = node.value.get();
    assign(node.target, std::move(v), f);
}

void Interp::exec_set_block(const SetBlock& node, Frame& f) {
    std::string buf;
    Scope s(f.scope);
    Scope* saved_scope = f.scope;
    std::string* saved_out = f.out;
    bool saved_suppress = f.suppress, saved_toplevel = f.toplevel;
    s.declare_undefined(node.vars);
    f.scope = &s;
    f.out = &buf;
    f.suppress = false;  // a set block always captures, even after extends
    f.toplevel = false;
    exec(node.body, f);
    f.scope = saved_scope;
    f.out = saved_out;
    f.suppress = saved_suppress;
    f.toplevel = saved_toplevel;
    Value v = f.autoescape ? Value::safe(std::move(buf)) : Value::string(std::move(buf));
    if (node.filter) v = apply_filter(static_cast<const Filter&>(*node.filter), v);
    assign(node.target, std::move(v), f);
}

void Interp::exec_filter_block(const FilterBlock& node, Frame& f) {
    std::string buf;
    Scope s(f.scope);
    Scope* saved_scope = f.scope;
    std::string* saved_out = f.out;
    bool saved_toplevel = f.toplevel;
    s.declare_undefined(node.vars);
    f.scope = &s;
    f.out = &buf;
    f.toplevel = false;
    exec(node.body, f);
    f.scope = saved_scope;
    f.out = saved_out;
    f.toplevel = saved_toplevel;
    Value body = f.autoescape ? Value::safe(std::move(buf)) : Value::string(std::move(buf));
    stmt_offset_ = node.offset;
    Value result = apply_filter(static_cast<const Filter&>(*node.filter), body);
    at_ = node.filter.get();
    write_value(result, f);
}

void Interp::exec_with(const With& node, Frame& f) {
    // Values are computed in the outer scope: `{% with a = 1, b = a %}` sees
    // the outer `a`.
    std::vector<Value> values;
    for (const ExprPtr& e : node.values) values.push_back(eval_value(*e));
    Scope s(f.scope);
    Scope* saved = f.scope;
    bool saved_toplevel = f.toplevel;
    s.declare_undefined(node.vars);
    f.scope = &s;
    f.toplevel = false;
    for (std::size_t i = 0; i < node.targets.size(); ++i) assign(node.targets[i], std::move(values[i]), f);
    exec(node.body, f);
    f.scope = saved;
    f.toplevel = saved_toplevel;
}

// A scope that lives as long as the render: template-level variables are
// already stable; nested scopes (loop bodies, blocks, macro calls) are copied.
const Scope* Interp::stable_scope(Frame& f) {
    if (f.scope->stable()) return f.scope;
    const Scope* anchor = f.scope;
    while (anchor && !anchor->stable()) anchor = anchor->parent();
    Scope& snap = snapshots_.emplace_back(anchor);
    snap.set_stable();
    for (const Scope* s = f.scope; s != anchor; s = s->parent()) {
        s->for_each([&](std::string_view name, const Value& v) {
            if (!snap.find_local(name)) snap.set(name, v);
        });
    }
    return &snap;
}

void Interp::exec_macro(const Macro& node, Frame& f) {
    const Scope* closure = stable_scope(f);
    define(node.name, Value::object(new MacroObject(node.name, node.info, *f.tmpl, *f.ctx, closure, false)), f);
}

void Interp::exec_call_block(const CallBlock& node, Frame& f) {
    // The body becomes `caller`, a macro that sees the variables of this spot.
    auto* caller = new MacroObject("caller", node.caller, *f.tmpl, *f.ctx, f.scope, true);
    Value caller_value = Value::object(caller);
    Ref result;
    eval_call(static_cast<const Call&>(*node.call), result, &caller_value);
    caller->alive = false;
    at_ = node.call.get();
    write_value(*result, f);
}

Value Interp::call_macro(const MacroObject& m, const CallArgs& args) {
    if (!m.alive) fail("`caller` was called after its `{% call %}` block ended");
    if (!m.ctx.alive)
        fail("macro `" + std::string(m.name) + "` was defined in an included template and used after the include ended");
    const MacroInfo& info = m.info;
    std::size_t nparams = info.params.size();
    if (args.size() > nparams && !info.uses_varargs)
        fail("macro `" + std::string(m.name) + "` takes not more than " + std::to_string(nparams) + " argument(s)");
    DepthGuard guard(*this, m.is_caller ? std::string("caller()") : "macro `" + std::string(m.name) + "`");
    Scope s(m.closure);
    s.declare_undefined(info.vars);
    // Keyword arguments fill the parameters not given by position; the rest
    // go to `kwargs` when the macro uses it, or are an error.
    std::vector<bool> used(args.keyword.size(), false);
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < nparams; ++i) {
        const Param& p = info.params[i];
        if (i < args.size()) {
            s.bind(p.name, args.positional[i]);
            continue;
        }
        bool found = false;
        for (std::size_t k = 0; k < args.keyword.size(); ++k) {
            if (!used[k] && args.keyword[k].name == p.name) {
                used[k] = true;
                s.bind(p.name, args.keyword[k].value);
                found = true;
                break;
            }
        }
        if (!found) missing.push_back(i);
    }
    const Value* caller = nullptr;
    for (std::size_t k = 0; k < args.keyword.size(); ++k) {
        if (!used[k] && args.keyword[k].name == "caller" && info.uses_caller) {
            used[k] = true;
            caller = args.keyword[k].value;
        }
    }
    if (info.uses_caller && !s.find_local("caller")) {
        if (caller) s.bind("caller", caller);
        else s.set("caller", Value::undefined(nullptr));
    }
    MapBuilder extra;
    for (std::size_t k = 0; k < args.keyword.size(); ++k) {
        if (used[k]) continue;
        if (!info.uses_kwargs) {
            if (args.keyword[k].name == "caller")
                fail("macro `" + std::string(m.name) +
                     "` was invoked with two values for the special caller argument (it does not use `caller`)");
            fail("macro `" + std::string(m.name) + "` takes no keyword argument `" + std::string(args.keyword[k].name) + "`");
        }
        extra.set(args.keyword[k].name, *args.keyword[k].value);
    }
    if (info.uses_kwargs) s.set("kwargs", extra.build());
    if (info.uses_varargs) {
        std::vector<Value> rest;
        for (std::size_t i = nparams; i < args.size(); ++i) rest.push_back(args[i]);
        s.set("varargs", Value::list(std::move(rest), ListStyle::tuple));
    }
    bool caller_autoescape = frame_->autoescape;
    std::string buf;
    Frame mf{&m.tmpl, &m.ctx, &s, nullptr, &buf, autoescape_for(m.tmpl)};
    mf.block_context = &m.ctx.vars;
    {
        FrameSwitch sw(frame_, at_, mf);
        // Defaults are computed at call time, in order, and may use earlier parameters.
        for (std::size_t i : missing) {
            const Param& p = info.params[i];
            if (p.default_value) s.set(p.name, eval_value(*p.default_value));
            else s.set(p.name, Value::undefined(p.origin.get()));
        }
        exec(info.body, mf);
    }
    return caller_autoescape ? Value::safe(std::move(buf)) : Value::string(std::move(buf));
}

// ------------------------------------------------------------ blocks

void Interp::render_block(const BlockSlot& slot, std::size_t level, const Scope* scope, std::string& out) {
    const BlockLevel& lvl = slot.levels[level];
    Context& ctx = *frame_->ctx;
    DepthGuard guard(*this, "block `" + std::string(slot.name) + "`");
    Scope s(scope ? scope : &ctx.vars);
    s.declare_undefined(lvl.block->vars);
    Frame bf{lvl.tmpl, &ctx, &s, nullptr, &out, autoescape_for(*lvl.tmpl)};
    bf.block_context = s.parent();
    bf.block = &slot;
    bf.level = level;
    FrameSwitch sw(frame_, at_, bf);
    exec(lvl.block->body, bf);
}

Value Interp::render_block_value(const BlockSlot& slot, std::size_t level, const Scope* scope) {
    std::string buf;
    bool autoescape = frame_->autoescape;
    render_block(slot, level, scope, buf);
    return autoescape ? Value::safe(std::move(buf)) : Value::string(std::move(buf));
}

// ------------------------------------------------------------ include / import

void Interp::exec_include(const Include& node, Frame& f) {
    Value name = eval_value(*node.name);
    const Template* found = load(name, *node.name, node.ignore_missing);
    if (!found) return;
    const Template& t = *found;
    // An included template sees the variables here (with context) or only
    // the globals (without); its own `set`s stay inside it.
    Context& ctx = new_context(node.with_context ? static_cast<const Scope*>(f.scope) : &globals_);
    ctx.vars.set_skips_missing();
    render_template(t, ctx, *f.out);
    ctx.alive = false;
}

void Interp::exec_import(const Stmt& s, const Expr& name_expr, bool with_context, Frame& f) {
    Value name = eval_value(name_expr);
    const Template& t = *load(name, name_expr, false);
    // Imports see only the globals unless `with context`; the module lives
    // until the render ends (its macros may be called any time).
    Context& ctx = new_context(with_context ? stable_scope(f) : &globals_);
    ctx.vars.set_skips_missing();
    std::string discard;
    render_template(t, ctx, discard);
    auto* module = new ModuleObject;
    Value module_value = Value::object(module);
    module->name = t.name;
    ctx.vars.for_each([&](std::string_view n, const Value& v) {
        if (!n.empty() && n[0] != '_') module->exports.emplace_back(n, v);
    });
    if (s.kind == StmtKind::import) {
        define(static_cast<const Import&>(s).alias, std::move(module_value), f);
        return;
    }
    for (const auto& [exported, local] : static_cast<const FromImport&>(s).names) {
        Value v;
        if (!module->get_attr(exported, v)) v = Value::undefined(&name_expr);
        define(local, std::move(v), f);
    }
}

}  // namespace portal::tmpl
