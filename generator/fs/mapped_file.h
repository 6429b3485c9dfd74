// A file's bytes mapped read-only into memory, for the build cache's big files
// (the Markdown memo's shards: some 200 MB at 10,000 pages per language).
// Reading them into strings cost a copy and a page fault per 4 KiB of fresh
// memory on every build; a mapping shares the kernel's page cache.
//
// The cache's files are replaced by rename, never rewritten in place, so a
// mapping keeps the old file's bytes until it is closed. A file truncated by
// hand while a build maps it would end that build with SIGBUS.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

namespace portal::fs {

class MappedFile {
public:
    // The whole file at `path`, or nullopt when it cannot be opened or mapped.
    static std::optional<MappedFile> open(const std::filesystem::path& path);

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

private:
    MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace portal::fs
