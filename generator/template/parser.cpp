#include "template/parser.h"

#include <algorithm>

#include "base/text.h"
#include "template/builtins.h"
#include "template/lexer.h"
#include "template/scoping.h"

namespace portal::tmpl {

namespace {

using namespace ast;

// Jinja tags this engine does not implement, and extension tags that plain
// Jinja does not enable; both get an "unsupported" message.
constexpr std::string_view kUnsupportedTags[] = {"do", "break", "continue", "trans", "pluralize", "debug"};

struct OpenTag {
    std::string_view name;  // "for", "if", ...
    std::uint32_t offset;
};

class Parser {
public:
    Parser(const std::vector<Token>& tokens, Template& tmpl, const ParseOptions& options)
        : toks_(tokens), tmpl_(tmpl), options_(options) {}

    Body parse() {
        Body body = subparse({});
        return body;
    }

private:
    // ------------------------------------------------------------ tokens

    const Token& cur() const { return toks_[pos_]; }
    const Token& look() const { return toks_[std::min(pos_ + 1, toks_.size() - 1)]; }
    const Token& advance() {
        const Token& t = toks_[pos_];
        if (t.type != Tok::eof) ++pos_;
        return t;
    }
    bool is_name(const Token& t, std::string_view n) const { return t.type == Tok::name && t.text == n; }
    bool skip_if(Tok type) {
        if (cur().type != type) return false;
        advance();
        return true;
    }
    bool skip_if_name(std::string_view n) {
        if (!is_name(cur(), n)) return false;
        advance();
        return true;
    }

    [[noreturn]] void fail(std::uint32_t offset, std::string message) const {
        throw SyntaxError{offset, std::move(message)};
    }

    [[noreturn]] void fail_expected(const std::string& what) const {
        if (cur().type == Tok::eof)
            fail(cur().offset, "unexpected end of template, expected '" + what + "'");
        fail(cur().offset, "expected token '" + what + "', got '" + describe(cur()) + "'");
    }

    const Token& expect(Tok type) {
        if (cur().type != type) fail_expected(describe(type));
        return advance();
    }

    const Token& expect_name(std::string_view n) {
        if (!is_name(cur(), n)) fail_expected(std::string(n));
        return advance();
    }

    // Guards recursion; every nesting level of the grammar passes through one.
    struct DepthGuard {
        DepthGuard(Parser& p, std::uint32_t offset) : p_(p) {
            if (++p_.depth_ > kMaxParseDepth)
                p_.fail(offset, "template nesting is too deep (more than " + std::to_string(kMaxParseDepth) +
                                    " levels of expressions or blocks)");
        }
        ~DepthGuard() { --p_.depth_; }
        Parser& p_;
    };

    // ------------------------------------------------------------ statements

    // Parses until a `{% name %}` whose name is in `end_names` (left as the
    // current token) or the end of the template.
    Body subparse(std::initializer_list<std::string_view> end_names) {
        Body body;
        while (cur().type != Tok::eof) {
            const Token& t = cur();
            if (t.type == Tok::data) {
                body.push_back(std::make_unique<Text>(t.offset, t.text));
                advance();
            } else if (t.type == Tok::var_begin) {
                advance();
                DepthGuard guard(*this, t.offset);
                ExprPtr e = parse_tuple(false, true, {}, false);
                expect(Tok::var_end);
                body.push_back(std::make_unique<Output>(t.offset, std::move(e)));
            } else {
                advance();  // block_begin
                if (cur().type == Tok::name) {
                    for (std::string_view n : end_names)
                        if (cur().text == n) return body;
                }
                DepthGuard guard(*this, t.offset);
                parse_statement(t.offset, body);
                expect(Tok::block_end);
            }
        }
        if (end_names.size() != 0) fail_eof(end_names);
        return body;
    }

    [[noreturn]] void fail_eof(std::initializer_list<std::string_view> end_names) const {
        std::string wanted;
        for (std::string_view n : end_names) {
            if (!wanted.empty()) wanted += " or ";
            wanted += "`{% " + std::string(n) + " %}`";
        }
        const OpenTag& open = tags_.back();
        text::Position p = text::position_of(tmpl_.source, open.offset);
        fail(open.offset, "`{% " + std::string(open.name) + " %}` (line " + std::to_string(p.line) +
                              ") is never closed: the template ends before " + wanted);
    }

    // Statement tags end with `{% end... %}`; returns after the end tag's name.
    Body parse_statements(std::initializer_list<std::string_view> end_names, bool drop_needle) {
        skip_if(Tok::colon);
        expect(Tok::block_end);
        Body body = subparse(end_names);
        if (drop_needle) advance();
        return body;
    }

    void parse_statement(std::uint32_t offset, Body& out) {
        const Token& t = cur();
        if (t.type != Tok::name) fail(t.offset, "tag name expected");
        std::string_view name = t.text;
        tags_.push_back(OpenTag{name, offset});
        if (name == "for") out.push_back(parse_for(offset));
        else if (name == "if") out.push_back(parse_if(offset));
        else if (name == "block") out.push_back(parse_block(offset));
        else if (name == "extends") out.push_back(parse_extends(offset));
        else if (name == "print") parse_print(out);
        else if (name == "macro") out.push_back(parse_macro(offset));
        else if (name == "include") out.push_back(parse_include(offset));
        else if (name == "from") out.push_back(parse_from(offset));
        else if (name == "import") out.push_back(parse_import(offset));
        else if (name == "set") out.push_back(parse_set(offset));
        else if (name == "with") out.push_back(parse_with(offset));
        else if (name == "autoescape") out.push_back(parse_autoescape(offset));
        else if (name == "call") out.push_back(parse_call_block(offset));
        else if (name == "filter") out.push_back(parse_filter_block(offset));
        else fail_unknown_tag(t);
        tags_.pop_back();
    }

    [[noreturn]] void fail_unknown_tag(const Token& t) {
        std::string_view name = t.text;
        tags_.pop_back();
        for (std::string_view u : kUnsupportedTags)
            if (name == u)
                fail(t.offset, "unsupported Jinja feature `{% " + std::string(name) + " %}` (a Jinja extension tag)");
        bool closing = name.substr(0, 3) == "end" || name == "else" || name == "elif";
        if (closing) {
            if (tags_.empty()) fail(t.offset, "unexpected `{% " + std::string(name) + " %}`: no block is open");
            const OpenTag& open = tags_.back();
            text::Position p = text::position_of(tmpl_.source, open.offset);
            fail(t.offset, "unexpected `{% " + std::string(name) + " %}`: the innermost open block is `{% " +
                               std::string(open.name) + " %}` from line " + std::to_string(p.line));
        }
        fail(t.offset, "unknown tag `{% " + std::string(name) + " %}`");
    }

    StmtPtr parse_for(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<For>(offset);
        node->target = parse_assign_target(true, false, {"in"}, false);
        expect_name("in");
        node->iter = parse_tuple(false, false, {"recursive"}, false);
        if (skip_if_name("if")) node->filter = parse_expression(true);
        node->recursive = skip_if_name("recursive");
        if (node->recursive)
            fail(offset, "unsupported Jinja feature `recursive for loop` (use a macro that calls itself)");
        fors_.push_back(node.get());
        node->body = parse_statements({"endfor", "else"}, false);
        fors_.pop_back();
        if (advance().text == "else") node->otherwise = parse_statements({"endfor"}, true);
        return node;
    }

    StmtPtr parse_if(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<If>(offset);
        while (true) {
            ExprPtr test = parse_tuple(false, false, {}, false);
            Body body = parse_statements({"elif", "else", "endif"}, false);
            node->branches.emplace_back(std::move(test), std::move(body));
            const Token& t = advance();
            if (t.text == "elif") continue;
            if (t.text == "else") node->otherwise = parse_statements({"endif"}, true);
            break;
        }
        return node;
    }

    StmtPtr parse_block(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<Block>(offset);
        node->name = expect(Tok::name).text;
        node->scoped = skip_if_name("scoped");
        // A scoped block sees the loop's locals, `loop` included (Jinja makes
        // every enclosing loop define `loop` then).
        if (node->scoped)
            for (For* f : fors_) f->uses_loop = true;
        node->required = skip_if_name("required");
        if (cur().type == Tok::sub)
            fail(cur().offset, "block names have to be valid identifiers and may not contain hyphens, use an underscore instead");
        if (tmpl_.find_block(node->name))
            fail(offset, "block `" + std::string(node->name) + "` is defined twice in this template");
        tmpl_.blocks.push_back(node.get());
        // Names inside a block do not count for enclosing loops and macros
        // (Jinja compiles blocks as separate functions).
        std::size_t saved_fors = fors_.size(), saved_macros = macros_.size();
        barrier_fors_.push_back(saved_fors);
        barrier_macros_.push_back(saved_macros);
        node->body = parse_statements({"endblock"}, true);
        barrier_fors_.pop_back();
        barrier_macros_.pop_back();
        if (node->required) {
            for (const StmtPtr& s : node->body) {
                bool blank = s->kind == StmtKind::text &&
                             static_cast<const Text&>(*s).text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos;
                if (!blank) fail(s->offset, "required blocks can only contain comments or whitespace");
            }
        }
        skip_if_name(node->name);
        return node;
    }

    StmtPtr parse_extends(std::uint32_t offset) {
        advance();
        if (tags_.size() > 1)
            fail(offset, "unsupported Jinja feature `{% extends %} inside another tag` (put it at the top level)");
        if (tmpl_.has_extends) fail(offset, "the template extends twice; only one `{% extends %}` is allowed");
        tmpl_.has_extends = true;
        auto node = std::make_unique<Extends>(offset);
        node->name = parse_expression(true);
        return node;
    }

    // `with context` / `without context`
    bool parse_context(bool fallback) {
        if ((is_name(cur(), "with") || is_name(cur(), "without")) && is_name(look(), "context")) {
            bool with = advance().text == "with";
            advance();
            return with;
        }
        return fallback;
    }

    StmtPtr parse_include(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<Include>(offset);
        node->name = parse_expression(true);
        if (is_name(cur(), "ignore") && is_name(look(), "missing")) {
            node->ignore_missing = true;
            advance();
            advance();
        }
        node->with_context = parse_context(true);
        return node;
    }

    StmtPtr parse_import(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<Import>(offset);
        node->name = parse_expression(true);
        expect_name("as");
        node->alias = expect(Tok::name).text;
        node->with_context = parse_context(false);
        return node;
    }

    StmtPtr parse_from(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<FromImport>(offset);
        node->name = parse_expression(true);
        expect_name("import");
        bool context_set = false;
        while (true) {
            if (!node->names.empty()) expect(Tok::comma);
            if (cur().type == Tok::name) {
                if ((is_name(cur(), "with") || is_name(cur(), "without")) && is_name(look(), "context")) {
                    node->with_context = parse_context(false);
                    context_set = true;
                    break;
                }
                const Token& target = advance();
                if (target.text[0] == '_') fail(target.offset, "names starting with an underline can not be imported");
                std::string_view alias = target.text;
                if (skip_if_name("as")) alias = expect(Tok::name).text;
                node->names.emplace_back(target.text, alias);
                if ((is_name(cur(), "with") || is_name(cur(), "without")) && is_name(look(), "context")) {
                    node->with_context = parse_context(false);
                    context_set = true;
                    break;
                }
                if (cur().type != Tok::comma) break;
            } else {
                expect(Tok::name);
            }
        }
        (void)context_set;
        return node;
    }

    void parse_signature(std::vector<Param>& params) {
        expect(Tok::lparen);
        bool defaults = false;
        while (cur().type != Tok::rparen) {
            if (!params.empty()) expect(Tok::comma);
            const Token& name = expect(Tok::name);
            Param p{name.text, nullptr, std::make_unique<Name>(name.offset, name.text)};
            if (skip_if(Tok::assign)) {
                p.default_value = parse_expression(true);
                defaults = true;
            } else if (defaults) {
                fail(name.offset, "non-default argument follows default argument");
            }
            params.push_back(std::move(p));
        }
        expect(Tok::rparen);
    }

    StmtPtr parse_macro(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<Macro>(offset);
        node->name = expect(Tok::name).text;
        parse_signature(node->info.params);
        macros_.push_back(&node->info);
        node->info.body = parse_statements({"endmacro"}, true);
        macros_.pop_back();
        return node;
    }

    StmtPtr parse_call_block(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<CallBlock>(offset);
        if (cur().type == Tok::lparen) parse_signature(node->caller.params);
        std::uint32_t call_offset = cur().offset;
        node->call = parse_expression(true);
        if (node->call->kind != ExprKind::call) fail(call_offset, "expected a call after `{% call %}`");
        macros_.push_back(&node->caller);
        node->caller.body = parse_statements({"endcall"}, true);
        macros_.pop_back();
        return node;
    }

    StmtPtr parse_filter_block(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<FilterBlock>(offset);
        node->filter = parse_filter(nullptr, true);
        node->body = parse_statements({"endfilter"}, true);
        return node;
    }

    void parse_print(Body& out) {
        advance();
        bool first = true;
        while (cur().type != Tok::block_end) {
            if (!first) expect(Tok::comma);
            first = false;
            std::uint32_t off = cur().offset;
            out.push_back(std::make_unique<Output>(off, parse_expression(true)));
        }
    }

    StmtPtr parse_set(std::uint32_t offset) {
        advance();
        Target target = parse_assign_target(true, false, {}, true);
        if (skip_if(Tok::assign)) {
            auto node = std::make_unique<Set>(offset);
            node->target = std::move(target);
            node->value = parse_tuple(false, true, {}, false);
            return node;
        }
        auto node = std::make_unique<SetBlock>(offset);
        node->target = std::move(target);
        if (cur().type == Tok::pipe) node->filter = parse_filter(nullptr, false);
        node->body = parse_statements({"endset"}, true);
        return node;
    }

    StmtPtr parse_with(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<With>(offset);
        while (cur().type != Tok::block_end) {
            if (!node->targets.empty()) expect(Tok::comma);
            node->targets.push_back(parse_assign_target(true, false, {}, false));
            expect(Tok::assign);
            node->values.push_back(parse_expression(true));
        }
        node->body = parse_statements({"endwith"}, true);
        return node;
    }

    StmtPtr parse_autoescape(std::uint32_t offset) {
        advance();
        auto node = std::make_unique<Autoescape>(offset);
        std::uint32_t at = cur().offset;
        ExprPtr e = parse_expression(true);
        if (e->kind != ExprKind::constant || !static_cast<const Const&>(*e).value.is_bool())
            fail(at, "unsupported Jinja feature `{% autoescape <expression> %}` (use true or false)");
        node->enabled = static_cast<const Const&>(*e).value.as_bool();
        node->body = parse_statements({"endautoescape"}, true);
        return node;
    }

    // ------------------------------------------------------------ targets

    Target to_target(const Expr& e) {
        Target t;
        t.offset = e.offset;
        if (e.kind == ExprKind::name) {
            t.name = static_cast<const Name&>(e).name;
            return t;
        }
        if (e.kind == ExprKind::tuple) {
            t.is_tuple = true;
            for (const ExprPtr& item : static_cast<const Sequence&>(e).items) t.items.push_back(to_target(*item));
            return t;
        }
        fail(e.offset, "can't assign to this expression");
    }

    Target parse_assign_target(bool with_tuple, bool name_only, std::initializer_list<std::string_view> extra_end,
                               bool with_namespace) {
        if (with_namespace && look().type == Tok::dot) {
            const Token& ns = expect(Tok::name);
            advance();
            const Token& attr = expect(Tok::name);
            Target t;
            t.offset = ns.offset;
            t.name = ns.text;
            t.attr = attr.text;
            return t;
        }
        if (name_only) {
            const Token& n = expect(Tok::name);
            Target t;
            t.offset = n.offset;
            t.name = n.text;
            return t;
        }
        ExprPtr e = with_tuple ? parse_tuple(true, true, extra_end, false) : parse_primary();
        return to_target(*e);
    }

    // ------------------------------------------------------------ expressions

    bool is_tuple_end(std::initializer_list<std::string_view> extra_end) const {
        Tok t = cur().type;
        if (t == Tok::var_end || t == Tok::block_end || t == Tok::rparen) return true;
        for (std::string_view n : extra_end)
            if (is_name(cur(), n)) return true;
        return false;
    }

    ExprPtr parse_tuple(bool simplified, bool with_condexpr, std::initializer_list<std::string_view> extra_end,
                        bool explicit_parentheses) {
        std::uint32_t offset = cur().offset;
        std::vector<ExprPtr> args;
        bool is_tuple = false;
        while (true) {
            if (!args.empty()) expect(Tok::comma);
            if (is_tuple_end(extra_end)) break;
            if (simplified) args.push_back(parse_primary());
            else args.push_back(parse_expression(with_condexpr));
            if (cur().type == Tok::comma) is_tuple = true;
            else break;
        }
        if (!is_tuple) {
            if (!args.empty()) return std::move(args[0]);
            if (!explicit_parentheses)
                fail(cur().offset, "expected an expression, got '" + describe(cur()) + "'");
        }
        auto node = std::make_unique<Sequence>(ExprKind::tuple, offset);
        node->items = std::move(args);
        node->foldable = all_foldable(node->items);
        return node;
    }

    static bool all_foldable(const std::vector<ExprPtr>& items) {
        for (const ExprPtr& e : items)
            if (!e->foldable) return false;
        return true;
    }

    static bool args_foldable(const Args& a) {
        if (!all_foldable(a.positional)) return false;
        for (const KwArg& k : a.keyword)
            if (!k.value->foldable) return false;
        return true;
    }

    ExprPtr parse_expression(bool with_condexpr) { return with_condexpr ? parse_condexpr() : parse_or(); }

    ExprPtr parse_condexpr() {
        std::uint32_t offset = cur().offset;
        ExprPtr expr1 = parse_or();
        while (skip_if_name("if")) {
            ExprPtr expr2 = parse_or();
            ExprPtr expr3;
            if (skip_if_name("else")) {
                DepthGuard guard(*this, cur().offset);
                expr3 = parse_condexpr();
            }
            auto node = std::make_unique<Cond>(offset);
            node->foldable = expr1->foldable && expr2->foldable && expr3 && expr3->foldable;
            node->test = std::move(expr2);
            node->then = std::move(expr1);
            node->otherwise = std::move(expr3);
            expr1 = std::move(node);
            offset = cur().offset;
        }
        return expr1;
    }

    ExprPtr make_binary(ExprKind kind, std::uint32_t offset, BinOp op, ExprPtr l, ExprPtr r) {
        bool foldable = l->foldable && r->foldable;
        auto node = std::make_unique<Binary>(kind, offset, op, std::move(l), std::move(r));
        node->foldable = foldable;
        return node;
    }

    ExprPtr parse_or() {
        std::uint32_t offset = cur().offset;
        ExprPtr left = parse_and();
        while (skip_if_name("or")) left = make_binary(ExprKind::or_, offset, BinOp::add, std::move(left), parse_and());
        return left;
    }

    ExprPtr parse_and() {
        std::uint32_t offset = cur().offset;
        ExprPtr left = parse_not();
        while (skip_if_name("and")) left = make_binary(ExprKind::and_, offset, BinOp::add, std::move(left), parse_not());
        return left;
    }

    ExprPtr parse_not() {
        if (is_name(cur(), "not")) {
            std::uint32_t offset = advance().offset;
            DepthGuard guard(*this, offset);
            ExprPtr operand = parse_not();
            bool foldable = operand->foldable;
            auto node = std::make_unique<Unary>(ExprKind::not_, offset, std::move(operand));
            node->foldable = foldable;
            return node;
        }
        return parse_compare();
    }

    ExprPtr parse_compare() {
        std::uint32_t offset = cur().offset;
        ExprPtr expr = parse_math1();
        std::unique_ptr<Compare> node;
        while (true) {
            CmpOp op;
            Tok t = cur().type;
            if (t == Tok::eq) op = CmpOp::eq;
            else if (t == Tok::ne) op = CmpOp::ne;
            else if (t == Tok::lt) op = CmpOp::lt;
            else if (t == Tok::lteq) op = CmpOp::le;
            else if (t == Tok::gt) op = CmpOp::gt;
            else if (t == Tok::gteq) op = CmpOp::ge;
            else if (is_name(cur(), "in")) op = CmpOp::in;
            else if (is_name(cur(), "not") && is_name(look(), "in")) {
                advance();
                op = CmpOp::not_in;
            } else {
                break;
            }
            advance();
            if (!node) {
                node = std::make_unique<Compare>(offset);
                node->first = std::move(expr);
            }
            node->rest.emplace_back(op, parse_math1());
        }
        if (!node) return expr;
        bool foldable = node->first->foldable;
        for (auto& [op, e] : node->rest) foldable = foldable && e->foldable;
        node->foldable = foldable;
        return node;
    }

    ExprPtr parse_math1() {
        std::uint32_t offset = cur().offset;
        ExprPtr left = parse_concat();
        while (cur().type == Tok::add || cur().type == Tok::sub) {
            BinOp op = advance().type == Tok::add ? BinOp::add : BinOp::sub;
            left = make_binary(ExprKind::binary, offset, op, std::move(left), parse_concat());
        }
        return left;
    }

    ExprPtr parse_concat() {
        std::uint32_t offset = cur().offset;
        ExprPtr first = parse_math2();
        if (cur().type != Tok::tilde) return first;
        auto node = std::make_unique<Concat>(offset);
        node->parts.push_back(std::move(first));
        while (skip_if(Tok::tilde)) node->parts.push_back(parse_math2());
        node->foldable = all_foldable(node->parts);
        return node;
    }

    ExprPtr parse_math2() {
        std::uint32_t offset = cur().offset;
        ExprPtr left = parse_pow();
        while (true) {
            Tok t = cur().type;
            BinOp op;
            if (t == Tok::mul) op = BinOp::mul;
            else if (t == Tok::div) op = BinOp::div;
            else if (t == Tok::floordiv) op = BinOp::floordiv;
            else if (t == Tok::mod) op = BinOp::mod;
            else break;
            advance();
            left = make_binary(ExprKind::binary, offset, op, std::move(left), parse_pow());
        }
        return left;
    }

    ExprPtr parse_pow() {
        std::uint32_t offset = cur().offset;
        ExprPtr left = parse_unary(true);
        while (skip_if(Tok::pow)) left = make_binary(ExprKind::binary, offset, BinOp::pow, std::move(left), parse_unary(true));
        return left;
    }

    ExprPtr parse_unary(bool with_filter) {
        std::uint32_t offset = cur().offset;
        DepthGuard guard(*this, offset);
        ExprPtr node;
        if (cur().type == Tok::sub || cur().type == Tok::add) {
            ExprKind kind = advance().type == Tok::sub ? ExprKind::neg : ExprKind::pos;
            ExprPtr operand = parse_unary(false);
            bool foldable = operand->foldable;
            node = std::make_unique<Unary>(kind, offset, std::move(operand));
            node->foldable = foldable;
        } else {
            node = parse_primary();
        }
        node = parse_postfix(std::move(node));
        if (with_filter) node = parse_filter_expr(std::move(node));
        return node;
    }

    ExprPtr parse_primary() {
        const Token& t = cur();
        switch (t.type) {
            case Tok::name: {
                advance();
                if (t.text == "true" || t.text == "True") return std::make_unique<Const>(t.offset, Value::boolean(true));
                if (t.text == "false" || t.text == "False") return std::make_unique<Const>(t.offset, Value::boolean(false));
                if (t.text == "none" || t.text == "None") return std::make_unique<Const>(t.offset, Value::none());
                note_name(t.text);
                return std::make_unique<Name>(t.offset, t.text);
            }
            case Tok::string: {
                std::uint32_t offset = t.offset;
                std::string s = advance().value;
                while (cur().type == Tok::string) s += advance().value;  // "a" "b" is "ab"
                return std::make_unique<Const>(offset, Value::string(std::move(s)));
            }
            case Tok::integer: advance(); return std::make_unique<Const>(t.offset, Value::integer(t.int_value));
            case Tok::floating: advance(); return std::make_unique<Const>(t.offset, Value::number(t.float_value));
            case Tok::lparen: {
                advance();
                ExprPtr e = parse_tuple(false, true, {}, true);
                expect(Tok::rparen);
                return e;
            }
            case Tok::lbracket: return parse_list();
            case Tok::lbrace: return parse_dict();
            default: break;
        }
        if (t.type == Tok::eof) fail(t.offset, "unexpected end of template, expected an expression");
        fail(t.offset, "unexpected '" + describe(t) + "'");
    }

    ExprPtr parse_list() {
        std::uint32_t offset = expect(Tok::lbracket).offset;
        auto node = std::make_unique<Sequence>(ExprKind::list, offset);
        while (cur().type != Tok::rbracket) {
            if (!node->items.empty()) expect(Tok::comma);
            if (cur().type == Tok::rbracket) break;
            node->items.push_back(parse_expression(true));
        }
        expect(Tok::rbracket);
        node->foldable = all_foldable(node->items);
        return node;
    }

    ExprPtr parse_dict() {
        std::uint32_t offset = expect(Tok::lbrace).offset;
        auto node = std::make_unique<Dict>(offset);
        bool foldable = true;
        while (cur().type != Tok::rbrace) {
            if (!node->items.empty()) expect(Tok::comma);
            if (cur().type == Tok::rbrace) break;
            ExprPtr key = parse_expression(true);
            expect(Tok::colon);
            ExprPtr value = parse_expression(true);
            foldable = foldable && key->foldable && value->foldable;
            node->items.emplace_back(std::move(key), std::move(value));
        }
        expect(Tok::rbrace);
        node->foldable = foldable;
        return node;
    }

    ExprPtr parse_postfix(ExprPtr node) {
        while (true) {
            Tok t = cur().type;
            if (t == Tok::dot || t == Tok::lbracket) node = parse_subscript(std::move(node));
            else if (t == Tok::lparen) node = parse_call(std::move(node));
            else break;
        }
        return node;
    }

    ExprPtr parse_filter_expr(ExprPtr node) {
        while (true) {
            if (cur().type == Tok::pipe) node = parse_filter(std::move(node), false);
            else if (is_name(cur(), "is")) node = parse_test(std::move(node));
            else if (cur().type == Tok::lparen) node = parse_call(std::move(node));
            else break;
        }
        return node;
    }

    ExprPtr parse_subscript(ExprPtr node) {
        const Token& t = advance();
        if (t.type == Tok::dot) {
            const Token& attr = advance();
            if (attr.type == Tok::name) {
                bool foldable = node->foldable;
                bool method = is_method_name(attr.text) || attr.text.substr(0, 2) == "__";
                auto a = std::make_unique<Attr>(node->offset, std::move(node), attr.text, method);
                a->foldable = foldable;
                return a;
            }
            if (attr.type != Tok::integer) fail(attr.offset, "expected name or number after '.'");
            bool foldable = node->foldable;
            std::uint32_t start = node->offset;
            auto item = std::make_unique<Item>(start, std::move(node),
                                               std::make_unique<Const>(attr.offset, Value::integer(attr.int_value)));
            item->foldable = foldable;
            return item;
        }
        // '['
        std::vector<ExprPtr> args;
        while (cur().type != Tok::rbracket) {
            if (!args.empty()) expect(Tok::comma);
            args.push_back(parse_subscribed(node));
        }
        expect(Tok::rbracket);
        ExprPtr arg;
        if (args.size() == 1) {
            arg = std::move(args[0]);
        } else {
            // `x[a, b]` and `x[]` subscript with a tuple, as in Python; no
            // value here has tuple keys, so the result is undefined.
            auto tuple = std::make_unique<Sequence>(ExprKind::tuple, t.offset);
            for (ExprPtr& a : args) {
                if (a->kind == ExprKind::slice) fail(a->offset, "unsupported Jinja feature `slice inside a tuple subscript`");
                tuple->items.push_back(std::move(a));
            }
            tuple->foldable = all_foldable(tuple->items);
            arg = std::move(tuple);
        }
        if (arg->kind == ExprKind::slice) {
            auto* s = static_cast<Slice*>(arg.get());
            s->offset = node->offset;
            s->object = std::move(node);
            s->foldable = s->object->foldable && (!s->start || s->start->foldable) && (!s->stop || s->stop->foldable) &&
                          (!s->step || s->step->foldable);
            return arg;
        }
        bool foldable = node->foldable && arg->foldable;
        std::uint32_t start = node->offset;
        auto item = std::make_unique<Item>(start, std::move(node), std::move(arg));
        item->foldable = foldable;
        return item;
    }

    ExprPtr parse_subscribed(const ExprPtr&) {
        std::uint32_t offset = cur().offset;
        std::vector<ExprPtr> parts;  // start, stop, step
        if (cur().type == Tok::colon) {
            advance();
            parts.push_back(nullptr);
        } else {
            ExprPtr e = parse_expression(true);
            if (cur().type != Tok::colon) return e;
            advance();
            parts.push_back(std::move(e));
        }
        if (cur().type == Tok::colon) parts.push_back(nullptr);
        else if (cur().type != Tok::rbracket && cur().type != Tok::comma) parts.push_back(parse_expression(true));
        else parts.push_back(nullptr);
        if (cur().type == Tok::colon) {
            advance();
            if (cur().type != Tok::rbracket && cur().type != Tok::comma) parts.push_back(parse_expression(true));
            else parts.push_back(nullptr);
        } else {
            parts.push_back(nullptr);
        }
        auto s = std::make_unique<Slice>(offset);
        s->start = std::move(parts[0]);
        s->stop = std::move(parts[1]);
        s->step = std::move(parts[2]);
        return s;
    }

    Args parse_call_args() {
        const Token& open = expect(Tok::lparen);
        Args args;
        bool require_comma = false;
        while (cur().type != Tok::rparen) {
            if (require_comma) {
                expect(Tok::comma);
                if (cur().type == Tok::rparen) break;
            }
            if (cur().type == Tok::mul || cur().type == Tok::pow)
                fail(cur().offset, "unsupported Jinja feature `*args / **kwargs in calls`");
            if (cur().type == Tok::name && look().type == Tok::assign) {
                std::string_view key = advance().text;
                advance();
                args.keyword.push_back(KwArg{key, parse_expression(true)});
            } else {
                if (!args.keyword.empty()) fail(open.offset, "invalid syntax for function call expression (positional argument after keyword argument)");
                args.positional.push_back(parse_expression(true));
            }
            require_comma = true;
        }
        expect(Tok::rparen);
        return args;
    }

    ExprPtr parse_call(ExprPtr callee) {
        std::uint32_t offset = callee->offset;
        auto node = std::make_unique<Call>(offset);
        node->callee = std::move(callee);
        node->args = parse_call_args();
        return node;
    }

    // Filter and test names; Jinja allows dotted names for extensions,
    // which plain Jinja (and this engine) never defines.
    std::string_view filter_or_test_name(const char* kind) {
        const Token& t = expect(Tok::name);
        if (cur().type == Tok::dot) {
            std::string dotted(t.text);
            while (skip_if(Tok::dot)) {
                dotted += '.';
                dotted += expect(Tok::name).text;
            }
            fail(t.offset, std::string("unknown ") + kind + " `" + dotted + "`");
        }
        return t.text;
    }

    ExprPtr parse_filter(ExprPtr node, bool start_inline) {
        while (cur().type == Tok::pipe || start_inline) {
            if (!start_inline) advance();
            start_inline = false;
            std::uint32_t offset = cur().offset;
            std::string_view name = filter_or_test_name("filter");
            auto f = std::make_unique<Filter>(offset);
            f->name = name;
            f->builtin = find_builtin_filter(name);
            bool host = false;
            if (!f->builtin) {
                for (const std::string& h : options_.host_filters)
                    if (h == name) host = true;
                if (!host) {
                    if (is_unsupported_jinja_filter(name))
                        fail(offset, "unsupported Jinja feature `" + std::string(name) + " filter`");
                    fail(offset, "unknown filter `" + std::string(name) + "`");
                }
            }
            if (cur().type == Tok::lparen) f->args = parse_call_args();
            f->foldable = f->builtin && !f->builtin->uses_context && node && node->foldable && args_foldable(f->args);
            f->input = std::move(node);
            node = std::move(f);
        }
        return node;
    }

    ExprPtr parse_test(ExprPtr node) {
        std::uint32_t offset = advance().offset;  // 'is'
        bool negated = skip_if_name("not");
        std::uint32_t name_offset = cur().offset;
        std::string_view name = filter_or_test_name("test");
        auto t = std::make_unique<Test>(offset);
        t->name = name;
        t->builtin = find_builtin_test(name);
        if (!t->builtin) {
            if (is_unsupported_jinja_test(name))
                fail(name_offset, "unsupported Jinja feature `" + std::string(name) + " test`");
            fail(name_offset, "unknown test `" + std::string(name) + "`");
        }
        Tok ct = cur().type;
        if (ct == Tok::lparen) {
            t->args = parse_call_args();
        } else if ((ct == Tok::name || ct == Tok::string || ct == Tok::integer || ct == Tok::floating ||
                    ct == Tok::lbracket || ct == Tok::lbrace) &&
                   !is_name(cur(), "else") && !is_name(cur(), "or") && !is_name(cur(), "and")) {
            if (is_name(cur(), "is")) fail(cur().offset, "you cannot chain multiple tests with `is`");
            t->args.positional.push_back(parse_postfix(parse_primary()));
        }
        t->foldable = node->foldable && args_foldable(t->args);
        t->input = std::move(node);
        if (!negated) return t;
        bool foldable = t->foldable;
        auto n = std::make_unique<Unary>(ExprKind::not_, offset, std::move(t));
        n->foldable = foldable;
        return n;
    }

    // Records names that change how enclosing loops and macros compile.
    void note_name(std::string_view name) {
        if (name == "loop") {
            std::size_t from = barrier_fors_.empty() ? 0 : barrier_fors_.back();
            for (std::size_t i = from; i < fors_.size(); ++i) fors_[i]->uses_loop = true;
        } else if (name == "caller" || name == "varargs" || name == "kwargs") {
            std::size_t from = barrier_macros_.empty() ? 0 : barrier_macros_.back();
            for (std::size_t i = from; i < macros_.size(); ++i) {
                if (name == "caller") macros_[i]->uses_caller = true;
                else if (name == "varargs") macros_[i]->uses_varargs = true;
                else macros_[i]->uses_kwargs = true;
            }
        }
    }

    const std::vector<Token>& toks_;
    Template& tmpl_;
    const ParseOptions& options_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    std::vector<OpenTag> tags_;
    std::vector<For*> fors_;
    std::vector<MacroInfo*> macros_;
    std::vector<std::size_t> barrier_fors_, barrier_macros_;
};

}  // namespace

Result<std::shared_ptr<const Template>> parse_template(std::string name, std::string path, std::string_view source,
                                                       const ParseOptions& options) {
    auto tmpl = std::make_shared<Template>();
    tmpl->name = std::move(name);
    tmpl->path = std::move(path);
    if (auto bad = text::find_invalid_utf8(source)) {
        text::Position p = text::position_of(source, *bad);
        return make_error(tmpl->path, p.line, p.col, "the template is not valid UTF-8",
                          "save the file as UTF-8");
    }
    tmpl->source = normalize_source(source);
    try {
        std::vector<Token> tokens = tokenize(tmpl->source);
        Parser parser(tokens, *tmpl, options);
        tmpl->body = parser.parse();
        analyze_scopes(*tmpl);
    } catch (const SyntaxError& e) {
        text::Position p = text::position_of(tmpl->source, e.offset);
        return make_error(tmpl->path, p.line, p.col, e.message);
    }
    return std::shared_ptr<const Template>(std::move(tmpl));
}

}  // namespace portal::tmpl
