// Writing a build's outputs into the spare tree while its link check runs.
//
// At N = 10,000 both took about a second and a half of CPU, one after the
// other: the check's scan and URL lookups are spread over the cores, but the
// write is mostly the kernel's (creating 29,000 folders and 31,800 files),
// which a second thread barely speeds up. Run side by side, each fills the
// time the other leaves a core idle. The spare tree is not live until the
// build publishes it (BuildCache::publish), so a check that fails still
// leaves the live tree untouched.
#pragma once

#include <future>
#include <optional>
#include <vector>

#include "base/parallel.h"
#include "build/assemble.h"
#include "build/build_cache.h"

namespace portal::build {

class BackgroundStaging {
public:
    // Writes through `cache` (which must outlive this) on `jobs` threads of its own.
    BackgroundStaging(BuildCache& cache, unsigned jobs);
    ~BackgroundStaging();  // waits for a write still running
    BackgroundStaging(const BackgroundStaging&) = delete;
    BackgroundStaging& operator=(const BackgroundStaging&) = delete;

    // Starts writing `output`'s files and static copies (BuildCache::stage).
    // `output` and `live` must stay unchanged until drop() or finish().
    void start(const SiteOutput& output, const BuildCache::LiveEntries& live);
    // Waits for the write and forgets it: call before changing the outputs
    // it was started on (the spare tree it left is valid; the next stage
    // brings it up to date again).
    void drop();
    // Waits for the write; what BuildCache::publish takes.
    Result<BuildCache::Staged> finish();

private:
    BuildCache& cache_;
    WorkerPool pool_;
    std::vector<CopiedFile> copied_;
    std::optional<std::future<Result<BuildCache::Staged>>> running_;
};

}  // namespace portal::build
