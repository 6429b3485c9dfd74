#include "daemon/unix_socket.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace portal::daemon {

namespace {

// The socket's address through `folder_fd`: short whatever the folder's path.
sockaddr_un address_in(int folder_fd) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = "/proc/self/fd/" + std::to_string(folder_fd) + "/" + socket_name;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    return address;
}

Descriptor open_folder(const std::filesystem::path& folder) {
    return Descriptor(::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
}

}  // namespace

Descriptor& Descriptor::operator=(Descriptor&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

Descriptor::~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
}

Result<Descriptor> listen_in(const std::filesystem::path& folder) {
    auto fail = [&](const char* what) {
        return make_error(folder.generic_string(), 0, 0, std::string(what) + ": " + std::strerror(errno));
    };
    Descriptor dir = open_folder(folder);
    if (!dir) return fail("cannot open the cache folder for the daemon's socket");
    Descriptor socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!socket) return fail("cannot make the daemon's socket");
    ::unlinkat(dir.get(), socket_name, 0);
    const sockaddr_un address = address_in(dir.get());
    // Only this user may connect (the folder's permissions aside; accept checks the peer too).
    const mode_t previous = ::umask(0077);
    const int bound = ::bind(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::umask(previous);
    if (bound != 0) return fail("cannot bind the daemon's socket");
    if (::listen(socket.get(), 16) != 0) return fail("cannot listen on the daemon's socket");
    return socket;
}

Descriptor connect_in(const std::filesystem::path& folder) {
    Descriptor dir = open_folder(folder);
    if (!dir) return {};
    Descriptor socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!socket) return {};
    const sockaddr_un address = address_in(dir.get());
    if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return {};
    return socket;
}

Descriptor accept_from_this_user(int listening, std::chrono::milliseconds timeout) {
    for (;;) {
        pollfd ready{listening, POLLIN, 0};
        const int polled = ::poll(&ready, 1, static_cast<int>(timeout.count()));
        if (polled < 0 && errno == EINTR) continue;
        if (polled <= 0) return {};
        Descriptor client(::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC));
        if (!client) continue;
        ucred peer{};
        socklen_t size = sizeof peer;
        if (::getsockopt(client.get(), SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 || peer.uid != ::getuid()) continue;
        // A client that connects and then says nothing must not hold the daemon.
        const timeval limit{30, 0};
        ::setsockopt(client.get(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        return client;
    }
}

bool send_message(int fd, const std::string& message) {
    for (std::size_t sent = 0; sent < message.size();) {
        const ssize_t n = ::send(fd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return ::shutdown(fd, SHUT_WR) == 0;
}

std::optional<std::string> receive_message(int fd) {
    std::string message;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::nullopt;
        if (n == 0) return message;
        message.append(buffer, static_cast<std::size_t>(n));
    }
}

}  // namespace portal::daemon
