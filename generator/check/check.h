// Checks of a finished build, in memory, before anything is written:
//
//   links        every URL in every generated HTML page leads to a file of
//                the output (pages, PDFs, images, stylesheets, scripts), and
//                every #fragment to an id of the target page
//   alt          every <img> has an alt attribute; Markdown images have alt text
//   translations every page has a version in each language
//   reachability every page can be reached from a home page by following links
//   titles       no two pages of one language share a title
//
// `portal build` runs the link checks (a broken link fails the build);
// `portal check` runs them all. Every problem is a Diagnostic at the place an
// editor fixes it: the content file and line of the Markdown link or
// shortcode, the front matter line, the template or config.toml line that
// writes the URL; the output URL goes in the hint. See docs/check.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "check/link_record.h"
#include "check/page_links.h"
#include "content/site.h"
#include "html/scan.h"

namespace portal::check {

// A generated HTML page and what produced it.
struct HtmlOutput {
    std::string output_path;                // "cases/x/index.html"
    std::string_view html;                  // owned by the caller, outlives the check
    std::string source_path;                // content file or config.toml
    std::size_t page = content::no_page;    // the content page rendered into it (a section's _index for lists)
    std::string template_path;              // project-relative: "themes/default/templates/cases/page.html"
    // An unchanged page of an incremental build (Scope::links only): checked
    // from what the previous build recorded, `html` left empty.
    const LinkRecord* known = nullptr;
    // A page of a first build (Scope::links only), written out as soon as it
    // was rendered and its bytes released (`html` empty): checked from the
    // record made of it then, whose targets nothing has checked yet.
    const PageLinks* early = nullptr;

    // What the check has of the page instead of its HTML, if anything.
    const LinkRecord* record() const { return known ? known : early ? &early->record : nullptr; }
};

struct CheckInput {
    std::filesystem::path root;               // project folder: content files are read from here on the error path
    const content::Site* site = nullptr;
    std::vector<HtmlOutput> pages;            // every generated HTML file
    std::vector<std::string> output_paths;    // every file the output will hold, `pages`' included
    // Project files where URLs are written by hand (templates, then
    // config.toml): where a link that is in no content file is looked for.
    // Project-relative; read only when a problem needs locating.
    std::vector<std::string> url_sources;
    // The targets of `known` pages are not checked again: the caller knows
    // that every file and id the previous build had is still there (their
    // targets all checked then). Their ids are still used.
    bool known_targets_hold = false;
};

enum class Scope {
    links,  // broken links, missing anchors and files (portal build)
    all,    // everything above (portal check)
};

struct ExternalLink {
    std::string url;
    std::string path;  // the first place it is written
    int line = 0;
    int col = 0;
    std::string where() const;  // "content/x.ja.md:12"
};

struct CheckReport {
    std::vector<Diagnostic> problems;   // errors and warnings, unsorted
    std::vector<ExternalLink> external; // every external URL once, first place it appears (Scope::all only)
    std::size_t references = 0;         // URLs checked (of pages read or `early`, not `known` ones)
    // Scope::links: each page's record for the next build, by index of
    // CheckInput::pages (empty for `known` pages: theirs is unchanged; and
    // for `early` ones: theirs is the record).
    std::vector<LinkRecord> records;
    // `known` and `early` pages with a target that does not check: give their
    // HTML and run again to have the problems reported where they were written.
    std::vector<std::size_t> stale;
};

CheckReport run_checks(const CheckInput& input, Scope scope, const WorkerPool& pool);

}  // namespace portal::check
