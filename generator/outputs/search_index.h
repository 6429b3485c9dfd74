// The search index of each language that has a search page (a section
// `content/search/`, so /search/ and /en/search/): written beside that page,
//
//   <search URL>index.json          page count, shard count, version, sections
//   <search URL>shards/<n>.json     tokens → postings (search/index_format.h)
//   <search URL>pages/<id>.json     title, URL, section, summary and text of one
//                                   page, fetched only for the results shown
//
// Page ids are grouped by top-level section, so narrowing a search to a
// section is a range test on ids. docs/search.md has the details.
#pragma once

#include <vector>

#include "base/parallel.h"
#include "content/site.h"
#include "outputs/outputs.h"

namespace portal::outputs {

inline constexpr const char* search_section = "search";

void add_search_indexes(const content::Site& site, const WorkerPool& pool, std::vector<OutputFile>& files);

}  // namespace portal::outputs
