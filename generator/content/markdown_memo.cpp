#include "content/markdown_memo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <lz4.h>

// Header-only use of Debian's libxxhash-dev: nothing to link.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/binary_io.h"
#include "fs/files.h"
#include "fs/mapped_file.h"
#include "i18n/text_measure.h"

namespace portal::content {

namespace stdfs = std::filesystem;

namespace {

constexpr std::string_view magic = "portal-markdown 4\n";

// The serialized form below names every field: a field added to these
// structs must be added there too, or the memo would silently drop it.
static_assert(sizeof(markdown::Rendered) == 3 * sizeof(std::string) + 2 * sizeof(std::vector<int>),
              "markdown::Rendered changed: update append_rendered and parse_rendered");
static_assert(sizeof(markdown::Heading) == 2 * sizeof(std::string) + sizeof(std::size_t),
              "markdown::Heading changed: update append_rendered and parse_rendered");
static_assert(sizeof(markdown::Link) == 2 * sizeof(std::string) + 2 * sizeof(std::size_t),
              "markdown::Link changed: update append_rendered and parse_rendered");

void append_rendered(std::string& out, const MarkdownMemo::Body& body) {
    const markdown::Rendered& r = body.rendered;
    binary::put_u32(out, static_cast<std::uint32_t>(body.reading_minutes));
    binary::put_text(out, r.html);
    binary::put_u32(out, static_cast<std::uint32_t>(r.toc.size()));
    for (const auto& h : r.toc) {
        binary::put_u32(out, static_cast<std::uint32_t>(h.level));
        binary::put_text(out, h.id);
        binary::put_text(out, h.text);
    }
    binary::put_u32(out, static_cast<std::uint32_t>(r.links.size()));
    for (const auto& l : r.links) {
        binary::put_text(out, l.url);
        binary::put_u32(out, static_cast<std::uint32_t>(l.line));
        binary::put_u32(out, static_cast<std::uint32_t>(l.col));
        binary::put_u32(out, l.is_image ? 1 : 0);
        binary::put_text(out, l.alt);
    }
    binary::put_text(out, r.summary_html);
    binary::put_text(out, r.plain_text);
}

std::optional<MarkdownMemo::Body> parse_rendered(std::string_view bytes) {
    binary::Reader in(bytes);
    MarkdownMemo::Body body;
    body.reading_minutes = static_cast<int>(in.number<std::uint32_t>());
    markdown::Rendered& r = body.rendered;
    r.html = in.text();
    const auto headings = in.number<std::uint32_t>();
    for (std::uint32_t i = 0; i < headings && in.ok(); ++i) {
        markdown::Heading h;
        h.level = static_cast<int>(in.number<std::uint32_t>());
        h.id = in.text();
        h.text = in.text();
        r.toc.push_back(std::move(h));
    }
    const auto links = in.number<std::uint32_t>();
    for (std::uint32_t i = 0; i < links && in.ok(); ++i) {
        markdown::Link l;
        l.url = in.text();
        l.line = static_cast<int>(in.number<std::uint32_t>());
        l.col = static_cast<int>(in.number<std::uint32_t>());
        l.is_image = in.number<std::uint32_t>() != 0;
        l.alt = in.text();
        r.links.push_back(std::move(l));
    }
    r.summary_html = in.text();
    r.plain_text = in.text();
    if (!in.ok() || !in.done()) return std::nullopt;
    return body;
}

// A payload is an entry's serialized form (append_rendered) compressed with
// LZ4 (Debian's liblz4), behind its uncompressed size (u32). A cold build at
// N = 10,000 wrote 224 MB of memo uncompressed, 42 MB compressed (35 MB since
// a site without search keeps no plain text in it; 41 MB at acceleration 3): on this
// machine every megabyte written costs kernel time for fresh page-cache
// pages, and those 180 MB cost more than LZ4's ~0.2 s of CPU (spread over
// the loading threads). LZ4 rather than zstd: a quarter of zstd's time for
// 80 % of its ratio on single entries, and reading back is a memcpy's speed.
// One LZ4 state and output buffer, kept from one entry to the next.
// LZ4_compress_default clears a fresh 16 KB state for every entry
// (LZ4_initStream's memset: 1.4 % of a cold build's instructions) and the
// output string was zero-filled before LZ4 wrote it (0.6 %); a state that has
// compressed before needs only LZ4_resetStream_fast, after which
// LZ4_compress_fast_continue makes a block that depends on nothing before it
// (LZ4_decompress_safe reads it alone).
class Compressor {
public:
    // LZ4's "acceleration" (1 is its default): at 3 it compressed the memo's
    // entries (11 KB each) in 27 % less time for a 13 % bigger memo. The
    // memo is written by every cold build for the next one, and read back
    // at memcpy speed whatever its size: time saved now matters more.
    static constexpr int kAcceleration = 3;

    Compressor() : stream_(LZ4_createStream()) {
        if (!stream_) throw std::bad_alloc();  // as any allocation of a render would
    }
    ~Compressor() { LZ4_freeStream(stream_); }
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;

    void append_compressed(std::string& out, std::string_view raw) {
        binary::put_u32(out, static_cast<std::uint32_t>(raw.size()));
        const int bound = LZ4_compressBound(static_cast<int>(raw.size()));
        if (capacity_ < static_cast<std::size_t>(bound)) {
            buffer_ = std::make_unique_for_overwrite<char[]>(static_cast<std::size_t>(bound));
            capacity_ = static_cast<std::size_t>(bound);
        }
        LZ4_resetStream_fast(stream_);
        const int written = LZ4_compress_fast_continue(stream_, raw.data(), buffer_.get(), static_cast<int>(raw.size()),
                                                       bound, kAcceleration);
        out.append(buffer_.get(), static_cast<std::size_t>(std::max(written, 0)));
    }

private:
    LZ4_stream_t* stream_;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
};

// The serialized entry of `payload`, in `scratch`; false if it does not decompress.
bool decompress(std::string_view payload, std::string& scratch) {
    binary::Reader in(payload.substr(0, 4));
    const auto size = in.number<std::uint32_t>();
    if (!in.ok()) return false;
    scratch.resize(size);
    const std::string_view block = payload.substr(4);
    const int got = LZ4_decompress_safe(block.data(), scratch.data(), static_cast<int>(block.size()),
                                        static_cast<int>(size));
    return got >= 0 && static_cast<std::uint32_t>(got) == size;
}

// What tells this binary from any other: a rebuilt generator may render
// differently, so its memo starts empty.
std::uint64_t binary_identity() {
    std::string key = std::string("portal ") + PORTAL_VERSION;
    struct stat info {};
    if (::stat("/proc/self/exe", &info) == 0)
        key += ' ' + std::to_string(info.st_size) + ' ' + std::to_string(info.st_mtim.tv_sec) + '.' +
               std::to_string(info.st_mtim.tv_nsec) + ' ' + std::to_string(info.st_ino);
    key += magic;
    return XXH3_64bits(key.data(), key.size());
}

// A shard's new file, written as entries come: its temporary name until
// finish() renames it into place (a reader sees the old shard or the new one),
// removed if the build never gets there. Entries gather in a small buffer
// written out every quarter megabyte. Until 2026-12-07 (pass 15) each shard's
// new entries were kept in memory to the end of loading and written then: at
// N = 10,000 a cold build held and copied all 224 MB of them (its peak RSS is
// 40-60 MB lower without).
class ShardWriter {
public:
    ShardWriter() = default;
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;
    ~ShardWriter() { discard(); }

    bool is_open() const { return fd_ >= 0 || failed_; }

    // Starts the file at `temporary` (to become `target`) with the magic.
    void open(stdfs::path temporary, stdfs::path target) {
        temporary_ = std::move(temporary);
        target_ = std::move(target);
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        failed_ = fd_ < 0;
        pending_.assign(magic);
    }

    // Where the next entry goes (put_entry); written out once enough gathered.
    std::string& buffer() { return pending_; }
    void written() {
        constexpr std::size_t flush_at = std::size_t{1} << 18;
        if (pending_.size() >= flush_at) flush();
    }

    // Writes what is left and renames the file into place; false if any
    // write failed (the file is removed: these renders are made again next time).
    bool finish() {
        flush();
        bool complete = !failed_;
        if (fd_ >= 0 && ::close(fd_) != 0) complete = false;  // closed whether or not a write failed
        fd_ = -1;
        std::error_code ec;
        if (complete) stdfs::rename(temporary_, target_, ec);
        if (!complete || ec) stdfs::remove(temporary_, ec);
        failed_ = false;
        std::string().swap(pending_);
        return complete;
    }

    void discard() {
        if (!is_open()) return;
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
        failed_ = false;
        std::error_code ec;
        stdfs::remove(temporary_, ec);
        std::string().swap(pending_);
    }

private:
    void flush() {
        std::string_view rest = pending_;
        while (!failed_ && !rest.empty()) {
            const ssize_t wrote = ::write(fd_, rest.data(), rest.size());
            if (wrote < 0 && errno == EINTR) continue;
            if (wrote <= 0) failed_ = true;
            else rest.remove_prefix(static_cast<std::size_t>(wrote));
        }
        pending_.clear();  // keeps its capacity for the next entries
    }

    stdfs::path temporary_, target_;
    int fd_ = -1;
    bool failed_ = false;
    std::string pending_;
};

std::uint64_t entry_key(std::uint64_t seed, std::string_view text, const markdown::Options& options,
                        bool keep_plain_text) {
    const std::uint64_t flags = (options.unsafe_html ? 1 : 0) | (options.heading_ids ? 2 : 0) | (keep_plain_text ? 4 : 0);
    return XXH3_64bits_withSeed(text.data(), text.size(), seed ^ (flags * 0x9E3779B97F4A7C15ull));
}

// A shard file: magic, then entries of key, XXH3 of the payload, payload
// (u32 size + bytes). `write_payload(out)` appends the payload: the header
// is filled in behind it, so a payload is written once, where it stays.
template <typename WritePayload>
void put_entry(std::string& out, std::uint64_t key, const WritePayload& write_payload) {
    constexpr std::size_t header_size = 8 + 8 + 4;
    const std::size_t header = out.size();
    out.append(header_size, '\0');
    write_payload(out);
    const std::string_view payload = std::string_view(out).substr(header + header_size);
    const std::uint64_t checksum = XXH3_64bits(payload.data(), payload.size());
    const auto length = static_cast<std::uint32_t>(payload.size());
    std::memcpy(out.data() + header, &key, 8);
    std::memcpy(out.data() + header + 8, &checksum, 8);
    std::memcpy(out.data() + header + 16, &length, 4);
}

}  // namespace

// Compressors lent to the loading threads, one per thread at most: made
// when none is idle, returned after each entry.
class MarkdownMemo::Compressors {
public:
    void append_compressed(std::string& out, std::string_view raw) {
        std::unique_ptr<Compressor> compressor;
        {
            const std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                compressor = std::move(idle_.back());
                idle_.pop_back();
            }
        }
        if (!compressor) compressor = std::make_unique<Compressor>();
        compressor->append_compressed(out, raw);
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(compressor));
    }

private:
    std::mutex mutex_;
    std::vector<std::unique_ptr<Compressor>> idle_;
};

struct MarkdownMemo::Shard {
    std::mutex mutex;
    bool loaded = false;
    std::optional<fs::MappedFile> file;                          // the shard file, mapped
    std::unordered_map<std::uint64_t, std::string_view> stored;  // payloads in `file`, checksum verified
    std::unordered_set<std::uint64_t> fresh;                     // keys of this build's renders...
    ShardWriter writer;                                          // ...written into the shard's new file
    std::unordered_set<std::uint64_t> used;
};

MarkdownMemo::MarkdownMemo(stdfs::path dir)
    : dir_(std::move(dir)),
      seed_(binary_identity()),
      shards_(std::make_unique<Shard[]>(shard_count)),
      compressors_(std::make_unique<Compressors>()) {
    std::error_code ec;
    stdfs::create_directories(dir_, ec);
}

MarkdownMemo::~MarkdownMemo() = default;

// The shard's new file, under a name of this process's until it is complete.
void MarkdownMemo::open_new_file(Shard& shard, std::size_t index) const {
    const stdfs::path path = shard_path(index);
    shard.writer.open(path.string() + ".tmp-" + std::to_string(::getpid()), path);
}

stdfs::path MarkdownMemo::shard_path(std::size_t index) const {
    char name[16];
    std::snprintf(name, sizeof name, "%02zx.memo", index);
    return dir_ / name;
}

MarkdownMemo::Shard& MarkdownMemo::shard_for(std::uint64_t key) const { return shards_[key % shard_count]; }

// Reads shard `index` (under its lock). Entries whose checksum fails are left out.
void MarkdownMemo::load(Shard& shard, std::size_t index) const {
    shard.loaded = true;
    shard.file = fs::MappedFile::open(shard_path(index));
    if (!shard.file || !shard.file->bytes().starts_with(magic)) return;
    const std::string_view all = shard.file->bytes();
    std::size_t at = magic.size();
    while (at < all.size()) {
        binary::Reader in(all.substr(at, 20));
        const auto key = in.number<std::uint64_t>();
        const auto checksum = in.number<std::uint64_t>();
        const auto size = in.number<std::uint32_t>();
        if (!in.ok() || all.size() - at - 20 < size) return;  // cut short: keep what came before
        const std::string_view payload = all.substr(at + 20, size);
        if (XXH3_64bits(payload.data(), payload.size()) == checksum) shard.stored.emplace(key, payload);
        at += 20 + size;
    }
}

MarkdownMemo::Body MarkdownMemo::render_fresh(std::string_view text, const markdown::Options& options,
                                              bool keep_plain_text) {
    Body body;
    body.rendered = markdown::render(text, options);
    body.reading_minutes = i18n::measure_reading(body.rendered.plain_text).minutes;
    if (!keep_plain_text) std::string().swap(body.rendered.plain_text);
    return body;
}

MarkdownMemo::Body MarkdownMemo::render(std::string_view text, const markdown::Options& options,
                                        bool keep_plain_text) const {
    const std::uint64_t key = entry_key(seed_, text, options, keep_plain_text);
    Shard& shard = shard_for(key);
    std::string_view payload;
    {
        const std::lock_guard lock(shard.mutex);
        if (!shard.loaded) load(shard, key % shard_count);
        shard.used.insert(key);
        if (auto it = shard.stored.find(key); it != shard.stored.end()) payload = it->second;
    }
    // Stored payloads point into the mapping, which does not change once loaded.
    if (!payload.empty()) {
        std::string serialized;
        if (decompress(payload, serialized))
            if (auto kept = parse_rendered(serialized)) {
                reused_.fetch_add(1, std::memory_order_relaxed);
                return std::move(*kept);
            }
    }
    Body rendered = render_fresh(text, options, keep_plain_text);
    // Serialized and compressed outside the lock: the other workers go on meanwhile.
    std::string serialized, compressed;
    append_rendered(serialized, rendered);
    compressors_->append_compressed(compressed, serialized);
    {
        const std::lock_guard lock(shard.mutex);
        shard.stored.erase(key);  // unreadable: replaced by the fresh render
        if (shard.fresh.insert(key).second) {
            if (!shard.writer.is_open()) open_new_file(shard, key % shard_count);
            put_entry(shard.writer.buffer(), key, [&](std::string& out) { out.append(compressed); });
            shard.writer.written();
        }
    }
    return rendered;
}

void MarkdownMemo::save(Unused unused, const WorkerPool& pool) const {
    // Shards are independent files: finished side by side. New renders were
    // written as they came (ShardWriter); what is left is the entries kept
    // from the old files, all of them for an unchanged site.
    pool.for_each_index(shard_count, [&](std::size_t index) { save_shard(index, unused); });
}

void MarkdownMemo::save_shard(std::size_t index, Unused unused) const {
    Shard& shard = shards_[index];
    const std::lock_guard lock(shard.mutex);
    const stdfs::path path = shard_path(index);
    bool write = shard.loaded;
    if (!shard.loaded) {
        // No body hashed to this shard this build: with `drop`, all it held is unused.
        std::error_code ec;
        if (unused == Unused::drop) stdfs::remove(path, ec);
    } else {
        bool dropping = false;
        if (unused == Unused::drop)
            for (const auto& entry : shard.stored) dropping |= !shard.used.count(entry.first);
        write = !shard.fresh.empty() || dropping;
    }
    if (write) {
        if (!shard.writer.is_open()) open_new_file(shard, index);
        for (const auto& [key, payload] : shard.stored)
            if (unused == Unused::keep || shard.used.count(key)) {
                put_entry(shard.writer.buffer(), key, [&](std::string& out) { out.append(payload); });
                shard.writer.written();
            }
        shard.writer.finish();  // if it fails, no memo for these: rendered again next time
    }
    // The pages hold their own copies: the rest of the build does not carry the memo's memory.
    shard.stored = {};
    shard.file.reset();
    shard.fresh = {};
    shard.used = {};
}

}  // namespace portal::content
