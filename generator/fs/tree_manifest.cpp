#include "fs/tree_manifest.h"

#include "fs/files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <vector>

namespace portal::fs {

namespace stdfs = std::filesystem;

namespace {

constexpr std::string_view header = "portal-manifest 1\n";

}  // namespace

std::optional<stdfs::path> ManifestStore::file_for(const stdfs::path& tree) const {
    struct stat info {};
    if (::stat(tree.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return std::nullopt;
    return cache_dir_ / ("tree-" + std::to_string(info.st_dev) + "-" + std::to_string(info.st_ino) + ".manifest");
}

std::optional<Manifest> ManifestStore::load(const stdfs::path& tree) const {
    auto file = file_for(tree);
    if (!file) return std::nullopt;
    auto read = read_file(*file, file->generic_string());
    if (!read) return std::nullopt;
    const std::string& text = *read;
    if (text.compare(0, header.size(), header) != 0) return std::nullopt;
    Manifest manifest;
    manifest.reserve(text.size() / 64);
    // Lines: "<content hex> <fingerprint hex> <path>\n"; the file is ours, a bad line means a bad file.
    for (std::size_t at = header.size(); at < text.size();) {
        const std::size_t end = text.find('\n', at);
        if (end == std::string::npos || end - at < 35 || text[at + 16] != ' ' || text[at + 33] != ' ') return std::nullopt;
        ManifestEntry entry;
        entry.content = std::strtoull(text.c_str() + at, nullptr, 16);
        entry.fingerprint = std::strtoull(text.c_str() + at + 17, nullptr, 16);
        manifest.emplace(text.substr(at + 34, end - at - 34), entry);
        at = end + 1;
    }
    return manifest;
}

Result<bool> ManifestStore::save(const stdfs::path& tree, const Manifest& manifest) const {
    auto file = file_for(tree);
    if (!file) return make_error(tree.generic_string(), 0, 0, "cannot record the output tree: it is not a folder");
    // In the map's order: the file is only ever read back into a map. (Sorting
    // 31,000 paths and printf for each line were a tenth of a hot rebuild.)
    std::string text(header);
    text.reserve(manifest.size() * 80);
    auto append_hex = [&text](std::uint64_t value) {
        static constexpr char digits[] = "0123456789abcdef";
        char hex[16];
        for (int i = 15; i >= 0; --i, value >>= 4) hex[i] = digits[value & 15];
        text.append(hex, 16);
    };
    for (const auto& [path, entry] : manifest) {
        append_hex(entry.content);
        text += ' ';
        append_hex(entry.fingerprint);
        text += ' ';
        text += path;
        text += '\n';
    }
    std::error_code ec;
    stdfs::create_directories(cache_dir_, ec);
    const stdfs::path temporary = file->string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) return make_error(cache_dir_.generic_string(), 0, 0, "cannot write the build cache");
    }
    stdfs::rename(temporary, *file, ec);
    if (ec) return make_error(cache_dir_.generic_string(), 0, 0, "cannot write the build cache: " + ec.message());
    return true;
}

std::string ManifestStore::identity(const stdfs::path& tree) const {
    auto file = file_for(tree);
    struct stat info {};
    if (!file || ::stat(file->c_str(), &info) != 0) return {};
    return file->filename().string() + ' ' + std::to_string(info.st_ino) + ' ' + std::to_string(info.st_size) + ' ' +
           std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec);
}

void ManifestStore::forget(const stdfs::path& tree) const {
    if (auto file = file_for(tree)) {
        std::error_code ec;
        stdfs::remove(*file, ec);
    }
}

}  // namespace portal::fs
