#include "daemon/daemon_client.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "daemon/build_daemon.h"
#include "daemon/unix_socket.h"

namespace portal::daemon {

namespace stdfs = std::filesystem;

namespace {

// A daemon needs a moment to bind its socket (it builds only once asked).
constexpr std::chrono::seconds start_limit{30};

// Starts `portal daemon run --root <root> --log <cache>/daemon.log` detached
// from this process (its own session, stdin from /dev/null, output appended
// to the log until the daemon, holding the project's lock, starts it afresh), so it
// outlives the build that started it and holds none of its pipes: a test
// runner or CI step reading this process's output is not kept waiting.
// Returns its pid, or -1.
pid_t start_daemon(const stdfs::path& root, const stdfs::path& folder) {
    const std::string exe = "/proc/self/exe";
    const std::string log = (folder / "daemon.log").string();
    std::vector<std::string> words = {"portal", "daemon", "run", "--root", root.string(), "--log", log};
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    int pid_pipe[2];
    if (::pipe2(pid_pipe, O_CLOEXEC) != 0) return -1;
    const pid_t first = ::fork();
    if (first < 0) {
        ::close(pid_pipe[0]);
        ::close(pid_pipe[1]);
        return -1;
    }
    if (first == 0) {
        // Only async-signal-safe calls from here to exec.
        ::setsid();
        const pid_t daemon = ::fork();
        if (daemon == 0) {
            // Not holding the client's folder: it may be deleted while the daemon runs (its paths are absolute).
            if (::chdir("/") != 0) ::_exit(127);
            const int null = ::open("/dev/null", O_RDONLY);
            // Not truncated here: a daemon that finds another one running must not wipe that one's log.
            const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (null < 0 || out < 0) ::_exit(127);
            ::dup2(null, STDIN_FILENO);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
            ::close_range(3, ~0U, 0);
            ::execv(exe.c_str(), argv.data());
            ::_exit(127);
        }
        [[maybe_unused]] const auto written = ::write(pid_pipe[1], &daemon, sizeof daemon);
        ::_exit(0);
    }
    ::close(pid_pipe[1]);
    pid_t daemon = -1;
    if (::read(pid_pipe[0], &daemon, sizeof daemon) != sizeof daemon) daemon = -1;
    ::close(pid_pipe[0]);
    ::waitpid(first, nullptr, 0);
    return daemon;
}

// The process has ended: gone, or a zombie nobody reaps yet (in a container
// whose first process does not reap orphans, the daemon's exit leaves one).
bool has_ended(pid_t pid) {
    if (::kill(pid, 0) != 0) return errno == ESRCH;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto state = line.rfind(") ");
    return state != std::string::npos && state + 2 < line.size() && line[state + 2] == 'Z';
}

// Connects to the project's daemon, starting one if none answers.
Result<Descriptor> reach_daemon(const stdfs::path& root, const stdfs::path& folder) {
    if (Descriptor connected = connect_in(folder)) return connected;
    const pid_t daemon = start_daemon(root, folder);
    if (daemon < 0)
        return make_error(root.generic_string(), 0, 0, std::string("cannot start the build daemon: ") + std::strerror(errno));
    const auto deadline = std::chrono::steady_clock::now() + start_limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (Descriptor connected = connect_in(folder)) return connected;
        if (has_ended(daemon)) break;  // it could not start; its log says why
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (Descriptor connected = connect_in(folder)) return connected;  // another client's daemon
    return make_error((folder / "daemon.log").generic_string(), 0, 0, "the build daemon did not start",
                      "its log, " + (folder / "daemon.log").generic_string() + ", says why");
}

Result<Reply> ask(const Descriptor& connection, const Request& request, const stdfs::path& folder) {
    auto lost = [&] {
        return make_error((folder / "daemon.log").generic_string(), 0, 0,
                          "the build daemon stopped without replying", "its log says why");
    };
    if (!send_message(connection.get(), encode(request))) return lost();
    const auto text = receive_message(connection.get());
    if (!text) return lost();
    auto reply = decode_reply(*text);
    if (!reply) return lost();
    return std::move(*reply);
}

}  // namespace

Result<Reply> build_with_daemon(const build::BuildOptions& given) {
    Request request;
    request.identity = identity_of_this_binary();
    request.options = given;
    request.options.root = stdfs::absolute(given.root).lexically_normal();
    request.options.out = stdfs::absolute(given.out.empty() ? request.options.root / "site" : given.out).lexically_normal();
    const stdfs::path folder = daemon_folder(request.options.root);
    std::error_code ec;
    stdfs::create_directories(folder, ec);
    // Twice at most: a daemon of another binary stops when asked, and a new one is started.
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto connection = reach_daemon(request.options.root, folder);
        if (!connection) return connection.errors();
        auto reply = ask(*connection, request, folder);
        if (!reply || !reply->restart) return reply;
    }
    return make_error(folder.generic_string(), 0, 0, "the build daemon kept being of another binary");
}

bool stop_daemon(const stdfs::path& root) {
    const stdfs::path folder = daemon_folder(stdfs::absolute(root).lexically_normal());
    Descriptor connection = connect_in(folder);
    if (!connection) return false;
    Request request;
    request.kind = Request::Kind::stop;
    request.identity = identity_of_this_binary();
    request.options.root = stdfs::absolute(root).lexically_normal();
    if (!ask(connection, request, folder)) return false;
    // Returns once the daemon is gone (it holds its lock until it exits; freeing a big build takes a moment).
    Descriptor lock(::open((folder / "daemon.lock").c_str(), O_RDWR | O_CLOEXEC));
    for (int waited = 0; lock && waited < 500 && ::flock(lock.get(), LOCK_EX | LOCK_NB) != 0; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return true;
}

}  // namespace portal::daemon
