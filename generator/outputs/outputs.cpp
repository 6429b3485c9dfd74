#include "outputs/outputs.h"

#include "base/parallel.h"

#include "outputs/calendar.h"
#include "outputs/feeds.h"
#include "outputs/http_headers.h"
#include "outputs/open_data.h"
#include "outputs/search_index.h"
#include "outputs/sitemap.h"

namespace portal::outputs {

Result<ExtraGroups> extra_output_groups(const content::Site& site, const OutputContext& context,
                                        const ExtraGroupSet& wanted) {
    // The kinds of output are independent reads of the finished site, so they
    // are made side by side; each fills its own list and the lists are joined
    // in a fixed order, so the result does not depend on the thread count.
    // Open data is one part per dataset: as one part it was the longest (0.26 s
    // at N = 10,000) while the other worker had nothing left to do.
    enum Part : std::size_t { open_data, calendars = open_data + open_dataset_count, feeds, sitemap, headers, part_count };
    auto group_of = [](std::size_t part) {
        return part == sitemap || part == headers ? ExtraGroup::front_matter : ExtraGroup::summaries;
    };
    auto is_wanted = [&](ExtraGroup group) { return wanted[static_cast<std::size_t>(group)]; };
    std::vector<std::vector<OutputFile>> parts(part_count);
    std::vector<std::vector<Diagnostic>> part_errors(part_count);
    const WorkerPool pool(context.jobs);
    pool.for_each_index(part_count, [&](std::size_t part) {
        if (!is_wanted(group_of(part))) return;
        switch (part) {
            case calendars:
                if (auto made = calendar_files(site, context)) parts[part] = std::move(*made);
                else part_errors[part] = made.errors();
                break;
            case feeds: add_feeds(site, parts[part]); break;
            case sitemap: add_sitemap(site, parts[part]); break;
            case headers: add_http_headers(site, parts[part]); break;
            default: add_open_dataset(site, part - open_data, parts[part], part_errors[part]); break;
        }
    });
    ExtraGroups groups;
    std::vector<Diagnostic> errors;
    for (std::size_t part = 0; part < part_count; ++part) {
        auto& group = groups[static_cast<std::size_t>(group_of(part))];
        for (auto& file : parts[part]) group.push_back(std::move(file));
        errors.insert(errors.end(), part_errors[part].begin(), part_errors[part].end());
    }
    if (is_wanted(ExtraGroup::search)) add_search_indexes(site, pool, groups[static_cast<std::size_t>(ExtraGroup::search)]);
    if (!errors.empty()) return errors;
    return groups;
}

Result<std::vector<OutputFile>> extra_outputs(const content::Site& site, const OutputContext& context) {
    auto groups = extra_output_groups(site, context);
    if (!groups) return groups.errors();
    std::vector<OutputFile> files;
    for (auto& group : *groups)
        for (auto& file : group) files.push_back(std::move(file));
    return files;
}

}  // namespace portal::outputs
