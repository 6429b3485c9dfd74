// Discovering content/ and assembling the Site model from it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "content/markdown_memo.h"
#include "content/page_cache.h"
#include "content/site.h"

namespace portal::content {

struct SiteOptions {
    bool include_drafts = false;
    bool include_future = false;   // pages whose publish date is after `now`
    bool include_expired = false;  // pages whose expiry date is at or before `now`
    long long now = 0;             // the build time, Unix seconds
    PageCache* page_cache = nullptr;  // portal serve: reuse pages of unchanged files, keep the new ones
    const MarkdownMemo* markdown_memo = nullptr;  // portal build with the cache: renders of unchanged bodies
    // The top-level section whose pages need every page's plain text (the
    // search page's): a site without one keeps none (LoadOptions::keep_plain_text).
    // Empty: always kept.
    std::string plain_text_section;
};

// Whether pages under these top-level sections need their plain text kept
// (SiteOptions::plain_text_section): `sections` holds each page's section path.
bool keeps_plain_text(const std::vector<std::string_view>& sections, std::string_view plain_text_section);

// Loads every page under `<root>/content` (in parallel on `pool`), pairs
// translations, groups sections and assigns URLs. All problems of all files
// are returned together.
Result<Site> build_site(const std::filesystem::path& root, config::Config config, const SiteOptions& options,
                        const WorkerPool& pool);

// The order of a section's and a term's pages: those with a weight first
// (ascending), then newest first, then by title and file. Also what a hot
// rebuild checks an edited title against (build/hot_rebuild.cpp).
bool listed_before(const Page& a, const Page& b);

// An event (a page with `start`) is upcoming until it ends (or, without
// `end`, until it starts); `now` in Unix seconds.
bool is_upcoming(const Page& page, long long now);

}  // namespace portal::content
