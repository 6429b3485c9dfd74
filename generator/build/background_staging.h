// Writing a build's outputs into the spare tree while its link check runs.
//
// At N = 10,000 a new tree is 29,000 folders and 31,800 files, about two
// seconds of one thread, nearly all of it the kernel's; a second thread made
// that CPU dearer (contention in the file system) more than it made it
// faster, and with the write after the check one core sat idle for ~1.5 s.
// So one writer thread does it while the check spreads over the cores, and
// the build's own thread joins it once the check is done. The spare tree is
// not live until the build publishes it (BuildCache::publish), so a check
// that fails still leaves the live tree untouched.
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
    // Works through `cache`, which must outlive this.
    explicit BackgroundStaging(BuildCache& cache);
    ~BackgroundStaging();  // waits for a write still running
    BackgroundStaging(const BackgroundStaging&) = delete;
    BackgroundStaging& operator=(const BackgroundStaging&) = delete;

    // Starts writing `output`'s files and static copies (BuildCache::stage).
    // `output` and `live` must stay unchanged until drop() or finish().
    void start(const SiteOutput& output, const BuildCache::LiveEntries& live);
    // Waits for the write and forgets it: call before changing the outputs
    // it was started on. The spare tree it left is valid; the next start()
    // brings it up to date again.
    void drop();
    // Helps the write to its end (the caller has nothing else to do); what
    // BuildCache::publish takes.
    Result<BuildCache::Staged> finish();

private:
    BuildCache& cache_;
    WorkerPool pool_;  // one thread: see above
    std::vector<CopiedFile> copied_;
    std::optional<std::future<Result<BuildCache::Staged>>> running_;
};

}  // namespace portal::build
