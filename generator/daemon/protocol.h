// What `portal build --daemon` and the build daemon say to each other over
// the daemon's socket: one JSON request (a build with its options, or stop),
// one JSON reply (the build's diagnostics and summary), each ended by closing
// the writing side. The client prints the reply exactly as it prints a build
// of its own, so a build through the daemon reads the same (docs/daemon.md).
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.h"
#include "build/build.h"

namespace portal::daemon {

struct Request {
    enum class Kind { build, stop };
    Kind kind = Kind::build;
    // The client's binary (identity_of_this_binary): a daemon of another
    // binary (portal rebuilt or upgraded since it started) must not build.
    std::string identity;
    build::BuildOptions options;  // root and out absolute; the cache is always on
};

struct Reply {
    bool ok = false;          // the build succeeded (false too when it did not run)
    bool restart = false;     // the daemon is of another binary or project, and has stopped
    std::string note;         // why it did not build, for the client to print
    Diagnostics diagnostics;
    build::BuildSummary summary;
};

std::string encode(const Request& request);
std::string encode(const Reply& reply);
// Nullopt for a message that is not one (a client of another version, a cut connection).
std::optional<Request> decode_request(const std::string& text);
std::optional<Reply> decode_reply(const std::string& text);

// Which binary this process runs: its path, inode and modification time
// (from /proc/self/exe) and the version. Two processes of one binary file
// agree; after `make` or an upgrade they do not.
std::string identity_of_this_binary();

// The options a kept build depends on (not the thread count): a request with
// other ones starts from a full build.
std::string kept_build_key(const build::BuildOptions& options);

}  // namespace portal::daemon
