// The build pipeline, stage by stage:
//   load config → discover + parse content (parallel) → site model →
//   load templates → render every output (parallel) → write into a staging
//   directory → swap it into place of the output directory.
// Every stage returns diagnostics instead of stopping at the first problem;
// if any error is left at the end, the output directory is not touched.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace portal::build {

struct BuildOptions {
    std::filesystem::path root = ".";
    std::filesystem::path out;      // empty: <root>/site
    bool include_drafts = false;
    bool include_future = false;    // pages whose publish date is after the build time
    bool include_expired = false;   // pages past their expiry_date
    std::string now;                // build time as ISO 8601; empty: the clock (tests fix it)
    bool strict = false;            // undefined template variables and warnings are errors
    unsigned jobs = 0;              // 0: one per core
    bool write_output = true;       // false: build in memory only (portal check)
};

struct BuildSummary {
    std::size_t pages = 0;          // content pages rendered
    std::size_t outputs = 0;        // files written (pages, lists, static files)
    double milliseconds = 0;
    // "cases: 2 of 6 pages have no en translation (toda-city, london-2012)" per section and language.
    std::vector<std::string> missing_translations;
};

// Runs the whole pipeline. `diagnostics` receives every error and warning
// (sorted); the result is false when the build failed and nothing was written.
bool run_build(const BuildOptions& options, Diagnostics& diagnostics, BuildSummary& summary);

}  // namespace portal::build
