// The build's one worker pool. Work is split by index into pre-sized vectors,
// so results land in a fixed order whatever the thread count: parallel and
// serial builds are byte-identical without any locking of the outputs.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace portal {

class ProgressLine;

class WorkerPool {
public:
    // `jobs` == 0 means one worker per hardware thread. `progress` (not
    // owned, may be null) is told how many items of each call are done.
    explicit WorkerPool(unsigned jobs, ProgressLine* progress = nullptr);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    unsigned size() const { return jobs_; }

    // What a loop's items spend their time on. Items that create files and
    // folders wait on the disk: ext4 reads the block of each new inode's
    // neighbours synchronously (1-4 ms on a virtual disk); so do items that
    // read files not in the page cache. A core whose only thread waits sits
    // idle: such loops run two threads per job, so that while one waits the
    // other computes (docs/performance.md, pass 19).
    enum class Waits { on_cpu, on_disk };

    // Calls `work(i)` for every i in [0, count), spread over the workers, and
    // returns when all calls have returned. `work` must not throw.
    void for_each_index(std::size_t count, const std::function<void(std::size_t)>& work,
                        Waits waits = Waits::on_cpu) const;

    // From a thread that is not one of this pool's: joins the loop
    // for_each_index is running now (the outermost one), taking indexes like
    // a worker until none is left. False when no loop was running. For a
    // pool kept small on purpose (the background writer's single thread)
    // that another thread can help once its own work is done.
    bool help() const;

private:
    struct Loop;
    struct Joinable;
    void run(Loop& loop) const;
    unsigned jobs_;
    ProgressLine* progress_;
    std::unique_ptr<Joinable> joinable_;
};

}  // namespace portal
