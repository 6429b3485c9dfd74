#include "base/parallel.h"

#include "base/progress.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace portal {

// One call of for_each_index: workers (and helpers) pull the next index
// from a shared counter, cheap load balancing for items of very different sizes.
struct WorkerPool::Loop {
    std::size_t count = 0;
    const std::function<void(std::size_t)>* work = nullptr;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
};

// The loop other threads may join, and how many are in it.
struct WorkerPool::Joinable {
    std::mutex mutex;
    std::condition_variable helpers_left;
    Loop* loop = nullptr;
    int helpers = 0;
};

WorkerPool::WorkerPool(unsigned jobs, ProgressLine* progress)
    : progress_(progress), joinable_(std::make_unique<Joinable>()) {
    jobs_ = jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : jobs;
}

WorkerPool::~WorkerPool() = default;

void WorkerPool::run(Loop& loop) const {
    for (std::size_t i = loop.next++; i < loop.count; i = loop.next++) {
        (*loop.work)(i);
        const std::size_t done = ++loop.done;
        if (progress_) progress_->items_done(done, loop.count);
    }
}

void WorkerPool::for_each_index(std::size_t count, const std::function<void(std::size_t)>& work, Waits waits) const {
    Loop loop;
    loop.count = count;
    loop.work = &work;
    bool joinable = false;  // a loop inside another's work is not offered: the outer one is
    {
        const std::lock_guard lock(joinable_->mutex);
        if (!joinable_->loop) joinable_->loop = &loop, joinable = true;
    }
    const std::size_t wanted = waits == Waits::on_disk ? std::size_t{2} * jobs_ : jobs_;
    const std::size_t threads = std::min<std::size_t>(wanted, count);
    {
        std::vector<std::jthread> workers;
        if (threads > 1) workers.reserve(threads - 1);
        for (std::size_t t = 1; t < threads; ++t) workers.emplace_back([&] { run(loop); });
        run(loop);
    }
    if (!joinable) return;
    // Helpers may still be inside their last item: `loop` lives until they leave.
    std::unique_lock lock(joinable_->mutex);
    joinable_->loop = nullptr;
    joinable_->helpers_left.wait(lock, [&] { return joinable_->helpers == 0; });
}

bool WorkerPool::help() const {
    Loop* loop = nullptr;
    {
        const std::lock_guard lock(joinable_->mutex);
        loop = joinable_->loop;
        if (!loop) return false;
        ++joinable_->helpers;
    }
    run(*loop);
    // Notified under the lock: once the loop's owner sees no helper left it
    // may return and the pool be destroyed.
    const std::lock_guard lock(joinable_->mutex);
    --joinable_->helpers;
    joinable_->helpers_left.notify_all();
    return true;
}

}  // namespace portal
