// Builds the inverted index of one language from plain documents: tokens →
// postings (search/index_format.h), split into shards by token hash so a
// query downloads only the shards of its own tokens.
//
// Ranking data is computed here, once: each posting carries the page's BM25
// term-frequency factor (k1 = 1.2, b = 0.75, title tokens counted three
// times) quantised to 1..15, and whether the token is in the title. The
// script only adds idf (from the posting count) and sorts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/parallel.h"

namespace portal::search {

struct Document {
    std::string title;
    std::string text;  // summary and body as plain text
};

struct IndexSettings {
    // Average shard size the shard count aims at (before compression). A
    // query downloads about one shard per distinct token; see docs/search.md.
    std::size_t target_shard_bytes = 4 * 1024;
    std::uint32_t max_shards = 4096;
};

struct Index {
    std::uint32_t shard_count = 1;
    std::vector<std::string> shards;  // JSON objects {"token":"postings",...}, tokens in byte order
    std::size_t token_count = 0;
    std::string version;              // hash of every shard: changes whenever the index does
};

// Pages are identified by their position in `documents`.
Index build_index(const std::vector<Document>& documents, const IndexSettings& settings, const WorkerPool& pool);

}  // namespace portal::search
