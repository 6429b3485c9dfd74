// The build daemon (`portal daemon run`, started by `portal build --daemon`):
// a background process that keeps one project's last good build in memory,
// as `portal serve` does, and runs the builds its clients ask for. A
// `portal build --daemon` is then a short process that sends its options
// over the daemon's socket and prints the reply; an edit of a page body is
// rebuilt from the kept build (build/hot_rebuild.h) in tens of milliseconds
// instead of the seconds a new process spends loading every page.
//
// What changed between two builds comes from an inotify watch of the same
// sources serve watches (serve/file_watcher.h); anything the hot rebuild
// does not take builds in full from the pages kept by file stamp. Builds are
// the same `build::run_build` as any other, with the same lock: a build by
// another process in between is noticed and the next one starts afresh.
// The daemon exits after `idle` without a request, on `portal daemon stop`,
// and when a client of another binary asks (it is then started again).
// See docs/daemon.md.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>

namespace portal::daemon {

struct DaemonOptions {
    std::filesystem::path root;  // the project (absolute)
    std::chrono::seconds idle{30 * 60};
    // Where its output goes once it holds the project's lock, the file started
    // afresh (`build --daemon` starts it with <cache>/daemon.log); empty: stdout.
    std::filesystem::path log;
};

// The cache folder the daemon of `root` keeps its socket, lock and log in.
std::filesystem::path daemon_folder(const std::filesystem::path& root);

// Serves builds until idle, stopped or replaced; `log` gets a line per build.
// Returns 0, or 1 when it cannot start (another daemon runs for the project,
// the socket cannot be made).
int run_build_daemon(const DaemonOptions& options, std::ostream& log);

}  // namespace portal::daemon
