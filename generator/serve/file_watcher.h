// Watching the project's sources with inotify, for `portal serve`.
//
// Folders are watched recursively, new subfolders included (a watch is added
// when one appears); single files (config.toml) through their folder, so an
// editor that saves by renaming a new file over the old one is seen too.
// Changes are debounced: a burst of events (a save, a `git checkout`) is one
// change, reported once the sources have been quiet for a moment.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace portal::serve {

// What a build reads from the project, and so what serve and the build
// daemon watch: folders (recursively), then single files.
inline const std::vector<std::string> source_folders = {"content", "themes", "templates", "i18n", "static"};
inline const std::vector<std::string> source_files = {"config.toml"};

class FileWatcher {
public:
    // Watches `folders` (recursively) and `files`, all relative to `root`.
    // A folder that does not exist yet is watched once it is created.
    static Result<FileWatcher> start(const std::filesystem::path& root, std::vector<std::string> folders,
                                     std::vector<std::string> files);

    FileWatcher(FileWatcher&& other) noexcept;
    FileWatcher& operator=(FileWatcher&&) = delete;
    ~FileWatcher();

    enum class Outcome { changed, stopped };

    // Blocks until something changed and then `quiet` passed without another
    // event (at most `longest` after the first), or until `stop_fd` becomes
    // readable. `changed` gets the project-relative paths seen.
    Outcome wait(int stop_fd, std::chrono::milliseconds quiet, std::chrono::milliseconds longest,
                 std::set<std::string>& changed);

    // Reads the events pending now, without waiting; true when one concerned
    // the watched sources. A file saved before this call is seen: the kernel
    // queues the event before the write returns (the build daemon relies on it).
    // When the kernel's queue overflowed, "content" stands for what was lost:
    // not a page, so no hot rebuild trusts the list.
    bool take_pending(std::set<std::string>& changed);

private:
    FileWatcher(std::filesystem::path root, int fd, std::set<std::string> folders, std::set<std::string> files);
    void watch_tree(const std::string& relative);

    std::filesystem::path root_;
    int fd_ = -1;
    std::set<std::string> folders_;         // top-level folders to watch recursively
    std::set<std::string> files_;           // single files, watched through their folder
    std::map<int, std::string> watched_;    // watch descriptor → project-relative folder ("" for the root)
};

}  // namespace portal::serve
