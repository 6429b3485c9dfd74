// Outputs that are not templated pages: calendar files, feeds, sitemap,
// open data, search indexes. Each reads the finished, immutable site
// model and returns files to write; none of them touches the file system.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "content/site.h"

namespace portal::outputs {

struct OutputFile {
    std::string path;  // relative to the output directory, '/' separators
    std::string data;
};

struct OutputContext {
    long long now = 0;  // build time, Unix seconds (DTSTAMP, "upcoming")
    unsigned jobs = 1;  // worker threads for the outputs that parallelise (search index)
};

// Every extra output of the site, in a fixed order. Errors carry the content
// file and line that caused them.
Result<std::vector<OutputFile>> extra_outputs(const content::Site& site, const OutputContext& context);

}  // namespace portal::outputs
