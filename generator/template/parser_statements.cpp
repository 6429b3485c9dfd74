// Parsing statements: tags, their bodies and assignment targets.
#include "template/parser_impl.h"

#include <algorithm>

#include "template/builtins.h"
#include "template/scoping.h"

namespace portal::tmpl::parse_detail {

Body Parser::subparse(std::initializer_list<std::string_view> end_names) {
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

void Parser::fail_eof(std::initializer_list<std::string_view> end_names) const {
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

Body Parser::parse_statements(std::initializer_list<std::string_view> end_names, bool drop_needle) {
    skip_if(Tok::colon);
    expect(Tok::block_end);
    Body body = subparse(end_names);
    if (drop_needle) advance();
    return body;
}

void Parser::parse_statement(std::uint32_t offset, Body& out) {
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

void Parser::fail_unknown_tag(const Token& t) {
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

StmtPtr Parser::parse_for(std::uint32_t offset) {
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

StmtPtr Parser::parse_if(std::uint32_t offset) {
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

StmtPtr Parser::parse_block(std::uint32_t offset) {
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

StmtPtr Parser::parse_extends(std::uint32_t offset) {
    advance();
    if (tags_.size() > 1)
        fail(offset, "unsupported Jinja feature `{% extends %} inside another tag` (put it at the top level)");
    if (tmpl_.has_extends) fail(offset, "the template extends twice; only one `{% extends %}` is allowed");
    tmpl_.has_extends = true;
    auto node = std::make_unique<Extends>(offset);
    node->name = parse_expression(true);
    return node;
}

bool Parser::parse_context(bool fallback) {
    if ((is_name(cur(), "with") || is_name(cur(), "without")) && is_name(look(), "context")) {
        bool with = advance().text == "with";
        advance();
        return with;
    }
    return fallback;
}

StmtPtr Parser::parse_include(std::uint32_t offset) {
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

StmtPtr Parser::parse_import(std::uint32_t offset) {
    advance();
    auto node = std::make_unique<Import>(offset);
    node->name = parse_expression(true);
    expect_name("as");
    node->alias = expect(Tok::name).text;
    node->with_context = parse_context(false);
    return node;
}

StmtPtr Parser::parse_from(std::uint32_t offset) {
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

void Parser::parse_signature(std::vector<Param>& params) {
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

StmtPtr Parser::parse_macro(std::uint32_t offset) {
    advance();
    auto node = std::make_unique<Macro>(offset);
    node->name = expect(Tok::name).text;
    parse_signature(node->info.params);
    macros_.push_back(&node->info);
    node->info.body = parse_statements({"endmacro"}, true);
    macros_.pop_back();
    return node;
}

StmtPtr Parser::parse_call_block(std::uint32_t offset) {
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

StmtPtr Parser::parse_filter_block(std::uint32_t offset) {
    advance();
    auto node = std::make_unique<FilterBlock>(offset);
    node->filter = parse_filter(nullptr, true);
    node->body = parse_statements({"endfilter"}, true);
    return node;
}

void Parser::parse_print(Body& out) {
    advance();
    bool first = true;
    while (cur().type != Tok::block_end) {
        if (!first) expect(Tok::comma);
        first = false;
        std::uint32_t off = cur().offset;
        out.push_back(std::make_unique<Output>(off, parse_expression(true)));
    }
}

StmtPtr Parser::parse_set(std::uint32_t offset) {
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

StmtPtr Parser::parse_with(std::uint32_t offset) {
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

StmtPtr Parser::parse_autoescape(std::uint32_t offset) {
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

Target Parser::to_target(const Expr& e) {
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

}  // namespace portal::tmpl::parse_detail
