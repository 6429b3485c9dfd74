// An index from strings to small numbers, for lookups made millions of times
// a build: output paths in the link check (~2.5 million at N = 10,000), the
// keys of template values. Open addressing over xxh3 hashes kept beside each
// key, at most half full: a lookup is one hash, usually one slot read and
// one comparison, where std::unordered_map took a division for the bucket and
// a pointer chase to each node. The index keeps views: the keys' bytes must
// outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace portal {

class FlatIndex {
public:
    // Room for `expected` keys before the table grows.
    explicit FlatIndex(std::size_t expected = 0);

    // Adds `key` with `value`; false (and nothing changed) when `key` is there already.
    bool insert(std::string_view key, std::uint32_t value);
    // The value of `key`, and the index's own view of it.
    struct Found {
        std::string_view key;
        std::uint32_t value;
    };
    std::optional<Found> find(std::string_view key) const;
    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        const char* data = nullptr;  // null: an empty slot
        std::uint32_t length = 0;
        std::uint32_t value = 0;
    };
    static std::uint64_t hash_of(std::string_view key);
    std::size_t position_of(std::string_view key, std::uint64_t hash) const;
    void grow();

    std::vector<Slot> slots_;  // a power of two of them
    std::size_t size_ = 0;
};

}  // namespace portal
