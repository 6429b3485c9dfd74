// Broken internal links, missing anchors and missing files.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <map>
#include <optional>

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
bool names_a_file(const html::Reference& reference, const Target& target) {
    if (reference.kind == html::ReferenceKind::resource) return true;
    const std::string& path = target.path;
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
    return path.compare(dot, std::string::npos, ".html") != 0;
}

// The fragments every page has without an id: "#" and "#top" scroll to the top (HTML spec).
bool always_valid_fragment(const std::string& fragment) { return fragment.empty() || fragment == "top"; }

// What is wrong with an internal `target`, if anything; `reference` says
// whether it names a file (nullptr: a recorded target, only pass or fail matters).
std::optional<Fault> fault_of(const ScannedSite& site, const html::Reference* reference, const Target& target) {
    const std::string file = site.file_for(target);
    if (file.empty())
        return reference && names_a_file(*reference, target) ? Fault::missing_file : Fault::broken_link;
    if (!target.has_fragment || always_valid_fragment(target.fragment)) return std::nullopt;
    const std::size_t target_page = site.page_at(file);
    if (target_page == ScannedSite::npos) return std::nullopt;  // a PDF's #page=2 is not ours to check
    const auto& ids = site.ids(target_page);
    if (std::binary_search(ids.begin(), ids.end(), target.fragment)) return std::nullopt;
    return Fault::missing_anchor;
}

// Drops every target equal to an earlier one, keeping document order. Pages
// have ~85 targets, lists and term pages hundreds: a search of the kept ones
// for each new target was quadratic (memcmp was 4 % of a cold build).
void keep_first_of_each(std::vector<LinkTarget>& targets) {
    if (targets.size() < 2) return;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_hash(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const LinkTarget& t = targets[i];
        const std::uint64_t hash = std::hash<std::string_view>{}(t.path) * 31 +
                                   std::hash<std::string_view>{}(t.fragment) * 7 + (t.has_fragment ? 2u : 0u) +
                                   (t.outside_base ? 1u : 0u);
        by_hash[i] = {hash, static_cast<std::uint32_t>(i)};
    }
    std::sort(by_hash.begin(), by_hash.end());  // equal hashes in document order
    std::vector<char> dropped(targets.size(), 0);
    for (std::size_t run = 0; run < by_hash.size();) {
        std::size_t end = run + 1;
        while (end < by_hash.size() && by_hash[end].first == by_hash[run].first) ++end;
        for (std::size_t k = run + 1; k < end; ++k)
            for (std::size_t j = run; j < k; ++j)
                if (!dropped[by_hash[j].second] && targets[by_hash[j].second] == targets[by_hash[k].second]) {
                    dropped[by_hash[k].second] = 1;
                    break;
                }
        run = end;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < targets.size(); ++i)
        if (!dropped[i]) {
            if (kept != i) targets[kept] = std::move(targets[i]);
            ++kept;
        }
    targets.resize(kept);
}

std::optional<Found> check_reference(const ScannedSite& site, std::size_t page, std::size_t index, LinkRecord& record) {
    const html::Reference& reference = site.document(page).references[index];
    Target target = site.resolve(page, reference.url);
    if (target.kind != Target::Kind::internal) return std::nullopt;
    const auto fault = fault_of(site, &reference, target);
    if (fault) {
        record.targets.push_back({target.path, target.fragment, target.has_fragment, target.outside_base});
        return Found{index, *fault, std::move(target)};
    }
    // The usual case: the target's strings move into the record (1.7 million copies at N = 10,000).
    record.targets.push_back({std::move(target.path), std::move(target.fragment), target.has_fragment, target.outside_base});
    return std::nullopt;
}

// A page unchanged since the previous build: do its recorded targets still check?
bool still_checks(const ScannedSite& site, const LinkRecord& record) {
    Target target;
    target.kind = Target::Kind::internal;
    for (const LinkTarget& kept : record.targets) {
        target.path = kept.path;
        target.fragment = kept.fragment;
        target.has_fragment = kept.has_fragment;
        target.outside_base = kept.outside_base;
        if (fault_of(site, nullptr, target)) return false;
    }
    return true;
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
                           {"element", std::string(reference.element) + (reference.rel.empty() ? "" : " rel=" + std::string(reference.rel))},
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
    pool.for_each_index(site.size(), [&](std::size_t page) {
        if (const LinkRecord* known = site.output(page).known) {
            if (!site.input().known_targets_hold) stale[page] = !still_checks(site, *known);
            return;
        }
        const auto& references = site.document(page).references;
        LinkRecord& record = report.records[page];
        for (std::size_t i = 0; i < references.size(); ++i)
            if (auto problem = check_reference(site, page, i, record)) found[page].push_back(std::move(*problem));
        keep_first_of_each(record.targets);
        record.ids = site.document(page).ids;
    });
    for (std::size_t page = 0; page < site.size(); ++page)
        if (stale[page]) report.stale.push_back(page);
    std::map<std::string, ExternalLink> external;
    for (std::size_t page = 0; page < site.size(); ++page) {
        const HtmlOutput& output = site.output(page);
        const auto& references = site.document(page).references;
        report.references += references.size();
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
