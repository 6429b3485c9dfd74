// Parsing expressions: Jinja's operator precedence, literals, calls,
// filters and tests, with constant folding flags.
#include "template/parser_impl.h"

#include <algorithm>

#include "template/builtins.h"
#include "template/scoping.h"

namespace portal::tmpl::parse_detail {

bool Parser::is_tuple_end(std::initializer_list<std::string_view> extra_end) const {
    Tok t = cur().type;
    if (t == Tok::var_end || t == Tok::block_end || t == Tok::rparen) return true;
    for (std::string_view n : extra_end)
        if (is_name(cur(), n)) return true;
    return false;
}

bool Parser::all_foldable(const std::vector<ExprPtr>& items) {
    for (const ExprPtr& e : items)
        if (!e->foldable) return false;
    return true;
}

bool Parser::args_foldable(const Args& a) {
    if (!all_foldable(a.positional)) return false;
    for (const KwArg& k : a.keyword)
        if (!k.value->foldable) return false;
    return true;
}

ExprPtr Parser::parse_condexpr() {
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

ExprPtr Parser::make_binary(ExprKind kind, std::uint32_t offset, BinOp op, ExprPtr l, ExprPtr r) {
    bool foldable = l->foldable && r->foldable;
    auto node = std::make_unique<Binary>(kind, offset, op, std::move(l), std::move(r));
    node->foldable = foldable;
    return node;
}

ExprPtr Parser::parse_or() {
    std::uint32_t offset = cur().offset;
    ExprPtr left = parse_and();
    while (skip_if_name("or")) left = make_binary(ExprKind::or_, offset, BinOp::add, std::move(left), parse_and());
    return left;
}

ExprPtr Parser::parse_and() {
    std::uint32_t offset = cur().offset;
    ExprPtr left = parse_not();
    while (skip_if_name("and")) left = make_binary(ExprKind::and_, offset, BinOp::add, std::move(left), parse_not());
    return left;
}

ExprPtr Parser::parse_not() {
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

ExprPtr Parser::parse_compare() {
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

ExprPtr Parser::parse_math1() {
    std::uint32_t offset = cur().offset;
    ExprPtr left = parse_concat();
    while (cur().type == Tok::add || cur().type == Tok::sub) {
        BinOp op = advance().type == Tok::add ? BinOp::add : BinOp::sub;
        left = make_binary(ExprKind::binary, offset, op, std::move(left), parse_concat());
    }
    return left;
}

ExprPtr Parser::parse_concat() {
    std::uint32_t offset = cur().offset;
    ExprPtr first = parse_math2();
    if (cur().type != Tok::tilde) return first;
    auto node = std::make_unique<Concat>(offset);
    node->parts.push_back(std::move(first));
    while (skip_if(Tok::tilde)) node->parts.push_back(parse_math2());
    node->foldable = all_foldable(node->parts);
    return node;
}

ExprPtr Parser::parse_math2() {
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

ExprPtr Parser::parse_pow() {
    std::uint32_t offset = cur().offset;
    ExprPtr left = parse_unary(true);
    while (skip_if(Tok::pow)) left = make_binary(ExprKind::binary, offset, BinOp::pow, std::move(left), parse_unary(true));
    return left;
}

ExprPtr Parser::parse_unary(bool with_filter) {
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

ExprPtr Parser::parse_primary() {
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

ExprPtr Parser::parse_list() {
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

ExprPtr Parser::parse_dict() {
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

ExprPtr Parser::parse_postfix(ExprPtr node) {
    while (true) {
        Tok t = cur().type;
        if (t == Tok::dot || t == Tok::lbracket) node = parse_subscript(std::move(node));
        else if (t == Tok::lparen) node = parse_call(std::move(node));
        else break;
    }
    return node;
}

ExprPtr Parser::parse_filter_expr(ExprPtr node) {
    while (true) {
        if (cur().type == Tok::pipe) node = parse_filter(std::move(node), false);
        else if (is_name(cur(), "is")) node = parse_test(std::move(node));
        else if (cur().type == Tok::lparen) node = parse_call(std::move(node));
        else break;
    }
    return node;
}

ExprPtr Parser::parse_subscript(ExprPtr node) {
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

ExprPtr Parser::parse_subscribed(const ExprPtr&) {
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

Args Parser::parse_call_args() {
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

ExprPtr Parser::parse_call(ExprPtr callee) {
    std::uint32_t offset = callee->offset;
    auto node = std::make_unique<Call>(offset);
    node->callee = std::move(callee);
    node->args = parse_call_args();
    return node;
}

std::string_view Parser::filter_or_test_name(const char* kind) {
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

ExprPtr Parser::parse_filter(ExprPtr node, bool start_inline) {
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

ExprPtr Parser::parse_test(ExprPtr node) {
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

void Parser::note_name(std::string_view name) {
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

}  // namespace portal::tmpl::parse_detail
