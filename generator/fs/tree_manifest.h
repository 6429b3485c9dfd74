// What each published output tree holds, for incremental builds.
//
// A manifest lists every file of one output tree with the hash of its bytes
// and the fingerprint of what it was made from (see docs/incremental.md).
// Manifests live in the build cache folder, named after the tree's directory
// identity (device and inode), which a rename does not change: the manifest
// follows its tree when the build swaps the live tree and the spare one.
//
// The rule that keeps them true: a tree is only ever modified after its
// manifest is removed, and a new manifest is written (atomically) only when
// the tree is complete. A tree without a manifest is unknown and rebuilt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/diagnostics.h"

namespace portal::fs {

struct ManifestEntry {
    std::uint64_t content = 0;      // xxh3 of the bytes (static files: of their source's path, size and mtime)
    std::uint64_t fingerprint = 0;  // of the inputs it was rendered from; 0 when not known
};

using Manifest = std::unordered_map<std::string, ManifestEntry>;  // by path relative to the tree

class ManifestStore {
public:
    explicit ManifestStore(std::filesystem::path cache_dir) : cache_dir_(std::move(cache_dir)) {}

    // The manifest of the tree at `tree`, if it has a valid one.
    std::optional<Manifest> load(const std::filesystem::path& tree) const;

    // Writes the manifest of `tree` (temporary file, then rename).
    Result<bool> save(const std::filesystem::path& tree, const Manifest& manifest) const;

    // What tells one saved manifest of `tree` from another without reading
    // it: the tree's and the manifest file's identity ("" when it has none).
    // Every save makes a new file (temporary, then rename).
    std::string identity(const std::filesystem::path& tree) const;

    // Removes the manifest of `tree`: call before modifying the tree.
    void forget(const std::filesystem::path& tree) const;

private:
    std::optional<std::filesystem::path> file_for(const std::filesystem::path& tree) const;
    std::filesystem::path cache_dir_;
};

}  // namespace portal::fs
