#include "build/background_staging.h"

#include <chrono>

namespace portal::build {

BackgroundStaging::BackgroundStaging(BuildCache& cache) : cache_(cache), pool_(1) {}

BackgroundStaging::~BackgroundStaging() { drop(); }

void BackgroundStaging::start(const SiteOutput& output, const BuildCache::LiveEntries& live) {
    drop();
    copied_.clear();
    for (const auto& file : output.statics) copied_.push_back({file.from, file.to});
    running_ = std::async(std::launch::async,
                          [this, &output, &live] { return cache_.stage(output.files, copied_, live, pool_); });
}

void BackgroundStaging::drop() {
    if (running_) running_->wait();
    running_.reset();
}

Result<BuildCache::Staged> BackgroundStaging::finish() {
    if (!running_) return make_error("", 0, 0, "internal error: no outputs were staged");
    // The check done, a core is free: this thread joins the writer's loops
    // (at N = 10,000 the writer alone was still at it 0.7-1.2 s after the check).
    while (running_->wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        if (!pool_.help()) running_->wait_for(std::chrono::milliseconds(1));
    auto staged = running_->get();
    running_.reset();
    return staged;
}

}  // namespace portal::build
