// The build pipeline, stage by stage:
//   load config → discover + parse content (parallel) → site model →
//   load templates → render every output (parallel) → check links →
//   write into a staging directory → swap it into place of the output directory.
// `portal check` runs the same stages up to the checks, with every check, and
// writes nothing.
// Every stage returns diagnostics instead of stopping at the first problem;
// if any error is left at the end, the output directory is not touched.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/stage_times.h"
#include "check/check.h"

namespace portal {
class ProgressLine;
}

namespace portal::content {
class MarkdownMemo;
class PageCache;
}

namespace portal::build {

struct HotRebuild;

struct BuildOptions {
    std::filesystem::path root = ".";
    std::filesystem::path out;      // empty: <root>/site
    bool include_drafts = false;
    bool include_future = false;    // pages whose publish date is after the build time
    bool include_expired = false;   // pages past their expiry_date
    std::string now;                // build time as ISO 8601; empty: the clock (tests fix it)
    bool strict = false;            // undefined template variables and warnings are errors
    // Replaces config.toml's base_url ("https://owner.github.io/repo/pr/42/",
    // ending with '/'); a path in it prefixes every site-relative URL.
    std::string base_url;
    unsigned jobs = 0;              // 0: one per core
    // The build cache (docs/incremental.md): render only outputs whose inputs
    // changed, write only files whose bytes changed, through a spare tree.
    bool use_cache = true;
    std::filesystem::path cache_dir;  // empty: <root>/.portal-cache
    // Set by a one-shot `portal build` (the CLI, not serve or the daemon): a
    // build that succeeds leaves its model, outputs and check results to the
    // process's exit instead of freeing them piece by piece, as compilers do
    // (clang's -disable-free). At N = 10,000 that freeing was ~65 ms of one
    // thread after the site was published. Sanitizer builds free as usual.
    bool leave_memory_to_exit = false;
    // Renders of unchanged Markdown bodies (set by run_build with the cache; not owned).
    const content::MarkdownMemo* markdown_memo = nullptr;
    // portal serve: pages of unchanged content files, kept between builds (not owned).
    content::PageCache* page_cache = nullptr;
    // portal serve: the last good build kept in memory and what changed since
    // (build/hot_rebuild.h; not owned). A build of edits that keep the site model starts
    // from it; every successful build (with the cache) leaves its state there.
    HotRebuild* hot = nullptr;
    // A status line on the terminal while the build runs (not owned; null: none).
    ProgressLine* progress = nullptr;
};

struct BuildSummary {
    std::size_t pages = 0;          // content pages rendered
    std::size_t outputs = 0;        // files written, or that would be (pages, lists, static files)
    std::size_t rendered = 0;       // templated outputs rendered (with the cache, the others were unchanged)
    std::size_t written = 0;        // files written or copied (with the cache, the others were already right)
    std::size_t references = 0;     // URLs in generated HTML that were checked
    double milliseconds = 0;
    double check_milliseconds = 0;  // of which the checks of the finished site (check/)
    bool hot = false;               // a hot rebuild (build/hot_rebuild.h): only edits that keep the site model
    std::vector<StageTime> stages;  // in order: `build --verbose`
    // "cases: 2 of 6 pages have no en translation (toda-city, london-2012)" per section and language.
    std::vector<std::string> missing_translations;
};

// One line per stage, "  load config, templates and content: 880 ms" (`--verbose` of build and serve).
void print_stage_times(std::ostream& out, const BuildSummary& summary);

// Runs the whole pipeline. `diagnostics` receives every error and warning
// (sorted); the result is false when the build failed and nothing was written.
// A broken internal link, missing anchor or missing file is an error.
bool run_build(const BuildOptions& options, Diagnostics& diagnostics, BuildSummary& summary);

// Builds in memory and runs every check (check/check.h); writes nothing.
// False when there are errors (or, with options.strict, warnings).
// `external` gets every external URL once, with the first place it appears;
// with `fetch` (`check --external`: the HTTP module's fetch_external,
// serve/http_module.h), each is also requested and a failing one is a warning.
using FetchExternal = std::function<std::vector<Diagnostic>(const std::vector<check::ExternalLink>&)>;
bool run_check(const BuildOptions& options, const FetchExternal& fetch, Diagnostics& diagnostics,
               BuildSummary& summary, std::vector<check::ExternalLink>& external);

}  // namespace portal::build
