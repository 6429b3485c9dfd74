// A port of jinja2/idtracking.py: per frame, each referenced name is a
// parameter, resolved from the context, an alias of an outer frame's
// variable, or (assigned before any use) undefined at frame entry. Only the
// last kind changes what a template prints compared with looking names up
// at run time, so only those names are recorded.
#include "template/scoping.h"

#include <functional>
#include <map>
#include <set>

namespace portal::tmpl {

namespace {

using namespace ast;

enum class Load { param, resolve, alias, undefined };

struct Symbols {
    const Symbols* parent = nullptr;
    std::map<std::string_view, Load> loads;  // the frame's references
    std::set<std::string_view> stores;

    bool find_ref(std::string_view name) const {
        for (const Symbols* s = this; s; s = s->parent)
            if (s->loads.count(name)) return true;
        return false;
    }
    void load(std::string_view name) {
        if (!find_ref(name)) loads[name] = Load::resolve;
    }
    void store(std::string_view name) {
        stores.insert(name);
        if (!loads.count(name)) loads[name] = parent && parent->find_ref(name) ? Load::alias : Load::undefined;
    }
    void param(std::string_view name) {
        stores.insert(name);
        loads[name] = Load::param;
    }
    // A name assigned in only some branches of an `if` keeps its outer value
    // (or the context's) when the branch did not run.
    void branch_update(const std::vector<Symbols>& branches) {
        std::map<std::string_view, std::size_t> counts;
        for (const Symbols& b : branches)
            for (std::string_view t : b.stores)
                if (!stores.count(t)) ++counts[t];
        for (const Symbols& b : branches) {
            for (const auto& [k, v] : b.loads) loads[k] = v;
            stores.insert(b.stores.begin(), b.stores.end());
        }
        for (const auto& [name, count] : counts) {
            if (count == branches.size()) continue;
            loads[name] = parent && parent->find_ref(name) ? Load::alias : Load::resolve;
        }
    }
};

void load_names(Symbols& sym, const Expr* e);

void load_args(Symbols& sym, const Args& a) {
    for (const ExprPtr& p : a.positional) load_names(sym, p.get());
    for (const KwArg& k : a.keyword) load_names(sym, k.value.get());
}

void load_names(Symbols& sym, const Expr* e) {
    if (!e) return;
    switch (e->kind) {
        case ExprKind::constant: return;
        case ExprKind::name: sym.load(static_cast<const Name*>(e)->name); return;
        case ExprKind::attr: load_names(sym, static_cast<const Attr*>(e)->object.get()); return;
        case ExprKind::item: {
            const auto* it = static_cast<const Item*>(e);
            load_names(sym, it->object.get());
            load_names(sym, it->index.get());
            return;
        }
        case ExprKind::slice: {
            const auto* s = static_cast<const Slice*>(e);
            load_names(sym, s->object.get());
            load_names(sym, s->start.get());
            load_names(sym, s->stop.get());
            load_names(sym, s->step.get());
            return;
        }
        case ExprKind::call: {
            const auto* c = static_cast<const Call*>(e);
            load_names(sym, c->callee.get());
            load_args(sym, c->args);
            return;
        }
        case ExprKind::filter: {
            const auto* f = static_cast<const Filter*>(e);
            load_names(sym, f->input.get());
            load_args(sym, f->args);
            return;
        }
        case ExprKind::test: {
            const auto* t = static_cast<const Test*>(e);
            load_names(sym, t->input.get());
            load_args(sym, t->args);
            return;
        }
        case ExprKind::neg:
        case ExprKind::pos:
        case ExprKind::not_: load_names(sym, static_cast<const Unary*>(e)->operand.get()); return;
        case ExprKind::binary:
        case ExprKind::and_:
        case ExprKind::or_: {
            const auto* b = static_cast<const Binary*>(e);
            load_names(sym, b->left.get());
            load_names(sym, b->right.get());
            return;
        }
        case ExprKind::compare: {
            const auto* c = static_cast<const Compare*>(e);
            load_names(sym, c->first.get());
            for (const auto& [op, x] : c->rest) load_names(sym, x.get());
            return;
        }
        case ExprKind::concat:
            for (const ExprPtr& p : static_cast<const Concat*>(e)->parts) load_names(sym, p.get());
            return;
        case ExprKind::cond: {
            // Jinja visits a CondExpr's fields in order: test, expr1, expr2.
            const auto* c = static_cast<const Cond*>(e);
            load_names(sym, c->test.get());
            load_names(sym, c->then.get());
            load_names(sym, c->otherwise.get());
            return;
        }
        case ExprKind::list:
        case ExprKind::tuple:
            for (const ExprPtr& p : static_cast<const Sequence*>(e)->items) load_names(sym, p.get());
            return;
        case ExprKind::dict:
            for (const auto& [k, v] : static_cast<const Dict*>(e)->items) {
                load_names(sym, k.get());
                load_names(sym, v.get());
            }
            return;
    }
}

void store_target(Symbols& sym, const Target& t) {
    if (!t.attr.empty()) {
        sym.load(t.name);  // `ns.x = ...` reads `ns`
    } else if (t.is_tuple) {
        for (const Target& item : t.items) store_target(sym, item);
    } else {
        sym.store(t.name);
    }
}

void visit_body(Symbols& sym, const Body& body);

// FrameSymbolVisitor: what a statement contributes to its own frame.
void visit_stmt(Symbols& sym, const Stmt& s) {
    switch (s.kind) {
        case StmtKind::text: return;
        case StmtKind::output: load_names(sym, static_cast<const Output&>(s).expr.get()); return;
        case StmtKind::if_: {
            const auto& node = static_cast<const If&>(s);
            load_names(sym, node.branches[0].first.get());
            std::vector<Symbols> branches(3, sym);
            visit_body(branches[0], node.branches[0].second);
            // Jinja keeps the elifs as nested if nodes in one branch.
            for (std::size_t i = 1; i < node.branches.size(); ++i) {
                Symbols& elifs = branches[1];
                load_names(elifs, node.branches[i].first.get());
                std::vector<Symbols> inner(3, elifs);
                visit_body(inner[0], node.branches[i].second);
                elifs.branch_update(inner);
            }
            visit_body(branches[2], node.otherwise);
            sym.branch_update(branches);
            return;
        }
        case StmtKind::for_: load_names(sym, static_cast<const For&>(s).iter.get()); return;
        case StmtKind::set: {
            const auto& node = static_cast<const Set&>(s);
            load_names(sym, node.value.get());
            store_target(sym, node.target);
            return;
        }
        case StmtKind::set_block: store_target(sym, static_cast<const SetBlock&>(s).target); return;
        case StmtKind::macro: sym.store(static_cast<const Macro&>(s).name); return;
        case StmtKind::call_block: load_names(sym, static_cast<const CallBlock&>(s).call.get()); return;
        case StmtKind::filter_block: load_names(sym, static_cast<const FilterBlock&>(s).filter.get()); return;
        case StmtKind::with:
            for (const ExprPtr& v : static_cast<const With&>(s).values) load_names(sym, v.get());
            return;
        case StmtKind::block: return;
        case StmtKind::extends: load_names(sym, static_cast<const Extends&>(s).name.get()); return;
        case StmtKind::include: load_names(sym, static_cast<const Include&>(s).name.get()); return;
        case StmtKind::import: {
            const auto& node = static_cast<const Import&>(s);
            load_names(sym, node.name.get());
            sym.store(node.alias);
            return;
        }
        case StmtKind::from_import: {
            const auto& node = static_cast<const FromImport&>(s);
            load_names(sym, node.name.get());
            for (const auto& [exported, local] : node.names) sym.store(local);
            return;
        }
        case StmtKind::autoescape: return;
    }
}

void visit_body(Symbols& sym, const Body& body) {
    for (const StmtPtr& s : body) visit_stmt(sym, *s);
}

void record(const Symbols& sym, FrameVars& out, const Body& body);
void nested_frames(const Symbols& sym, const Body& body);

// Analyzes one frame whose own statements are `body`, then its nested frames.
void frame(const Symbols* parent, FrameVars& out, const Body& body, const std::vector<std::string_view>& params,
           const std::function<void(Symbols&)>& before = {}) {
    Symbols sym;
    sym.parent = parent;
    for (std::string_view p : params) sym.param(p);
    if (before) before(sym);
    visit_body(sym, body);
    record(sym, out, body);
    nested_frames(sym, body);
}

void record(const Symbols& sym, FrameVars& out, const Body& body) {
    (void)body;
    for (const auto& [name, kind] : sym.loads)
        if (kind == Load::undefined) out.push_back(std::make_unique<Name>(0, name));
}

void target_names(const Target& t, std::vector<std::string_view>& out) {
    if (t.is_tuple) {
        for (const Target& item : t.items) target_names(item, out);
    } else if (t.attr.empty()) {
        out.push_back(t.name);
    }
}

void macro_frame(const Symbols& outer, MacroInfo& info) {
    std::vector<std::string_view> params;
    for (const Param& p : info.params) params.push_back(p.name);
    frame(&outer, info.vars, info.body, params, [&](Symbols& sym) {
        for (const Param& p : info.params) load_names(sym, p.default_value.get());
    });
}

// Finds the frames nested in `body` (looking through `if`, which shares its
// frame) and analyzes each with `sym` as parent.
void nested_frames(const Symbols& sym, const Body& body) {
    for (const StmtPtr& sp : body) {
        Stmt& s = *sp;
        switch (s.kind) {
            case StmtKind::if_: {
                auto& node = static_cast<If&>(s);
                for (auto& [test, b] : node.branches) nested_frames(sym, b);
                nested_frames(sym, node.otherwise);
                break;
            }
            case StmtKind::for_: {
                auto& node = static_cast<For&>(s);
                std::vector<std::string_view> params;
                target_names(node.target, params);
                if (node.uses_loop) params.push_back("loop");
                frame(&sym, node.body_vars, node.body, params);
                frame(&sym, node.else_vars, node.otherwise, {});
                break;
            }
            case StmtKind::macro: macro_frame(sym, static_cast<Macro&>(s).info); break;
            case StmtKind::call_block: macro_frame(sym, static_cast<CallBlock&>(s).caller); break;
            case StmtKind::block: {
                auto& node = static_cast<Block&>(s);
                frame(nullptr, node.vars, node.body, {});  // blocks are compiled as separate functions
                break;
            }
            case StmtKind::with: {
                auto& node = static_cast<With&>(s);
                frame(&sym, node.vars, node.body, {}, [&](Symbols& inner) {
                    for (const Target& t : node.targets) store_target(inner, t);
                });
                break;
            }
            case StmtKind::set_block: {
                auto& node = static_cast<SetBlock&>(s);
                frame(&sym, node.vars, node.body, {});
                break;
            }
            case StmtKind::filter_block: {
                auto& node = static_cast<FilterBlock&>(s);
                frame(&sym, node.vars, node.body, {});
                break;
            }
            case StmtKind::autoescape: {
                auto& node = static_cast<Autoescape&>(s);
                frame(&sym, node.vars, node.body, {});
                break;
            }
            default: break;
        }
    }
}

}  // namespace

void analyze_scopes(Template& t) { frame(nullptr, t.root_vars, t.body, {}); }

}  // namespace portal::tmpl
