// Publishing the build output atomically.
//
// The build writes every file into a staging directory beside the output
// (`.site.tmp-<pid>`), then swaps it into place with one rename, so the
// output is always either the old complete site or the new complete one.
// Only a directory that a previous build created (it holds the marker file)
// or an empty one is ever replaced: a mistyped `--out` cannot delete a
// user's folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/diagnostics.h"

namespace portal::fs {

inline constexpr std::string_view output_marker = ".portal-output";

// Refuses an output directory a build must never replace, whatever it holds:
// the project folder (`root`) or a folder above it, and the project's own
// sources or cache (content/, templates/, themes/, static/, .portal-cache/,
// .git/) or anything inside them. Symbolic links are resolved first, so
// `--out` cannot reach them through a link either. E0802.
Result<bool> check_output_location(const std::filesystem::path& root, const std::filesystem::path& output);

// Deletes a tree a build made, its marker last: a build killed while deleting
// leaves a folder that still holds the marker (or an empty one), which the
// next build may replace, never one it must refuse as someone else's.
void remove_owned_tree(const std::filesystem::path& tree);

// Removes `<parent>/<prefix><pid>` staging folders left by builds that were
// killed (their process is gone): the next build cleans up after them.
// A folder is removed only when it holds the marker or is empty.
void remove_abandoned_staging(const std::filesystem::path& parent, const std::string& prefix);

// Whether a build may replace `output`: it does not exist, is empty, or holds the marker.
bool is_replaceable(const std::filesystem::path& output);

class StagingDir {
public:
    // Prepares a fresh staging directory for `output`. Fails when `output`
    // exists and is neither empty nor a previous build's output.
    static Result<StagingDir> create(const std::filesystem::path& output);

    StagingDir(StagingDir&& other) noexcept;
    StagingDir& operator=(StagingDir&&) = delete;
    ~StagingDir();  // removes the staging directory unless it was published

    const std::filesystem::path& path() const { return staging_; }

    // Writes `data` to `relative` inside the staging directory, creating
    // parent folders. Safe to call from several threads for different files.
    Result<bool> write(const std::string& relative, std::string_view data) const;
    Result<bool> copy(const std::filesystem::path& from, const std::string& relative) const;

    // Swaps the staging directory into place of the output and removes the old one.
    Result<bool> publish();

private:
    StagingDir(std::filesystem::path output, std::filesystem::path staging);
    std::filesystem::path output_;
    std::filesystem::path staging_;
    bool published_ = false;
};

}  // namespace portal::fs
