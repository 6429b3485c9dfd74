// Stages 1–6 of the pipeline (see ARCHITECTURE.md): everything a build would
// write, held in memory. `portal build` checks the links of the result and
// writes it; `portal check` runs every check on it and writes nothing.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "base/stage_times.h"
#include "build/asset_function.h"
#include "build/build.h"
#include "build/build_state.h"
#include "build/render_outputs.h"
#include "build/template_values.h"
#include "content/site.h"

namespace portal::build {

struct SiteOutput {
    std::shared_ptr<BuildState> state;   // the site model, read-only from here on (and what portal serve keeps)
    std::vector<RenderedFile> files;     // rendered pages, then feeds, calendars, ..., fingerprinted CSS and JS
    std::vector<StaticFile> statics;
    // Project-relative template folders, most specific first ("templates",
    // "themes/default/templates"): where a template name's file is.
    std::vector<std::string> template_dirs;

    content::Site& site() const { return state->site; }
};

// Decides which planned outputs to render (1) and which to reuse (0): the
// build cache's hook (build/build_cache.h). `now_iso` is the build time;
// `assets` what asset() answers.
using SelectOutputs = std::function<std::vector<char>(const RenderPlan& plan, const SiteValues& values,
                                                      const content::Site& site, const std::string& now_iso,
                                                      const AssetUrls& assets)>;

// Loads, parses, models, expands and renders the site under `root` (absolute).
// Errors name files as given (absolute template paths included).
// `missing_translations` gets one summary line per section and language that has pages without a translation.
// With `select`, outputs it rejects come back `reused`, without data.
// With `times`, each stage's wall time is marked there. With `keep`, the
// state keeps what a hot rebuild starts from (BuildState), else it holds the
// model only. `on_rendered`: see render_planned (templated outputs only).
Result<SiteOutput> assemble_site(const BuildOptions& options, const std::filesystem::path& root, const WorkerPool& pool,
                                 std::vector<std::string>& missing_translations, const SelectOutputs* select = nullptr,
                                 StageTimes* times = nullptr, bool keep = false,
                                 const OnRendered* on_rendered = nullptr);

}  // namespace portal::build
