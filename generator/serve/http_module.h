// The HTTP module: `libportal_http.so`, beside the portal binary, holds the
// only code that needs cpp-httplib — the dev server of `portal serve`
// (serve/dev_server.h) and the fetches of `portal check --external`
// (check/fetch_external.h) — and is loaded only by those two commands.
//
// Why a module: Debian's libcpp-httplib brings OpenSSL, zlib and Brotli, and
// loading them cost every start of `portal` ~10 ms of its ~17 (page faults of
// their relocations), though most commands never open a socket. That start
// is a sixth of `portal build --daemon` after an edit (docs/daemon.md).
// The module resolves the rest of the generator from the binary, which
// exports its symbols for it (CMakeLists.txt: ENABLE_EXPORTS).
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "base/diagnostics.h"
#include "check/check.h"
#include "check/fetch_external.h"
#include "serve/dev_server.h"

namespace portal::serve {

struct HttpModule {
    std::unique_ptr<DevServer> (*make_dev_server)(std::filesystem::path site, const BuildStatus& status);
    std::vector<Diagnostic> (*fetch_external)(const std::vector<check::ExternalLink>& links,
                                              const check::FetchOptions& options);
};

// The module's one exported symbol: its functions.
inline constexpr const char* http_module_symbol = "portal_http_module";
inline constexpr const char* http_module_file = "libportal_http.so";

// Loads the module from the running binary's folder (once per process: the
// dynamic loader keeps it). An error naming the file when it is missing or
// does not load.
Result<HttpModule> load_http_module();

}  // namespace portal::serve
