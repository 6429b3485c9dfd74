#include "build/build.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <ostream>
#include <tuple>
#include <type_traits>
#include <unordered_map>

#include "base/sanitizers.h"
#include "build/assemble.h"
#include "build/background_staging.h"
#include "build/build_cache.h"
#include "build/hot_rebuild.h"
#include "content/markdown_memo.h"
#include "fs/files.h"
#include "fs/output_dir.h"

namespace portal::build {

namespace stdfs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point started) {
    return std::chrono::duration<double, std::milli>(Clock::now() - started).count();
}

// Adds `problems` to `diagnostics` with every file named from the project
// root (templates are loaded by full path), sorted, repeats dropped.
void collect(const stdfs::path& root, std::vector<Diagnostic> problems, Diagnostics& diagnostics) {
    const std::string root_prefix = root.generic_string() + "/";
    for (auto& d : problems) {
        if (stdfs::path(d.path).is_absolute()) d.path = fs::display_path(root, d.path);
        for (std::size_t at = d.hint.find(root_prefix); at != std::string::npos; at = d.hint.find(root_prefix))
            d.hint.erase(at, root_prefix.size());
    }
    diagnostics.add_all(problems);
    diagnostics.sort();
    diagnostics.deduplicate();
}

// Errors fail; with --strict, so do warnings.
bool passes(const BuildOptions& options, Diagnostics& diagnostics) {
    if (options.strict && diagnostics.warning_count() > 0) diagnostics.promote_warnings();
    return !diagnostics.has_errors();
}

// What the checks read: every HTML output with where it came from, every output path.
// `known` (by index of output.files, or empty): link records of unchanged pages, checked without their HTML.
check::CheckInput check_input(const SiteOutput& output, const stdfs::path& root,
                              const std::vector<const check::LinkRecord*>& known = {}) {
    check::CheckInput input;
    input.root = root;
    input.site = &output.site();
    // Looked up once per template, not once per page: 28,000 pages share a
    // dozen templates, and two stat() calls per page took ~0.2 s at N = 10,000.
    std::unordered_map<std::string, std::string> template_paths;
    auto template_path = [&](const std::string& name) -> std::string {
        if (name.empty()) return {};
        if (auto cached = template_paths.find(name); cached != template_paths.end()) return cached->second;
        std::string found;
        for (const auto& dir : output.template_dirs) {
            std::error_code ec;
            if (stdfs::is_regular_file(root / dir / name, ec)) {
                found = dir + "/" + name;
                break;
            }
        }
        return template_paths.emplace(name, std::move(found)).first->second;
    };
    for (std::size_t i = 0; i < output.files.size(); ++i) {
        const RenderedFile& file = output.files[i];
        input.output_paths.push_back(file.output_path);
        if (!is_html_output(file.output_path)) continue;
        input.pages.push_back({file.output_path, file.data, file.source_path, file.page, template_path(file.template_name),
                               i < known.size() ? known[i] : nullptr, file.early.get()});
    }
    for (const auto& file : output.statics) input.output_paths.push_back(file.to);
    // Templates, then UI strings (which may hold URLs), then config.toml (menus).
    std::vector<std::string> dirs = output.template_dirs;
    dirs.push_back("i18n");
    dirs.push_back("themes/" + output.site().config.theme + "/i18n");
    for (const auto& dir : dirs) {
        auto listed = fs::list_files(root / dir, dir);
        if (listed)
            for (const auto& rel : *listed) input.url_sources.push_back(dir + "/" + rel);
    }
    input.url_sources.push_back(output.site().config.source_path);
    return input;
}

// Index into `files` of each HTML page, by index of CheckInput::pages.
std::vector<std::size_t> html_file_indexes(const std::vector<RenderedFile>& files) {
    std::vector<std::size_t> indexes;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (is_html_output(files[i].output_path)) indexes.push_back(i);
    return indexes;
}

// The ids of each HTML page the check read or made a record of this build
// (not `known`), by index of `files`.
std::vector<const std::vector<std::string>*> ids_read(const std::vector<RenderedFile>& files,
                                                      const std::vector<const check::LinkRecord*>& known,
                                                      const check::CheckReport& report) {
    std::vector<const std::vector<std::string>*> ids(files.size(), nullptr);
    for (std::size_t i = 0, page = 0; i < files.size(); ++i) {
        if (!is_html_output(files[i].output_path)) continue;
        if (files[i].early) ids[i] = &files[i].early->record.ids;
        else if ((i >= known.size() || !known[i]) && page < report.records.size()) ids[i] = &report.records[page].ids;
        ++page;
    }
    return ids;
}

Result<std::size_t> write_site(const stdfs::path& out, const SiteOutput& output, const WorkerPool& pool) {
    const auto& rendered = output.files;
    const auto& statics = output.statics;
    auto staging = fs::StagingDir::create(out);
    if (!staging) return staging.errors();
    std::vector<std::optional<Diagnostic>> failures(rendered.size() + statics.size());
    pool.for_each_index(statics.size(), [&](std::size_t i) {
        auto copied = staging->copy(statics[i].from, statics[i].to);
        if (!copied) failures[i] = copied.errors().front();
    }, WorkerPool::Waits::on_disk);
    pool.for_each_index(rendered.size(), [&](std::size_t i) {
        auto written = staging->write(rendered[i].output_path, rendered[i].data);
        if (!written) failures[statics.size() + i] = written.errors().front();
    }, WorkerPool::Waits::on_disk);
    std::vector<Diagnostic> errors;
    for (auto& failure : failures)
        if (failure) errors.push_back(std::move(*failure));
    if (!errors.empty()) return errors;
    auto published = staging->publish();
    if (!published) return published.errors();
    return rendered.size() + statics.size();
}

// The options that change outputs beyond what the template values show.
std::string cache_options_key(const BuildOptions& options) {
    return std::string(options.strict ? "strict" : "lenient") + (options.include_drafts ? " drafts" : "") +
           (options.include_future ? " future" : "") + (options.include_expired ? " expired" : "") +
           (options.base_url.empty() ? "" : " base " + options.base_url);
}

// Leaves `parts` to the process's exit (BuildOptions::leave_memory_to_exit).
// Under AddressSanitizer they are destroyed where the caller's are: its leak
// check would report them.
template <typename... Parts>
void leave_to_exit(Parts&&... parts) {
    if constexpr (!address_sanitizer)
        new std::tuple<std::decay_t<Parts>...>(std::forward<Parts>(parts)...);  // never deleted, on purpose
}

}  // namespace

void print_stage_times(std::ostream& out, const BuildSummary& summary) {
    for (const auto& stage : summary.stages)
        out << "  " << stage.name << ": " << static_cast<long>(stage.milliseconds) << " ms (CPU "
            << static_cast<long>(stage.cpu_milliseconds) << " ms)\n";
}

bool run_build(const BuildOptions& given, Diagnostics& diagnostics, BuildSummary& summary) {
    const auto started = Clock::now();
    BuildOptions options = given;
    const stdfs::path root = stdfs::absolute(options.root).lexically_normal();
    const stdfs::path out = options.out.empty() ? root / "site" : options.out;
    // Before anything is read, locked or written: an output that is the
    // project, above it or one of its sources is refused outright.
    if (auto where = fs::check_output_location(root, out); !where) {
        collect(root, where.take_errors(), diagnostics);
        return false;
    }
    const WorkerPool pool(options.jobs, options.progress);

    // The build cache (docs/incremental.md): only outputs whose fingerprint
    // changed are rendered; the others keep the live tree's bytes.
    const stdfs::path cache_dir = options.cache_dir.empty() ? root / ".portal-cache" : options.cache_dir;
    std::shared_ptr<BuildCache> cache;
    // portal serve: its previous build's cache, unless another build published since.
    bool output_changed = false;
    if (options.use_cache && options.hot && options.hot->cache) {
        if (options.hot->cache->reacquire_lock()) cache = std::move(options.hot->cache);
        else output_changed = true;
        options.hot->cache.reset();
    }
    std::optional<content::MarkdownMemo> memo;
    SelectOutputs select;
    if (options.use_cache) {
        if (!cache) cache = std::make_shared<BuildCache>(cache_dir, out);  // takes the project's build lock: the memo is ours from here
        memo.emplace(cache_dir / "markdown");
        options.markdown_memo = &*memo;
        select = [&](const RenderPlan& plan, const SiteValues& values, const content::Site& site,
                     const std::string& now_iso, const AssetUrls& assets) {
            // asset() answers from the asset URLs: they are inputs of every render.
            std::string key = cache_options_key(options);
            for (const auto& [from, to] : assets.fingerprinted) key += '\n' + from + ' ' + to;
            for (const auto& url : assets.plain) key += '\n' + url;
            auto wanted = cache->select(plan, values, root, site.config.theme, key, now_iso, pool);
            summary.rendered = static_cast<std::size_t>(std::count(wanted.begin(), wanted.end(), 1));
            return wanted;
        };
    }
    StageTimes times(options.progress);
    // portal serve keeps each good build's state; an edit that keeps the site
    // model starts from it (build/hot_rebuild.h). Taken here: a build that fails
    // leaves none behind, its edits to the state may be half applied.
    const bool keep = options.hot && cache;
    std::shared_ptr<BuildState> kept = options.hot ? std::move(options.hot->kept) : nullptr;
    std::vector<char> hot_rendered;
    std::optional<SiteOutput> hot_output;
    if (keep) {
        std::string declined = "no build kept";
        if (kept && output_changed)
            declined = "the output folder changed since the last build";
        else if (kept)
            hot_output = hot_assemble(kept, options.hot->changed, options, root, pool, hot_rendered, declined, &times);
        options.hot->declined = hot_output ? std::string() : declined;
        // A hot rebuild's output holds the state; a full build replaces it,
        // and serve frees it after serving the new site (HotRebuild::retired).
        if (hot_output)
            kept.reset();
        else
            options.hot->retired = std::move(kept);
    }
    // A first build writes each output into a new spare tree as soon as it
    // is rendered, not all of them after the link check: at N = 10,000 the
    // rendered pages were ~300 MB of fresh memory held to the end.
    // (Not for portal serve's builds, which keep their outputs for the next.)
    OnRendered write_early = [&](RenderedFile& file, const RenderSettings& settings) {
        cache->write_early(file, settings);
    };
    const bool early = cache && !keep && !hot_output && cache->start_new_spare();
    Result<SiteOutput> output = hot_output ? Result<SiteOutput>(std::move(*hot_output))
                                           : assemble_site(options, root, pool, summary.missing_translations,
                                                           cache ? &select : nullptr, &times, keep,
                                                           early ? &write_early : nullptr);
    // The live tree's entry of each output, looked up once for the cache's
    // calls below; made again whenever the outputs are (read_back).
    BuildCache::LiveEntries live;
    // Writes the outputs into the spare tree while the links are checked
    // (build/background_staging.h). Declared after what its write reads, so
    // it is destroyed (and the write waited for) first.
    std::optional<BackgroundStaging> staging;
    if (cache) staging.emplace(*cache);
    if (output && cache) live = cache->live_entries(output->files);
    if (hot_output) {
        summary.hot = true;
        summary.rendered = static_cast<std::size_t>(std::count(hot_rendered.begin(), hot_rendered.end(), 1));
        cache->carry_fingerprints(output->files, hot_rendered, live);
    }
    // The link checks see every page: unchanged ones through what the previous
    // build recorded of them, or else read back from the live tree. One that
    // cannot be read (deleted by hand) means rendering everything.
    std::vector<const check::LinkRecord*> known;
    // Also the bytes of `early_pages` (indexes of output->files), which a
    // first build wrote into the spare tree and released.
    auto read_back = [&](const std::vector<std::size_t>& early_pages = {}) {
        if (staging) staging->drop();  // the outputs are about to change
        bool read = cache->load_reused(output->files, known, pool);
        for (std::size_t i : early_pages) read = read && cache->read_early(output->files[i]);
        if (read) return;
        known.clear();
        summary.hot = false;
        output = assemble_site(options, root, pool, summary.missing_translations, nullptr, &times, keep);
        live = output ? cache->live_entries(output->files) : BuildCache::LiveEntries();
    };
    auto restage = [&] {
        if (staging && output) staging->start(*output, live);
    };
    if (output && cache) {
        known = cache->known_links(output->files, output->site().config.base_url, live, pool);
        read_back();
    }
    times.mark("read back unchanged outputs");
    if (!output) {
        collect(root, output.take_errors(), diagnostics);
        return false;
    }
    if (!cache) summary.rendered = output->files.size();
    if (!keep) {
        content::release_rendered_text(output->site(), pool);  // a kept state's search index needs them again
        times.mark("free page bodies");
    }
    // Unknown fields, outdated translations: `check` lists them, `build --strict` fails on them.
    collect(root, output->site().warnings, diagnostics);
    restage();
    const auto checks_started = Clock::now();
    // Unchanged pages' targets all checked in the build that made the live
    // tree; while none of its files and ids has gone, they still do, and are
    // not checked again. Else they are, from their records.
    bool known_targets_hold = cache != nullptr;
    check::CheckInput input = check_input(*output, root, known);
    input.known_targets_hold = known_targets_hold;
    check::CheckReport links = check::run_checks(input, check::Scope::links, pool);
    if (known_targets_hold &&
        !cache->keeps_every_target(output->files, input.output_paths, ids_read(output->files, known, links), live)) {
        known_targets_hold = false;
        staging->drop();  // stage() reads the fingerprints and entries this may change
        cache->decode_known_targets(output->files, known, pool);
        read_back();  // pages whose record could not be read
        if (!output) {
            collect(root, output.take_errors(), diagnostics);
            return false;
        }
        restage();
        links = check::run_checks(check_input(*output, root, known), check::Scope::links, pool);
    }
    if (!links.stale.empty()) {
        // A page read from its record (an unchanged page, or one a first build
        // wrote out as it rendered it) links to something that is not there:
        // check again from its HTML, so the problem is reported where the
        // link was written. Pages of this build are read back from the spare
        // tree (those whose links check keep their records); unchanged pages
        // from the live tree, all of them (their records may be stale).
        std::vector<std::size_t> early_pages;
        bool known_stale = false;
        const std::vector<std::size_t> html_files = html_file_indexes(output->files);
        for (const std::size_t page : links.stale) {
            if (output->files[html_files[page]].early) early_pages.push_back(html_files[page]);
            else known_stale = true;
        }
        if (known_stale) known.clear();
        read_back(early_pages);
        if (!output) {
            collect(root, output.take_errors(), diagnostics);
            return false;
        }
        restage();
        check::CheckInput again = check_input(*output, root, known);
        again.known_targets_hold = known_targets_hold;  // the pages still `known` passed the runs before
        links = check::run_checks(again, check::Scope::links, pool);
    }
    summary.check_milliseconds = milliseconds_since(checks_started);
    summary.references = links.references;
    collect(root, std::move(links.problems), diagnostics);
    times.mark("link checks");
    summary.stages = times.stages();
    if (!passes(options, diagnostics)) {
        // The spare tree may hold this build's outputs; the live tree is untouched.
        if (staging)
            if (auto staged = staging->finish(); !staged) collect(root, staged.take_errors(), diagnostics);
        return false;
    }

    summary.pages = output->site().pages.size();
    if (cache) {
        auto staged = staging->finish();
        times.mark("spare tree (written beside the link checks)");
        if (!staged) {
            collect(root, staged.take_errors(), diagnostics);
            return false;
        }
        // The link records of the pages read this build, by index of output->files.
        std::vector<std::pair<std::size_t, check::LinkRecord>> fresh;
        for (std::size_t i = 0, page = 0; i < output->files.size(); ++i) {
            if (!is_html_output(output->files[i].output_path)) continue;
            if (output->files[i].early) fresh.emplace_back(i, std::move(output->files[i].early->record));
            else if (i >= known.size() || !known[i]) fresh.emplace_back(i, std::move(links.records[page]));
            ++page;
        }
        // portal serve saves the link records after serving (prepare_next_build).
        auto published =
            cache->publish(std::move(*staged), output->files, std::move(fresh), output->site().config.base_url, pool, !keep);
        if (!published) {
            collect(root, published.take_errors(), diagnostics);
            return false;
        }
        summary.outputs = output->files.size() + output->statics.size();
        summary.written = published->written;
        if (keep) {
            if (output->state->kept) options.hot->kept = output->state;
            cache->release_lock();
            options.hot->cache = cache;
        }
    } else {
        auto written = write_site(out, *output, pool);
        if (!written) {
            collect(root, written.take_errors(), diagnostics);
            return false;
        }
        BuildCache::forget_live_tree(cache_dir, out);
        summary.outputs = summary.written = *written;
    }
    times.mark("write");
    summary.stages = times.stages();
    summary.milliseconds = milliseconds_since(started);
    if (options.leave_memory_to_exit)
        leave_to_exit(std::move(output), std::move(links), std::move(input), std::move(known), std::move(live));
    return true;
}

bool run_check(const BuildOptions& options, const FetchExternal& fetch, Diagnostics& diagnostics,
               BuildSummary& summary, std::vector<check::ExternalLink>& external) {
    const auto started = Clock::now();
    const stdfs::path root = stdfs::absolute(options.root).lexically_normal();
    const WorkerPool pool(options.jobs);

    auto output = assemble_site(options, root, pool, summary.missing_translations);
    if (!output) {
        collect(root, output.take_errors(), diagnostics);
        return false;
    }
    // Unknown fields, outdated translations: `check` lists them, `build --strict` fails on them.
    collect(root, output->site().warnings, diagnostics);
    const auto checks_started = Clock::now();
    check::CheckReport report = check::run_checks(check_input(*output, root), check::Scope::all, pool);
    summary.check_milliseconds = milliseconds_since(checks_started);
    summary.pages = output->site().pages.size();
    summary.outputs = output->files.size() + output->statics.size();
    summary.references = report.references;
    if (fetch) {
        auto failing = fetch(report.external);
        report.problems.insert(report.problems.end(), failing.begin(), failing.end());
    }
    external = std::move(report.external);
    collect(root, std::move(report.problems), diagnostics);
    summary.milliseconds = milliseconds_since(started);
    return passes(options, diagnostics);
}

}  // namespace portal::build
