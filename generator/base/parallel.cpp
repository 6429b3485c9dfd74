#include "base/parallel.h"

#include "base/progress.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace portal {

WorkerPool::WorkerPool(unsigned jobs, ProgressLine* progress) : progress_(progress) {
    jobs_ = jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : jobs;
}

void WorkerPool::for_each_index(std::size_t count, const std::function<void(std::size_t)>& work) const {
    const std::size_t threads = std::min<std::size_t>(jobs_, count);
    std::atomic<std::size_t> done{0};
    auto finished_one = [&] {
        if (progress_) progress_->items_done(++done, count);
    };
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            work(i);
            finished_one();
        }
        return;
    }
    // Workers pull the next index from a shared counter: cheap load balancing
    // for pages of very different sizes.
    std::atomic<std::size_t> next{0};
    auto run = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            work(i);
            finished_one();
        }
    };
    std::vector<std::jthread> workers;
    workers.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(run);
    run();
}

}  // namespace portal
