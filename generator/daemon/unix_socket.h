// The build daemon's socket: a Unix domain socket in the project's cache
// folder (.portal-cache/daemon.sock), so one daemon serves one project and
// only users who can write that folder can reach it. The folder's path may be
// longer than a socket address allows (108 bytes), so the socket is named
// through an open descriptor of the folder (/proc/self/fd/N/daemon.sock).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "base/diagnostics.h"

namespace portal::daemon {

// An open descriptor, closed when it goes.
class Descriptor {
public:
    Descriptor() = default;
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(Descriptor&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Descriptor& operator=(Descriptor&& other) noexcept;
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor();
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
    // Gives the descriptor up without closing it (the kernel closes it at exit).
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_ = -1;
};

inline constexpr const char* socket_name = "daemon.sock";

// Listens on `folder`/daemon.sock (replacing a socket file left by a daemon
// that died: the caller holds the daemon lock, so no live one owns it).
Result<Descriptor> listen_in(const std::filesystem::path& folder);

// Connects to `folder`/daemon.sock; an empty descriptor when no daemon listens.
Descriptor connect_in(const std::filesystem::path& folder);

// Accepts a connection of this user only (SO_PEERCRED), waiting at most
// `timeout`; an empty descriptor after the timeout.
Descriptor accept_from_this_user(int listening, std::chrono::milliseconds timeout);

// Writes all of `message`, then closes the writing side (the reader's end of message).
bool send_message(int fd, const std::string& message);
// Reads until the other side closes its writing side; nullopt on an error.
std::optional<std::string> receive_message(int fd);

}  // namespace portal::daemon
