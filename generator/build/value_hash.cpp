#include "build/value_hash.h"

// The state struct is only complete with static linking declarations (a stack Digest, no malloc per hash).
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <cstring>

namespace portal::build {

using tmpl::Value;

namespace {

// A streaming xxh3 over a value's kind tags and contents.
class Digest {
public:
    Digest() { XXH3_64bits_reset(&state_); }
    void add(const void* data, std::size_t size) { XXH3_64bits_update(&state_, data, size); }
    void add_tag(char tag) { add(&tag, 1); }
    void add_u64(std::uint64_t n) { add(&n, sizeof n); }
    void add_text(std::string_view s) {
        add_u64(s.size());
        add(s.data(), s.size());
    }
    std::uint64_t finish() { return XXH3_64bits_digest(&state_); }

private:
    XXH3_state_t state_;
};

const void* block_of(const Value& value) {
    if (value.is_list()) return value.items().data();
    if (value.is_map()) return value.entries().data();
    return nullptr;
}

std::uint64_t hash_value(const Value& value, const std::unordered_map<const void*, std::uint64_t>& known);

void add_value(Digest& digest, const Value& value, const std::unordered_map<const void*, std::uint64_t>& known) {
    digest.add_tag(static_cast<char>(value.kind()));
    switch (value.kind()) {
        case Value::Kind::undefined:
        case Value::Kind::none: return;
        case Value::Kind::boolean:
        case Value::Kind::integer: digest.add_u64(static_cast<std::uint64_t>(value.as_int())); return;
        case Value::Kind::floating: {
            const double f = value.as_float();
            std::uint64_t bits;
            std::memcpy(&bits, &f, sizeof bits);
            digest.add_u64(bits);
            return;
        }
        case Value::Kind::string:
            digest.add_tag(value.is_safe() ? 's' : 'u');
            digest.add_text(value.as_string());
            return;
        case Value::Kind::list:
        case Value::Kind::map: digest.add_u64(hash_value(value, known)); return;
        // Host functions (t, chart) read inputs hashed with the build's inputs
        // (UI strings, data files, config): their name is all that is left.
        case Value::Kind::function: digest.add_text(value.function_name()); return;
        case Value::Kind::object: return;
    }
}

std::uint64_t hash_value(const Value& value, const std::unordered_map<const void*, std::uint64_t>& known) {
    if (auto it = known.find(block_of(value)); it != known.end() && it->first) return it->second;
    Digest digest;
    if (value.is_list()) {
        digest.add_tag(static_cast<char>(value.list_style()));
        digest.add_u64(value.size());
        for (const Value& item : value.items()) add_value(digest, item, known);
    } else if (value.is_map()) {
        digest.add_u64(value.size());
        for (const auto& entry : value.entries()) {
            digest.add_text(entry.key.as_string());
            add_value(digest, entry.value, known);
        }
    } else {
        add_value(digest, value, known);
    }
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

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace portal::build
