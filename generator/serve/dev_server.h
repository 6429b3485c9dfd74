// The HTTP side of `portal serve` (cpp-httplib), on 127.0.0.1 only:
//
//   /__portal/reload.js  the live-reload script (serve/reload_script.h)
//   /__portal/events     server-sent events: `reload` after a good build,
//                        `failed` with the errors (JSON) after a bad one
//   /__portal/status     the latest build as JSON: {"ok", "generation", "errors"}
//   anything else        the file from the output folder (`/x/` → x/index.html),
//                        HTML pages with the reload script added
//
// Each open event stream holds one of the server's worker threads.
#pragma once

#include <filesystem>
#include <memory>

#include "base/diagnostics.h"
#include "serve/build_status.h"

namespace portal::serve {

// An interface: the server is cpp-httplib's, built into the HTTP module
// (serve/http_module.h) and reached through make_dev_server there.
class DevServer {
public:
    virtual ~DevServer() = default;
    // Binds 127.0.0.1:`port` (0: any free port) and returns the port.
    virtual Result<int> bind(int port) = 0;
    // Serves `site`'s files until stop(); call from its own thread.
    virtual void run() = 0;
    virtual void stop() = 0;
};

// Defined in the HTTP module only.
std::unique_ptr<DevServer> make_dev_server(std::filesystem::path site, const BuildStatus& status);

}  // namespace portal::serve
