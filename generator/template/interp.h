// The interpreter: one `Interp` per render() call walks the parsed templates
// and writes output into one string. Internal to the template library.
//
// Evaluation avoids copying values: an expression evaluates into a `Ref`
// that either points at a value that outlives it (context data, a variable, a
// literal in the tree) or holds a freshly computed one. Shared data is never
// touched, so reference counts of site-wide lists stay cold while many threads
// render.
//
// Errors: the interpreter throws `RenderError` (a Diagnostic with the template
// file, line and column) and `TemplateStore::render` turns it into a Result;
// nothing else throws and nothing escapes the library. Exceptions keep every
// evaluation path free of error plumbing in a deeply recursive walker.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "template/ast.h"
#include "template/store.h"
#include "template/template.h"
#include "template/value.h"

namespace portal::tmpl {

// How deep templates may nest: includes, imports, extends, macro calls and
// super()/caller() each take one level.
inline constexpr int kMaxCallDepth = 64;

// Largest output (or captured block) one render may produce; a runaway
// template fails instead of exhausting memory.
inline constexpr std::size_t kMaxOutputBytes = std::size_t{512} << 20;

class MacroObject;
class LoopObject;

struct RenderError {
    Diagnostic diagnostic;
};

// A builtin reporting a problem with its arguments; gets the position of the
// expression being evaluated.
struct BuiltinError {
    std::string message;
};

// An evaluated expression: borrowed (`ptr` to a value that outlives the Ref)
// or owned (`ptr` to `owned`). Not copyable; moves keep `ptr` right.
class Ref {
public:
    Ref() = default;
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    Ref(Ref&& other) noexcept { take_from(other); }
    Ref& operator=(Ref&& other) noexcept {
        take_from(other);
        return *this;
    }

    const Value& operator*() const { return *ptr_; }
    const Value* operator->() const { return ptr_; }
    const Value* get() const { return ptr_; }
    bool owned() const { return ptr_ == &owned_; }
    void borrow(const Value& v) { ptr_ = &v; }
    void set(Value v) {
        owned_ = std::move(v);
        ptr_ = &owned_;
    }
    // The value, moved out when owned.
    Value take() { return owned() ? std::move(owned_) : *ptr_; }

private:
    void take_from(Ref& other) {
        if (other.owned()) {
            owned_ = std::move(other.owned_);
            ptr_ = &owned_;
        } else {
            ptr_ = other.ptr_;
        }
    }
    Value owned_;
    const Value* ptr_ = &owned_;
};

// Evaluated call arguments, held as Refs so nothing is copied; the first
// few live inline (no allocation for the usual one or two arguments).
class ArgBuffer {
public:
    ArgBuffer(std::size_t positional, std::size_t keyword);
    ArgBuffer(const ArgBuffer&) = delete;
    ArgBuffer& operator=(const ArgBuffer&) = delete;
    Ref& positional(std::size_t i) { return refs_[i]; }
    Ref& keyword(std::size_t i, std::string_view name) {
        kws_[i].name = name;
        return refs_[npos_ + i];
    }
    // Call once all Refs are filled.
    CallArgs view();

private:
    static constexpr std::size_t kInline = 6;
    std::size_t npos_, nkw_;
    std::array<Ref, kInline> inline_refs_;
    std::array<const Value*, kInline> inline_ptrs_{};
    std::array<KeywordArg, kInline> inline_kws_{};
    std::unique_ptr<Ref[]> heap_refs_;
    std::unique_ptr<const Value*[]> heap_ptrs_;
    std::unique_ptr<KeywordArg[]> heap_kws_;
    Ref* refs_;
    const Value** ptrs_;
    KeywordArg* kws_;
};

// ------------------------------------------------------------ scopes

// One level of variables. Small scopes (loop bodies) keep their variables
// inline; a scope may also see the keys of a map (the render context,
// globals). Variable storage never moves, so pointers into it stay valid.
class Scope {
public:
    explicit Scope(const Scope* parent, const Value* map = nullptr) : parent_(parent), map_(map) {}
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

    const Scope* parent() const { return parent_; }
    // Lives until the render ends (template top levels, snapshots), so
    // macros may keep pointing at it.
    bool stable() const { return stable_; }
    void set_stable() { stable_ = true; }
    // Defines each name of `vars` as undefined (see ast::FrameVars). Such a
    // "missing" variable is not passed on to included templates: they see
    // the context's value instead, as in Jinja.
    void declare_undefined(const ast::FrameVars& vars) {
        for (const auto& n : vars) {
            set(n->name, Value::undefined(n.get()));
            find_var(n->name)->missing = true;
        }
    }
    // For the top scope of an included or imported template: lookups that go
    // on into the includer's scopes skip its missing variables.
    void set_skips_missing() { skips_missing_ = true; }
    // Looks `name` up here and in the parents.
    const Value* find(std::string_view name, std::size_t hash) const;
    const Value* find_local(std::string_view name) const;
    // Defines or replaces a variable holding `value`.
    void set(std::string_view name, Value value);
    // Defines a variable that refers to `value`, which must outlive the scope.
    void bind(std::string_view name, const Value* value);

    // Calls f(name, value) for each variable that is not missing.
    template <typename F>
    void for_each(F f) const {
        for (std::size_t i = 0; i < count_ && i < kInline; ++i)
            if (!inline_[i].missing) f(inline_[i].name, *inline_[i].ref);
        if (more_)
            for (const Var& v : *more_)
                if (!v.missing) f(v.name, *v.ref);
    }

private:
    struct Var {
        std::string_view name;
        const Value* ref = nullptr;
        Value own;
        bool missing = false;
    };
    static constexpr std::size_t kInline = 4;
    Var* find_var(std::string_view name);
    const Var* find_var(std::string_view name) const { return const_cast<Scope*>(this)->find_var(name); }
    Var& add(std::string_view name);

    const Scope* parent_;
    const Value* map_;
    std::array<Var, kInline> inline_;
    std::size_t count_ = 0;
    std::unique_ptr<std::deque<Var>> more_;
    bool stable_ = false;
    bool skips_missing_ = false;
};

// ------------------------------------------------------------ render state

struct BlockLevel {
    const ast::Block* block;
    const Template* tmpl;
};

struct BlockSlot {
    std::string_view name;
    std::vector<BlockLevel> levels;  // most derived first
};

// State shared by a template and the templates it extends: template-level
// variables and the block table. Pages, includes and imports each get one.
struct Context {
    explicit Context(const Scope* outer) : vars(outer) { vars.set_stable(); }
    Scope vars;  // what `{% set %}` at a top level exports: blocks and imports see these
    std::vector<BlockSlot> blocks;
    std::vector<const Template*> chain;  // the extends chain so far, for cycles
    const Template* parent = nullptr;   // set by {% extends %}
    // False once an include has finished: macros defined there can no longer
    // reach the variables they were defined with.
    bool alive = true;

    BlockSlot* find_block(std::string_view name);
    void add_blocks(const Template& t);
};

struct Frame {
    const Template* tmpl;
    Context* ctx;
    Scope* scope;  // current innermost scope
    Scope* root;   // the template's top-level variables (null in blocks and macros)
    std::string* out;
    bool autoescape;
    bool suppress = false;  // output after {% extends %} is discarded
    // The template's top level (also inside `if`): where Jinja skips a
    // `{% block %}` after `{% extends %}`; blocks in loops still render.
    bool toplevel = false;
    const BlockSlot* block = nullptr;  // the block being rendered, for super()
    std::size_t level = 0;
    // What blocks rendered from here see as their context: the template
    // variables, or a scoped block's locals (Jinja's derived context).
    const Scope* block_context = nullptr;
};

class Interp {
public:
    Interp(const TemplateStore& store, const RenderOptions& options, const Value& context);

    // Renders template `t` with the render context into `out`.
    void render_page(const Template& t, std::string& out);

    // --- for builtins (filters, tests, methods)
    bool autoescape() const { return frame_->autoescape; }
    bool strict() const { return options_.strict_undefined; }
    [[noreturn]] void fail(std::string message) const;
    [[noreturn]] void fail_undefined(const Value& v) const;
    // In strict mode any use of an undefined value is an error.
    void use(const Value& v) const {
        if (v.is_undefined() && options_.strict_undefined) fail_undefined(v);
    }
    // Python truth value; strict mode refuses undefined.
    bool truthy(const Value& v) const {
        use(v);
        return v.truthy();
    }
    // Jinja's environment.getattr / getitem: attribute first or item first.
    Value getattr(const Value& obj, std::string_view name);
    Value getitem(const Value& obj, const Value& key);
    // Applies the filter or test `name` (map('upper'), select('odd')).
    Value call_filter(std::string_view name, const Value& input, const CallArgs& args);
    bool call_test(std::string_view name, const Value& input, const CallArgs& args);
    // Calls a callable value (macro, host function, ...).
    Value call_value(const Value& callee, const CallArgs& args);
    // Python str() with Jinja's markup rules: safe strings stay safe.
    Value to_string_value(const Value& v) const;
    // A short description of what produced an undefined value ("`page.titel`").
    std::string describe_undefined(const Value& v) const;
    // Source-like text of an expression for messages: `page.meta.title`.
    std::string describe_expr(const ast::Expr& e) const;

    // --- statements (exec.cpp)
    void exec(const ast::Body& body, Frame& f);

private:
    friend class LoopObject;
    friend class MacroObject;

    // expressions (eval.cpp)
    void eval(const ast::Expr& e, Ref& out);
    Value eval_value(const ast::Expr& e) {
        Ref r;
        eval(e, r);
        return r.take();
    }
    bool eval_truthy(const ast::Expr& e);
    void eval_args(const ast::Args& a, ArgBuffer& out, std::size_t first_keyword = 0);
    void eval_name(const ast::Name& n, Ref& out);
    void eval_attr(const ast::Attr& a, Ref& out);
    void eval_item(const ast::Item& a, Ref& out);
    void eval_slice(const ast::Slice& s, Ref& out);
    void eval_call(const ast::Call& c, Ref& out, const Value* caller = nullptr);
    void eval_filter(const ast::Filter& f, Ref& out, const Value* body_input = nullptr);
    bool eval_test(const ast::Test& t);
    void eval_compare(const ast::Compare& c, Ref& out);
    void eval_concat(const ast::Concat& c, Ref& out);
    Value apply_filter(const ast::Filter& f, const Value& input);
    // Jinja's getattr (attribute, then item) and getitem (item, then
    // attribute). Sets `found` to existing storage or fills `owned`.
    void lookup_attr(const Value& obj, std::string_view name, std::size_t hash, const void* origin, Value& owned,
                     const Value*& found, bool maybe_method = true);
    void lookup_item(const Value& obj, const Value& key, const void* origin, Value& owned, const Value*& found);
    Value call_super(const ast::Call& c);
    bool call_object_method(const Value& obj, std::string_view name, const CallArgs& args, Value& out);

    // statements (exec.cpp)
    void exec_stmt(const ast::Stmt& s, Frame& f);
    void write_value(const Value& v, Frame& f);
    void exec_for(const ast::For& node, Frame& f);
    void exec_set(const ast::Set& node, Frame& f);
    void exec_set_block(const ast::SetBlock& node, Frame& f);
    void exec_macro(const ast::Macro& node, Frame& f);
    void exec_call_block(const ast::CallBlock& node, Frame& f);
    void exec_include(const ast::Include& node, Frame& f);
    void exec_import(const ast::Stmt& node, const ast::Expr& name_expr, bool with_context, Frame& f);
    void exec_with(const ast::With& node, Frame& f);
    void exec_filter_block(const ast::FilterBlock& node, Frame& f);
    void exec_extends(const ast::Extends& node, Frame& f);
    void assign(const ast::Target& t, Value v, Frame& f);
    void define(std::string_view name, Value v, Frame& f);
    void bind_target(Scope& s, const ast::Target& t, const Value& v, std::vector<Value>& keep);
    void render_template(const Template& t, Context& ctx, std::string& out);
    void render_block(const BlockSlot& slot, std::size_t level, const Scope* scope, std::string& out);
    Value render_block_value(const BlockSlot& slot, std::size_t level, const Scope* scope);
    // The template named by `name` (a string or a list of candidates);
    // nullptr only when `ignore_missing` and none exists.
    const Template* load(const Value& name, const ast::Expr& at, bool ignore_missing);
    Context& new_context(const Scope* parent);
    const Scope* stable_scope(Frame& f);
    bool autoescape_for(const Template& t) const;
    Value call_macro(const MacroObject& m, const CallArgs& args);

    // errors
    [[noreturn]] void fail_at(const Template* t, std::uint32_t offset, std::string message) const;
    struct DepthGuard {
        DepthGuard(Interp& in, std::string what);
        ~DepthGuard();
        Interp& in_;
    };

    const TemplateStore& store_;
    const RenderOptions& options_;
    Scope globals_;   // RenderOptions::globals
    Scope context_;   // the render context, seen through by pages and includes
    Frame* frame_ = nullptr;
    const ast::Expr* at_ = nullptr;  // expression being evaluated, for error positions
    const Value* block_input_ = nullptr;  // body of {% filter %} / {% set x | f %}
    std::uint32_t stmt_offset_ = 0;  // statement being executed, when no expression
    std::vector<std::string> chain_;  // template / macro nesting, for depth errors
    std::deque<Context> contexts_;    // every Context of this render
    std::deque<Scope> snapshots_;     // scopes kept for macros defined in nested scopes
};

// ------------------------------------------------------------ objects

class MacroObject final : public Object {
public:
    MacroObject(std::string_view macro_name, const ast::MacroInfo& macro, const Template& in_template,
                Context& in_context, const Scope* scope, bool caller)
        : Object(caller ? Type::caller : Type::macro),
          name(macro_name), info(macro), tmpl(in_template), ctx(in_context), closure(scope), is_caller(caller) {}
    bool get_attr(std::string_view attr, Value& out) const override;
    void append_repr(std::string& out) const override;
    std::string_view type_name() const override { return "Macro"; }
    bool callable() const override { return true; }

    std::string_view name;
    const ast::MacroInfo& info;
    const Template& tmpl;
    Context& ctx;
    const Scope* closure;
    bool is_caller;
    bool alive = true;  // callers die with their {% call %} block
};

class LoopObject final : public Object {
public:
    LoopObject() : Object(Type::loop) {}
    bool get_attr(std::string_view attr, Value& out) const override;
    void append_repr(std::string& out) const override;
    std::string_view type_name() const override { return "LoopContext"; }

    // The iterated elements: `count` values `stride` bytes apart (list items
    // or map keys), kept alive by `holder` or `own`.
    const Value& item(std::size_t i) const {
        return *reinterpret_cast<const Value*>(reinterpret_cast<const char*>(base) + i * stride);
    }
    Value holder;
    std::vector<Value> own;
    const Value* base = nullptr;
    std::size_t stride = sizeof(Value);
    std::size_t count = 0;
    std::size_t index0 = 0;
    Value last_changed;
    bool changed_called = false;
};

class NamespaceObject final : public Object {
public:
    NamespaceObject() : Object(Type::namespace_) {}
    bool get_attr(std::string_view attr, Value& out) const override;
    void append_repr(std::string& out) const override;
    std::string_view type_name() const override { return "Namespace"; }
    void set(std::string_view attr, Value v);
    // Namespaces are the one mutable value; they live and die inside one render.
    std::vector<std::pair<std::string, Value>> attrs;
};

class ModuleObject final : public Object {
public:
    ModuleObject() : Object(Type::module) {}
    bool get_attr(std::string_view attr, Value& out) const override;
    void append_repr(std::string& out) const override;
    std::string_view type_name() const override { return "TemplateModule"; }
    std::string name;
    std::vector<std::pair<std::string_view, Value>> exports;
};

// A method looked up but not called yet: `{% set up = s.upper %}`.
class MethodObject final : public Object {
public:
    MethodObject(Value object, std::string_view method) : Object(Type::method), self(std::move(object)), name(method) {}
    void append_repr(std::string& out) const override;
    std::string_view type_name() const override { return "builtin_function_or_method"; }
    bool callable() const override { return true; }
    Value self;
    std::string name;
};

class JoinerObject final : public Object {
public:
    explicit JoinerObject(std::string separator) : Object(Type::joiner), sep(std::move(separator)) {}
    void append_repr(std::string& out) const override { out += "<jinja2.utils.Joiner object>"; }
    std::string_view type_name() const override { return "Joiner"; }
    bool callable() const override { return true; }
    std::string sep;
    bool used = false;
};

class CyclerObject final : public Object {
public:
    explicit CyclerObject(std::vector<Value> values) : Object(Type::cycler), items(std::move(values)) {}
    bool get_attr(std::string_view attr, Value& out) const override;
    void append_repr(std::string& out) const override { out += "<jinja2.utils.Cycler object>"; }
    std::string_view type_name() const override { return "Cycler"; }
    std::vector<Value> items;
    std::size_t pos = 0;
};

// `self` in a template: `self.blockname()` renders a block.
class SelfObject final : public Object {
public:
    explicit SelfObject(const Context& context) : Object(Type::self_ref), ctx(context) {}
    bool get_attr(std::string_view attr, Value& out) const override;
    void append_repr(std::string& out) const override { out += "<TemplateReference>"; }
    std::string_view type_name() const override { return "TemplateReference"; }
    const Context& ctx;
};

class BlockRefObject final : public Object {
public:
    explicit BlockRefObject(const BlockSlot& block) : Object(Type::block_ref), slot(block) {}
    void append_repr(std::string& out) const override { out += "<BlockReference>"; }
    std::string_view type_name() const override { return "BlockReference"; }
    bool callable() const override { return true; }
    const BlockSlot& slot;
};

// ------------------------------------------------------------ Python semantics (operators.cpp)

namespace ops {
bool equals(const Value& a, const Value& b);
bool less(Interp& in, const Value& a, const Value& b);  // a < b, TypeError when unordered
bool contains(Interp& in, const Value& container, const Value& item);
Value binary(Interp& in, ast::BinOp op, const Value& a, const Value& b);
Value negate(Interp& in, const Value& a);
Value plus(Interp& in, const Value& a);
// hash() for unique/groupby; fails for unhashable values (lists, maps).
std::size_t hash(Interp& in, const Value& v);
// Python's len(); fails for values without one.
std::size_t length(Interp& in, const Value& v);
// Elements of an iterable: list items, map keys, string characters.
// Undefined iterates as empty (strict mode fails).
std::vector<Value> iterate(Interp& in, const Value& v);
// s[start:stop:step] for strings and lists.
Value slice(Interp& in, const Value& v, const Value* start, const Value* stop, const Value* step);
// Python's int(x) for numbers (truncation); fails on overflow.
std::int64_t float_to_int(Interp& in, double d);
}  // namespace ops

// ------------------------------------------------------------ methods (methods.cpp)

// How `obj.name` resolves among Python's built-in methods of str/dict/list.
enum class MethodSupport { none, supported, unsupported };
MethodSupport method_support(const Value& self, std::string_view name);
// Calls the supported method `name` of `self`.
Value call_method(Interp& in, const Value& self, std::string_view name, const CallArgs& args);

// Python's "%" string formatting (`"%s-%d" % (a, b)` and the format filter).
Value percent_format(Interp& in, const Value& format, const Value& args);

// Names visible in every template unless shadowed: range, dict, namespace, ...
const Value* builtin_global(std::string_view name);

}  // namespace portal::tmpl
