#include "daemon/build_daemon.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <ostream>
#include <set>
#include <thread>

#include "build/build.h"
#include "build/hot_rebuild.h"
#include "content/page_cache.h"
#include "daemon/protocol.h"
#include "daemon/unix_socket.h"
#include "serve/file_watcher.h"

namespace portal::daemon {

namespace stdfs = std::filesystem;

namespace {

// One daemon per project: the lock is held for the daemon's life. A daemon
// being replaced may still be freeing its build for a moment, so the new one
// waits for the lock a little before giving up.
Descriptor lock_project(const stdfs::path& folder) {
    Descriptor lock(::open((folder / "daemon.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    if (!lock) return {};
    for (int attempt = 0; attempt < 200; ++attempt) {
        if (::flock(lock.get(), LOCK_EX | LOCK_NB) == 0) return lock;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return {};
}

// Sends stdout and stderr to `file`, emptied: one daemon's log (called with
// the lock held, so a daemon that found another running never wipes its log).
void start_log(const stdfs::path& file, std::ostream& log) {
    Descriptor fresh(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600));
    if (!fresh) return;  // keep writing where we were
    log.flush();
    ::dup2(fresh.get(), STDOUT_FILENO);
    ::dup2(fresh.get(), STDERR_FILENO);
}

// The state kept from one request to the next.
struct Session {
    build::HotRebuild hot;
    content::PageCache pages;
    std::string key;  // kept_build_key of the last build
};

Reply build(const Request& request, serve::FileWatcher& watcher, Session& session, std::ostream& log) {
    build::BuildOptions options = request.options;
    options.use_cache = true;
    std::set<std::string> changed;
    watcher.take_pending(changed);
    // Other options (another output folder, --drafts, --now): nothing kept applies.
    if (const std::string key = kept_build_key(options); key != session.key) {
        session.hot = build::HotRebuild{};
        session.pages = content::PageCache{};
        session.key = key;
    }
    session.hot.changed = std::move(changed);
    options.page_cache = &session.pages;
    options.hot = &session.hot;
    Reply reply;
    reply.ok = build::run_build(options, reply.diagnostics, reply.summary);
    if (reply.ok)
        log << (reply.summary.hot ? "hot rebuild: " : "built ") << reply.summary.pages << " pages in "
            << static_cast<long>(reply.summary.milliseconds) << " ms (" << reply.summary.rendered << " rendered, "
            << reply.summary.written << " written)";
    else
        log << "build failed: " << reply.diagnostics.error_count() << " error(s)";
    if (!reply.summary.hot && !session.hot.declined.empty()) log << "; full build: " << session.hot.declined;
    log << '\n';
    build::print_stage_times(log, reply.summary);
    log.flush();
    return reply;
}

}  // namespace

stdfs::path daemon_folder(const stdfs::path& root) { return root / ".portal-cache"; }

int run_build_daemon(const DaemonOptions& options, std::ostream& log) {
    const stdfs::path root = stdfs::absolute(options.root).lexically_normal();
    const stdfs::path folder = daemon_folder(root);
    std::error_code ec;
    stdfs::create_directories(folder, ec);
    Descriptor lock = lock_project(folder);
    if (!lock) {
        log << "another build daemon runs for " << root.generic_string() << std::endl;
        return 1;
    }
    if (!options.log.empty()) start_log(options.log, log);
    // Watching starts before the first build, so no edit falls between.
    auto watcher = serve::FileWatcher::start(root, serve::source_folders, serve::source_files);
    auto listening = listen_in(folder);
    if (!watcher || !listening) {
        log << (!watcher ? watcher.errors() : listening.errors()).front().message << std::endl;
        return 1;
    }
    const std::string identity = identity_of_this_binary();
    log << "build daemon for " << root.generic_string() << " (pid " << ::getpid() << ")" << std::endl;
    Session session;
    auto stop_listening = [&] {
        *listening = Descriptor();
        Descriptor dir(::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (dir) ::unlinkat(dir.get(), socket_name, 0);
    };
    for (;;) {
        Descriptor client = accept_from_this_user(listening->get(), options.idle);
        if (!client) {
            log << "idle for " << options.idle.count() << " s: stopping" << std::endl;
            break;
        }
        const auto text = receive_message(client.get());
        const auto request = text ? decode_request(*text) : std::nullopt;
        Reply reply;
        // Another binary (a request it cannot read is of another version), or
        // (through a moved folder) another project: make way for a daemon of its own.
        const bool other = !request || request->identity != identity ||
                           stdfs::absolute(request->options.root).lexically_normal() != root;
        if (other || request->kind == Request::Kind::stop) {
            stop_listening();
            reply.ok = true;
            reply.restart = other;
            reply.note = other ? "the build daemon was of another portal binary; starting a new one" : "stopped";
            send_message(client.get(), encode(reply));
            log << (other ? "a client of another binary: stopping" : "asked to stop") << std::endl;
            break;
        }
        reply = build(*request, *watcher, session, log);
        send_message(client.get(), encode(reply));
        client = Descriptor();
        // While the editor reads the result: what the next build needs ready.
        if (auto prepared = build::prepare_next_build(session.hot, root, request->options.jobs); !prepared)
            log << "note: could not prepare the spare output tree: " << prepared.errors().front().message << std::endl;
    }
    stop_listening();
    // The lock stays held until the process has ended (the kernel drops it
    // then): `portal daemon stop` returns, and a new daemon starts, only once
    // this one is gone, after its build is freed.
    lock.release();
    return 0;
}

}  // namespace portal::daemon
