// `portal serve`: build, serve on 127.0.0.1, rebuild on every change of the
// sources (inotify, debounced) with the build cache, and tell open tabs to
// reload — or show the errors — through server-sent events. A failed build
// leaves the last good site served. SIGINT (Ctrl-C) and SIGTERM stop it
// cleanly: the watcher, the rebuild loop and the server are ended and joined.
// See docs/serve.md.
#pragma once

#include <functional>
#include <iosfwd>

#include "base/diagnostics.h"
#include "build/build.h"

namespace portal::serve {

struct ServeOptions {
    build::BuildOptions build;  // root, out, drafts, ...; the cache is always on
    int port = 1313;            // 0: any free port (printed)
    bool verbose = false;       // print each rebuild's stage times (as `build --verbose`)
};

// Prints a build's diagnostics (the cli layer's format).
using ReportDiagnostics = std::function<void(const Diagnostics&)>;

// Runs until SIGINT or SIGTERM. `log` gets one line per build and the URL
// ("serving http://127.0.0.1:1313/"). Returns the exit code: 0 after a signal,
// 1 when the server cannot start.
int run_serve(const ServeOptions& options, std::ostream& log, const ReportDiagnostics& report);

}  // namespace portal::serve
