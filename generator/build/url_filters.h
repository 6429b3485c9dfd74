// Template filters for URLs that come from content (front matter, data files):
//   <a href="{{ page.params.registration_url | href }}">
// Autoescaping keeps a value inside its attribute, but a `javascript:` URL is
// dangerous even when escaped: `href` keeps only URLs a reader can follow
// safely and turns every other into "" (as cmark does for Markdown links).
#pragma once

#include <string>
#include <string_view>

#include "template/store.h"

namespace portal::build {

// `url` when it is a path, a fragment, a query, or has the scheme http, https,
// mailto or tel; "" otherwise (javascript:, vbscript:, data:, file:, ...).
// The scheme is read the way browsers read it: leading and trailing spaces and
// control characters are ignored, tabs and newlines inside are removed, case
// does not matter.
std::string safe_href(std::string_view url);

const tmpl::HostFilters& url_filters();

}  // namespace portal::build
