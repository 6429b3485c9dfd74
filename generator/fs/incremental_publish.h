// Publishing an output tree by updating the previous one, atomically.
//
// Two trees take turns: the live output (`site/`) and a spare beside it
// (`.site.spare/`, the tree of the build before). A build brings the spare up
// to date — writing only files whose bytes differ from the spare's manifest,
// deleting files that are gone — then swaps the two with one
// renameat2(RENAME_EXCHANGE). Readers (and a build killed at any point) see
// the old complete tree or the new complete one, never a mix, as with a full
// build; the price is a second tree on disk, whose files not re-rendered are
// hard links to the live tree's (so no file of either is ever rewritten in
// place). See docs/incremental.md for why not in-place renames.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "fs/tree_manifest.h"

namespace portal::fs {

struct PublishedFile {
    std::string path;               // relative to the output tree
    ManifestEntry entry;            // hashes recorded for the next build
    std::string_view data;          // the bytes, when this build made them...
    std::filesystem::path copy_from;// ...else a file holding them (a static source)...
    bool from_output = false;       // ...or the live tree's file at `path`...
    bool in_spare = false;          // ...or in the new spare tree already (start_new_spare)
};

// What a caller that publishes again and again (portal serve's build cache)
// already knows, so no manifest is read back from disk: the spare tree's
// manifest with its ManifestStore::identity (used only while the file on
// disk is still that one). After a publish, `live` is the manifest of the
// tree now live.
struct KnownManifests {
    Manifest spare;
    std::string spare_identity;
    Manifest live;
};

struct PublishStats {
    std::size_t written = 0;        // files written or copied into the new tree
    std::size_t removed = 0;        // files deleted from it
    bool reused_spare = false;      // false: the new tree was written from scratch
};

// The spare tree's path for `output`: `.site.spare` beside `site`.
std::filesystem::path spare_tree_path(const std::filesystem::path& output);

// Makes `files` (and nothing else, but the output marker) the tree at
// `output`: update_spare, then swap_in_spare. Fails without touching
// `output` when it exists and was not made by portal.
Result<PublishStats> publish_incremental(const std::filesystem::path& output, const ManifestStore& manifests,
                                         const std::vector<PublishedFile>& files, const WorkerPool& pool,
                                         KnownManifests* known = nullptr);

// The spare tree brought up to date with a build's files and its manifest
// saved, not yet live: a build writes it while its link check runs, and
// swaps it in only if the check passes. Left unswapped (the check failed),
// it is a valid spare that the next build updates again.
struct UpdatedSpare {
    Manifest manifest;
    PublishStats stats;
};

// The first half of publish_incremental: writes what differs from the
// spare's manifest, deletes what is gone. Touches only the spare tree, its
// manifest and `known->spare`, so it may run beside work that reads the live tree.
// `started_new`: the spare is the one start_new_spare() made for this build.
Result<UpdatedSpare> update_spare(const std::filesystem::path& output, const ManifestStore& manifests,
                                  const std::vector<PublishedFile>& files, const WorkerPool& pool,
                                  KnownManifests* known = nullptr, bool started_new = false);

// For a build with no spare tree to update (a first build, or the spare is
// gone or was left half-written): makes a new empty one now, so the build can
// write each output into it as soon as the output is made (at N = 10,000 a
// first build held ~300 MB of rendered pages to write them at the end). Those
// files are then given to update_spare as `in_spare`, with `started_new`.
// False, doing nothing, when there is a spare tree with a manifest (the
// usual incremental build: update_spare writes only what changed).
Result<bool> start_new_spare(const std::filesystem::path& output, const ManifestStore& manifests);

// The second half: swaps the updated spare in (one renameat2 exchange, or a
// rename for a first build); `known->live` becomes its manifest.
Result<PublishStats> swap_in_spare(const std::filesystem::path& output, UpdatedSpare updated,
                                   KnownManifests* known = nullptr);

// When there is no spare tree (after the first build into `output`), makes
// one now: hard links to every file of `live` (the live tree's manifest),
// with that manifest, recorded in `known`. The next publish then writes only
// what changed instead of the whole site (portal serve calls this between
// builds, so an editor's first edit is as quick as the others). False, doing
// nothing, when the spare exists or `output` does not.
Result<bool> make_spare_from_live(const std::filesystem::path& output, const ManifestStore& manifests,
                                  const Manifest& live, const WorkerPool& pool, KnownManifests& known);

}  // namespace portal::fs
