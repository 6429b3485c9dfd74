// Checks a page's front matter against the schema: required fields, types,
// allowed values and data-file keys (with "did you mean"), ranges, lengths,
// date order, and fields the schema does not know (a warning).
#pragma once

#include <vector>

#include "base/diagnostics.h"
#include "content/data_files.h"
#include "content/page.h"
#include "content/schema.h"

namespace portal::content {

// Appends one diagnostic per problem, each at the field's line and column.
// Unknown fields are reported only in sections the schema declares (a site's
// own sections may carry any fields for its templates). `also_known`: fields
// allowed on every page besides the schema's (the taxonomies of config.toml).
void validate_front_matter(const Page& page, const Schema& schema, const DataFiles& data,
                           const std::vector<std::string>& also_known, std::vector<Diagnostic>& out);

// The keys a field's `data` source allows ("ministries" or "stats.datasets"),
// or nullopt when the data file does not exist.
std::optional<std::vector<std::string>> data_keys(const DataFiles& data, const std::string& source);

}  // namespace portal::content
