#include "outputs/outputs.h"

#include "base/parallel.h"

#include "outputs/calendar.h"
#include "outputs/feeds.h"
#include "outputs/http_headers.h"
#include "outputs/open_data.h"
#include "outputs/search_index.h"
#include "outputs/sitemap.h"

namespace portal::outputs {

Result<std::vector<OutputFile>> extra_outputs(const content::Site& site, const OutputContext& context) {
    // The kinds of output are independent reads of the finished site, so they
    // are made side by side; each fills its own list and the lists are joined
    // in a fixed order, so the result does not depend on the thread count.
    // Open data is one part per dataset: as one part it was the longest (0.26 s
    // at N = 10,000) while the other worker had nothing left to do.
    enum Part : std::size_t { open_data, calendars = open_data + open_dataset_count, feeds, sitemap, headers, part_count };
    std::vector<std::vector<OutputFile>> parts(part_count);
    std::vector<std::vector<Diagnostic>> part_errors(part_count);
    const WorkerPool pool(context.jobs);
    pool.for_each_index(part_count, [&](std::size_t part) {
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
    std::vector<OutputFile> files;
    std::vector<Diagnostic> errors;
    for (std::size_t part = 0; part < part_count; ++part) {
        for (auto& file : parts[part]) files.push_back(std::move(file));
        errors.insert(errors.end(), part_errors[part].begin(), part_errors[part].end());
    }
    add_search_indexes(site, pool, files);
    if (!errors.empty()) return errors;
    return files;
}

}  // namespace portal::outputs
