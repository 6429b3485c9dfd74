#include "check/check.h"

#include <map>
#include <tuple>

#include "check/checks.h"

namespace portal::check {

std::string ExternalLink::where() const {
    return line > 0 ? path + ":" + std::to_string(line) : path;
}

namespace {

// A menu or template link that is broken on every page is one problem at one
// line: keep the first report and say how many other pages have it.
std::vector<Diagnostic> merge_repeats(std::vector<Diagnostic> problems) {
    using Key = std::tuple<std::string, int, int, std::string>;
    std::map<Key, std::size_t> first;
    std::vector<std::size_t> repeats;
    std::vector<Diagnostic> merged;
    for (auto& problem : problems) {
        auto [it, inserted] = first.try_emplace(Key{problem.path, problem.line, problem.col, problem.message}, merged.size());
        if (inserted) {
            merged.push_back(std::move(problem));
            repeats.push_back(0);
        } else {
            ++repeats[it->second];
        }
    }
    for (std::size_t i = 0; i < merged.size(); ++i)
        if (repeats[i] > 0)
            merged[i].hint += " and " + std::to_string(repeats[i]) + (repeats[i] == 1 ? " other page" : " other pages");
    return merged;
}

}  // namespace

CheckReport run_checks(const CheckInput& input, Scope scope, const WorkerPool& pool) {
    CheckReport report;
    const ScannedSite site(input, pool);
    OriginFinder origins(input);
    check_links(site, origins, pool, scope == Scope::all ? ExternalLinks::list : ExternalLinks::skip, report);
    if (scope == Scope::all) {
        check_alt_text(site, origins, report);
        check_reachability(site, origins, report);
        check_translations(*input.site, report);
        check_duplicate_titles(*input.site, report);
    }
    report.problems = merge_repeats(std::move(report.problems));
    return report;
}

}  // namespace portal::check
