// The outcome of the dev server's latest build, shared between the rebuild
// loop (which publishes it) and every open browser tab's event stream (which
// waits for the next one). The only state shared between threads in
// `portal serve`; a mutex and a condition variable guard it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace portal::serve {

struct BuildState {
    std::uint64_t generation = 0;  // counts finished builds, failed ones included
    bool ok = true;
    std::string errors_json;       // {"ok":false,"errors":[{"file","line","column","message","hint"}]}
};

class BuildStatus {
public:
    // Records a finished build and wakes every waiter.
    void publish(bool ok, std::string errors_json);

    BuildState current() const;

    // Waits until a build newer than `seen` finished, `timeout` passed or
    // stop() was called; nullopt for the last two.
    std::optional<BuildState> wait_newer(std::uint64_t seen, std::chrono::milliseconds timeout) const;

    // Wakes every waiter for good (server shutdown).
    void stop();
    bool stopped() const;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    BuildState state_;
    bool stopped_ = false;
};

}  // namespace portal::serve
