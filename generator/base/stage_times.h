// Wall time of each stage of a build, for `portal build --verbose` and for
// seeing what dominates a build (docs/performance.md). Owned by one build;
// marks are made by the thread that runs the pipeline, not by workers.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "base/progress.h"

namespace portal {

class StageTimes {
public:
    // `progress` (not owned, may be null) is told of each stage as it ends.
    explicit StageTimes(ProgressLine* progress = nullptr) : last_(Clock::now()), progress_(progress) {}

    // Records the time since the previous mark (or since construction) as `name`.
    void mark(std::string name) {
        const auto now = Clock::now();
        stages_.emplace_back(std::move(name), std::chrono::duration<double, std::milli>(now - last_).count());
        last_ = now;
        if (progress_) progress_->stage_done(stages_.back().first);
    }

    // (name, milliseconds) in the order they were marked.
    const std::vector<std::pair<std::string, double>>& stages() const { return stages_; }

private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point last_;
    ProgressLine* progress_;
    std::vector<std::pair<std::string, double>> stages_;
};

}  // namespace portal
