// The link record a first build makes of each page as it renders it
// (check/page_links.h) must be the record the link check makes of the same
// bytes, and the check must treat its targets as unchecked.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "base/parallel.h"
#include "check/check.h"
#include "check/page_links.h"

using portal::check::CheckInput;
using portal::check::HtmlOutput;
using portal::check::PageLinks;

namespace {

// A page with every kind of URL the record keeps or leaves out: root-relative,
// relative, fragments (here and elsewhere), repeats, external, mailto:, the
// site's own absolute URLs, one above the base path, percent-escapes.
std::string page_html(const std::string& base_path) {
    return "<!doctype html><html><head><title>t</title>"
           "<link rel=\"stylesheet\" href=\"" + base_path + "/css/site.css\">"
           "<link rel=\"alternate\" href=\"https://example.org/pr/42/en/\"></head><body>"
           "<a href=\"" + base_path + "/cases/\">cases</a>\n"
           "<a href=\"" + base_path + "/cases/\">again</a>\n"
           "<a href=\"../b/\">sibling</a> <a href=\"./c.pdf\">pdf</a>\n"
           "<a href=\"#intro\">here</a> <a href=\"" + base_path + "/cases/#top\">top</a>\n"
           "<a href=\"" + base_path + "/%E3%83%86/#%E8%A6%8B\">te</a>\n"
           "<a href=\"/elsewhere/\">outside</a>\n"
           "<a href=\"https://www.mhlw.go.jp/\">mhlw</a> <a href=\"mailto:a@example.org\">mail</a>\n"
           "<h2 id=\"intro\">i</h2><a name=\"old\"></a>"
           "<img src=\"" + base_path + "/img/x.png\" alt=\"\"></body></html>";
}

// What the link check records of `html` at `output_path`, read from its bytes.
portal::check::LinkRecord checked_record(const std::string& html, const std::string& output_path,
                                         const std::string& base_url) {
    portal::content::Site site;
    site.config.base_url = base_url;
    CheckInput input;
    input.site = &site;
    HtmlOutput page;
    page.output_path = output_path;
    page.html = html;
    input.pages.push_back(page);
    input.output_paths = {output_path};  // the targets need not exist: the record lists them all the same
    const portal::WorkerPool pool(1);
    auto report = portal::check::run_checks(input, portal::check::Scope::links, pool);
    REQUIRE(report.records.size() == 1);
    return report.records[0];
}

}  // namespace

TEST_CASE("check::read_page_links makes the record the link check makes of the same bytes") {
    for (const std::string base_url : {"https://example.org/", "https://example.org/pr/42/"}) {
        const std::string base_path = base_url == "https://example.org/" ? "" : "/pr/42";
        CAPTURE(base_url);
        const std::string html = page_html(base_path);
        const std::string path = "en/news/a/index.html";
        const PageLinks early = portal::check::read_page_links(html, path, {base_url, base_path});
        const auto checked = checked_record(html, path, base_url);
        CHECK(early.record.targets == checked.targets);  // the same targets, in the same order, each once
        CHECK(early.record.ids == checked.ids);
        CHECK(early.record.ids == std::vector<std::string>{"intro", "old"});
        CHECK(early.references == 13);
        std::vector<std::string> paths;
        portal::check::for_each_target(early.record.targets, [&](const portal::check::LinkTarget& t) {
            paths.push_back(std::string(t.path) + (t.has_fragment ? "#" + std::string(t.fragment) : "") +
                            (t.outside_base ? " (outside)" : ""));
        });
        // Only internal targets: the site's own absolute URL, mailto: and the
        // external link are not there.
        CHECK(paths == std::vector<std::string>{"/css/site.css", "/cases/", "/en/news/b/", "/en/news/a/c.pdf",
                                                "/en/news/a/#intro", "/cases/#top", "/テ/#見", "/elsewhere/" +
                                                std::string(base_path.empty() ? "" : " (outside)"),
                                                "/img/x.png"});
    }
}

TEST_CASE("check::run_checks: an early page's targets are checked, whatever is said of known ones") {
    portal::content::Site site;
    site.config.base_url = "https://example.org/";
    const std::string linking = "<a href=\"/b/#part\">b</a> <a href=\"/c/\">c</a>";
    const std::vector<std::string> targets_there = {"b/index.html", "c/index.html"};
    for (const bool target_there : {true, false}) {
        CAPTURE(target_there);
        const PageLinks early = portal::check::read_page_links(linking, "a/index.html", {site.config.base_url, ""});
        const PageLinks target = portal::check::read_page_links("<h2 id=\"part\">p</h2>", "b/index.html",
                                                                {site.config.base_url, ""});
        CheckInput input;
        input.site = &site;
        input.known_targets_hold = true;  // says nothing of early pages
        HtmlOutput a, b;
        a.output_path = "a/index.html";
        a.early = &early;
        b.output_path = "b/index.html";
        b.early = &target;
        input.pages = {a, b};
        input.output_paths = {"a/index.html", "b/index.html"};
        if (target_there) input.output_paths.push_back("c/index.html");
        const portal::WorkerPool pool(2);
        const auto report = portal::check::run_checks(input, portal::check::Scope::links, pool);
        // A page read from its record is not reported from it: the caller reads
        // it again (build/build.cpp) to say where the URL was written.
        CHECK(report.problems.empty());
        CHECK(report.stale == (target_there ? std::vector<std::size_t>{} : std::vector<std::size_t>{0}));
        CHECK(report.references == 2);  // the early pages' URLs count as checked
    }
}
