#include "build/background_staging.h"

namespace portal::build {

BackgroundStaging::BackgroundStaging(BuildCache& cache, unsigned jobs) : cache_(cache), pool_(jobs) {}

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
    auto staged = running_->get();
    running_.reset();
    return staged;
}

}  // namespace portal::build
