// When a page last changed, for outputs that say so (sitemap <lastmod>, Atom
// <updated>): front matter `lastmod`, else `updated` (the name Atom and some
// other generators use), else `date`. File modification times are not used:
// a fresh checkout gives every file the checkout time, so the sitemap would
// change on every build without any content changing.
#pragma once

#include <string>

#include "content/page.h"

namespace portal::outputs {

// ISO 8601 date or date-time as written in the front matter; "" if the page has none.
std::string last_modified(const content::Page& page);

}  // namespace portal::outputs
