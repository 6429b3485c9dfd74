#include "template/value.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "template/pyformat.h"

namespace portal::tmpl {

const Value* CallArgs::keyword_arg(std::string_view name) const {
    for (const KeywordArg& k : keyword)
        if (k.name == name) return k.value;
    return nullptr;
}

const Value* CallArgs::arg(std::size_t index, std::string_view name) const {
    if (index < positional.size()) return positional[index];
    return keyword_arg(name);
}

// ---------------------------------------------------------------- builders

Value Value::none() {
    Value v;
    v.kind_ = Kind::none;
    return v;
}

Value Value::boolean(bool b) {
    Value v;
    v.kind_ = Kind::boolean;
    v.u_.i = 0;
    v.u_.b = b;
    return v;
}

Value Value::integer(std::int64_t i) {
    Value v;
    v.kind_ = Kind::integer;
    v.u_.i = i;
    return v;
}

Value Value::number(double d) {
    Value v;
    v.kind_ = Kind::floating;
    v.u_.f = d;
    return v;
}

Value Value::string(std::string s) {
    Value v;
    v.kind_ = Kind::string;
    v.u_.h = new detail::StringData(std::move(s));
    return v;
}

Value Value::safe(std::string s) {
    Value v = string(std::move(s));
    v.flags_ = kSafe;
    return v;
}

Value Value::immortal_string(std::string s) {
    Value v = string(std::move(s));
    v.flags_ = kImmortal;
    return v;
}

Value Value::list(std::vector<Value> items, ListStyle style) {
    auto* data = new detail::ListData;
    data->items = std::move(items);
    data->style = style;
    Value v;
    v.kind_ = Kind::list;
    v.u_.h = data;
    return v;
}

Value Value::range(std::vector<Value> items, std::int64_t start, std::int64_t stop, std::int64_t step) {
    Value v = list(std::move(items), ListStyle::range);
    auto* data = static_cast<detail::ListData*>(v.u_.h);
    data->range_start = start;
    data->range_stop = stop;
    data->range_step = step;
    return v;
}

Value Value::map(std::vector<std::pair<std::string, Value>> entries) {
    MapBuilder b;
    b.reserve(entries.size());
    for (auto& [k, val] : entries) b.set(std::move(k), std::move(val));
    return b.build();
}

Value Value::map(std::vector<std::pair<std::string, Value>> entries, const KeyTable& keys) {
    // The build's values are maps whose keys the table knows (a page's ~27):
    // each known key is one shared block, so two entries with the same key
    // hold the same pointer, and without a repeat every entry is added as
    // new. MapBuilder::set compared every key's text with the ones before it
    // and, past 16 entries, kept a hash index of them: most of the time of
    // making the template values (~40 % of Value::map at N = 1,000).
    constexpr std::size_t kPairwiseLimit = 64;  // pointers compared pairwise up to this
    std::vector<const Value*> shared(entries.size());
    bool distinct = entries.size() <= kPairwiseLimit;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        shared[i] = keys.find(entries[i].first);
        const auto before = shared.begin() + static_cast<std::ptrdiff_t>(i);
        distinct = distinct && shared[i] && std::find(shared.begin(), before, shared[i]) == before;
    }
    MapBuilder b;
    b.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        Value& value = entries[i].second;
        if (distinct) b.add_new(*shared[i], std::move(value));
        else if (shared[i]) b.set(*shared[i], std::move(value));
        else b.set(std::move(entries[i].first), std::move(value));
    }
    return b.build();
}

KeyTable::KeyTable(const std::vector<std::string>& names) : index_(names.size()) {
    // The index views each key's text, which its immortal block holds in
    // place however keys_ grows.
    for (const auto& name : names) {
        if (index_.find(name)) continue;
        keys_.push_back(Value::immortal_string(name));
        index_.insert(keys_.back().str(), static_cast<std::uint32_t>(keys_.size() - 1));
    }
}

const Value* KeyTable::find(std::string_view name) const {
    const auto found = index_.find(name);
    return found ? &keys_[found->value] : nullptr;
}

Value Value::function(NativeFunction fn, std::string name) {
    auto* data = new detail::FunctionData;
    data->fn = std::move(fn);
    data->name = std::move(name);
    Value v;
    v.kind_ = Kind::function;
    v.u_.h = data;
    return v;
}

Value Value::object(Object* adopted) {
    Value v;
    v.kind_ = Kind::object;
    v.u_.h = adopted;
    return v;
}

// Small maps are scanned; big ones (say pages by path) get a hash index so
// building stays linear. Keys live in shared string blocks, so the views in
// the index stay valid when `entries_` grows.
MapEntry* MapBuilder::existing(std::string_view key) {
    if (index_.empty() && entries_.size() < 16) {
        for (MapEntry& e : entries_)
            if (e.key.str() == key) return &e;
        return nullptr;
    }
    if (index_.empty())
        for (std::size_t i = 0; i < entries_.size(); ++i) index_.emplace(entries_[i].key.str(), i);
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second];
}

MapBuilder& MapBuilder::set(Value key, Value value) {
    if (MapEntry* e = existing(key.str())) e->value = std::move(value);
    else append(std::move(key), std::move(value));
    return *this;
}

MapBuilder& MapBuilder::set(std::string key, Value value) {
    if (MapEntry* e = existing(key)) e->value = std::move(value);
    else append(Value::string(std::move(key)), std::move(value));
    return *this;
}

Value MapBuilder::build() {
    auto* data = new detail::MapData;
    data->entries = std::move(entries_);
    entries_.clear();
    index_.clear();
    data->build_index();
    Value v;
    v.kind_ = Value::Kind::map;
    v.u_.h = data;
    return v;
}

// ---------------------------------------------------------------- accessors

const std::string& Value::as_string() const { return static_cast<const detail::StringData*>(u_.h)->text; }

std::string_view Value::str() const { return static_cast<const detail::StringData*>(u_.h)->text; }

std::span<const Value> Value::items() const { return static_cast<const detail::ListData*>(u_.h)->items; }

ListStyle Value::list_style() const { return static_cast<const detail::ListData*>(u_.h)->style; }

std::span<const MapEntry> Value::entries() const { return static_cast<const detail::MapData*>(u_.h)->entries; }

std::size_t Value::size() const {
    if (kind_ == Kind::list) return items().size();
    if (kind_ == Kind::map) return entries().size();
    return 0;
}

std::size_t Value::hash_key(std::string_view key) { return std::hash<std::string_view>{}(key); }

const Value* Value::find(std::string_view key) const {
    if (kind_ != Kind::map) return nullptr;
    return static_cast<const detail::MapData*>(u_.h)->find(key, hash_key(key));
}

const Value* Value::find(std::string_view key, std::size_t hash) const {
    if (kind_ != Kind::map) return nullptr;
    return static_cast<const detail::MapData*>(u_.h)->find(key, hash);
}

bool Value::replace_in_place(std::string_view key, Value value) const {
    if (kind_ != Kind::map) return false;
    // find() answers a pointer into the block's entries: the block is not
    // shared read-only here, by the contract above.
    auto* found = const_cast<Value*>(find(key));
    if (!found) return false;
    *found = std::move(value);
    return true;
}

const NativeFunction& Value::native() const { return static_cast<const detail::FunctionData*>(u_.h)->fn; }

const std::string& Value::function_name() const { return static_cast<const detail::FunctionData*>(u_.h)->name; }

Object* Value::object_ptr() const { return kind_ == Kind::object ? static_cast<Object*>(u_.h) : nullptr; }

namespace detail {

constexpr std::size_t kScanLimit = 8;

void MapData::build_index() {
    if (entries.size() <= kScanLimit) return;
    std::size_t cap = 16;
    while (cap < entries.size() * 2) cap *= 2;
    slots.assign(cap, 0);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::size_t h = Value::hash_key(entries[i].key.str()) & (cap - 1);
        while (slots[h] != 0) h = (h + 1) & (cap - 1);
        slots[h] = static_cast<std::uint32_t>(i + 1);
    }
}

const Value* MapData::find(std::string_view key, std::size_t hash) const {
    if (slots.empty()) {
        for (const MapEntry& e : entries)
            if (e.key.str() == key) return &e.value;
        return nullptr;
    }
    std::size_t mask = slots.size() - 1;
    for (std::size_t h = hash & mask;; h = (h + 1) & mask) {
        std::uint32_t slot = slots[h];
        if (slot == 0) return nullptr;
        const MapEntry& e = entries[slot - 1];
        if (e.key.str() == key) return &e.value;
    }
}

}  // namespace detail

bool Object::get_attr(std::string_view, Value&) const { return false; }

// ---------------------------------------------------------------- semantics

bool Value::truthy() const {
    switch (kind_) {
        case Kind::undefined:
        case Kind::none: return false;
        case Kind::boolean: return u_.b;
        case Kind::integer: return u_.i != 0;
        case Kind::floating: return u_.f != 0.0;
        case Kind::string: return !str().empty();
        case Kind::list: return list_style() == ListStyle::generator || size() != 0;
        case Kind::map: return size() != 0;
        case Kind::function:
        case Kind::object: return true;
    }
    return false;
}

std::string Value::to_string() const {
    std::string s;
    append_to(s);
    return s;
}

void Value::append_to(std::string& out) const {
    switch (kind_) {
        case Kind::undefined: return;
        case Kind::string: out += str(); return;
        case Kind::none: out += "None"; return;
        case Kind::boolean: out += u_.b ? "True" : "False"; return;
        case Kind::integer: py::append_int(out, u_.i); return;
        case Kind::floating: py::append_float(out, u_.f); return;
        default: append_repr(out); return;
    }
}

std::string Value::repr() const {
    std::string s;
    append_repr(s);
    return s;
}

void Value::append_repr(std::string& out) const {
    switch (kind_) {
        case Kind::undefined: out += "Undefined"; return;
        case Kind::string:
            if (is_safe()) {
                out += "Markup(";
                py::append_string_repr(out, str());
                out += ')';
            } else {
                py::append_string_repr(out, str());
            }
            return;
        case Kind::list: {
            const auto* data = static_cast<const detail::ListData*>(u_.h);
            if (data->style == ListStyle::range) {
                out += "range(";
                py::append_int(out, data->range_start);
                out += ", ";
                py::append_int(out, data->range_stop);
                if (data->range_step != 1) {
                    out += ", ";
                    py::append_int(out, data->range_step);
                }
                out += ')';
                return;
            }
            if (data->style == ListStyle::generator) {
                out += "<generator object>";
                return;
            }
            const char* view = data->style == ListStyle::dict_keys     ? "dict_keys("
                               : data->style == ListStyle::dict_values ? "dict_values("
                               : data->style == ListStyle::dict_items  ? "dict_items("
                                                                       : nullptr;
            if (view) out += view;
            bool tuple = data->style == ListStyle::tuple || data->style == ListStyle::group;
            out += tuple ? '(' : '[';
            for (std::size_t i = 0; i < data->items.size(); ++i) {
                if (i) out += ", ";
                data->items[i].append_repr(out);
            }
            if (tuple && data->items.size() == 1) out += ',';
            out += tuple ? ')' : ']';
            if (view) out += ')';
            return;
        }
        case Kind::map: {
            out += '{';
            bool first = true;
            for (const MapEntry& e : entries()) {
                if (!first) out += ", ";
                first = false;
                e.key.append_repr(out);
                out += ": ";
                e.value.append_repr(out);
            }
            out += '}';
            return;
        }
        case Kind::function:
            out += "<built-in function ";
            out += function_name().empty() ? std::string("function") : function_name();
            out += '>';
            return;
        case Kind::object: object_ptr()->append_repr(out); return;
        default: append_to(out); return;
    }
}

std::string_view Value::type_name() const {
    switch (kind_) {
        case Kind::undefined: return "Undefined";
        case Kind::none: return "NoneType";
        case Kind::boolean: return "bool";
        case Kind::integer: return "int";
        case Kind::floating: return "float";
        case Kind::string: return is_safe() ? "Markup" : "str";
        case Kind::list: {
            ListStyle st = list_style();
            switch (st) {
                case ListStyle::list: return "list";
                case ListStyle::tuple: return "tuple";
                case ListStyle::range: return "range";
                case ListStyle::group: return "_GroupTuple";
                case ListStyle::generator: return "generator";
                case ListStyle::dict_keys: return "dict_keys";
                case ListStyle::dict_values: return "dict_values";
                case ListStyle::dict_items: return "dict_items";
            }
            return "list";
        }
        case Kind::map: return "dict";
        case Kind::function: return "builtin_function_or_method";
        case Kind::object: return object_ptr()->type_name();
    }
    return "object";
}

bool Value::identical(const Value& other) const {
    if (kind_ != other.kind_) return false;
    switch (kind_) {
        case Kind::undefined:
        case Kind::none: return true;
        case Kind::boolean: return u_.b == other.u_.b;
        case Kind::integer: return u_.i == other.u_.i;
        case Kind::floating: return std::memcmp(&u_.f, &other.u_.f, sizeof(double)) == 0;
        default: return u_.h == other.u_.h;
    }
}

}  // namespace portal::tmpl
