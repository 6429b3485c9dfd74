// One status line for a long build on a terminal, rewritten in place and
// erased at the end, e.g.
//
//   portal: stage 6 (after render) · 12,345 of 31,797
//
// Off unless the command line turned it on (cli: stderr is a terminal and
// the CI variable is unset, or --progress always). A build that ends within
// `delay` shows nothing. Owned by the command that runs the build; the
// pipeline thread reports stages, any worker reports items.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace portal {

class ProgressLine {
public:
    // `terminal`: where to draw (stderr), or nullptr for a line that never shows.
    ProgressLine(std::FILE* terminal, std::chrono::milliseconds delay);

    // A stage of the build has finished.
    void stage_done(std::string_view name);
    // `done` of `total` items of the current parallel step are finished.
    // Called from workers: draws at most ten times a second.
    void items_done(std::size_t done, std::size_t total);
    // Erases the line, so what the command prints next starts clean.
    void clear();

private:
    using Clock = std::chrono::steady_clock;
    void draw_locked(std::size_t done, std::size_t total, bool force);

    std::FILE* terminal_;
    Clock::time_point started_;
    std::chrono::milliseconds delay_;
    std::mutex mutex_;
    Clock::time_point last_draw_{};
    std::size_t stages_ = 0;
    std::string last_stage_;
    bool drawn_ = false;
};

}  // namespace portal
