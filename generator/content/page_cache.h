// Loaded pages kept between builds of one process (`portal serve`): a content
// file whose size, modification time and inode are unchanged is neither read
// nor parsed again. Owned by the caller (no global state); used by one build
// at a time: lookups from the parallel load, stores after it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "base/diagnostics.h"
#include "content/load_page.h"
#include "content/page.h"

namespace portal::content {

// What says a file is unchanged without reading it.
struct FileStamp {
    std::uint64_t size = 0, inode = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

// The stamp of `file`, or nullopt when it cannot be read.
std::optional<FileStamp> stamp_of(const std::filesystem::path& file);

class PageCache {
public:
    // A copy of the page loaded from `path` when it had `stamp` with
    // `options`; nullopt if not kept. Its front matter is parsed again from
    // the kept text: a copied toml++ table has no source positions (toml++
    // copies values only), and diagnostics and hot rebuilds need them.
    std::optional<Result<Page>> copy(const std::string& path, const FileStamp& stamp, const LoadOptions& options) const;

    // Keeps a load (its errors too: an unchanged broken file stays broken)
    // and the front matter text it parsed (load_page's `front_matter_text`).
    void store(const std::string& path, const FileStamp& stamp, const LoadOptions& options, Result<Page> page,
               std::string front_matter);

    // Forgets files that are gone.
    void keep_only(const std::set<std::string>& paths);

private:
    struct Entry {
        FileStamp stamp;
        std::string options_key;
        std::shared_ptr<const Result<Page>> page;
        std::string front_matter;
    };
    std::map<std::string, Entry> entries_;
};

}  // namespace portal::content
