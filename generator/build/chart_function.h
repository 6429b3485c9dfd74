// `chart("telework-adoption", kind="bar", lang="en")`: the template function
// that draws a dataset of content/data/stats.toml as an inline SVG chart
// followed by the same numbers as a table, in the page's language, at build
// time (see docs/charts.md). It reads the TOML into a `charts::Dataset`
// (display labels: 令和3年度 / FY2021 for fiscal years) and leaves the drawing
// to charts/chart.h.
//
// Errors: an unknown dataset lists the valid keys; a malformed dataset names
// content/data/stats.toml and the line. The template engine adds the position
// of the call and the page being rendered.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "base/diagnostics.h"
#include "charts/chart.h"
#include "content/site.h"
#include "template/value.h"

namespace portal::build {

// The function `chart` for templates in language `lang` (its default
// language). `site` must outlive the returned function.
tmpl::Value chart_function(const content::Site& site, const std::string& lang);

// Dataset `key` of the stats data file (`file_path` names it in messages),
// with texts in `lang`: title_<lang>, name_<lang>, ... Exposed for tests.
Result<charts::Dataset> read_dataset(const toml::table& stats, const std::string& file_path, const std::string& key,
                                     const std::string& lang);

}  // namespace portal::build
