#include "check/check.h"

#include "check/checks.h"

namespace portal::check {

std::string ExternalLink::where() const {
    return line > 0 ? path + ":" + std::to_string(line) : path;
}

CheckReport run_checks(const CheckInput& input, Scope scope, const WorkerPool& pool) {
    CheckReport report;
    const ScannedSite site(input, pool);
    OriginFinder origins(input);
    check_links(site, origins, pool, report);
    if (scope == Scope::all) {
        check_alt_text(site, origins, report);
        check_reachability(site, report);
        check_translations(*input.site, report);
        check_duplicate_titles(*input.site, report);
    }
    return report;
}

}  // namespace portal::check
