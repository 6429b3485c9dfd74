// Atom 1.0 feeds, per language: the whole site (`/atom.xml`, `/en/atom.xml`)
// and the news, seminars and measures sections (`/news/atom.xml`, ...).
//
// Entry ids are the pages' permalinks, which stay the same across builds (a
// renamed page is a new entry, as it is for readers). <updated> is front matter
// `lastmod`, `updated` or `date` (outputs/page_dates.h); pages without a date are left out of feeds, whose
// readers sort by it. The newest 50 entries are kept.
#pragma once

#include <vector>

#include "content/site.h"
#include "outputs/outputs.h"

namespace portal::outputs {

void add_feeds(const content::Site& site, std::vector<OutputFile>& files);

// Whether pages of `section` are in the feeds (news, seminars, measures).
bool in_feeds(const std::string& section);

}  // namespace portal::outputs
