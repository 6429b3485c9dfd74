// Writing a build's outputs into the spare tree beside the rest of the build.
//
// At N = 10,000 a new tree is 29,000 folders and 31,800 files, about two
// seconds of one thread, nearly all of it the kernel's; a second thread made
// that CPU dearer (contention in the file system) more than it made it
// faster. So one writer thread does it, beside the work that spreads over
// the cores: it makes the new tree's folders while the outputs are
// fingerprinted and rendered (open), and writes the files while the link
// check runs (start). The spare tree is not live until the build publishes
// it (BuildCache::publish), so a check that fails still leaves the live tree
// untouched.
#pragma once

#include <future>
#include <optional>
#include <string>
#include <vector>

#include "base/parallel.h"
#include "build/assemble.h"
#include "build/build_cache.h"

namespace portal::build {

class BackgroundStaging {
public:
    // Works through `cache`, which must outlive this.
    explicit BackgroundStaging(BuildCache& cache);
    ~BackgroundStaging();  // waits for work still running; gives back a spare no write used
    BackgroundStaging(const BackgroundStaging&) = delete;
    BackgroundStaging& operator=(const BackgroundStaging&) = delete;

    // Opens the spare tree (BuildCache::open_spare) with the planned output
    // paths, in the background.
    void open(std::vector<std::string> expected_paths);
    // Starts writing `output`'s files and static copies (BuildCache::stage)
    // into the tree open() opened (opened now if it did not). `output` and
    // `live` must stay unchanged until drop() or finish().
    void start(const SiteOutput& output, const BuildCache::LiveEntries& live);
    // Waits for the write and forgets it: call before changing the outputs
    // it was started on. The spare tree it left is valid; the next start()
    // opens it again and brings it up to date.
    void drop();
    // Waits for the write; what BuildCache::publish takes.
    Result<BuildCache::Staged> finish();

private:
    BuildCache& cache_;
    WorkerPool pool_;  // one thread: see above
    std::vector<CopiedFile> copied_;
    std::optional<std::future<Result<fs::OpenedSpare>>> opening_;
    std::optional<std::future<Result<BuildCache::Staged>>> running_;
};

}  // namespace portal::build
