#include "build/background_staging.h"

#include <chrono>

namespace portal::build {

BackgroundStaging::BackgroundStaging(BuildCache& cache) : cache_(cache), pool_(1) {}

BackgroundStaging::~BackgroundStaging() {
    drop();
    if (opening_)
        if (auto opened = opening_->get()) cache_.close_spare(std::move(*opened));
}

void BackgroundStaging::open(std::vector<std::string> expected_paths) {
    if (opening_ || running_) return;  // opened already
    opening_ = std::async(std::launch::async, [this, paths = std::move(expected_paths)] { return cache_.open_spare(paths); });
}

void BackgroundStaging::start(const SiteOutput& output, const BuildCache::LiveEntries& live) {
    drop();
    copied_.clear();
    for (const auto& file : output.statics) copied_.push_back({file.from, file.to});
    // The tree open() opened, if no write has used it yet.
    std::optional<std::future<Result<fs::OpenedSpare>>> opening = std::move(opening_);
    opening_.reset();
    running_ = std::async(std::launch::async, [this, &output, &live, opening = std::move(opening)]() mutable {
        auto opened = opening ? opening->get() : cache_.open_spare({});
        if (!opened) return Result<BuildCache::Staged>(opened.errors());
        return cache_.stage(std::move(*opened), output.files, copied_, live, pool_);
    });
}

void BackgroundStaging::drop() {
    if (running_) running_->wait();
    running_.reset();
}

Result<BuildCache::Staged> BackgroundStaging::finish() {
    if (!running_) return make_error("", 0, 0, "internal error: no outputs were staged");
    // The caller has nothing else to do: its thread joins the writer's loops
    // (the check done, a core is free; at N = 10,000 the writer was still at
    // it for 0.7-1.2 s after the check).
    while (running_->wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        if (!pool_.help()) running_->wait_for(std::chrono::milliseconds(1));
    auto staged = running_->get();
    running_.reset();
    return staged;
}

}  // namespace portal::build
