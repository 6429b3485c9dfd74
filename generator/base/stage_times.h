// Wall and CPU time of each stage of a build, for `portal build --verbose` and
// for seeing what dominates a build (docs/performance.md). CPU time is the
// whole process's (every thread, user and system): a stage whose CPU time is
// under twice its wall time on two cores left a core idle. Owned by one
// build; marks are made by the thread that runs the pipeline, not by workers.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "base/progress.h"

namespace portal {

struct StageTime {
    std::string name;
    double milliseconds = 0;      // wall
    double cpu_milliseconds = 0;  // the process's, all threads
};

class StageTimes {
public:
    // `progress` (not owned, may be null) is told of each stage as it ends.
    explicit StageTimes(ProgressLine* progress = nullptr)
        : last_(Clock::now()), last_cpu_(process_cpu_milliseconds()), progress_(progress) {}

    // Records the time since the previous mark (or since construction) as `name`.
    void mark(std::string name) {
        const auto now = Clock::now();
        const double cpu = process_cpu_milliseconds();
        stages_.push_back({std::move(name), std::chrono::duration<double, std::milli>(now - last_).count(),
                           cpu - last_cpu_});
        last_ = now;
        last_cpu_ = cpu;
        if (progress_) progress_->stage_done(stages_.back().name);
    }

    // In the order they were marked.
    const std::vector<StageTime>& stages() const { return stages_; }

private:
    using Clock = std::chrono::steady_clock;

    static double process_cpu_milliseconds() {
        rusage usage{};
        ::getrusage(RUSAGE_SELF, &usage);
        auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
        return ms(usage.ru_utime) + ms(usage.ru_stime);
    }

    Clock::time_point last_;
    double last_cpu_;
    ProgressLine* progress_;
    std::vector<StageTime> stages_;
};

}  // namespace portal
