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

namespace portal::check {

struct LinkTarget {
    std::string path;       // decoded site path, "/cases/x/"
    std::string fragment;   // decoded, without '#'
    bool has_fragment = false;
    bool outside_base = false;  // under a base_url with a path: a root-relative URL that leaves it
    bool operator==(const LinkTarget&) const = default;
};

struct LinkRecord {
    std::vector<std::string> ids;      // sorted, unique
    std::vector<LinkTarget> targets;   // internal targets, each once, in document order
};

// Records of many outputs with the hash of the bytes each was made from.
// Targets are most of a record (1.7 million of them, 54 MB, at 10,000 pages
// per language; ids are 2 MB): a stored record's ids are read with the file,
// its targets only when an incremental build needs them (decode_targets),
// which it does only when a file or an id of the previous build is gone.
struct StoredLinkRecord {
    std::uint64_t content = 0;
    LinkRecord record;               // `targets` filled once decoded
    std::string_view encoded_targets;  // in the records file's bytes, until decoded
    bool targets_decoded = true;
};

struct LinkRecords {
    std::string base_url;  // the records hold only what resolved as internal under it
    std::unordered_map<std::string, StoredLinkRecord> by_output;  // by output path
    std::shared_ptr<const void> bytes;  // keeps alive what encoded_targets point into
};

// Fills `stored.record.targets`; false when they cannot be read (a damaged file).
bool decode_targets(StoredLinkRecord& stored);

// A compact binary form for .portal-cache/ (the file is ours: any damage reads as nullopt).
std::string serialize(const LinkRecords& records);
// `bytes` must stay as they are while `keep_alive` lives (the result holds it).
std::optional<LinkRecords> parse_link_records(std::string_view bytes, std::shared_ptr<const void> keep_alive);

}  // namespace portal::check
