// The parsed form of a template: statements and expressions as Jinja's parser
// builds them. Nodes keep the byte offset of their first token; line and column
// are computed from it only when an error is reported.
//
// Names and text point into the template's source string, which the Template
// owns and never moves, so the tree holds no copies of the text.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "template/value.h"

namespace portal::tmpl {
struct BuiltinFilter;
struct BuiltinTest;
}  // namespace portal::tmpl

namespace portal::tmpl::ast {

// ------------------------------------------------------------ expressions

enum class ExprKind : std::uint8_t {
    constant, name, attr, item, slice, call, filter, test,
    neg, pos, not_, binary, and_, or_, compare, concat, cond, list, tuple, dict,
};

enum class BinOp : std::uint8_t { add, sub, mul, div, floordiv, mod, pow };
enum class CmpOp : std::uint8_t { eq, ne, lt, le, gt, ge, in, not_in };

struct Expr {
    Expr(ExprKind k, std::uint32_t off) : kind(k), offset(off) {}
    virtual ~Expr() = default;
    ExprKind kind;
    // Jinja folds constant expressions at compile time; this matters for `~`,
    // whose folded form drops markup (see Concat).
    bool foldable = false;
    std::uint32_t offset;
};
using ExprPtr = std::unique_ptr<Expr>;

struct Const : Expr {
    Const(std::uint32_t off, Value v) : Expr(ExprKind::constant, off), value(std::move(v)) { foldable = true; }
    Value value;
};

struct Name : Expr {
    Name(std::uint32_t off, std::string_view n) : Expr(ExprKind::name, off), name(n), hash(Value::hash_key(n)) {}
    std::string_view name;
    std::size_t hash;  // of `name`, for map lookups without rehashing
};

struct Attr : Expr {
    Attr(std::uint32_t off, ExprPtr obj, std::string_view n, bool method)
        : Expr(ExprKind::attr, off), object(std::move(obj)), name(n), hash(Value::hash_key(n)), maybe_method(method) {}
    ExprPtr object;
    std::string_view name;
    std::size_t hash;
    bool maybe_method;  // the name of some str/dict/list method (`items`, `title`): check methods first
};

struct Item : Expr {
    Item(std::uint32_t off, ExprPtr obj, ExprPtr idx) : Expr(ExprKind::item, off), object(std::move(obj)), index(std::move(idx)) {}
    ExprPtr object;
    ExprPtr index;
};

struct Slice : Expr {
    Slice(std::uint32_t off) : Expr(ExprKind::slice, off) {}
    ExprPtr object, start, stop, step;  // bounds may be null
};

struct KwArg {
    std::string_view name;
    ExprPtr value;
};

struct Args {
    std::vector<ExprPtr> positional;
    std::vector<KwArg> keyword;
};

struct Call : Expr {
    Call(std::uint32_t off) : Expr(ExprKind::call, off) {}
    ExprPtr callee;
    Args args;
};

struct Filter : Expr {
    Filter(std::uint32_t off) : Expr(ExprKind::filter, off) {}
    ExprPtr input;  // null for `{% filter %}` blocks and `{% set x | f %}`: the body is the input
    std::string_view name;
    const BuiltinFilter* builtin = nullptr;  // null for host filters
    Args args;
};

struct Test : Expr {
    Test(std::uint32_t off) : Expr(ExprKind::test, off) {}
    ExprPtr input;
    std::string_view name;
    const BuiltinTest* builtin = nullptr;
    Args args;
};

struct Unary : Expr {  // neg, pos, not_
    Unary(ExprKind k, std::uint32_t off, ExprPtr e) : Expr(k, off), operand(std::move(e)) {}
    ExprPtr operand;
};

struct Binary : Expr {  // binary (with op), and_, or_
    Binary(ExprKind k, std::uint32_t off, BinOp o, ExprPtr l, ExprPtr r)
        : Expr(k, off), op(o), left(std::move(l)), right(std::move(r)) {}
    BinOp op;
    ExprPtr left, right;
};

struct Compare : Expr {
    Compare(std::uint32_t off) : Expr(ExprKind::compare, off) {}
    ExprPtr first;
    std::vector<std::pair<CmpOp, ExprPtr>> rest;  // `a < b <= c` chains like Python
};

// `a ~ b ~ c`. At runtime with autoescape it is markupsafe's join (markup
// escapes the plain parts); when every part is constant (`foldable`) Jinja
// computed a plain str at compile time, and so do we.
struct Concat : Expr {
    Concat(std::uint32_t off) : Expr(ExprKind::concat, off) {}
    std::vector<ExprPtr> parts;
};

struct Cond : Expr {  // `then if test else otherwise`
    Cond(std::uint32_t off) : Expr(ExprKind::cond, off) {}
    ExprPtr test, then, otherwise;  // otherwise may be null (undefined)
};

struct Sequence : Expr {  // list or tuple literal
    Sequence(ExprKind k, std::uint32_t off) : Expr(k, off) {}
    std::vector<ExprPtr> items;
};

struct Dict : Expr {
    Dict(std::uint32_t off) : Expr(ExprKind::dict, off) {}
    std::vector<std::pair<ExprPtr, ExprPtr>> items;
};

// ------------------------------------------------------------ statements

// Names a frame (loop body, macro, block, ...) assigns before any reference:
// Jinja resolves names per frame at compile time, so such a name starts out
// undefined in that frame even when an outer scope or the context has it.
// Filled in by analyze_scopes (scoping.h).
using FrameVars = std::vector<std::unique_ptr<Name>>;

enum class StmtKind : std::uint8_t {
    text, output, if_, for_, set, set_block, macro, call_block, block,
    extends, include, import, from_import, with, filter_block, autoescape,
};

struct Stmt {
    Stmt(StmtKind k, std::uint32_t off) : kind(k), offset(off) {}
    virtual ~Stmt() = default;
    StmtKind kind;
    std::uint32_t offset;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

// Where `set`/`for`/`with` store: a name, a tuple of targets, or `ns.attr`.
struct Target {
    std::uint32_t offset = 0;
    std::string_view name;       // a name, or the namespace of `ns.attr`
    std::string_view attr;       // non-empty for `ns.attr`
    std::vector<Target> items;   // tuple unpacking when non-empty
    bool is_tuple = false;
};

struct Text : Stmt {
    Text(std::uint32_t off, std::string_view t) : Stmt(StmtKind::text, off), text(t) {}
    std::string_view text;
};

struct Output : Stmt {
    Output(std::uint32_t off, ExprPtr e) : Stmt(StmtKind::output, off), expr(std::move(e)) {}
    ExprPtr expr;
};

struct If : Stmt {
    If(std::uint32_t off) : Stmt(StmtKind::if_, off) {}
    std::vector<std::pair<ExprPtr, Body>> branches;  // if, elif...
    Body otherwise;
};

struct For : Stmt {
    For(std::uint32_t off) : Stmt(StmtKind::for_, off) {}
    Target target;
    ExprPtr iter;
    ExprPtr filter;  // `for x in xs if cond`
    Body body;
    Body otherwise;
    FrameVars body_vars, else_vars;
    // Jinja only defines `loop` when the body mentions it; otherwise an outer
    // `loop` stays visible (also to included templates).
    bool uses_loop = false;
    bool recursive = false;
};

struct Set : Stmt {
    Set(std::uint32_t off) : Stmt(StmtKind::set, off) {}
    Target target;
    ExprPtr value;
};

struct SetBlock : Stmt {  // {% set x %}...{% endset %}
    SetBlock(std::uint32_t off) : Stmt(StmtKind::set_block, off) {}
    Target target;
    ExprPtr filter;  // optional chain applied to the body
    Body body;
    FrameVars vars;
};

struct Param {
    std::string_view name;
    ExprPtr default_value;  // may be null
    std::unique_ptr<Name> origin;  // what an omitted argument's undefined value points at
};

// What a macro body refers to; decides which extra arguments it accepts.
struct MacroInfo {
    std::vector<Param> params;
    Body body;
    FrameVars vars;
    bool uses_caller = false;
    bool uses_varargs = false;
    bool uses_kwargs = false;
};

struct Macro : Stmt {
    Macro(std::uint32_t off) : Stmt(StmtKind::macro, off) {}
    std::string_view name;
    MacroInfo info;
};

struct CallBlock : Stmt {  // {% call(args) m(...) %}body{% endcall %}
    CallBlock(std::uint32_t off) : Stmt(StmtKind::call_block, off) {}
    ExprPtr call;
    MacroInfo caller;  // the body as an anonymous macro
};

struct Block : Stmt {
    Block(std::uint32_t off) : Stmt(StmtKind::block, off) {}
    std::string_view name;
    Body body;
    FrameVars vars;
    bool scoped = false;
    bool required = false;
};

struct Extends : Stmt {
    Extends(std::uint32_t off) : Stmt(StmtKind::extends, off) {}
    ExprPtr name;
};

struct Include : Stmt {
    Include(std::uint32_t off) : Stmt(StmtKind::include, off) {}
    ExprPtr name;
    bool ignore_missing = false;
    bool with_context = true;
};

struct Import : Stmt {  // {% import "x" as m %}
    Import(std::uint32_t off) : Stmt(StmtKind::import, off) {}
    ExprPtr name;
    std::string_view alias;
    bool with_context = false;
};

struct FromImport : Stmt {  // {% from "x" import a, b as c %}
    FromImport(std::uint32_t off) : Stmt(StmtKind::from_import, off) {}
    ExprPtr name;
    std::vector<std::pair<std::string_view, std::string_view>> names;  // (exported, local)
    bool with_context = false;
};

struct With : Stmt {
    With(std::uint32_t off) : Stmt(StmtKind::with, off) {}
    std::vector<Target> targets;
    std::vector<ExprPtr> values;
    Body body;
    FrameVars vars;
};

struct FilterBlock : Stmt {
    FilterBlock(std::uint32_t off) : Stmt(StmtKind::filter_block, off) {}
    ExprPtr filter;  // chain whose innermost input is null (the body)
    Body body;
    FrameVars vars;
};

struct Autoescape : Stmt {
    Autoescape(std::uint32_t off) : Stmt(StmtKind::autoescape, off) {}
    bool enabled = true;
    Body body;
    FrameVars vars;
};

}  // namespace portal::tmpl::ast
