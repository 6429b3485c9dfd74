#include "serve/build_status.h"

namespace portal::serve {

void BuildStatus::publish(bool ok, std::string errors_json) {
    {
        std::lock_guard lock(mutex_);
        ++state_.generation;
        state_.ok = ok;
        state_.errors_json = std::move(errors_json);
    }
    changed_.notify_all();
}

BuildState BuildStatus::current() const {
    std::lock_guard lock(mutex_);
    return state_;
}

std::optional<BuildState> BuildStatus::wait_newer(std::uint64_t seen, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return stopped_ || state_.generation > seen; });
    if (stopped_ || state_.generation <= seen) return std::nullopt;
    return state_;
}

void BuildStatus::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    changed_.notify_all();
}

bool BuildStatus::stopped() const {
    std::lock_guard lock(mutex_);
    return stopped_;
}

}  // namespace portal::serve
