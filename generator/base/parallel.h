// The build's one worker pool. Work is split by index into pre-sized vectors,
// so results land in a fixed order whatever the thread count: parallel and
// serial builds are byte-identical without any locking of the outputs.
#pragma once

#include <cstddef>
#include <functional>

namespace portal {

class ProgressLine;

class WorkerPool {
public:
    // `jobs` == 0 means one worker per hardware thread. `progress` (not
    // owned, may be null) is told how many items of each call are done.
    explicit WorkerPool(unsigned jobs, ProgressLine* progress = nullptr);
    unsigned size() const { return jobs_; }

    // Calls `work(i)` for every i in [0, count), spread over the workers, and
    // returns when all calls have returned. `work` must not throw.
    void for_each_index(std::size_t count, const std::function<void(std::size_t)>& work) const;

private:
    unsigned jobs_;
    ProgressLine* progress_;
};

}  // namespace portal
