#include "check/link_record.h"

#include <algorithm>

#include "base/binary_io.h"

namespace portal::check {

using binary::put_text;
using binary::put_u32;
using binary::put_u64;
using binary::Reader;

namespace {

constexpr std::string_view magic = "portal-links 3\n";

void put_targets(std::string& out, const std::vector<LinkTarget>& targets) {
    put_u32(out, static_cast<std::uint32_t>(targets.size()));
    for (const auto& target : targets) {
        put_text(out, target.path);
        put_text(out, target.fragment);
        out += static_cast<char>((target.has_fragment ? 1 : 0) | (target.outside_base ? 2 : 0));
    }
}

}  // namespace

std::string serialize(const LinkRecords& records) {
    std::vector<const std::pair<const std::string, StoredLinkRecord>*> sorted;
    sorted.reserve(records.by_output.size());
    std::size_t size = magic.size();
    for (const auto& entry : records.by_output) {
        sorted.push_back(&entry);
        size += entry.first.size() + 24;
        for (const auto& id : entry.second.record.ids) size += id.size() + 4;
        for (const auto& target : entry.second.record.targets) size += target.path.size() + target.fragment.size() + 9;
        size += entry.second.encoded_targets.size() + 4;
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
        if (!stored.targets_decoded) {
            put_text(out, stored.encoded_targets);
        } else {
            std::string targets;
            put_targets(targets, stored.record.targets);
            put_text(out, targets);
        }
    }
    return out;
}

bool decode_targets(StoredLinkRecord& stored) {
    if (stored.targets_decoded) return true;
    Reader in(stored.encoded_targets);
    std::vector<LinkTarget> targets;
    const auto count = in.number<std::uint32_t>();
    if (!in.ok() || count > stored.encoded_targets.size()) return false;
    targets.reserve(count);
    for (std::uint32_t k = 0; k < count && in.ok(); ++k) {
        LinkTarget target;
        target.path = in.text();
        target.fragment = in.text();
        const char flags = in.number<char>();
        target.has_fragment = (flags & 1) != 0;
        target.outside_base = (flags & 2) != 0;
        targets.push_back(std::move(target));
    }
    if (!in.ok() || !in.done()) return false;
    stored.record.targets = std::move(targets);
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
