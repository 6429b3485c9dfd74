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

namespace portal {
class WorkerPool;
}

namespace portal::outputs {

struct OutputFile {
    std::string path;  // relative to the output directory, '/' separators
    std::string data;
};

struct OutputContext {
    long long now = 0;  // build time, Unix seconds (DTSTAMP, "upcoming")
    unsigned jobs = 1;  // worker threads for the outputs that parallelise (search index)
};

// Open data datasets (open_data.h): one group each.
inline constexpr std::size_t open_dataset_count = 3;

// The extra outputs in groups by what they read, so that after an edit of a
// page (portal serve's hot rebuild, build/hot_rebuild.h) only the groups that
// can show it are made again (groups_showing). In the order their files are
// listed.
enum class ExtraGroup : std::size_t {
    sitemap,    // every URL and its last-modified date
    headers,    // _headers: config only
    open_data,  // the first dataset's group; the others follow, one per dataset
    calendars = open_data + open_dataset_count,  // the seminars
    feeds,      // news, seminars, measures: summaries, titles, dates
    search,     // every page's title, summary and plain text
    count,
};
inline constexpr std::size_t extra_group_count = static_cast<std::size_t>(ExtraGroup::count);
using ExtraGroups = std::array<std::vector<OutputFile>, extra_group_count>;  // by ExtraGroup
using ExtraGroupSet = std::array<bool, extra_group_count>;
inline constexpr ExtraGroupSet all_extra_groups = [] {
    ExtraGroupSet all{};
    all.fill(true);
    return all;
}();

// What an edit changed of a page (kept as it was in the model otherwise).
struct PageChange {
    bool summary = false;        // its summary (what lists and feeds show of the body)
    bool plain_text = false;     // its text for the search index
    bool front_matter = false;   // any front matter field
    bool last_modified = false;  // the date the sitemap and feeds give it (page_dates.h)
};

// The groups whose files can show `change` to `page`.
ExtraGroupSet groups_showing(const content::Page& page, const PageChange& change);

// The extra outputs of the groups in `wanted`, each group's files in a fixed
// order (the others empty). Errors carry the content file and line that
// caused them.
Result<ExtraGroups> extra_output_groups(const content::Site& site, const OutputContext& context,
                                        const ExtraGroupSet& wanted = all_extra_groups);

// extra_output_groups in pieces, for a caller that runs them among other work
// of its own loop (a cold build makes them in the render's loop, which then
// has no tail where one core waits for the longest group). The groups before
// the search indexes are parts, longest first; `make_part` of distinct parts
// may run on different threads at once; `finish` makes the search indexes
// (in parallel on `pool`) once every part is made, and gathers the errors.
class ExtraOutputMaker {
public:
    ExtraOutputMaker(const content::Site& site, const OutputContext& context,
                     const ExtraGroupSet& wanted = all_extra_groups);
    static std::size_t part_count();
    void make_part(std::size_t part);
    Result<ExtraGroups> finish(const WorkerPool& pool);

private:
    const content::Site& site_;
    OutputContext context_;
    ExtraGroupSet wanted_;
    ExtraGroups groups_;
    std::vector<std::vector<Diagnostic>> errors_;  // by group
};

// Every extra output of the site, in a fixed order (the groups joined).
Result<std::vector<OutputFile>> extra_outputs(const content::Site& site, const OutputContext& context);

}  // namespace portal::outputs
