// What the link check keeps of a generated page between builds: the internal
// targets its URLs resolve to and the ids it has. Both follow from the page's
// bytes and its output path alone (and the site's base_url), so a page whose
// bytes did not change has the same record, and an incremental build checks
// its targets again — other pages may have gone, or lost an id — without
// reading or parsing it (see docs/incremental.md).
#pragma once

#include <cstdint>
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
struct StoredLinkRecord {
    std::uint64_t content = 0;
    LinkRecord record;
};

struct LinkRecords {
    std::string base_url;  // the records hold only what resolved as internal under it
    std::unordered_map<std::string, StoredLinkRecord> by_output;  // by output path
};

// A compact binary form for .portal-cache/ (the file is ours: any damage reads as nullopt).
std::string serialize(const LinkRecords& records);
std::optional<LinkRecords> parse_link_records(std::string_view bytes);

}  // namespace portal::check
