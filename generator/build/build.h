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

#include "base/diagnostics.h"

namespace portal::build {

struct BuildOptions {
    std::filesystem::path root = ".";
    std::filesystem::path out;      // empty: <root>/site
    bool include_drafts = false;
    bool strict = false;            // undefined template variables and warnings are errors
    unsigned jobs = 0;              // 0: one per core
    bool write_output = true;       // false: build in memory only (portal check)
};

struct BuildSummary {
    std::size_t pages = 0;          // content pages rendered
    std::size_t outputs = 0;        // files written (pages, lists, static files)
    double milliseconds = 0;
};

// Runs the whole pipeline. `diagnostics` receives every error and warning
// (sorted); the result is false when the build failed and nothing was written.
bool run_build(const BuildOptions& options, Diagnostics& diagnostics, BuildSummary& summary);

}  // namespace portal::build
