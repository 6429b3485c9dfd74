#include "outputs/outputs.h"

#include "outputs/calendar.h"
#include "outputs/feeds.h"
#include "outputs/http_headers.h"
#include "outputs/open_data.h"
#include "outputs/search_index.h"
#include "outputs/sitemap.h"

namespace portal::outputs {

Result<std::vector<OutputFile>> extra_outputs(const content::Site& site, const OutputContext& context) {
    std::vector<OutputFile> files;
    std::vector<Diagnostic> errors;
    // Each output module appends its files here, in a fixed order.
    auto calendars = calendar_files(site, context);
    if (calendars) {
        for (auto& file : *calendars) files.push_back(std::move(file));
    } else {
        errors.insert(errors.end(), calendars.errors().begin(), calendars.errors().end());
    }
    add_feeds(site, files);
    add_sitemap(site, files);
    add_http_headers(site, files);
    add_open_data(site, files, errors);
    add_search_indexes(site, WorkerPool(context.jobs), files);
    if (!errors.empty()) return errors;
    return files;
}

}  // namespace portal::outputs
