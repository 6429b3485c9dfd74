// The build cache: which outputs a build must render again, and publishing
// only what changed (see docs/incremental.md).
//
// Each templated output gets a fingerprint: a hash of everything its render
// can see — the build's inputs (config.toml, UI strings, data files, build
// options), the text of its template and every template that one loads, and
// the template values of its context and globals (memoized per shared value,
// so a section's 2,000 page values are hashed once, not once per list page).
// Context and global names its templates never mention are left out, which
// is what keeps a page's render independent of its section's other pages.
// An output whose fingerprint matches the live tree's manifest is not
// rendered; every output's bytes are compared by hash before writing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "build/render_outputs.h"
#include "build/template_references.h"
#include "build/template_values.h"
#include "check/link_record.h"
#include "fs/incremental_publish.h"
#include "fs/tree_manifest.h"

namespace portal::build {

struct CopiedFile {
    std::filesystem::path from;
    std::string to;  // relative to the output directory
};

class BuildCache {
public:
    // `cache_dir`: where manifests live (<root>/.portal-cache). Reads the
    // manifest of the live tree at `out`, if any.
    // Holds an exclusive lock (flock on <cache_dir>/build.lock) until destroyed
    // (or release_lock): two builds of one project (serve and a manual build)
    // take turns with the spare tree.
    BuildCache(std::filesystem::path cache_dir, std::filesystem::path out);
    ~BuildCache();
    BuildCache(const BuildCache&) = delete;
    BuildCache& operator=(const BuildCache&) = delete;

    // Fingerprints every job of `plan`; returns which ones must be rendered
    // (1) and which can keep the live tree's file (0). `options_key` names
    // the build options and anything else host functions answer from (asset
    // URLs); `now_iso` is the build time.
    std::vector<char> select(const RenderPlan& plan, const SiteValues& values, const std::filesystem::path& root,
                             const std::string& theme, const std::string& options_key, const std::string& now_iso,
                             const WorkerPool& pool);

    // The live tree's manifest entry of each of `files`, by index (nullptr
    // where the live tree has no such file): looked up once per build and
    // handed to the calls below that take it, each of which otherwise looks
    // every path up again (at N = 10,000, ~32,000 hash lookups a call were
    // much of a hot rebuild's time). Valid until publish(); make it again
    // whenever `files` changes. The calls below take the one made from the
    // `files` they are given.
    using LiveEntries = std::vector<const fs::ManifestEntry*>;
    LiveEntries live_entries(const std::vector<RenderedFile>& files) const;

    // What the previous builds' link checks recorded of each `reused` output
    // whose bytes are still those of the record (by index of `files`; nullptr
    // for the others). Valid until publish().
    std::vector<const check::LinkRecord*> known_links(const std::vector<RenderedFile>& files,
                                                      const std::string& base_url, const LiveEntries& live,
                                                      const WorkerPool& pool) const;

    // Whether every file and id the live tree has is in this build's output
    // too: `paths`, every output path of this build (the files' in their
    // order, then the static copies');
    // `fresh_ids`, by index of `files`, the ids of each HTML page read this
    // build (nullptr for the others: `known` ones, whose bytes and so ids did
    // not change). When it holds, the recorded targets of unchanged pages —
    // all checked by the build that made the live tree — still check.
    bool keeps_every_target(const std::vector<RenderedFile>& files, const std::vector<std::string>& paths,
                            const std::vector<const std::vector<std::string>*>& fresh_ids,
                            const LiveEntries& live) const;

    // Reads the recorded targets of the `known` records (by index of files),
    // for the link check to check them again; a record that cannot be read
    // becomes nullptr (its page is then read back, see load_reused).
    void decode_known_targets(const std::vector<RenderedFile>& files, std::vector<const check::LinkRecord*>& known,
                              const WorkerPool& pool);

    // Reads the bytes of `reused` HTML outputs without a `known` record (by
    // index of files; empty: none) back from the live tree: the link checks
    // read them. False when one cannot be read: render all.
    bool load_reused(std::vector<RenderedFile>& files, const std::vector<const check::LinkRecord*>& known,
                     const WorkerPool& pool) const;

    // Publishing is two steps, so that the outputs are written while the
    // link check runs (build/background_staging.h), and made live only once
    // it passed.
    //
    // stage() writes `rendered` (reused ones are linked from the live tree)
    // and `copied` into the spare tree (fs::update_spare) without making it
    // live. It reads `rendered`, `live`, the fingerprints and the live
    // manifest, and writes only the spare tree, its manifest and this
    // cache's record of it (which nothing else reads before publish()):
    // while it runs, the calls above that only read (known_links,
    // keeps_every_target) may run too, but nothing may change `rendered`
    // (load_reused) or the records (decode_known_targets).
    // A first build (no spare tree to update, fs::start_new_spare): makes a
    // new spare tree, so each output can be written into it as soon as it is
    // rendered (write_early) instead of all being held until stage(). False
    // when there is a spare tree to update, or it could not be made (stage()
    // then says why).
    bool start_new_spare();
    // Writes a rendered output into the spare tree start_new_spare() made,
    // makes an HTML page's link record (check/page_links.h) and releases its
    // bytes. Thread-safe. An output it could not write keeps its bytes and
    // gets no record: stage() writes it (and reports what fails), the check
    // reads its HTML.
    void write_early(RenderedFile& file, const RenderSettings& settings) const;
    // Reads back the bytes write_early() released, from the spare tree, and
    // drops the file's link record: the link check reads it again to say
    // where a URL that does not check was written. False if it cannot be read.
    bool read_early(RenderedFile& file) const;

    struct Staged {
        std::vector<fs::PublishedFile> files;
        fs::UpdatedSpare spare;
    };
    Result<Staged> stage(const std::vector<RenderedFile>& rendered, const std::vector<CopiedFile>& copied,
                         const LiveEntries& live, const WorkerPool& pool);

    // publish() makes a staged tree live: swaps it with the live tree and
    // keeps the link records for the next build. `rendered`: what stage() was
    // given. `fresh_links`: the link records of the pages read this build
    // (index into `rendered`, record), kept with those of `base_url`. The link
    // records that changed are saved now, or with `save_links_now` false
    // (portal serve, whose next build reads them from memory) by save_links
    // once the new tree is served. A build whose check failed does not call
    // it: the staged tree stays the spare, with its manifest.
    Result<fs::PublishStats> publish(Staged staged, const std::vector<RenderedFile>& rendered,
                                     std::vector<std::pair<std::size_t, check::LinkRecord>> fresh_links,
                                     const std::string& base_url, const WorkerPool& pool,
                                     bool save_links_now = true);

    // With the lock held: saves the link records publish() left unsaved. A
    // process stopped before saves none; that is safe, as every record names
    // the bytes it was made from, and a page whose bytes differ is read back.
    void save_links(const WorkerPool& pool);
    bool has_unsaved_links() const;

    // portal serve keeps one cache for all its builds (the manifests and
    // link records stay in memory): between builds it lets go of the lock,
    // and takes it again before the next. False when the live tree is no
    // longer the one this cache last saw (another build published since):
    // then use a new cache, and nothing kept of serve's last build.
    void release_lock();
    bool reacquire_lock();

    // With the lock held: makes the spare tree when there is none, so the
    // next publish writes only what changed (fs::make_spare_from_live).
    Result<bool> prepare_spare(const WorkerPool& pool);
    // Whether the last publish left a spare tree this cache knows (then
    // there is nothing to prepare; no lock or file system call needed).
    bool knows_spare() const { return !known_.spare_identity.empty(); }

    // A hot rebuild does not call select(): the fingerprints stage() then
    // records. A job not rendered (`rendered[i]` 0) keeps the live tree's;
    // one rendered gets 0, unknown, so the next full build renders it again.
    void carry_fingerprints(const std::vector<RenderedFile>& files, const std::vector<char>& rendered,
                            const LiveEntries& live);

    // For a build without the cache: the new live tree has no manifest.
    static void forget_live_tree(const std::filesystem::path& cache_dir, const std::filesystem::path& out);

private:
    void keep_links(const std::vector<RenderedFile>& rendered, const std::vector<fs::PublishedFile>& published,
                    std::vector<std::pair<std::size_t, check::LinkRecord>> fresh, const std::string& base_url);

    int lock_fd_ = -1;
    fs::ManifestStore manifests_;
    std::filesystem::path out_;
    fs::Manifest live_;
    std::vector<std::uint64_t> fingerprints_;  // of the jobs given to select, in order
    std::string live_identity_;  // ManifestStore::identity of the live tree this cache holds
    fs::KnownManifests known_;   // the spare tree's manifest, for the next publish
    bool started_new_spare_ = false;  // start_new_spare() made the spare: stage() updates it as new
    std::filesystem::path new_spare_;  // its path, for write_early
    // Link records in 64 files by hash of the output path (.portal-cache/links/NN.records):
    // an edit rewrites the shards of the records that changed, not all 56 MB (N = 10,000).
    static constexpr std::size_t link_shard_count = 64;
    static std::size_t link_shard(const std::string& output_path);
    std::filesystem::path link_shard_path(std::size_t shard) const;
    const check::StoredLinkRecord* find_link_record(const std::string& output_path) const;
    const check::StoredLinkRecord* find_link_record(const std::string& output_path, std::size_t shard) const;

    std::filesystem::path cache_dir_;
    std::vector<check::LinkRecords> links_;  // by shard
    std::vector<char> unsaved_links_ = std::vector<char>(link_shard_count, 0);  // by shard: changed since saved
};


}  // namespace portal::build
