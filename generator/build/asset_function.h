// `asset("/css/main.css")`: the template function that gives the published
// URL of a static file — the fingerprinted name for CSS and JS
// (outputs/assets.h), the path itself for other static files. A path that is
// no static file is an error at the template line, so a typo in a stylesheet
// name fails the build instead of publishing an unstyled site.
#pragma once

#include <map>
#include <set>
#include <string>

#include "template/value.h"

namespace portal::build {

struct AssetUrls {
    std::map<std::string, std::string> fingerprinted;  // "/css/main.css" → "/css/main.1a2b3c4d.css"
    std::set<std::string> plain;                       // "/favicon.svg": published as is
};

// `urls` must outlive the returned function.
tmpl::Value asset_function(const AssetUrls& urls);

}  // namespace portal::build
