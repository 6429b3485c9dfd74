// sitemap.xml (sitemaps.org 0.9) with hreflang alternates, and robots.txt.
//
// Every page, section list (first page), taxonomy index and term page is
// listed. Translated pages carry <xhtml:link rel="alternate" hreflang> for
// every language including themselves, and x-default (the default language).
// <lastmod> is outputs/page_dates.h's last_modified(): front matter
// `lastmod`, `updated` or `date`; a page with none has no <lastmod>.
#pragma once

#include <vector>

#include "content/site.h"
#include "outputs/outputs.h"

namespace portal::outputs {

void add_sitemap(const content::Site& site, std::vector<OutputFile>& files);

}  // namespace portal::outputs
