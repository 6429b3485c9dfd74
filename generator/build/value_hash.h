// Content hashes of template values, for the build cache (see docs/incremental.md).
//
// Two values with the same hash render the same in any template. Lists and
// maps are shared blocks (a section's list holds the very page values every
// page job holds), so hashes of blocks seen before are looked up, not
// recomputed: `remember` the big shared values once (in parallel), then hash
// each render's context from many threads.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "template/value.h"

namespace portal::build {

class ValueHasher {
public:
    // Hash of `value`, using remembered blocks. Thread-safe once no more
    // `remember` calls happen (it only reads the memo).
    std::uint64_t hash(const tmpl::Value& value) const;

    // Hashes `value` and keeps its hash for later lookups. Not thread-safe.
    std::uint64_t remember(const tmpl::Value& value);

    // Keeps a hash computed elsewhere (in parallel) for `value`'s block.
    void remember(const tmpl::Value& value, std::uint64_t hash);

    // The hash of a map and of each of its entries' values, in entry order.
    struct MapHashes {
        std::uint64_t whole = 0;
        std::vector<std::uint64_t> entries;
    };
    MapHashes hash_map(const tmpl::Value& map) const;  // thread-safe like hash()
    // Keeps both, so hash_attribute() of a remembered map is a lookup. Not thread-safe.
    void remember(const tmpl::Value& map, MapHashes hashes);

    // Hash of the value of `map`'s entry `name`, 0 when it has none (what a
    // template reading only `page.title` depends on).
    std::uint64_t hash_attribute(const tmpl::Value& map, std::string_view name) const;

private:
    std::unordered_map<const void*, std::uint64_t> known_;  // by shared block
    std::unordered_map<const void*, std::vector<std::uint64_t>> entries_;  // entry hashes of remembered maps
};

// xxh3 of bytes: output contents, input files.
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0);

}  // namespace portal::build
