#include "build/build_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "build/value_hash.h"
#include "fs/files.h"
#include "fs/mapped_file.h"
#include "fs/output_dir.h"

namespace portal::build {

namespace stdfs = std::filesystem;
using tmpl::Value;

namespace {

// Entry `i` of a LiveEntries, or nullptr past its end (one made from other files).
const fs::ManifestEntry* entry_of(const BuildCache::LiveEntries& live, std::size_t i) {
    return i < live.size() ? live[i] : nullptr;
}

// Every page, section, taxonomy and global value hashed once, in parallel
// where they do not contain each other. Maps are remembered with their
// entries' hashes: a job reading only `page.title` and `page.content` looks
// both up.
ValueHasher remember_site_values(const SiteValues& values, const WorkerPool& pool) {
    ValueHasher hasher;
    auto remember_all = [&](const std::vector<Value>& list) {
        std::vector<ValueHasher::MapHashes> hashes(list.size());
        pool.for_each_index(list.size(), [&](std::size_t i) { hashes[i] = hasher.hash_map(list[i]); });
        for (std::size_t i = 0; i < list.size(); ++i) hasher.remember(list[i], std::move(hashes[i]));
    };
    remember_all(values.pages);     // sections and terms list page values
    remember_all(values.sections);
    // Term values (each with all its pages) are the context of every page of a term list: hash each once.
    std::vector<Value> terms;
    for (const Value& taxonomy : values.taxonomies)
        if (const Value* list = taxonomy.find("terms"); list && list->is_list())
            terms.insert(terms.end(), list->items().begin(), list->items().end());
    remember_all(terms);
    remember_all(values.taxonomies);  // site.taxonomies holds them
    // Globals too: every output reads `site.title`, `site.languages`...
    for (const Value& globals : values.globals)
        for (const auto& entry : globals.entries()) hasher.remember(entry.value, hasher.hash_map(entry.value));
    return hasher;
}

// Identity of a static file without reading it: its path, size and modification time.
std::uint64_t static_file_version(const stdfs::path& from) {
    struct stat info {};
    std::string key = from.string();
    if (::stat(from.c_str(), &info) == 0) {
        key += '\0' + std::to_string(info.st_size) + '\0' + std::to_string(info.st_mtim.tv_sec) + '.' +
               std::to_string(info.st_mtim.tv_nsec) + '\0' + std::to_string(info.st_ino);
    }
    return hash_bytes(key, 0x5747);
}

void hash_folder(const stdfs::path& root, const std::string& relative, std::string& into) {
    auto files = fs::list_files(root / relative, relative);
    if (!files) return;  // the stage that reads the folder reports it
    for (const auto& name : *files) {
        into += relative + "/" + name + '\0';
        auto text = fs::read_file(root / relative / name, name);
        const std::uint64_t h = text ? hash_bytes(*text) : 0;
        into.append(reinterpret_cast<const char*>(&h), sizeof h);
    }
}

// Hash of what every render depends on besides its context: config.toml,
// UI string files, data files, the build options that change outputs, and
// the build time when a template reads `build_time`.
std::uint64_t hash_build_inputs(const stdfs::path& root, const std::string& theme, const std::string& options_key,
                                const std::string& now_iso, const TemplateReferences& references) {
    std::string key = std::string("portal ") + PORTAL_VERSION + '\0' + options_key + '\0';
    if (references.any_reads("build_time")) key += now_iso + '\0';
    auto config = fs::read_file(root / "config.toml", "config.toml");
    key += config ? *config : std::string();
    key += '\0';
    hash_folder(root, "themes/" + theme + "/i18n", key);
    hash_folder(root, "i18n", key);
    hash_folder(root, "content/data", key);
    return hash_bytes(key);
}

// Site-level templates/ first, then the theme's: the store's lookup order.
std::vector<stdfs::path> template_directories(const stdfs::path& root, const std::string& theme) {
    std::vector<stdfs::path> dirs;
    std::error_code ec;
    if (stdfs::is_directory(root / "templates", ec)) dirs.push_back(root / "templates");
    dirs.push_back(root / "themes" / theme / "templates");
    return dirs;
}

}  // namespace

BuildCache::BuildCache(stdfs::path cache_dir, stdfs::path out)
    : manifests_(cache_dir), out_(std::move(out)), cache_dir_(cache_dir), links_(link_shard_count) {
    std::error_code ec;
    stdfs::create_directories(cache_dir, ec);
    lock_fd_ = ::open((cache_dir / "build.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ >= 0) ::flock(lock_fd_, LOCK_EX);  // without a lock (read-only folder) the build still works alone
    // Read after taking the lock: another build may just have swapped the trees.
    // A tree without portal's marker is not the one the manifest describes (a
    // folder emptied or made again by hand, with the same inode): trust nothing of it.
    if (auto live = manifests_.load(out_); live && stdfs::exists(out_ / fs::output_marker, ec)) live_ = std::move(*live);
    if (live_.empty()) return;
    live_identity_ = manifests_.identity(out_);
    for (std::size_t shard = 0; shard < link_shard_count; ++shard)
        if (auto file = fs::MappedFile::open(link_shard_path(shard))) {
            // A shard that does not parse holds no records: its pages are read back.
            auto mapped = std::make_shared<const fs::MappedFile>(std::move(*file));
            if (auto records = check::parse_link_records(mapped->bytes(), mapped)) links_[shard] = std::move(*records);
        }
}

std::size_t BuildCache::link_shard(const std::string& output_path) {
    return hash_bytes(output_path, 0x4c494e4b) % link_shard_count;
}

stdfs::path BuildCache::link_shard_path(std::size_t shard) const {
    char name[16];
    std::snprintf(name, sizeof name, "%02zx.records", shard);
    return cache_dir_ / "links" / name;
}

const check::StoredLinkRecord* BuildCache::find_link_record(const std::string& output_path) const {
    return find_link_record(output_path, link_shard(output_path));
}

// With the path's shard already worked out (hashing ~32,000 paths twice over
// showed in profiles of the daemon's one-edit builds).
const check::StoredLinkRecord* BuildCache::find_link_record(const std::string& output_path, std::size_t shard) const {
    const auto& records = links_[shard].by_output;
    const auto it = records.find(output_path);
    return it == records.end() ? nullptr : &it->second;
}

BuildCache::~BuildCache() {
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

std::vector<char> BuildCache::select(const RenderPlan& plan, const SiteValues& values, const stdfs::path& root,
                                     const std::string& theme, const std::string& options_key,
                                     const std::string& now_iso, const WorkerPool& pool) {
    const std::vector<RenderJob>& jobs = plan.jobs;
    const TemplateReferences references(read_template_sources(template_directories(root, theme)));
    const std::uint64_t inputs = hash_build_inputs(root, theme, options_key, now_iso, references);
    ValueHasher remembered = remember_site_values(values, pool);
    for (const tmpl::Value& value : plan.shared) remembered.remember(value);
    const ValueHasher& hasher = remembered;
    fingerprints_.assign(jobs.size(), 0);
    std::vector<char> wanted(jobs.size(), 1);
    pool.for_each_index(jobs.size(), [&](std::size_t i) {
        const RenderJob& job = jobs[i];
        std::string key;
        auto add = [&](std::uint64_t h) { key.append(reinterpret_cast<const char*>(&h), sizeof h); };
        add(inputs);
        add(references.text_hash(job.template_name));
        key += job.template_name + '\0' + job.output_path + '\0';
        // Only the names its templates can read: a page template that never
        // says `section` does not depend on the section's other pages; of a
        // name read only as `section.content`, only that attribute.
        const TemplateReferences::Reads reads = references.reads_of(job.template_name);
        auto add_entry = [&](const tmpl::MapEntry& entry) {
            const std::string& name = entry.key.as_string();
            const TemplateReferences::Use& use = reads.of(name);
            if (!use.read) return;
            key += name;
            key += '\0';
            if (use.whole || !entry.value.is_map()) {
                add(hasher.hash(entry.value));
                return;
            }
            for (const auto& attribute : use.attributes) {
                key += '.';
                key += attribute;
                key += '\0';
                add(hasher.hash_attribute(entry.value, attribute));
            }
        };
        for (const auto& entry : job.context.entries()) add_entry(entry);
        for (const auto& entry : values.globals[job.language].entries()) add_entry(entry);
        // 0 means "unknown" in a manifest: never produce it.
        fingerprints_[i] = hash_bytes(key) | 1;
        auto it = live_.find(job.output_path);
        if (it != live_.end() && it->second.fingerprint == fingerprints_[i]) wanted[i] = 0;
    });
    return wanted;
}

BuildCache::LiveEntries BuildCache::live_entries(const std::vector<RenderedFile>& files) const {
    LiveEntries entries(files.size(), nullptr);
    if (live_.empty()) return entries;  // a first build: no path to hash
    for (std::size_t i = 0; i < files.size(); ++i)
        if (const auto it = live_.find(files[i].output_path); it != live_.end()) entries[i] = &it->second;
    return entries;
}

std::vector<const check::LinkRecord*> BuildCache::known_links(const std::vector<RenderedFile>& files,
                                                              const std::string& base_url,
                                                              const LiveEntries& live,
                                                              const WorkerPool& pool) const {
    // Lookups only, each into its own slot: side by side. On one thread this
    // was 8-11 ms of a --daemon one-edit build at N = 10,000 (~29,000 paths,
    // each hashed twice: for its shard, then in the shard's map).
    // In blocks of 512: a lookup is too short to pay for the pool's counters on its own.
    std::vector<const check::LinkRecord*> known(files.size(), nullptr);
    constexpr std::size_t block = 512;
    pool.for_each_index((files.size() + block - 1) / block, [&](std::size_t b) {
        for (std::size_t i = b * block; i < std::min(files.size(), (b + 1) * block); ++i) {
            if (!files[i].reused) continue;
            const std::size_t shard = link_shard(files[i].output_path);
            if (links_[shard].base_url != base_url) continue;
            const check::StoredLinkRecord* record = find_link_record(files[i].output_path, shard);
            const fs::ManifestEntry* entry = entry_of(live, i);
            if (record && entry && record->content == entry->content) known[i] = &record->record;
        }
    });
    return known;
}

bool BuildCache::keeps_every_target(const std::vector<RenderedFile>& files, const std::vector<std::string>& paths,
                                    const std::vector<const std::vector<std::string>*>& fresh_ids,
                                    const LiveEntries& live) const {
    // No previous tree (a first build, or one after the cache was lost): no
    // page is `known`, so there is no recorded target to doubt. (Answering
    // "no" here made every cold build run the whole link check twice.)
    if (live_.empty()) return true;
    // Every live file is still an output: the output paths are distinct (no
    // two outputs share one), so when all of them are live and they are as
    // many as the live files, none is gone. (Cheaper than a set of 31,000 paths.)
    if (paths.size() != live_.size()) return false;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        // The files' paths come first, in order: their entries are known.
        const bool known = i < files.size() && paths[i] == files[i].output_path;
        if (known ? !entry_of(live, i) : !live_.count(paths[i]))
            return false;  // a new file; with equal counts, another is gone
    }
    for (std::size_t i = 0; i < files.size() && i < fresh_ids.size(); ++i) {
        if (!fresh_ids[i]) continue;
        const fs::ManifestEntry* entry = entry_of(live, i);
        if (!entry) continue;  // a new page: it takes no id away
        // The page's ids in the live tree: from its record, if made from those bytes; else unknown.
        const check::StoredLinkRecord* old = find_link_record(files[i].output_path);
        if (!old || old->content != entry->content) return false;
        const auto& before = old->record.ids;
        const auto& now = *fresh_ids[i];
        if (!std::includes(now.begin(), now.end(), before.begin(), before.end())) return false;  // both sorted
    }
    return true;
}

void BuildCache::decode_known_targets(const std::vector<RenderedFile>& files,
                                      std::vector<const check::LinkRecord*>& known, const WorkerPool& pool) {
    // Each index touches its own record: finds in an unchanging map, from many threads.
    pool.for_each_index(known.size(), [&](std::size_t i) {
        if (!known[i]) return;
        auto& records = links_[link_shard(files[i].output_path)].by_output;
        auto record = records.find(files[i].output_path);
        if (record == records.end() || !check::decode_targets(record->second)) known[i] = nullptr;
    });
}

bool BuildCache::load_reused(std::vector<RenderedFile>& files, const std::vector<const check::LinkRecord*>& known,
                             const WorkerPool& pool) const {
    std::vector<char> failed(files.size(), 0);
    pool.for_each_index(files.size(), [&](std::size_t i) {
        if (!files[i].reused || (i < known.size() && known[i])) return;
        // The checks read HTML only: a reused feed or search index (a hot rebuild's) stays on disk.
        if (!is_html_output(files[i].output_path)) return;
        auto text = fs::read_file(out_ / files[i].output_path, files[i].output_path);
        if (text) files[i].data = std::move(*text);
        else failed[i] = 1;
    }, WorkerPool::Waits::on_disk);
    return std::find(failed.begin(), failed.end(), 1) == failed.end();
}

bool BuildCache::start_new_spare() {
    auto started = fs::start_new_spare(out_, manifests_);
    started_new_spare_ = started && *started;
    new_spare_ = started_new_spare_ ? fs::spare_tree_path(out_) : stdfs::path();
    return started_new_spare_;
}

void BuildCache::write_early(RenderedFile& file, const RenderSettings& settings) const {
    if (!started_new_spare_) return;
    file.content = hash_bytes(file.data);
    if (fs::write_whole_file(new_spare_ / file.output_path, file.data,
                             fs::ParentFolder::probably_missing) != 0)
        return;
    // Only for a page in the spare: that is where read_early finds it again.
    if (is_html_output(file.output_path))
        file.early = std::make_shared<check::PageLinks>(
            check::read_page_links(file.data, file.output_path, {settings.base_url, settings.base_path}));
    file.in_spare = true;
    std::string().swap(file.data);
}

bool BuildCache::read_early(RenderedFile& file) const {
    auto bytes = fs::read_file(new_spare_ / file.output_path, file.output_path);
    if (!bytes) return false;
    file.data = std::move(*bytes);
    file.early.reset();
    return true;
}

Result<BuildCache::Staged> BuildCache::stage(const std::vector<RenderedFile>& rendered,
                                            const std::vector<CopiedFile>& copied, const LiveEntries& live,
                                            const WorkerPool& pool) {
    Staged staged;
    std::vector<fs::PublishedFile>& files = staged.files;
    files.resize(rendered.size() + copied.size());
    pool.for_each_index(rendered.size(), [&](std::size_t i) {
        const RenderedFile& file = rendered[i];
        fs::PublishedFile& published = files[i];
        published.path = file.output_path;
        // Templated outputs come first, in the order select() saw them; the rest (feeds, calendars) have no fingerprint.
        published.entry.fingerprint = i < fingerprints_.size() ? fingerprints_[i] : 0;
        if (file.in_spare) {
            published.entry.content = file.content;
            published.in_spare = true;
        } else if (file.reused) {
            // select() reuses only outputs the live tree has: `live` holds their entries.
            const fs::ManifestEntry* entry = entry_of(live, i);
            if (!entry) throw std::logic_error("reused output without a live entry: " + file.output_path);
            published.entry.content = entry->content;
            published.from_output = true;
        } else {
            published.entry.content = hash_bytes(file.data);
            published.data = file.data;
        }
    });
    for (std::size_t i = 0; i < copied.size(); ++i) {
        fs::PublishedFile& published = files[rendered.size() + i];
        published.path = copied[i].to;
        published.entry.content = static_file_version(copied[i].from);
        published.copy_from = copied[i].from;
    }
    // The spare start_new_spare() made is updated once as new; after that it has its manifest.
    auto updated = fs::update_spare(out_, manifests_, files, pool, &known_, std::exchange(started_new_spare_, false));
    if (!updated) return updated.errors();
    staged.spare = std::move(*updated);
    return staged;
}

Result<fs::PublishStats> BuildCache::publish(Staged staged, const std::vector<RenderedFile>& rendered,
                                             std::vector<std::pair<std::size_t, check::LinkRecord>> fresh_links,
                                             const std::string& base_url, const WorkerPool& pool,
                                             bool save_links_now) {
    auto stats = fs::swap_in_spare(out_, std::move(staged.spare), &known_);
    if (!stats) return stats;
    keep_links(rendered, staged.files, std::move(fresh_links), base_url);
    if (save_links_now) save_links(pool);
    // The trees swapped: what the next build of a kept cache (portal serve) starts from.
    // (Only a manifest this cache read or wrote: an old tree it knew nothing of is read from disk.)
    known_.spare_identity = live_.empty() ? std::string() : manifests_.identity(fs::spare_tree_path(out_));
    known_.spare = std::move(live_);
    live_ = std::move(known_.live);
    live_identity_ = manifests_.identity(out_);
    return stats;
}

Result<bool> BuildCache::prepare_spare(const WorkerPool& pool) {
    return fs::make_spare_from_live(out_, manifests_, live_, pool, known_);
}

void BuildCache::release_lock() {
    if (lock_fd_ >= 0) ::flock(lock_fd_, LOCK_UN);
}

bool BuildCache::reacquire_lock() {
    if (lock_fd_ >= 0) ::flock(lock_fd_, LOCK_EX);
    return !live_identity_.empty() && manifests_.identity(out_) == live_identity_;
}

void BuildCache::carry_fingerprints(const std::vector<RenderedFile>& files, const std::vector<char>& rendered,
                                    const LiveEntries& live) {
    fingerprints_.assign(rendered.size(), 0);
    for (std::size_t i = 0; i < rendered.size() && i < files.size(); ++i)
        if (!rendered[i])
            if (const fs::ManifestEntry* entry = entry_of(live, i)) fingerprints_[i] = entry->fingerprint;
}

void BuildCache::keep_links(const std::vector<RenderedFile>& rendered, const std::vector<fs::PublishedFile>& published,
                            std::vector<std::pair<std::size_t, check::LinkRecord>> fresh, const std::string& base_url) {
    // The records of this build's pages: fresh ones where a page was read,
    // else the previous record if it was made from the same bytes. Pages that
    // are gone drop out. Updated in place (rebuilding the 64 maps of 28,000
    // records took ~15 ms of every one-edit build); a shard in which nothing
    // changed is not written again.
    std::vector<check::LinkRecord*> fresh_by_file(rendered.size(), nullptr);
    for (auto& [index, record] : fresh) fresh_by_file[index] = &record;
    // `changed`: the shard must be written again. Records made under another
    // base_url are none of them valid. (A single flag for "other base" and
    // "changed" once dropped the valid records after a fresh one in a shard.)
    std::vector<char> changed(link_shard_count, 0);
    std::vector<std::size_t> present(link_shard_count, 0);  // this build's pages with a record, by shard
    for (std::size_t shard = 0; shard < link_shard_count; ++shard) {
        if (links_[shard].base_url == base_url) continue;
        links_[shard].by_output.clear();
        links_[shard].base_url = base_url;
        changed[shard] = 1;
    }
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        const std::string& path = rendered[i].output_path;
        const std::size_t shard = link_shard(path);
        const std::uint64_t content = published[i].entry.content;
        auto& records = links_[shard].by_output;
        auto old = records.find(path);
        if (old != records.end() && old->second.content == content) {
            ++present[shard];  // same bytes, same record (a fresh one would be equal)
        } else if (fresh_by_file[i]) {
            check::StoredLinkRecord record{content, std::move(*fresh_by_file[i]), {}, true};
            if (old != records.end()) old->second = std::move(record);
            else records.emplace(path, std::move(record));
            ++present[shard];
            changed[shard] = 1;
        } else if (old != records.end()) {
            records.erase(old);  // its bytes changed and nobody read them: no record
            changed[shard] = 1;
        }
    }
    // More records than pages of this build in a shard: some pages are gone.
    for (std::size_t shard = 0; shard < link_shard_count; ++shard) {
        auto& records = links_[shard].by_output;
        if (records.size() == present[shard]) continue;
        std::unordered_set<std::string_view> kept;
        for (const auto& file : rendered)
            if (link_shard(file.output_path) == shard) kept.insert(file.output_path);
        std::erase_if(records, [&](const auto& entry) { return !kept.count(entry.first); });
        changed[shard] = 1;
    }
    for (std::size_t shard = 0; shard < link_shard_count; ++shard) unsaved_links_[shard] |= changed[shard];
}

bool BuildCache::has_unsaved_links() const {
    return std::any_of(unsaved_links_.begin(), unsaved_links_.end(), [](char unsaved) { return unsaved != 0; });
}

void BuildCache::save_links(const WorkerPool& pool) {
    if (!has_unsaved_links()) return;
    std::error_code ec;
    stdfs::create_directories(cache_dir_ / "links", ec);
    // Shards are separate files, serialized and written side by side (at
    // N = 10,000 a first build's 55 MB of them took ~0.2 s on one thread).
    pool.for_each_index(link_shard_count, [&](std::size_t shard) {
        if (!unsaved_links_[shard]) return;
        unsaved_links_[shard] = 0;
        // Temporary file, then rename: a build killed while writing leaves the old records (checked by content hash).
        const std::string bytes = check::serialize(links_[shard]);
        const stdfs::path path = link_shard_path(shard);
        const stdfs::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            if (!out) return;  // no records there: the next build reads those pages back
        }
        std::error_code renamed;
        stdfs::rename(temporary, path, renamed);
    });
    stdfs::remove(cache_dir_ / "links.records", ec);  // the single file of earlier versions
}

void BuildCache::forget_live_tree(const stdfs::path& cache_dir, const stdfs::path& out) {
    fs::ManifestStore(cache_dir).forget(out);
}

}  // namespace portal::build
