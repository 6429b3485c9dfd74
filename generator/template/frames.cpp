// Variable scopes and render contexts: how names resolve and blocks are
// found, following Jinja's scoping rules.
#include "base/text.h"
#include "template/escape.h"
#include "template/interp.h"
#include "template/pyformat.h"
#include "template/unicode.h"

namespace portal::tmpl {

using namespace ast;

// ------------------------------------------------------------ Scope

const Value* Scope::find_local(std::string_view name) const {
    for (std::size_t i = 0; i < count_ && i < kInline; ++i)
        if (inline_[i].name == name) return inline_[i].ref;
    if (more_)
        for (const Var& v : *more_)
            if (v.name == name) return v.ref;
    return nullptr;
}

const Value* Scope::find(std::string_view name, std::size_t hash) const {
    bool skip_missing = false;
    for (const Scope* s = this; s; s = s->parent_) {
        if (const Var* v = s->find_var(name))
            if (!skip_missing || !v->missing) return v->ref;
        if (s->map_)
            if (const Value* v = s->map_->find(name, hash)) return v;
        skip_missing = skip_missing || s->skips_missing_;
    }
    return nullptr;
}

Scope::Var* Scope::find_var(std::string_view name) {
    for (std::size_t i = 0; i < count_ && i < kInline; ++i)
        if (inline_[i].name == name) return &inline_[i];
    if (more_)
        for (Var& v : *more_)
            if (v.name == name) return &v;
    return nullptr;
}

Scope::Var& Scope::add(std::string_view name) {
    Var* v;
    if (count_ < kInline) {
        v = &inline_[count_];
    } else {
        if (!more_) more_ = std::make_unique<std::deque<Var>>();
        v = &more_->emplace_back();
    }
    ++count_;
    v->name = name;
    return *v;
}

void Scope::set(std::string_view name, Value value) {
    Var* v = find_var(name);
    if (!v) v = &add(name);
    v->own = std::move(value);
    v->ref = &v->own;
    v->missing = false;
}

void Scope::bind(std::string_view name, const Value* value) {
    Var* v = find_var(name);
    if (!v) v = &add(name);
    v->ref = value;
    v->missing = false;
}

// ------------------------------------------------------------ Context

BlockSlot* Context::find_block(std::string_view name) {
    for (BlockSlot& s : blocks)
        if (s.name == name) return &s;
    return nullptr;
}

void Context::add_blocks(const Template& t) {
    for (const Block* b : t.blocks) {
        BlockSlot* slot = find_block(b->name);
        if (!slot) {
            blocks.push_back(BlockSlot{b->name, {}});
            slot = &blocks.back();
        }
        slot->levels.push_back(BlockLevel{b, &t});
    }
}

}  // namespace portal::tmpl
