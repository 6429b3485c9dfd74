#include "fs/incremental_publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>

#include "fs/files.h"
#include "fs/output_dir.h"

namespace portal::fs {

namespace stdfs = std::filesystem;

namespace {

Result<bool> write_file(const stdfs::path& target, std::string_view data, const std::string& shown,
                        ParentFolder parent = ParentFolder::probably_exists) {
    if (const int error = write_whole_file(target, data, parent))
        return make_error(shown, 0, 0, std::string("cannot write output file: ") + std::strerror(error));
    return true;
}

Result<bool> copy_file(const stdfs::path& from, const stdfs::path& target, const std::string& shown) {
    std::error_code ec;
    stdfs::create_directories(target.parent_path(), ec);
    stdfs::copy_file(from, target, stdfs::copy_options::overwrite_existing, ec);
    if (ec) return make_error(shown, 0, 0, "cannot copy file: " + ec.message());
    return true;
}

// Files of the spare tree may be hard links to the live tree's (see
// link_from_live), so a file is never rewritten in place: its name is
// unlinked first and the bytes go to a new inode.
void detach(const stdfs::path& target) { ::unlink(target.c_str()); }

// An output not re-rendered has the same bytes as the live tree's file: a
// hard link to it costs one link() where a copy cost a read and a write
// (at N = 10,000 a new spare tree took 7.6 s to copy 31,000 files). Falls
// back to a copy where links are refused (another file system, link limit).
Result<bool> link_from_live(const stdfs::path& from, const stdfs::path& target, const std::string& shown) {
    detach(target);
    int linked = ::link(from.c_str(), target.c_str());
    if (linked != 0 && errno == ENOENT) {
        std::error_code ec;
        stdfs::create_directories(target.parent_path(), ec);
        linked = ::link(from.c_str(), target.c_str());
    }
    if (linked == 0) return true;
    return copy_file(from, target, shown);
}

// Runs `one(i)` for i in [0, count) on the pool; every failure, in index order.
std::vector<Diagnostic> each_file(std::size_t count, const WorkerPool& pool,
                                  const std::function<Result<bool>(std::size_t)>& one) {
    std::vector<std::optional<Diagnostic>> failures(count);
    pool.for_each_index(count, [&](std::size_t i) {
        if (auto done = one(i); !done) failures[i] = done.errors().front();
    }, WorkerPool::Waits::on_disk);
    std::vector<Diagnostic> errors;
    for (auto& failure : failures)
        if (failure) errors.push_back(std::move(*failure));
    return errors;
}

// Removes `file` and then each parent folder left empty, up to `tree`.
void remove_with_empty_parents(const stdfs::path& tree, const std::string& relative) {
    std::error_code ec;
    stdfs::remove(tree / relative, ec);
    for (stdfs::path dir = stdfs::path(relative).parent_path(); !dir.empty(); dir = dir.parent_path())
        if (!stdfs::remove(tree / dir, ec) || ec) break;  // not empty: stop
}

// The spare tree ready to be modified: its manifest (empty for a new tree).
Result<Manifest> prepare_spare(const stdfs::path& spare, const ManifestStore& manifests, bool& reused,
                               KnownManifests* known) {
    std::error_code ec;
    reused = false;
    if (stdfs::exists(spare, ec)) {
        // Empty counts as ours: a build killed between creating it and writing the marker.
        if (!is_replaceable(spare))
            return make_error(spare.generic_string(), 0, 0, "folder exists and was not made by portal",
                              "remove it, or build with --no-cache");
        if (known && !known->spare_identity.empty() && manifests.identity(spare) == known->spare_identity) {
            manifests.forget(spare);
            reused = true;
            known->spare_identity.clear();
            return std::move(known->spare);
        }
        if (auto manifest = manifests.load(spare)) {
            // From here until the new manifest is saved, the spare is unknown.
            manifests.forget(spare);
            reused = true;
            return std::move(*manifest);
        }
        // Left half-updated by an interrupted build: start it again.
        remove_owned_tree(spare);
    }
    if (!stdfs::create_directories(spare, ec) || ec)
        return make_error(spare.generic_string(), 0, 0, "cannot create the spare output folder: " + ec.message());
    manifests.forget(spare);  // a stale manifest of an old folder with the same inode
    if (auto marked = write_file(spare / output_marker, "built by portal\n", std::string(output_marker)); !marked)
        return marked.errors();
    return Manifest{};
}

}  // namespace

stdfs::path spare_tree_path(const stdfs::path& output) {
    return output.parent_path() / (std::string(".").append(output.filename().string()).append(".spare"));
}

namespace {

Result<bool> check_output(const stdfs::path& output) {
    if (!is_replaceable(output))
        return make_error(output.generic_string(), 0, 0, "output directory exists and was not made by portal",
                          "choose another --out, or empty the directory first");
    // Staging folders of killed `--no-cache` builds go now, not never.
    remove_abandoned_staging(output.parent_path(), std::string(".").append(output.filename().string()).append(".tmp-"));
    return true;
}

}  // namespace

Result<bool> start_new_spare(const stdfs::path& output, const ManifestStore& manifests) {
    if (auto checked = check_output(output); !checked) return checked;
    const stdfs::path spare = spare_tree_path(output);
    std::error_code ec;
    if (stdfs::exists(spare, ec) && !manifests.identity(spare).empty()) return false;  // one to update
    bool reused = false;
    auto made = prepare_spare(spare, manifests, reused, nullptr);
    if (!made) return made.errors();
    return !reused;
}

Result<UpdatedSpare> update_spare(const stdfs::path& output, const ManifestStore& manifests,
                                  const std::vector<PublishedFile>& files, const WorkerPool& pool,
                                  KnownManifests* known, bool started_new) {
    const stdfs::path spare = spare_tree_path(output);
    UpdatedSpare updated;
    PublishStats& stats = updated.stats;
    Result<Manifest> previous = Manifest{};  // a new spare's (started_new): empty
    if (!started_new) {
        if (auto checked = check_output(output); !checked) return checked.errors();
        previous = prepare_spare(spare, manifests, stats.reused_spare, known);
        if (!previous) return previous.errors();
    }

    // The spare's manifest becomes the new one in place: at N = 10,000 a new
    // map of 31,000 paths (and freeing the old) was a tenth of a hot rebuild.
    updated.manifest = std::move(*previous);
    Manifest& next = updated.manifest;
    const std::size_t spare_files = next.size();
    std::vector<std::size_t> changed;
    std::size_t kept = 0;  // files the spare already had
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto [it, added] = next.try_emplace(files[i].path, files[i].entry);
        if (!added) {
            ++kept;
            const bool same = it->second.content == files[i].entry.content;
            it->second = files[i].entry;
            if (same) continue;
        }
        changed.push_back(i);
    }
    // Deletions first: a file that is gone may be where a new folder goes.
    if (kept != spare_files) {
        const std::unordered_set<std::string_view> present = [&] {
            std::unordered_set<std::string_view> paths;
            for (const auto& file : files) paths.insert(file.path);
            return paths;
        }();
        for (auto it = next.begin(); it != next.end();) {
            if (present.count(it->first)) {
                ++it;
                continue;
            }
            remove_with_empty_parents(spare, it->first);
            ++stats.removed;
            it = next.erase(it);
        }
    }
    auto errors = each_file(changed.size(), pool, [&](std::size_t k) -> Result<bool> {
        const PublishedFile& file = files[changed[k]];
        // Written early into the new spare; in a later update of the same
        // tree, one the spare's manifest lacks was lost with the tree (it was
        // made again): say so rather than publish a site without it.
        if (file.in_spare && started_new) return true;
        if (file.in_spare)
            return make_error(file.path, 0, 0, "output file lost from the spare tree after it was written",
                              "build again: nothing was published");
        const stdfs::path target = spare / file.path;
        if (file.from_output) return link_from_live(output / file.path, target, file.path);
        if (stats.reused_spare) detach(target);
        // A new spare tree (a first build) has none of the folders yet.
        return file.copy_from.empty() ? write_file(target, file.data, file.path,
                                                   stats.reused_spare ? ParentFolder::probably_exists
                                                                      : ParentFolder::probably_missing)
                                      : copy_file(file.copy_from, target, file.path);
    });
    if (!errors.empty()) return errors;
    stats.written = changed.size();
    if (auto saved = manifests.save(spare, next); !saved) return saved.errors();
    return updated;
}

Result<PublishStats> swap_in_spare(const stdfs::path& output, UpdatedSpare updated, KnownManifests* known) {
    const std::string shown = output.generic_string();
    const stdfs::path spare = spare_tree_path(output);
    std::error_code ec;
    if (!stdfs::exists(output, ec)) {
        if (::rename(spare.c_str(), output.c_str()) != 0)
            return make_error(shown, 0, 0, std::string("cannot publish output: ") + std::strerror(errno));
    } else if (::renameat2(AT_FDCWD, spare.c_str(), AT_FDCWD, output.c_str(), RENAME_EXCHANGE) != 0) {
        // One atomic exchange: readers see the old tree or the new one; the old one becomes the spare.
        return make_error(shown, 0, 0, std::string("cannot publish output: ") + std::strerror(errno));
    }
    if (known) known->live = std::move(updated.manifest);
    return updated.stats;
}

Result<PublishStats> publish_incremental(const stdfs::path& output, const ManifestStore& manifests,
                                         const std::vector<PublishedFile>& files, const WorkerPool& pool,
                                         KnownManifests* known) {
    auto updated = update_spare(output, manifests, files, pool, known);
    if (!updated) return updated.errors();
    return swap_in_spare(output, std::move(*updated), known);
}

Result<bool> make_spare_from_live(const stdfs::path& output, const ManifestStore& manifests, const Manifest& live,
                                  const WorkerPool& pool, KnownManifests& known) {
    const stdfs::path spare = spare_tree_path(output);
    std::error_code ec;
    if (live.empty() || stdfs::exists(spare, ec) || !stdfs::exists(output / output_marker, ec)) return false;
    bool reused = false;
    auto empty = prepare_spare(spare, manifests, reused, nullptr);
    if (!empty) return empty.errors();
    std::vector<const std::string*> paths;
    paths.reserve(live.size());
    for (const auto& [path, entry] : live) paths.push_back(&path);
    auto errors = each_file(paths.size(), pool, [&](std::size_t i) {
        return link_from_live(output / *paths[i], spare / *paths[i], *paths[i]);
    });
    // Without its manifest the spare is unknown: the next publish starts it again.
    if (!errors.empty()) return errors;
    if (auto saved = manifests.save(spare, live); !saved) return saved.errors();
    known.spare = live;
    known.spare_identity = manifests.identity(spare);
    return true;
}

}  // namespace portal::fs
