// The site model as template values: what `page`, `section` and `site`
// mean inside a template. Values of every page and section are built once
// (in parallel) and shared by every render, so a list of 10,000 pages costs
// one allocation per page however many templates show it.
#pragma once

#include <cstddef>
#include <vector>

#include <toml++/toml.h>

#include "base/parallel.h"
#include "content/site.h"
#include "template/value.h"

namespace portal::build {

struct SiteValues {
    std::vector<tmpl::Value> pages;     // by page index
    std::vector<tmpl::Value> sections;  // by section index
    std::vector<tmpl::Value> sites;     // by language index (config order)
};

SiteValues make_site_values(const content::Site& site, const WorkerPool& pool);

// Any TOML value as a template value; dates become ISO 8601 strings.
tmpl::Value toml_to_value(const toml::node& node);

}  // namespace portal::build
