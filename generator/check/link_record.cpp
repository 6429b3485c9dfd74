#include "check/link_record.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>

#include "base/binary_io.h"

namespace portal::check {

using binary::put_text;
using binary::put_u32;
using binary::put_u64;
using binary::Reader;

namespace {

constexpr std::string_view magic = "portal-links 3\n";

}  // namespace

TargetListWriter::TargetListWriter(std::size_t expected) {
    bytes_.reserve(expected * 40 + 4);
    put_u32(bytes_, 0);  // the count, filled in by finish()
    seen_.resize(std::bit_ceil(expected * 2 + 2));
}

void TargetListWriter::add(const LinkTarget& target) {
    const auto begin = static_cast<std::uint32_t>(bytes_.size());
    put_text(bytes_, target.path);
    put_text(bytes_, target.fragment);
    bytes_ += static_cast<char>((target.has_fragment ? 1 : 0) | (target.outside_base ? 2 : 0));
    const std::string_view entry = std::string_view(bytes_).substr(begin);
    const std::uint64_t hash = std::hash<std::string_view>{}(entry);
    const std::size_t mask = seen_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        Seen& seen = seen_[slot];
        if (seen.size == 0) {
            seen = {hash, begin, static_cast<std::uint32_t>(entry.size())};
            break;
        }
        if (seen.hash == hash && std::string_view(bytes_).substr(seen.begin, seen.size) == entry) {
            bytes_.resize(begin);  // the same target again: kept once
            return;
        }
    }
    if (++count_ * 2 > seen_.size()) grow_table();
}

void TargetListWriter::grow_table() {
    std::vector<Seen> old(seen_.size() * 2);
    old.swap(seen_);
    const std::size_t mask = seen_.size() - 1;
    for (const Seen& seen : old) {
        if (seen.size == 0) continue;
        std::size_t slot = seen.hash & mask;
        while (seen_[slot].size != 0) slot = (slot + 1) & mask;
        seen_[slot] = seen;
    }
}

EncodedTargets TargetListWriter::finish() {
    std::memcpy(bytes_.data(), &count_, sizeof count_);
    EncodedTargets out(bytes_);  // exactly its size: records are held to the end of the build
    *this = TargetListWriter(0);  // ready for another list: made anew, not reset field by field
    return out;
}

std::string serialize(const LinkRecords& records) {
    std::vector<const std::pair<const std::string, StoredLinkRecord>*> sorted;
    sorted.reserve(records.by_output.size());
    std::size_t size = magic.size();
    for (const auto& entry : records.by_output) {
        sorted.push_back(&entry);
        size += entry.first.size() + 24;
        for (const auto& id : entry.second.record.ids) size += id.size() + 4;
        size += entry.second.record.targets.size() + entry.second.encoded_targets.size() + 4;
    }
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    std::string out(magic);
    out.reserve(size + records.base_url.size() + 16);
    put_text(out, records.base_url);
    put_u64(out, sorted.size());
    for (const auto* entry : sorted) {
        const StoredLinkRecord& stored = entry->second;
        put_text(out, entry->first);
        put_u64(out, stored.content);
        put_u32(out, static_cast<std::uint32_t>(stored.record.ids.size()));
        for (const auto& id : stored.record.ids) put_text(out, id);
        // Targets as one length-prefixed block, so a reader can skip them.
        put_text(out, stored.targets_decoded ? std::string_view(stored.record.targets) : stored.encoded_targets);
    }
    return out;
}

bool decode_targets(StoredLinkRecord& stored) {
    if (stored.targets_decoded) return true;
    if (!for_each_target(stored.encoded_targets, [](const LinkTarget&) {})) return false;
    stored.record.targets.assign(stored.encoded_targets);
    stored.targets_decoded = true;
    return true;
}

std::optional<LinkRecords> parse_link_records(std::string_view bytes, std::shared_ptr<const void> keep_alive) {
    if (bytes.substr(0, magic.size()) != magic) return std::nullopt;
    Reader in(bytes.substr(magic.size()));
    LinkRecords records;
    records.base_url = in.text();
    const auto count = in.number<std::uint64_t>();
    if (!in.ok() || count > bytes.size()) return std::nullopt;
    records.by_output.reserve(count);
    for (std::uint64_t i = 0; i < count && in.ok(); ++i) {
        std::string path = in.text();
        StoredLinkRecord stored;
        stored.content = in.number<std::uint64_t>();
        const auto ids = in.number<std::uint32_t>();
        for (std::uint32_t k = 0; k < ids && in.ok(); ++k) stored.record.ids.push_back(in.text());
        stored.encoded_targets = in.view();
        stored.targets_decoded = false;
        records.by_output.emplace(std::move(path), std::move(stored));
    }
    if (!in.ok() || !in.done()) return std::nullopt;
    records.bytes = std::move(keep_alive);
    return records;
}

}  // namespace portal::check
