// Broken internal links, missing anchors and missing files.
#include <algorithm>
#include <string_view>
#include <map>
#include <optional>
#include <unordered_map>

#include "check/checks.h"

namespace portal::check {
namespace {

enum class Fault { broken_link, missing_file, missing_anchor };

struct Found {
    std::size_t reference;  // index into the page's references
    Fault fault;
    Target target;
};

// A link to "/x/" or "/x.html" is a page; anything else with an extension
// ("/docs/a.pdf") or loaded as a resource (img, script, stylesheet) is a file.
bool names_a_file(const html::Reference& reference, std::string_view path) {
    if (reference.kind == html::ReferenceKind::resource) return true;
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return false;
    return path.substr(dot) != ".html";
}

// The fragments every page has without an id: "#" and "#top" scroll to the top (HTML spec).
bool always_valid_fragment(std::string_view fragment) { return fragment.empty() || fragment == "top"; }

// What is wrong with an internal `target`, if anything; `reference` says
// whether it names a file (nullptr: a recorded target, only pass or fail
// matters). `scratch`: reused for the file name looked up.
std::optional<Fault> fault_of(const ScannedSite& site, const html::Reference* reference, const LinkTarget& target,
                              std::string& scratch) {
    const std::string_view file = site.file_for(target.path, target.outside_base, scratch);
    if (file.empty())
        return reference && names_a_file(*reference, target.path) ? Fault::missing_file : Fault::broken_link;
    if (!target.has_fragment || always_valid_fragment(target.fragment)) return std::nullopt;
    const std::size_t target_page = site.page_at(file);
    if (target_page == ScannedSite::npos) return std::nullopt;  // a PDF's #page=2 is not ours to check
    const auto& ids = site.ids(target_page);
    if (std::binary_search(ids.begin(), ids.end(), target.fragment)) return std::nullopt;
    return Fault::missing_anchor;
}

// What a reference resolved to, and what is wrong with it if internal.
struct Checked {
    Target target;
    std::optional<Fault> fault;
};

// A root-relative URL ("/cases/x/", not "//host/") resolves to the same target
// on every page, and most are written on many pages: menus, lists, term
// links (at N = 10,000, 90 % of the 1.7 million references repeat one seen
// before). Pages are checked in runs, each run remembering what such URLs
// resolved to, by kind of reference (a missing file is reported for a
// resource, a broken link for a link). Keys view the scanned HTML.
class ResolvedUrls {
public:
    static bool page_independent(std::string_view url) { return !url.empty() && url[0] == '/' && url.substr(0, 2) != "//"; }
    template <typename Check>
    const Checked& find_or_check(const html::Reference& reference, const Check& check) {
        auto& known = by_kind_[reference.kind == html::ReferenceKind::resource ? 1 : 0];
        auto it = known.find(reference.url);
        if (it == known.end()) it = known.emplace(reference.url, check()).first;
        return it->second;
    }

private:
    std::unordered_map<std::string_view, Checked> by_kind_[2];
};

// Checks reference `index` of `page`; an internal target goes into `targets`
// (each once: pages have ~85 targets, lists and term pages hundreds).
std::optional<Found> check_reference(const ScannedSite& site, std::size_t page, std::size_t index,
                                     TargetListWriter& targets, std::string& scratch, ResolvedUrls& resolved) {
    const html::Reference& reference = site.document(page).references[index];
    auto check = [&] {
        Checked checked{site.resolve(page, reference.url), std::nullopt};
        if (checked.target.kind == Target::Kind::internal)
            checked.fault = fault_of(site, &reference, link_target_of(checked.target), scratch);
        return checked;
    };
    Checked on_this_page;
    const Checked& checked = ResolvedUrls::page_independent(reference.url)
                                 ? resolved.find_or_check(reference, check)
                                 : (on_this_page = check());
    if (checked.target.kind != Target::Kind::internal) return std::nullopt;
    targets.add(link_target_of(checked.target));
    if (checked.fault) return Found{index, *checked.fault, checked.target};
    return std::nullopt;
}

// A page unchanged since the previous build: do its recorded targets still check?
bool still_checks(const ScannedSite& site, const LinkRecord& record) {
    std::string scratch;
    bool holds = true;
    const bool readable = for_each_target(record.targets, [&](const LinkTarget& target) {
        if (holds && fault_of(site, nullptr, target, scratch)) holds = false;
    });
    return readable && holds;
}

Diagnostic describe(const Found& found, const html::Reference& reference, const Origin& origin, const std::string& note) {
    const std::string shown = found.target.path;
    switch (found.fault) {
    case Fault::broken_link:
        if (found.target.outside_base)
            return make_error(origin.path, origin.line, origin.col,
                              "link leaves the site: " + shown + " is outside the base URL's path",
                              "write site links as /section/page/ (the build adds the base path) or relative; " + note);
        return make_coded("E0306", origin.path, origin.line, origin.col, {{"url", shown}, {"where", note}});
    case Fault::missing_file: {
        // Static CSS and JS are published only under fingerprinted names (docs/outputs.md).
        const bool fingerprinted = shown.rfind("/css/", 0) == 0 || shown.rfind("/js/", 0) == 0;
        const std::string asset_call = "{{ asset(\"" + shown + "\") }}";
        return make_coded("E0308", origin.path, origin.line, origin.col,
                          {{"url", shown},
                           {"element", std::string(reference.element()) + (reference.rel.empty() ? "" : " rel=" + std::string(reference.rel))},
                           {"advice:en", fingerprinted ? "CSS and JS are published by content hash: in a template write " + asset_call
                                                       : "put the file beside the page in content/ or in static/, or fix its name"},
                           {"advice:ja", fingerprinted ? "CSS と JS は内容のハッシュ付きの名前で公開されます。テンプレートでは " + asset_call + " と書いてください"
                                                       : "ファイルをページと同じ content/ のフォルダか static/ に置くか、名前を直してください"},
                           {"where", note}});
    }
    case Fault::missing_anchor:
        break;
    }
    return make_coded("E0307", origin.path, origin.line, origin.col,
                      {{"url", shown}, {"id", found.target.fragment}, {"where", note}});
}

}  // namespace

void check_links(const ScannedSite& site, OriginFinder& origins, const WorkerPool& pool, ExternalLinks external_links,
                 CheckReport& report) {
    std::vector<std::vector<Found>> found(site.size());
    report.records.assign(site.size(), {});
    std::vector<char> stale(site.size(), 0);
    // Runs of pages, each with its own ResolvedUrls: results land by page, so
    // they do not depend on how the runs are cut or spread over threads.
    constexpr std::size_t run_length = 512;
    const std::size_t runs = (site.size() + run_length - 1) / run_length;
    pool.for_each_index(runs, [&](std::size_t run) {
        ResolvedUrls resolved;
        std::string scratch;
        for (std::size_t page = run * run_length; page < std::min(site.size(), (run + 1) * run_length); ++page) {
            const HtmlOutput& output = site.output(page);
            if (const LinkRecord* record = output.record()) {
                // An early record's targets were never checked; a known one's
                // were, by the build that made the live tree.
                if (output.early || !site.input().known_targets_hold) stale[page] = !still_checks(site, *record);
                continue;
            }
            const auto& references = site.document(page).references;
            TargetListWriter targets(references.size());
            for (std::size_t i = 0; i < references.size(); ++i)
                if (auto problem = check_reference(site, page, i, targets, scratch, resolved))
                    found[page].push_back(std::move(*problem));
            LinkRecord& record = report.records[page];
            record.targets = targets.finish();
            record.ids = site.document(page).ids;
        }
    });
    for (std::size_t page = 0; page < site.size(); ++page)
        if (stale[page]) report.stale.push_back(page);
    std::map<std::string, ExternalLink> external;
    for (std::size_t page = 0; page < site.size(); ++page) {
        const HtmlOutput& output = site.output(page);
        const auto& references = site.document(page).references;
        report.references += output.early ? output.early->references : references.size();
        for (const Found& problem : found[page]) {
            const html::Reference& reference = references[problem.reference];
            const Origin origin = origins.find(output, reference.url);
            report.problems.push_back(describe(problem, reference, origin, OriginFinder::page_note(output)));
        }
        if (external_links == ExternalLinks::skip) continue;
        for (const auto& reference : references) {
            const Target target = site.resolve(page, reference.url);
            if (target.kind != Target::Kind::external || external.count(target.path)) continue;
            const Origin origin = origins.find(output, reference.url);
            external.emplace(target.path, ExternalLink{target.path, origin.path, origin.line, origin.col});
        }
    }
    for (auto& [url, link] : external) report.external.push_back(std::move(link));
}

}  // namespace portal::check
