// Pages a reader cannot get to: no chain of links from a home page leads
// there (menus, lists, pagination, terms and in-text links all count).
#include <deque>

#include "check/checks.h"

namespace portal::check {
namespace {

bool is_error_page(const std::string& output_path) {
    return output_path == "404.html" || (output_path.size() > 9 && output_path.compare(output_path.size() - 9, 9, "/404.html") == 0);
}

// Where an editor would act on an unreachable page: its content file, or for
// a taxonomy list the taxonomy's entry in config.toml.
Origin place_of(const ScannedSite& site, std::size_t page, OriginFinder& origins) {
    const HtmlOutput& output = site.output(page);
    if (output.page != content::no_page) return {output.source_path, 1, 0};
    for (const auto& taxonomy : site.site().taxonomies)
        if (site.url(page).rfind(taxonomy.url, 0) == 0) {
            Origin entry = origins.find_in_file(output.source_path, "\"" + taxonomy.name + "\"");
            if (entry.line > 0) return entry;
        }
    return {output.source_path, 0, 0};
}

}  // namespace

void check_reachability(const ScannedSite& site, OriginFinder& origins, CheckReport& report) {
    std::vector<bool> reached(site.size(), false);
    std::deque<std::size_t> queue;
    auto visit = [&](std::size_t page) {
        if (page == ScannedSite::npos || reached[page]) return;
        reached[page] = true;
        queue.push_back(page);
    };
    for (const auto& section : site.site().sections)
        if (section.path.empty()) visit(site.page_at(section.url.substr(1) + "index.html"));
    while (!queue.empty()) {
        const std::size_t page = queue.front();
        queue.pop_front();
        for (const auto& reference : site.document(page).references) {
            if (reference.kind != html::ReferenceKind::link) continue;
            const Target target = site.resolve(page, reference.url);
            if (target.kind == Target::Kind::internal) visit(site.page_at(site.file_for(target)));
        }
    }
    for (std::size_t page = 0; page < site.size(); ++page) {
        const HtmlOutput& output = site.output(page);
        if (reached[page] || is_error_page(output.output_path)) continue;
        const Origin place = place_of(site, page, origins);
        report.problems.push_back(make_warning(
            place.path, place.line, place.col,
            "unreachable page: no link leads to " + site.url(page) + " from the home page",
            "link it from a menu (config.toml), a section list or another page, or make it a draft"));
    }
}

}  // namespace portal::check
