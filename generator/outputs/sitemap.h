// sitemap.xml (sitemaps.org 0.9) with hreflang alternates, and robots.txt.
//
// Every page, section list (first page), taxonomy index and term page is
// listed. Translated pages carry <xhtml:link rel="alternate" hreflang> for
// every language including themselves, and x-default (the default language).
// <lastmod> comes from front matter `lastmod`, else `date`; a page with
// neither has none (file times are not stable across checkouts).
#pragma once

#include <vector>

#include "content/site.h"
#include "outputs/outputs.h"

namespace portal::outputs {

void add_sitemap(const content::Site& site, std::vector<OutputFile>& files);

}  // namespace portal::outputs
