// Outputs that are not templated pages: calendar files, feeds, sitemap,
// open data, search indexes. Each reads the finished, immutable site
// model and returns files to write; none of them touches the file system.
#pragma once

#include <array>
#include <cstddef>
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

// The extra outputs in groups by what they read. A page's body reaches them
// only through its summary and its plain text, so after an edit of bodies
// only (portal serve's hot rebuild, build/hot_rebuild.h) only the groups that
// read what changed are made again.
enum class ExtraGroup : std::size_t {
    front_matter,  // sitemap, _headers: front matter, the model and config only
    summaries,     // open data, calendars, feeds: also each page's summary
    search,        // the search indexes: also each page's plain text
};
inline constexpr std::size_t extra_group_count = 3;
using ExtraGroups = std::array<std::vector<OutputFile>, extra_group_count>;  // by ExtraGroup
using ExtraGroupSet = std::array<bool, extra_group_count>;

// The extra outputs of the groups in `wanted`, each group's files in a fixed
// order (the others empty). Errors carry the content file and line that
// caused them.
Result<ExtraGroups> extra_output_groups(const content::Site& site, const OutputContext& context,
                                        const ExtraGroupSet& wanted = {true, true, true});

// Every extra output of the site, in a fixed order (the groups joined).
Result<std::vector<OutputFile>> extra_outputs(const content::Site& site, const OutputContext& context);

}  // namespace portal::outputs
