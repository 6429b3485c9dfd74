// Wall time of each stage of a build, for `portal build --verbose` and for
// seeing what dominates a build (docs/performance.md). Owned by one build;
// marks are made by the thread that runs the pipeline, not by workers.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace portal {

class StageTimes {
public:
    StageTimes() : last_(Clock::now()) {}

    // Records the time since the previous mark (or since construction) as `name`.
    void mark(std::string name) {
        const auto now = Clock::now();
        stages_.emplace_back(std::move(name), std::chrono::duration<double, std::milli>(now - last_).count());
        last_ = now;
    }

    // (name, milliseconds) in the order they were marked.
    const std::vector<std::pair<std::string, double>>& stages() const { return stages_; }

private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point last_;
    std::vector<std::pair<std::string, double>> stages_;
};

}  // namespace portal
