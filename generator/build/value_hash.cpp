#include "build/value_hash.h"

// Header-only, so xxh3's paths for short inputs (most pieces here are a few
// bytes: an integer, a key, a title) are inlined into the callers: through
// libxxhash.so each was a call and a dispatch, ~2 % of a cold build's
// instructions at N = 1,000.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace portal::build {

using tmpl::Value;

namespace {

// xxh3 over a value's kind tags and contents. The pieces are small (a tag,
// a count, a key, an entry's hash), so they are gathered in a block on the
// stack and hashed a block at a time, each block's hash seeding the next
// (xxh3's streaming update, called per piece, was a fifth of the
// fingerprints' samples; the stage took ~20 % less without it).
class Digest {
public:
    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        while (size > 0) {
            if (used_ == sizeof block_) flush();
            const std::size_t take = std::min(size, sizeof block_ - used_);
            std::memcpy(block_ + used_, bytes, take);
            used_ += take;
            bytes += take;
            size -= take;
        }
    }
    void add_tag(char tag) { add(&tag, 1); }
    void add_u64(std::uint64_t n) { add(&n, sizeof n); }
    void add_text(std::string_view s) {
        add_u64(s.size());
        add(s.data(), s.size());
    }
    std::uint64_t finish() {
        flush();
        return seed_;
    }

private:
    void flush() {
        seed_ = XXH3_64bits_withSeed(block_, used_, seed_);
        used_ = 0;
    }
    // 240 bytes: the largest input xxh3 hashes without its long-input loop.
    unsigned char block_[240];
    std::size_t used_ = 0;
    std::uint64_t seed_ = 0;
};

const void* block_of(const Value& value) {
    if (value.is_list()) return value.items().data();
    if (value.is_map()) return value.entries().data();
    return nullptr;
}

using Memo = std::unordered_map<const void*, std::uint64_t>;

std::uint64_t hash_value(const Value& value, const Memo& known);

// The hash of one value on its own: a list or map through the memo, anything
// else from its kind and contents. A list or map hashes the sequence of its
// items' (and keys') hashes, so the hash of one entry of a remembered map can
// be kept and looked up alone (ValueHasher::hash_attribute).
std::uint64_t item_hash(const Value& value, const Memo& known) {
    const auto kind = static_cast<std::uint64_t>(value.kind());
    switch (value.kind()) {
        case Value::Kind::undefined:
        case Value::Kind::none:
        case Value::Kind::object: return kind;
        case Value::Kind::boolean:
        case Value::Kind::integer: {
            const auto n = static_cast<std::uint64_t>(value.as_int());
            return XXH3_64bits_withSeed(&n, sizeof n, kind);
        }
        case Value::Kind::floating: {
            const double f = value.as_float();
            return XXH3_64bits_withSeed(&f, sizeof f, kind);
        }
        case Value::Kind::string: {
            const std::string& text = value.as_string();
            return XXH3_64bits_withSeed(text.data(), text.size(), value.is_safe() ? 's' : 'u');
        }
        case Value::Kind::list:
        case Value::Kind::map: return hash_value(value, known);
        // Host functions (t, chart) read inputs hashed with the build's inputs
        // (UI strings, data files, config): their name is all that is left.
        case Value::Kind::function: {
            const std::string& name = value.function_name();
            return XXH3_64bits_withSeed(name.data(), name.size(), kind);
        }
    }
    return kind;
}

// A map's hash from its keys and its entries' hashes; with `entries`, those
// hashes are kept there too (ValueHasher::hash_map).
std::uint64_t map_hash(const Value& map, const Memo& known, std::vector<std::uint64_t>* entries) {
    tmpl::prefetch_blocks(map, 1);  // a page's value is cold when its fingerprint is taken
    Digest digest;
    digest.add_tag('m');
    digest.add_u64(map.size());
    for (const auto& entry : map.entries()) {
        const std::uint64_t h = item_hash(entry.value, known);
        if (entries) entries->push_back(h);
        digest.add_text(entry.key.as_string());
        digest.add_u64(h);
    }
    return digest.finish();
}

std::uint64_t hash_value(const Value& value, const Memo& known) {
    if (auto it = known.find(block_of(value)); it != known.end() && it->first) return it->second;
    if (value.is_map()) return map_hash(value, known, nullptr);
    if (!value.is_list()) return item_hash(value, known);
    Digest digest;
    digest.add_tag('l');
    digest.add_tag(static_cast<char>(value.list_style()));
    digest.add_u64(value.size());
    for (const Value& item : value.items()) digest.add_u64(item_hash(item, known));
    return digest.finish();
}

}  // namespace

std::uint64_t ValueHasher::hash(const Value& value) const { return hash_value(value, known_); }

std::uint64_t ValueHasher::remember(const Value& value) {
    const std::uint64_t h = hash(value);
    remember(value, h);
    return h;
}

void ValueHasher::remember(const Value& value, std::uint64_t h) {
    if (const void* block = block_of(value)) known_[block] = h;
}

ValueHasher::MapHashes ValueHasher::hash_map(const Value& map) const {
    MapHashes hashes;
    hashes.whole = map.is_map() ? map_hash(map, known_, &hashes.entries) : hash(map);
    return hashes;
}

void ValueHasher::remember(const Value& map, MapHashes hashes) {
    remember(map, hashes.whole);
    if (map.is_map()) entries_[block_of(map)] = std::move(hashes.entries);
}

std::uint64_t ValueHasher::hash_attribute(const Value& map, std::string_view name) const {
    const Value* found = map.find(name);
    if (!found) return 0;
    if (auto it = entries_.find(block_of(map)); it != entries_.end()) {
        const auto entries = map.entries();
        for (std::size_t i = 0; i < entries.size() && i < it->second.size(); ++i)
            if (&entries[i].value == found) return it->second[i];
    }
    return item_hash(*found, known_);
}

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace portal::build
