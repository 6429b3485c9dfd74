// The client side of the build daemon (daemon/build_daemon.h): what
// `portal build --daemon` and `portal daemon stop` do.
#pragma once

#include <filesystem>

#include "base/diagnostics.h"
#include "build/build.h"
#include "daemon/protocol.h"

namespace portal::daemon {

// Builds `options` (the cache always on) through the project's daemon,
// starting one in the background when none runs (or when the one running is
// of another binary). An error when no daemon could be reached or started:
// the caller then builds in its own process.
Result<Reply> build_with_daemon(const build::BuildOptions& options);

// Asks the project's daemon to stop; false when none was running.
bool stop_daemon(const std::filesystem::path& root);

}  // namespace portal::daemon
