#include "outputs/outputs.h"

#include <array>

#include "base/parallel.h"

#include "outputs/calendar.h"
#include "outputs/feeds.h"
#include "outputs/http_headers.h"
#include "outputs/open_data.h"
#include "outputs/search_index.h"
#include "outputs/sitemap.h"

namespace portal::outputs {

namespace {

constexpr std::size_t search_group = static_cast<std::size_t>(ExtraGroup::search);
constexpr std::size_t open_data_group = static_cast<std::size_t>(ExtraGroup::open_data);

// The groups before the search indexes, longest first (at N = 10,000: feeds
// ~140 ms, calendars ~100, the sitemap ~85, each dataset 50-75, headers ~2),
// so the last one taken is short: in index order the feeds came last and ran
// on alone. Open data is one part per dataset: as one part it was the
// longest (0.26 s at N = 10,000) while the other worker had nothing left to do.
constexpr auto kPartOrder = [] {
    std::array<std::size_t, search_group> taken{};
    std::size_t n = 0;
    for (ExtraGroup group : {ExtraGroup::feeds, ExtraGroup::calendars, ExtraGroup::sitemap})
        taken[n++] = static_cast<std::size_t>(group);
    for (std::size_t dataset = 0; dataset < open_dataset_count; ++dataset) taken[n++] = open_data_group + dataset;
    taken[n++] = static_cast<std::size_t>(ExtraGroup::headers);
    return taken;
}();
static_assert(
    [] {
        std::array<bool, search_group> seen{};
        for (std::size_t group : kPartOrder) seen[group] = true;
        for (bool s : seen)
            if (!s) return false;
        return true;
    }(),
    "every group before the search indexes is taken exactly once");

}  // namespace

ExtraOutputMaker::ExtraOutputMaker(const content::Site& site, const OutputContext& context,
                                   const ExtraGroupSet& wanted)
    : site_(site), context_(context), wanted_(wanted), errors_(extra_group_count) {}

std::size_t ExtraOutputMaker::part_count() { return kPartOrder.size(); }

// Each part fills only its own group and its own errors: the groups are
// listed in a fixed order, so the result does not depend on the threads.
void ExtraOutputMaker::make_part(std::size_t part) {
    const std::size_t group = kPartOrder[part];
    if (!wanted_[group]) return;
    switch (static_cast<ExtraGroup>(group)) {
        case ExtraGroup::sitemap: add_sitemap(site_, groups_[group]); break;
        case ExtraGroup::headers: add_http_headers(site_, groups_[group]); break;
        case ExtraGroup::calendars:
            if (auto made = calendar_files(site_, context_)) groups_[group] = std::move(*made);
            else errors_[group] = made.errors();
            break;
        case ExtraGroup::feeds: add_feeds(site_, groups_[group]); break;
        default: add_open_dataset(site_, group - open_data_group, groups_[group], errors_[group]); break;
    }
}

Result<ExtraGroups> ExtraOutputMaker::finish(const WorkerPool& pool) {
    std::vector<Diagnostic> errors;
    for (const auto& found : errors_) errors.insert(errors.end(), found.begin(), found.end());
    if (!errors.empty()) return errors;
    // The search indexes come after, parallel within themselves.
    if (wanted_[search_group]) add_search_indexes(site_, pool, groups_[search_group]);
    return std::move(groups_);
}

Result<ExtraGroups> extra_output_groups(const content::Site& site, const OutputContext& context,
                                        const ExtraGroupSet& wanted) {
    // The kinds of output are independent reads of the finished site, so they
    // are made side by side.
    ExtraOutputMaker maker(site, context, wanted);
    const WorkerPool pool(context.jobs);
    pool.for_each_index(ExtraOutputMaker::part_count(), [&](std::size_t part) { maker.make_part(part); });
    return maker.finish(pool);
}

ExtraGroupSet groups_showing(const content::Page& page, const PageChange& change) {
    ExtraGroupSet groups{};
    auto set = [&](ExtraGroup group) { groups[static_cast<std::size_t>(group)] = true; };
    // Open data, calendars and feeds show the summary and front matter fields
    // of their own section's pages. A section's own page names and describes
    // its section (a feed's title): every group of its section then.
    if (change.summary || change.front_matter) {
        for (std::size_t dataset = 0; dataset < open_dataset_count; ++dataset)
            if (page.is_section_index || page.section == open_dataset_section(dataset))
                groups[static_cast<std::size_t>(ExtraGroup::open_data) + dataset] = true;
        if (page.is_section_index || page.section == seminar_section) set(ExtraGroup::calendars);
        if (page.is_section_index || in_feeds(page.section)) set(ExtraGroup::feeds);
        set(ExtraGroup::search);
    }
    if (change.plain_text) set(ExtraGroup::search);
    if (change.last_modified || (page.is_section_index && change.front_matter)) set(ExtraGroup::sitemap);
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
