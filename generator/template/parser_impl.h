// The template parser's class, shared by the files that implement it:
// statements (parser_statements.cpp) and expressions (parser_expressions.cpp).
// Internal to the template module; parser.h is the public interface.
#pragma once

#include <string>
#include <vector>

#include "base/text.h"
#include "template/ast.h"
#include "template/lexer.h"
#include "template/parser.h"

namespace portal::tmpl::parse_detail {

using namespace ast;

struct OpenTag {
    std::string_view name;  // "for", "if", ...
    std::uint32_t offset;
};

// Jinja tags this engine does not implement, and extension tags that plain
// Jinja does not enable; both get an "unsupported" message.
inline constexpr std::string_view kUnsupportedTags[] = {"do", "break", "continue", "trans", "pluralize", "debug"};

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
    Body subparse(std::initializer_list<std::string_view> end_names);
    [[noreturn]] void fail_eof(std::initializer_list<std::string_view> end_names) const;

    // Statement tags end with `{% end... %}`; returns after the end tag's name.
    Body parse_statements(std::initializer_list<std::string_view> end_names, bool drop_needle);
    void parse_statement(std::uint32_t offset, Body& out);
    [[noreturn]] void fail_unknown_tag(const Token& t);
    StmtPtr parse_for(std::uint32_t offset);
    StmtPtr parse_if(std::uint32_t offset);
    StmtPtr parse_block(std::uint32_t offset);
    StmtPtr parse_extends(std::uint32_t offset);

    // `with context` / `without context`
    bool parse_context(bool fallback);
    StmtPtr parse_include(std::uint32_t offset);
    StmtPtr parse_import(std::uint32_t offset);
    StmtPtr parse_from(std::uint32_t offset);
    void parse_signature(std::vector<Param>& params);
    StmtPtr parse_macro(std::uint32_t offset);
    StmtPtr parse_call_block(std::uint32_t offset);
    StmtPtr parse_filter_block(std::uint32_t offset);
    void parse_print(Body& out);
    StmtPtr parse_set(std::uint32_t offset);
    StmtPtr parse_with(std::uint32_t offset);
    StmtPtr parse_autoescape(std::uint32_t offset);

    // ------------------------------------------------------------ targets

    Target to_target(const Expr& e);

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

    bool is_tuple_end(std::initializer_list<std::string_view> extra_end) const;

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

    static bool all_foldable(const std::vector<ExprPtr>& items);
    static bool args_foldable(const Args& a);

    ExprPtr parse_expression(bool with_condexpr) { return with_condexpr ? parse_condexpr() : parse_or(); }

    ExprPtr parse_condexpr();
    ExprPtr make_binary(ExprKind kind, std::uint32_t offset, BinOp op, ExprPtr l, ExprPtr r);
    ExprPtr parse_or();
    ExprPtr parse_and();
    ExprPtr parse_not();
    ExprPtr parse_compare();
    ExprPtr parse_math1();
    ExprPtr parse_concat();
    ExprPtr parse_math2();
    ExprPtr parse_pow();
    ExprPtr parse_unary(bool with_filter);
    ExprPtr parse_primary();
    ExprPtr parse_list();
    ExprPtr parse_dict();
    ExprPtr parse_postfix(ExprPtr node);
    ExprPtr parse_filter_expr(ExprPtr node);
    ExprPtr parse_subscript(ExprPtr node);
    ExprPtr parse_subscribed(const ExprPtr&);
    Args parse_call_args();
    ExprPtr parse_call(ExprPtr callee);

    // Filter and test names; Jinja allows dotted names for extensions,
    // which plain Jinja (and this engine) never defines.
    std::string_view filter_or_test_name(const char* kind);
    ExprPtr parse_filter(ExprPtr node, bool start_inline);
    ExprPtr parse_test(ExprPtr node);

    // Records names that change how enclosing loops and macros compile.
    void note_name(std::string_view name);
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

}  // namespace portal::tmpl::parse_detail
