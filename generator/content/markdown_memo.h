// Rendered Markdown kept between builds (`portal build` with the cache, see
// docs/incremental.md). Rendering the bodies is most of what loading content
// costs; a body whose text did not change renders the same, so each render is
// kept in <cache>/markdown/ under the hash of the body's text, the render
// options and the identity of the portal binary (a rebuilt generator renders
// everything again). An incremental build renders only the bodies that
// changed and reads the others back.
//
// Entries are packed into 64 files by hash ("shards"): a build creates 64
// files rather than one per page (creating files is what costs most when a
// site is written), and an edit rewrites one shard, a 64th of the memo.
// Each entry carries a checksum: a damaged one is rendered again. Entries are
// compressed (LZ4): the memo is written whole by every first build.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/parallel.h"
#include "markdown/markdown.h"

namespace portal::content {

class MarkdownMemo {
public:
    // Keeps entries in `dir` (created when needed).
    explicit MarkdownMemo(std::filesystem::path dir);
    ~MarkdownMemo();
    MarkdownMemo(const MarkdownMemo&) = delete;
    MarkdownMemo& operator=(const MarkdownMemo&) = delete;

    // A body rendered and measured: markdown::render(text, options), and the
    // reading time of its plain text (i18n::measure_reading). Without
    // `keep_plain_text` the plain text is measured, then left out (here and
    // in the memo: it is 40 % of an entry, and only a search index reads it).
    struct Body {
        markdown::Rendered rendered;
        int reading_minutes = 1;
    };
    // Read from the memo when this text was rendered before with these
    // options; a new render is kept. Thread-safe.
    Body render(std::string_view text, const markdown::Options& options, bool keep_plain_text = true) const;
    // The same without a memo.
    static Body render_fresh(std::string_view text, const markdown::Options& options, bool keep_plain_text);

    // Finishes the shards that changed: new renders (written into the shard's
    // new file as render() made them), and with `drop` without the entries no
    // render() of this object asked for (bodies edited or deleted since). Call
    // once, after the content is loaded: the memo's memory is released. A memo
    // destroyed without save() leaves the old shards as they were.
    enum class Unused { drop, keep };
    void save(Unused unused, const WorkerPool& pool) const;

    // How many render() calls were answered from the memo so far.
    std::size_t reused() const { return reused_.load(std::memory_order_relaxed); }

    static constexpr std::size_t shard_count = 64;

private:
    struct Shard;
    class Compressors;
    Shard& shard_for(std::uint64_t key) const;
    void load(Shard& shard, std::size_t index) const;
    void save_shard(std::size_t index, Unused unused) const;
    void open_new_file(Shard& shard, std::size_t index) const;
    std::filesystem::path shard_path(std::size_t index) const;

    std::filesystem::path dir_;
    std::uint64_t seed_ = 0;  // the binary's identity and the memo format
    std::unique_ptr<Shard[]> shards_;
    std::unique_ptr<Compressors> compressors_;  // lent to render(), which is const
    mutable std::atomic<std::size_t> reused_{0};
};

}  // namespace portal::content
