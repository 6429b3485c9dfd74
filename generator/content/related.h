// Related pages, scored by shared taxonomy terms and closeness in time.
//
// Hugo compares every page with every other (quadratic on large sites). Here
// each term keeps a posting list of its pages sorted by date, and a page only
// looks at the `window` pages nearest in date on each side in each of its
// terms' lists: the cost is pages × terms × window, near-linear in the number
// of pages, and the nearest-in-time candidates are the ones that score best
// on recency anyway.
#pragma once

#include "content/site.h"

namespace portal::content {

// Fills `Page::related` for pages in the configured sections, same language
// only, at most `limit` each. Deterministic: ties go to the newer page, then
// the source path.
void link_related_pages(Site& site, std::size_t window = 64);

}  // namespace portal::content
