// The link record of one generated page, made from its HTML alone, before the
// rest of the site exists: what a first build keeps of each page it writes
// out as soon as it is rendered (build/build_cache.h, write_early), instead
// of the page or its scan. Its targets are not checked yet: the link check
// checks them once every output is known (check/links.cpp), and reads the
// page again only if one fails, to say where the URL was written.
#pragma once

#include <cstddef>
#include <string_view>

#include "check/link_record.h"

namespace portal::check {

struct PageLinks {
    LinkRecord record;           // its internal targets (each once, in document order) and ids
    std::size_t references = 0;  // URLs on the page, internal or not (the build's summary counts them)
};

// Where the pages are served: the site's base URL and its path
// (Config::base_url, Config::base_path()).
struct SiteAddress {
    std::string_view base_url;
    std::string_view base_path;
};

// `html`: the page written to `output_path` ("cases/x/index.html"). The
// record is the one the link check makes of the same bytes.
PageLinks read_page_links(std::string_view html, std::string_view output_path, const SiteAddress& address);

}  // namespace portal::check
