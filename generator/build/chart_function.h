// `chart("telework-adoption", kind="bar")`: the template function that draws
// a dataset of content/data/stats.toml as an inline SVG chart followed by the
// same numbers as a table, in the page's language, at build time.
#pragma once

#include <string>

#include "content/site.h"
#include "template/value.h"

namespace portal::build {

// `site` must outlive the returned function.
tmpl::Value chart_function(const content::Site& site, const std::string& lang);

}  // namespace portal::build
