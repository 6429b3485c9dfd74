// What the link check keeps of a generated page between builds: the internal
// targets its URLs resolve to and the ids it has. Both follow from the page's
// bytes and its output path alone (and the site's base_url), so a page whose
// bytes did not change has the same record, and an incremental build checks
// its targets again — other pages may have gone, or lost an id — without
// reading or parsing it (see docs/incremental.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/binary_io.h"

namespace portal::check {

// One internal target, as views (into a Target being checked, or into an
// encoded list).
struct LinkTarget {
    std::string_view path;      // decoded site path, "/cases/x/"
    std::string_view fragment;  // decoded, without '#'
    bool has_fragment = false;
    bool outside_base = false;  // under a base_url with a path: a root-relative URL that leaves it
    bool operator==(const LinkTarget&) const = default;
};

// A page's internal targets, each once, in document order, encoded as they are
// stored in .portal-cache/: a u32 count, then for each target its path and
// fragment (a u32 length and the bytes) and a flags byte (1: has a fragment,
// 2: outside the base path). An empty string holds no target. Kept encoded
// from the check on: the 1.7 million targets of a 20,000-page site were
// 203 MB as strings (two per target, held to the end of the build) and are
// ~55 MB as bytes.
using EncodedTargets = std::string;

// Builds an EncodedTargets from targets in document order, dropping a target
// equal to one added before.
class TargetListWriter {
public:
    // `expected`: about how many targets will be added (sizes the table of seen ones).
    explicit TargetListWriter(std::size_t expected);
    void add(const LinkTarget& target);
    // The list, its capacity fitted to its size; the writer starts a new, empty one.
    EncodedTargets finish();

private:
    struct Seen {
        std::uint64_t hash = 0;
        std::uint32_t begin = 0;
        std::uint32_t size = 0;  // 0: empty slot (an entry has at least 9 bytes)
    };
    void grow_table();
    std::string bytes_;
    std::vector<Seen> seen_;
    std::uint32_t count_ = 0;
};

// Calls `visit(const LinkTarget&)` for each target of `encoded` in order; false
// when the bytes are damaged (the targets visited before are then not to be trusted).
template <typename Visit>
bool for_each_target(std::string_view encoded, const Visit& visit);

struct LinkRecord {
    std::vector<std::string> ids;  // sorted, unique
    EncodedTargets targets;        // internal targets, each once, in document order
};

// Records of many outputs with the hash of the bytes each was made from.
// Targets are most of a record (1.7 million of them, 54 MB, at 10,000 pages
// per language; ids are 2 MB): a stored record's ids are read with the file,
// its targets only when an incremental build needs them (decode_targets),
// which it does only when a file or an id of the previous build is gone.
struct StoredLinkRecord {
    std::uint64_t content = 0;
    LinkRecord record;               // `targets` filled once decoded (checked and copied)
    std::string_view encoded_targets;  // in the records file's bytes, until decoded
    bool targets_decoded = true;
};

struct LinkRecords {
    std::string base_url;  // the records hold only what resolved as internal under it
    std::unordered_map<std::string, StoredLinkRecord> by_output;  // by output path
    std::shared_ptr<const void> bytes;  // keeps alive what encoded_targets point into
};

// Fills `stored.record.targets` from the file's bytes; false when they cannot
// be read (a damaged file).
bool decode_targets(StoredLinkRecord& stored);

// A compact binary form for .portal-cache/ (the file is ours: any damage reads as nullopt).
std::string serialize(const LinkRecords& records);
// `bytes` must stay as they are while `keep_alive` lives (the result holds it).
std::optional<LinkRecords> parse_link_records(std::string_view bytes, std::shared_ptr<const void> keep_alive);

}  // namespace portal::check

// Template definitions.
namespace portal::check {

template <typename Visit>
bool for_each_target(std::string_view encoded, const Visit& visit) {
    if (encoded.empty()) return true;
    binary::Reader in(encoded);
    const auto count = in.number<std::uint32_t>();
    if (!in.ok() || count > encoded.size()) return false;
    for (std::uint32_t k = 0; k < count; ++k) {
        LinkTarget target;
        target.path = in.view();
        target.fragment = in.view();
        const auto flags = in.number<std::uint8_t>();
        if (!in.ok()) return false;
        target.has_fragment = (flags & 1) != 0;
        target.outside_base = (flags & 2) != 0;
        visit(target);
    }
    return in.done();
}

}  // namespace portal::check
