// File system access for the pipeline: reading sources and walking trees.
// Paths handed to diagnostics are project-relative with '/' separators.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace portal::fs {

namespace stdfs = std::filesystem;

// Reads a whole file. `display_path` names it in the error.
Result<std::string> read_file(const stdfs::path& path, const std::string& display_path);

// The same, for a file that may be too large to take: a regular file of more
// than `max_bytes` is not read; `too_large` is set to its size and the text is
// empty. (One fstat on the open file: a stat() by name first cost a path walk
// per content file.)
Result<std::string> read_file(const stdfs::path& path, const std::string& display_path, std::uintmax_t max_bytes,
                              std::uintmax_t& too_large);

// Whether the caller expects `target`'s folder to exist already. In a tree
// being made from nothing (a cold build) it usually does not: creating it
// first saves the open that would fail, and at N = 10,000 those were 29,000
// failed opens and 58,000 stat() calls of a ~320,000-syscall build.
enum class ParentFolder { probably_exists, probably_missing };

// Creates or replaces `target` with `data`, creating missing parent folders.
// Returns 0, or the errno of what failed (for a message naming the file).
int write_whole_file(const stdfs::path& target, std::string_view data,
                     ParentFolder parent = ParentFolder::probably_exists);

// Every regular file under `dir`, as paths relative to `dir`, sorted so the
// build sees files in the same order on every machine. Missing dir: empty list.
// Symbolic links are reported as errors (a link could point outside the
// project and publish or overwrite files elsewhere).
Result<std::vector<std::string>> list_files(const stdfs::path& dir, const std::string& display_dir);

// `path` relative to `root` with '/' separators, for messages.
std::string display_path(const stdfs::path& root, const stdfs::path& path);

}  // namespace portal::fs
