#include "content/page_cache.h"

#include <sys/stat.h>

#include "config/toml_parse.h"

namespace portal::content {

namespace {

std::string key_of(const LoadOptions& options) {
    std::string key = (options.unsafe_html ? "unsafe " : "safe ") + std::to_string(options.summary_length) +
                      (options.keep_plain_text ? " text" : " no-text");
    for (const auto& language : options.languages) key += ' ' + language;
    return key;
}

}  // namespace

std::optional<FileStamp> stamp_of(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) return std::nullopt;
    FileStamp stamp;
    stamp.size = static_cast<std::uint64_t>(info.st_size);
    stamp.inode = info.st_ino;
    stamp.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    stamp.ctime_ns = static_cast<std::int64_t>(info.st_ctim.tv_sec) * 1000000000 + info.st_ctim.tv_nsec;
    return stamp;
}

std::optional<Result<Page>> PageCache::copy(const std::string& path, const FileStamp& stamp,
                                            const LoadOptions& options) const {
    auto it = entries_.find(path);
    if (it == entries_.end() || !(it->second.stamp == stamp) || it->second.options_key != key_of(options))
        return std::nullopt;
    Result<Page> page = *it->second.page;
    if (!page) return page;
    // The same text at the same line parses to the same table, with positions (it parsed before).
    auto parsed = parse_toml(it->second.front_matter, path, page.value().front_matter_line - 1);
    if (!parsed) return std::nullopt;
    page.value().front_matter = std::move(*parsed);
    return page;
}

void PageCache::store(const std::string& path, const FileStamp& stamp, const LoadOptions& options, Result<Page> page,
                      std::string front_matter) {
    // The table is parsed again by each copy (with its positions): kept without it, a copy does not copy it in vain.
    if (page) page.value().front_matter = toml::table{};
    entries_[path] = {stamp, key_of(options), std::make_shared<const Result<Page>>(std::move(page)), std::move(front_matter)};
}

void PageCache::keep_only(const std::set<std::string>& paths) {
    for (auto it = entries_.begin(); it != entries_.end();)
        it = paths.count(it->first) ? std::next(it) : entries_.erase(it);
}

}  // namespace portal::content
