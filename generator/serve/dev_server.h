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

namespace httplib {
class Server;
}

namespace portal::serve {

class DevServer {
public:
    DevServer(std::filesystem::path site, const BuildStatus& status);
    ~DevServer();

    // Binds 127.0.0.1:`port` (0: any free port) and returns the port.
    Result<int> bind(int port);
    // Serves until stop(); call from its own thread.
    void run();
    void stop();

private:
    std::filesystem::path site_;
    const BuildStatus& status_;
    std::unique_ptr<httplib::Server> server_;
};

}  // namespace portal::serve
