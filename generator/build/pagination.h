// Splitting a list into pages: /cases/, /cases/page/2/, /cases/page/3/ ...
#pragma once

#include <string>
#include <vector>

#include "template/value.h"

namespace portal::build {

struct ListPage {
    std::string url;          // "/cases/" for the first page, "/cases/page/2/" after
    tmpl::Value paginator;    // what templates see as `paginator`
};

struct Pagination {
    std::vector<ListPage> pages;
    tmpl::Value links;  // `paginator.links`: one list, held by every page's paginator
};

// Pages of `items` (template values, already in list order) listed at
// `base_url`, `page_size` a page. An empty list still has one (empty) page.
Pagination paginate(const std::vector<tmpl::Value>& items, const std::string& base_url, int page_size);

}  // namespace portal::build
