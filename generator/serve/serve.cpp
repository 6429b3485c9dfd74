#include "serve/serve.h"

#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <ostream>
#include <set>
#include <thread>

#include "build/hot_rebuild.h"
#include "content/page_cache.h"
#include "serve/dev_server.h"
#include "serve/http_module.h"
#include "serve/file_watcher.h"

namespace portal::serve {

namespace stdfs = std::filesystem;

namespace {

// Quiet time after the last event before rebuilding, and the longest wait
// during a stream of events (a long `git checkout`).
constexpr std::chrono::milliseconds debounce_quiet{60};
constexpr std::chrono::milliseconds debounce_longest{500};

std::string errors_json(const Diagnostics& diagnostics) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& d : diagnostics.items())
        if (d.severity == Severity::error)
            errors.push_back({{"file", d.path}, {"line", d.line}, {"column", d.col}, {"message", d.message}, {"hint", d.hint}});
    return nlohmann::json{{"ok", false}, {"errors", errors}}.dump();
}

// One build; its outcome goes to the tabs and the log.
void rebuild(const build::BuildOptions& options, bool verbose, BuildStatus& status, std::ostream& log,
             const ReportDiagnostics& report) {
    Diagnostics diagnostics;
    build::BuildSummary summary;
    const bool ok = build::run_build(options, diagnostics, summary);
    report(diagnostics);
    if (ok)
        log << (summary.hot ? "hot rebuild: " : "built ") << summary.pages << " pages in "
            << static_cast<long>(summary.milliseconds) << " ms (" << summary.rendered << " rendered, " << summary.written
            << " written)" << std::endl;
    else
        log << "build failed: " << diagnostics.error_count() << " error(s); still serving the last good site" << std::endl;
    if (verbose) {
        if (!summary.hot && options.hot && !options.hot->declined.empty())
            log << "  full build: " << options.hot->declined << "\n";
        build::print_stage_times(log, summary);
        log.flush();
    }
    status.publish(ok, ok ? std::string() : errors_json(diagnostics));
}

// Between builds, once the site is served: what the next build needs ready
// (build::prepare_next_build).
void prepare_next_build(build::HotRebuild& hot, const build::BuildOptions& options, bool verbose, std::ostream& log) {
    // Not an error of the site: the next publish writes the spare from scratch instead.
    if (auto prepared = build::prepare_next_build(hot, options.root, options.jobs); !prepared)
        log << "note: could not prepare the spare output tree: " << prepared.errors().front().message << std::endl;
    else if (*prepared && verbose)
        log << "spare output tree made (links to the live one)" << std::endl;
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& log, const ReportDiagnostics& report) {
    build::BuildOptions build_options = options.build;
    build_options.use_cache = true;
    content::PageCache pages;  // only the rebuild in progress touches it: one at a time
    build_options.page_cache = &pages;
    build::HotRebuild hot;     // the last good build, for edits that keep the site model (build/hot_rebuild.h)
    build_options.hot = &hot;
    build_options.root = stdfs::absolute(build_options.root).lexically_normal();
    if (build_options.out.empty()) build_options.out = build_options.root / "site";
    build_options.out = stdfs::absolute(build_options.out).lexically_normal();

    // Signals are taken by sigwait below: block them before any thread starts, so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);  // a tab closed mid-response

    const int stop_fd = ::eventfd(0, EFD_CLOEXEC);
    auto watcher = FileWatcher::start(build_options.root, source_folders, source_files);
    if (!watcher || stop_fd < 0) {
        Diagnostics diagnostics;
        if (!watcher) diagnostics.add_all(watcher.errors());
        report(diagnostics);
        return 1;
    }
    auto http = load_http_module();
    if (!http) {
        Diagnostics diagnostics;
        diagnostics.add_all(http.errors());
        report(diagnostics);
        return 1;
    }
    BuildStatus status;
    const std::unique_ptr<DevServer> server = http->make_dev_server(build_options.out, status);
    auto port = server->bind(options.port);
    if (!port) {
        Diagnostics diagnostics;
        diagnostics.add_all(port.errors());
        report(diagnostics);
        return 1;
    }
    rebuild(build_options, options.verbose, status, log, report);
    log << "serving http://127.0.0.1:" << *port << "/ (Ctrl-C to stop)" << std::endl;

    std::thread serving([&] { server->run(); });
    std::thread rebuilding([&] {
        std::set<std::string> changed;
        prepare_next_build(hot, build_options, options.verbose, log);
        while (watcher->wait(stop_fd, debounce_quiet, debounce_longest, changed) == FileWatcher::Outcome::changed) {
            log << "changed: " << *changed.begin() << (changed.size() > 1 ? " and " + std::to_string(changed.size() - 1) + " more" : "")
                << std::endl;
            hot.changed = std::move(changed);
            changed.clear();
            rebuild(build_options, options.verbose, status, log, report);
            prepare_next_build(hot, build_options, options.verbose, log);
        }
    });

    int received = 0;
    sigwait(&signals, &received);
    log << "stopping" << std::endl;
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(stop_fd, &one, sizeof one);
    status.stop();
    server->stop();
    rebuilding.join();
    serving.join();
    ::close(stop_fd);
    return 0;
}

}  // namespace portal::serve
