// portal serve's hot rebuild: an edit of pages applied to the last good
// build, kept in memory (BuildState), instead of a build from the sources.
//
// An editor previewing a page mostly changes its text, its title or a field
// such as a seminar's times. When every change since the kept build is such
// an edit of a page that build has — its body, or front matter fields the
// site model does not depend on (not its date, weight, slug, template,
// translation fields or taxonomies; a new title must keep its place in its
// lists) — the model, the URLs, lists, taxonomies and every other page stay
// as they were: the hot rebuild reloads those files, swaps them into the kept
// model and template values (a new title also where other pages link to it),
// re-renders only the outputs whose templates can read what changed (the same
// "can read" as the build cache's fingerprints), and remakes the extra
// outputs that can show it. The result goes through the same link checks and
// publishing as any build. Anything else — a new, deleted or renamed page, a
// front matter change the model depends on, a template, config or data file,
// a content error — makes it decline, and a full build runs (docs/serve.md).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/parallel.h"
#include "base/stage_times.h"
#include "build/assemble.h"
#include "build/build_cache.h"

namespace portal::build {

// What portal serve hands each build (BuildOptions::hot). The build takes
// `kept` (a failed build leaves it empty: its edits may be half applied) and
// puts its own state there when it succeeds.
struct HotRebuild {
    std::shared_ptr<BuildState> kept;  // the last good build's state, or null
    // The build cache of serve's builds, kept between them without its lock
    // (BuildCache::release_lock), or null.
    std::shared_ptr<BuildCache> cache;
    // The state a full build replaced: freed by prepare_next_build, once the
    // new site is served, so the editor does not wait on it (~0.4 s at
    // N = 10,000; for that moment serve holds two states).
    std::shared_ptr<BuildState> retired;
    std::set<std::string> changed;     // project-relative paths changed since it (from the file watcher)
    std::string declined;              // why the last build was a full one ("" when it was hot)
};

// The kept build's time stands for the build time of a hot rebuild (publish
// and expiry dates, upcoming events, `build_time`) for at most this long;
// with --now the time is fixed and this does not apply.
inline constexpr std::chrono::minutes hot_build_time_limit{10};

// Between builds (after the tabs were told of the last one), so that the
// first edit is as quick as the others, paid while the editor reads: frees
// the state the last build retired, saves the link records it left unsaved
// (BuildCache::save_links),
// indexes the kept build as a hot rebuild needs (its pages by path, the
// templates' references, the page values' blocks: ~30 ms at N = 10,000),
// and makes the spare tree if the last build left none (~1 s of links).
// True when it made a spare; no spare is made when there is no kept cache
// or another build published.
Result<bool> prepare_next_build(HotRebuild& hot, const std::filesystem::path& root, unsigned jobs);

// Applies `changed` to `state` and returns every output, as assemble_site
// does (unchanged templated outputs `reused`); `rendered` gets which templated
// outputs (by job) were rendered again. Nullopt, with the reason in
// `declined`, when the change could alter the site model: the caller then
// builds in full and drops `state`, which may be half updated.
std::optional<SiteOutput> hot_assemble(const std::shared_ptr<BuildState>& state, const std::set<std::string>& changed,
                                       const BuildOptions& options, const std::filesystem::path& root,
                                       const WorkerPool& pool, std::vector<char>& rendered, std::string& declined,
                                       StageTimes* times = nullptr);

}  // namespace portal::build
