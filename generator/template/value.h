// Template values: what a template sees of the site model, and what its
// expressions compute.
//
// A `Value` is 16 bytes and cheap to copy: strings, lists and maps live in
// immutable, reference-counted blocks (atomic counts), so a site-wide list of
// 20,000 pages is built once and shared by every render on every thread.
// Nothing reachable from a Value is ever modified after it is built — that is
// what makes concurrent rendering from one context safe.
//
// Kinds follow Python/Jinja: undefined (a missing variable), none, bool, int
// (64-bit), float, string (UTF-8; `safe` marks markupsafe.Markup, i.e. HTML that
// autoescaping must not escape again), list (also tuples), map (a dict: insertion
// ordered, string keys, hashed lookup), function (a host function) and object
// (the engine's own callables and helpers: macros, loop, namespace...).
//
//   Value page = Value::map({{"title", Value::string("Telework")},
//                            {"tags", Value::list({Value::string("a")})}});
//   Value t = Value::function([](const CallArgs& args) -> Result<Value> {...});
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/flat_index.h"

namespace portal::tmpl {

class Value;
class Object;

// Arguments of a call from a template: `f(1, 2, key=3)`. Views into the
// caller's storage, valid only during the call.
struct KeywordArg {
    std::string_view name;
    const Value* value;
};

struct CallArgs {
    std::span<const Value* const> positional;
    std::span<const KeywordArg> keyword;

    std::size_t size() const { return positional.size(); }
    const Value& operator[](std::size_t i) const { return *positional[i]; }

    // The keyword argument `name`, or nullptr.
    const Value* keyword_arg(std::string_view name) const;
    // Positional argument `index` or else keyword `name` (Python's binding of
    // `def f(a, b=...)`), or nullptr when neither was passed.
    const Value* arg(std::size_t index, std::string_view name) const;
};

// A host function callable from templates, e.g. `t("menu.home")`. Errors it
// returns get the template position of the call filled in when they have none.
using NativeFunction = std::function<Result<Value>(const CallArgs& args)>;

namespace detail {
// Header of every shared block; the count is atomic because blocks are shared
// between rendering threads.
struct Heap {
    mutable std::atomic<std::uint32_t> refs{1};
    virtual ~Heap() = default;
};
struct StringData;
struct ListData;
struct MapData;
struct FunctionData;
}  // namespace detail

struct MapEntry;
class KeyTable;

// Which Python type a list stands for; it decides printing and a few rules.
//  list `[1]`, tuple `(1,)`, range `range(0, 3)`;
//  group: the tuple groupby() returns, which also has .grouper and .list;
//  generator: what map/select/reject/... return in Jinja: always true, no
//    len(), no indexing, cannot be printed meaningfully;
//  dict_keys / dict_values / dict_items: dict views (`d.items()`).
enum class ListStyle : std::uint8_t { list, tuple, range, group, generator, dict_keys, dict_values, dict_items };

class Value {
public:
    enum class Kind : std::uint8_t { undefined, none, boolean, integer, floating, string, list, map, function, object };

    Value() noexcept { u_.origin = nullptr; }
    Value(const Value& other) noexcept : kind_(other.kind_), flags_(other.flags_), u_(other.u_) { retain(); }
    Value(Value&& other) noexcept : kind_(other.kind_), flags_(other.flags_), u_(other.u_) {
        other.kind_ = Kind::undefined;
        other.u_.origin = nullptr;
    }
    Value& operator=(const Value& other) noexcept {
        if (this != &other) {
            other.retain();
            release();
            kind_ = other.kind_;
            flags_ = other.flags_;
            u_ = other.u_;
        }
        return *this;
    }
    Value& operator=(Value&& other) noexcept {
        if (this != &other) {
            release();
            kind_ = other.kind_;
            flags_ = other.flags_;
            u_ = other.u_;
            other.kind_ = Kind::undefined;
            other.u_.origin = nullptr;
        }
        return *this;
    }
    ~Value() { release(); }

    // --- builders
    static Value none();
    static Value boolean(bool b);
    static Value integer(std::int64_t i);
    static Value number(double d);
    static Value string(std::string s);
    // A string that is already HTML (markupsafe.Markup): never escaped again.
    static Value safe(std::string s);
    // This string marked safe, sharing its text (string kind only).
    Value as_safe() const {
        Value v = *this;
        v.flags_ |= kSafe;
        return v;
    }
    // A string that is never freed and whose copies touch no reference count:
    // for tables that live as long as the process (KeyTable). Each call leaks
    // one block by design; do not call it per render.
    static Value immortal_string(std::string s);
    static Value list(std::vector<Value> items, ListStyle style = ListStyle::list);
    // What range(start, stop, step) returns: the numbers, printed as a range.
    static Value range(std::vector<Value> items, std::int64_t start, std::int64_t stop, std::int64_t step);
    // Later duplicates of a key replace the earlier value in place (dict semantics).
    static Value map(std::vector<std::pair<std::string, Value>> entries);
    // The same, with keys found in `keys` shared instead of allocated once per map.
    static Value map(std::vector<std::pair<std::string, Value>> entries, const KeyTable& keys);
    static Value function(NativeFunction fn, std::string name = {});
    static Value object(Object* adopted);  // takes ownership of a new object
    // An undefined value that remembers what produced it (an AST node), for messages.
    static Value undefined(const void* origin) {
        Value v;
        v.u_.origin = origin;
        return v;
    }

    // --- accessors
    Kind kind() const { return kind_; }
    bool is_undefined() const { return kind_ == Kind::undefined; }
    bool is_none() const { return kind_ == Kind::none; }
    bool is_bool() const { return kind_ == Kind::boolean; }
    bool is_int() const { return kind_ == Kind::integer; }
    bool is_float() const { return kind_ == Kind::floating; }
    // int, float or bool: what Python arithmetic accepts.
    bool is_number() const { return kind_ == Kind::integer || kind_ == Kind::floating || kind_ == Kind::boolean; }
    bool is_string() const { return kind_ == Kind::string; }
    bool is_safe() const { return kind_ == Kind::string && (flags_ & kSafe) != 0; }
    bool is_list() const { return kind_ == Kind::list; }
    bool is_map() const { return kind_ == Kind::map; }
    bool is_function() const { return kind_ == Kind::function; }
    bool is_object() const { return kind_ == Kind::object; }

    bool as_bool() const { return u_.b; }
    std::int64_t as_int() const { return kind_ == Kind::boolean ? (u_.b ? 1 : 0) : u_.i; }  // int or bool
    double as_float() const { return kind_ == Kind::floating ? u_.f : static_cast<double>(as_int()); }
    const std::string& as_string() const;  // string kind only
    std::string_view str() const;           // string kind only

    std::span<const Value> items() const;  // list kind only
    ListStyle list_style() const;
    bool is_tuple() const { return is_list() && (list_style() == ListStyle::tuple || list_style() == ListStyle::group); }
    // A list, tuple or range: has len(), indexing and slicing.
    bool is_sequence_list() const {
        return is_list() && (list_style() <= ListStyle::group);
    }

    std::span<const MapEntry> entries() const;  // map kind only
    std::size_t size() const;                   // list items or map entries
    // Map lookup; nullptr when the key is absent (or this is not a map).
    const Value* find(std::string_view key) const;
    const Value* find(std::string_view key, std::size_t hash) const;

    const NativeFunction& native() const;  // function kind only
    const std::string& function_name() const;
    Object* object_ptr() const;  // object kind only, else nullptr
    const void* origin() const { return kind_ == Kind::undefined ? u_.origin : nullptr; }

    // Python truth value: empty strings/lists/maps, 0, 0.0, None, False and
    // undefined are false.
    bool truthy() const;

    // Python's str(): what `{{ value }}` prints before escaping.
    std::string to_string() const;
    void append_to(std::string& out) const;
    // Python's repr(), as used inside printed lists and maps.
    std::string repr() const;
    void append_repr(std::string& out) const;
    // Name of the Python type, for error messages ("int", "str", "dict").
    std::string_view type_name() const;

    // Same block of shared data (or same scalar): Jinja's `sameas` test.
    bool identical(const Value& other) const;
    // The shared block of a string, list, map, function or object (nullptr
    // for scalars): an identity for walking values without visiting a shared
    // block twice.
    const void* block() const { return kind_ >= Kind::string ? static_cast<const void*>(u_.h) : nullptr; }

    // Replaces the value of `key` in this map's shared block, so every copy
    // of the map sees the new value; false when this is not a map with that
    // key. Values are otherwise immutable: this is only for an owner that
    // knows no other thread reads the map, as portal serve's hot rebuild
    // between two builds (build/hot_rebuild.h).
    bool replace_in_place(std::string_view key, Value value) const;

    static std::size_t hash_key(std::string_view key);

private:
    static constexpr std::uint8_t kSafe = 1;
    static constexpr std::uint8_t kImmortal = 2;  // immortal_string(): no counting, never freed
    friend struct detail::MapData;
    friend class MapBuilder;

    bool counted() const noexcept { return kind_ >= Kind::string && (flags_ & kImmortal) == 0; }
    void retain() const noexcept {
        if (counted()) u_.h->refs.fetch_add(1, std::memory_order_relaxed);
    }
    void release() noexcept {
        if (counted() && u_.h->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete u_.h;
    }

    Kind kind_ = Kind::undefined;
    std::uint8_t flags_ = 0;
    union {
        bool b;
        std::int64_t i;
        double f;
        detail::Heap* h;
        const void* origin;
    } u_;
};

struct MapEntry {
    Value key;  // always a string
    Value value;
};

// Builds a map entry by entry; setting an existing key replaces its value.
class MapBuilder {
public:
    MapBuilder& set(std::string key, Value value);
    // `key` must be a string value (shared, e.g. from a KeyTable).
    MapBuilder& set(Value key, Value value);
    MapBuilder& set(std::string_view key, Value value) { return set(std::string(key), std::move(value)); }
    MapBuilder& set(const char* key, Value value) { return set(std::string(key), std::move(value)); }
    // `key` (a string value) is known not to be in the map yet: appended
    // without looking for it (Value::map with a KeyTable knows it).
    MapBuilder& add_new(Value key, Value value) {
        append(std::move(key), std::move(value));
        return *this;
    }
    std::size_t size() const { return entries_.size(); }
    // Room for `count` entries: a map built entry by entry kept the capacity
    // its vector grew to (up to twice its entries; ~25 MB of a 20,000-page
    // site's template values).
    void reserve(std::size_t count) { entries_.reserve(count); }
    Value build();

private:
    MapEntry* existing(std::string_view key);  // the entry with `key`, or nullptr
    // Inline: every entry of every map the build makes comes through here.
    void append(Value key, Value value) {
        entries_.push_back(MapEntry{std::move(key), std::move(value)});
        if (!index_.empty()) index_.emplace(entries_.back().key.str(), entries_.size() - 1);
    }
    std::vector<MapEntry> entries_;
    std::unordered_map<std::string_view, std::size_t> index_;
};

// Map keys shared by every map built with the table: a site's template
// values hold millions of entries under a few dozen names ("title", "url"),
// and a key allocated per entry was a large share of building and freeing
// them. Immutable once built, so any thread may use it; its keys are
// immortal strings, so the table must live as long as the process.
class KeyTable {
public:
    explicit KeyTable(const std::vector<std::string>& names);
    // The shared key `name`, or nullptr when the table does not have it.
    const Value* find(std::string_view name) const;

private:
    std::vector<Value> keys_;  // in the order given, repeats dropped
    // Every map entry the build makes looks its key up here: std::unordered_map's
    // hash and bucket division were half of that.
    FlatIndex index_;  // name (viewing the immortal key's text) → position in keys_
};

// Asks the memory for `value`'s block and, `depth` levels down a map, for
// its entries' blocks, ahead of reading them: values built long before they
// are read lie scattered, and reading them one after another waits for one
// miss after another, where asked for together the misses overlap (the
// render of a page's templates, the hash of a page's value).
inline void prefetch_blocks(const Value& value, int depth) {
    if (const void* block = value.block()) __builtin_prefetch(block);
    if (depth == 0 || !value.is_map()) return;
    for (const auto& entry : value.entries()) prefetch_blocks(entry.value, depth - 1);
}

// Base of the engine's own object kinds (macro, loop, namespace, ...).
// Host code does not need to derive from it; use Value::function instead.
class Object : public detail::Heap {
public:
    enum class Type : std::uint8_t { macro, caller, loop, namespace_, module, method, joiner, cycler, self_ref, block_ref };
    explicit Object(Type type) : type_(type) {}
    Type type() const { return type_; }
    // Attribute `name`; false when there is none.
    virtual bool get_attr(std::string_view name, Value& out) const;
    virtual void append_repr(std::string& out) const = 0;
    virtual std::string_view type_name() const = 0;
    virtual bool callable() const { return false; }

private:
    Type type_;
};

namespace detail {
struct StringData : Heap {
    explicit StringData(std::string s) : text(std::move(s)) {}
    std::string text;
};
struct ListData : Heap {
    std::vector<Value> items;
    ListStyle style = ListStyle::list;
    std::int64_t range_start = 0, range_stop = 0, range_step = 1;  // style == range
};
struct MapData : Heap {
    std::vector<MapEntry> entries;
    // Open-addressing index (entry number + 1, 0 = empty slot) built for maps
    // larger than a few keys; small maps are scanned, which is faster.
    std::vector<std::uint32_t> slots;
    void build_index();
    const Value* find(std::string_view key, std::size_t hash) const;
};
struct FunctionData : Heap {
    NativeFunction fn;
    std::string name;
};
}  // namespace detail

}  // namespace portal::tmpl
