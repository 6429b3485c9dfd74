// The individual checks of check.h. Each appends its problems to the report.
#pragma once

#include "check/check.h"
#include "check/origin.h"
#include "check/scanned_site.h"

namespace portal::check {

enum class ExternalLinks { list, skip };

// Broken internal links, missing #anchors, missing files; lists external URLs
// (finding where each is written costs a file read or two: `portal build` skips it).
void check_links(const ScannedSite& site, OriginFinder& origins, const WorkerPool& pool, ExternalLinks external_links,
                 CheckReport& report);

// <img> without alt in any page; Markdown images with empty alt text.
void check_alt_text(const ScannedSite& site, OriginFinder& origins, CheckReport& report);

// Pages no chain of <a> links leads to from a home page.
void check_reachability(const ScannedSite& site, OriginFinder& origins, CheckReport& report);

// Pages without a version in another language.
void check_translations(const content::Site& site, CheckReport& report);

// Two pages of one language with the same title.
void check_duplicate_titles(const content::Site& site, CheckReport& report);

}  // namespace portal::check
