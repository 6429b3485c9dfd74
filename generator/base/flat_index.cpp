#include "base/flat_index.h"

#include <cstring>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace portal {

FlatIndex::FlatIndex(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    slots_.resize(capacity);
}

std::uint64_t FlatIndex::hash_of(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

// The position of the slot holding `key`, or of the empty slot where it would go.
std::size_t FlatIndex::position_of(std::string_view key, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
        const Slot& slot = slots_[at];
        if (!slot.data) return at;
        if (slot.hash == hash && slot.length == key.size() && std::memcmp(slot.data, key.data(), key.size()) == 0)
            return at;
    }
}

bool FlatIndex::insert(std::string_view key, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::uint64_t hash = hash_of(key);
    Slot& slot = slots_[position_of(key, hash)];
    if (slot.data) return false;
    // An empty key still needs a non-null pointer to mark the slot taken.
    slot = Slot{hash, key.empty() ? "" : key.data(), static_cast<std::uint32_t>(key.size()), value};
    ++size_;
    return true;
}

std::optional<FlatIndex::Found> FlatIndex::find(std::string_view key) const {
    const Slot& slot = slots_[position_of(key, hash_of(key))];
    if (!slot.data) return std::nullopt;
    return Found{std::string_view(slot.data, slot.length), slot.value};
}

void FlatIndex::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (!slot.data) continue;
        std::size_t at = slot.hash & mask;
        while (slots_[at].data) at = (at + 1) & mask;
        slots_[at] = slot;
    }
}

}  // namespace portal
