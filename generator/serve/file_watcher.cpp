#include "serve/file_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace portal::serve {

namespace stdfs = std::filesystem;

namespace {

constexpr std::uint32_t folder_events =
    IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB;

std::string join(const std::string& folder, const std::string& name) { return folder.empty() ? name : folder + "/" + name; }

// The top-level name of a project-relative path: "content" for "content/x/y.md".
std::string first_part(const std::string& relative) { return relative.substr(0, relative.find('/')); }

}  // namespace

FileWatcher::FileWatcher(stdfs::path root, int fd, std::set<std::string> folders, std::set<std::string> files)
    : root_(std::move(root)), fd_(fd), folders_(std::move(folders)), files_(std::move(files)) {}

FileWatcher::FileWatcher(FileWatcher&& other) noexcept
    : root_(std::move(other.root_)), fd_(other.fd_), folders_(std::move(other.folders_)),
      files_(std::move(other.files_)), watched_(std::move(other.watched_)) {
    other.fd_ = -1;
}

FileWatcher::~FileWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

Result<FileWatcher> FileWatcher::start(const stdfs::path& root, std::vector<std::string> folders,
                                       std::vector<std::string> files) {
    const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) return make_error(root.generic_string(), 0, 0, std::string("cannot watch files: ") + std::strerror(errno));
    FileWatcher watcher(root, fd, {folders.begin(), folders.end()}, {files.begin(), files.end()});
    // The root itself: config.toml and top-level folders appearing or being replaced.
    const int wd = ::inotify_add_watch(fd, root.c_str(), folder_events);
    if (wd < 0) return make_error(root.generic_string(), 0, 0, std::string("cannot watch: ") + std::strerror(errno));
    watcher.watched_[wd] = "";
    for (const auto& folder : watcher.folders_) watcher.watch_tree(folder);
    return watcher;
}

void FileWatcher::watch_tree(const std::string& relative) {
    std::error_code ec;
    if (!stdfs::is_directory(root_ / relative, ec)) return;
    const int wd = ::inotify_add_watch(fd_, (root_ / relative).c_str(), folder_events | IN_ONLYDIR);
    if (wd >= 0) watched_[wd] = relative;
    for (stdfs::directory_iterator it(root_ / relative, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec) && !it->is_symlink(ec)) watch_tree(join(relative, it->path().filename().string()));
}

bool FileWatcher::take_pending(std::set<std::string>& changed) {
    bool relevant = false;
    alignas(inotify_event) char buffer[16384];
    for (;;) {
        const ssize_t size = ::read(fd_, buffer, sizeof buffer);
        if (size <= 0) break;  // EAGAIN: nothing more for now
        for (ssize_t at = 0; at < size;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            if (event->mask & IN_Q_OVERFLOW) {
                changed.insert("content");
                relevant = true;
                continue;
            }
            if (event->mask & IN_IGNORED) {
                watched_.erase(event->wd);
                continue;
            }
            auto it = watched_.find(event->wd);
            if (it == watched_.end()) continue;
            const std::string name = event->len ? std::string(event->name) : std::string();
            const std::string path = join(it->second, name);
            if (it->second.empty()) {
                // In the root only the watched names matter (not site/, .portal-cache/, ...).
                if (!files_.count(name) && !folders_.count(name)) continue;
                if (folders_.count(name) && (event->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(name);
            } else if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) {
                watch_tree(path);  // a new folder: watch it and what it already holds
            }
            if (!first_part(path).empty()) {
                changed.insert(path);
                relevant = true;
            }
        }
    }
    return relevant;
}

FileWatcher::Outcome FileWatcher::wait(int stop_fd, std::chrono::milliseconds quiet, std::chrono::milliseconds longest,
                                       std::set<std::string>& changed) {
    using Clock = std::chrono::steady_clock;
    std::optional<Clock::time_point> first;
    Clock::time_point last{};
    for (;;) {
        int timeout = -1;
        if (first) {
            const auto now = Clock::now();
            const auto until = std::min(last + quiet, *first + longest);
            if (now >= until) return Outcome::changed;
            timeout = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count()) + 1;
        }
        pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, timeout);
        if (ready < 0 && errno != EINTR) return Outcome::stopped;
        if (fds[1].revents) return Outcome::stopped;
        if (fds[0].revents && take_pending(changed)) {
            last = Clock::now();
            if (!first) first = last;
        }
    }
}

}  // namespace portal::serve
