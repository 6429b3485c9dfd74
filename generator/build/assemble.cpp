#include "build/assemble.h"

#include <chrono>
#include <map>
#include <string_view>
#include <set>

#include "base/flat_index.h"
#include "build/expand_shortcodes.h"
#include "build/template_values.h"
#include "config/config.h"
#include "content/site_builder.h"
#include "fs/files.h"
#include "i18n/dates.h"
#include "i18n/ui_strings.h"
#include "outputs/assets.h"
#include "outputs/outputs.h"
#include "outputs/search_index.h"
#include "template/store.h"

namespace portal::build {

namespace stdfs = std::filesystem;

namespace {

// Site-level templates/ overrides the theme's, file by file (as in Hugo and Zola).
std::vector<std::string> template_dirs(const stdfs::path& root, const config::Config& config) {
    std::vector<std::string> dirs;
    std::error_code ec;
    if (stdfs::is_directory(root / "templates", ec)) dirs.push_back("templates");
    dirs.push_back("themes/" + config.theme + "/templates");
    return dirs;
}

Result<tmpl::TemplateStore> load_templates(const stdfs::path& root, const config::Config& config) {
    std::error_code ec;
    if (!stdfs::is_directory(root / "themes" / config.theme / "templates", ec))
        return make_error(config.source_path, 0, 0, "theme `" + config.theme + "` not found (no themes/" + config.theme +
                                                        "/templates/)",
                          "set theme = \"default\" in config.toml or add the theme folder");
    std::vector<stdfs::path> dirs;
    for (const auto& dir : template_dirs(root, config)) dirs.push_back(root / dir);
    tmpl::StoreOptions options;
    options.host_filters = host_filter_names();
    return tmpl::TemplateStore::load(dirs, options);
}

Result<std::vector<StaticFile>> collect_static_files(const stdfs::path& root, const content::Site& site) {
    std::vector<StaticFile> files;
    std::vector<Diagnostic> errors;
    // Later sources override earlier ones: theme static, site static, content files.
    const std::string theme_static = "themes/" + site.config.theme + "/static";
    for (const std::string& dir : {theme_static, std::string("static")}) {
        auto listed = fs::list_files(root / dir, dir);
        if (!listed) {
            errors.insert(errors.end(), listed.errors().begin(), listed.errors().end());
            continue;
        }
        for (const auto& rel : *listed) files.push_back({root / dir / rel, rel, true});
    }
    for (const auto& rel : site.static_files) files.push_back({root / "content" / rel, rel, false});
    if (!errors.empty()) return errors;
    // Keep only the last file of each output path, so an override is copied alone
    // (two parallel copies to one path would race).
    std::map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < files.size(); ++i) last[files[i].to] = i;
    std::vector<StaticFile> kept;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (last[files[i].to] == i) kept.push_back(std::move(files[i]));
    return kept;
}

// Nothing reads the template values after rendering. Freed one by one at the
// end of this function they took ~0.3 s of one thread at N = 10,000 (millions
// of small strings, lists and maps); the pool frees them side by side. Their
// reference counts are atomic, so values shared between pages are safe.
void free_in_parallel(SiteValues& values, const WorkerPool& pool) {
    for (auto* list : {&values.pages, &values.sections, &values.taxonomies})
        pool.for_each_index(list->size(), [&](std::size_t i) { (*list)[i] = tmpl::Value(); });
    values = SiteValues();
}

struct PreparedAssets {
    outputs::AssetManifest manifest;
    AssetUrls urls;
};

// CSS and JS of the static folders are read, minified and fingerprinted
// (outputs/assets.h) and leave `statics`; every other static file stays, to be
// copied as it is under its own name.
Result<PreparedAssets> prepare_assets(const stdfs::path& root, std::vector<StaticFile>& statics) {
    std::vector<outputs::AssetSource> sources;
    std::vector<StaticFile> plain;
    std::vector<Diagnostic> errors;
    for (auto& file : statics) {
        if (!file.from_static_dir || !outputs::is_fingerprinted(file.to)) {
            plain.push_back(std::move(file));
            continue;
        }
        auto data = fs::read_file(file.from, fs::display_path(root, file.from));
        if (!data) errors.insert(errors.end(), data.errors().begin(), data.errors().end());
        else sources.push_back({file.to, std::move(*data)});
    }
    if (!errors.empty()) return errors;
    PreparedAssets prepared;
    prepared.manifest = outputs::fingerprint_assets(sources);
    prepared.urls.fingerprinted = prepared.manifest.urls;
    for (const auto& file : plain) prepared.urls.plain.insert("/" + file.to);
    statics = std::move(plain);
    return prepared;
}

// The URL a reader would type for an output path ("topic/sme/index.html" → "/topic/sme/").
std::string url_of_output(const std::string& output_path) {
    constexpr std::string_view index = "index.html";
    if (output_path.size() >= index.size() && output_path.ends_with(index) &&
        (output_path.size() == index.size() || output_path[output_path.size() - index.size() - 1] == '/'))
        return "/" + output_path.substr(0, output_path.size() - index.size());
    return "/" + output_path;
}

// What made a generated file, for "already used by ...".
std::string maker_of(const RenderedFile& file) {
    if (file.source_path.empty()) return "a generated file (feed, calendar, sitemap, search index or asset)";
    if (file.template_name.empty()) return file.source_path;
    return file.source_path + " (template " + file.template_name + ")";
}

// No two outputs may claim one path: the second write would silently replace
// the first (a content page content/topic/sme.md and the term page of `sme`
// are both /topic/sme/). Pages among themselves are checked in the site model
// with the page's own line; this catches a page against a generated list,
// term or index page, and a static file against anything generated.
std::vector<Diagnostic> check_collisions(const std::vector<RenderedFile>& rendered, const std::vector<StaticFile>& statics) {
    std::vector<Diagnostic> errors;
    // Views of the outputs' own paths, hashed: an ordered map of copied
    // paths took ~10 ms of one thread at N = 10,000 (31,800 outputs).
    FlatIndex owner(rendered.size());
    // Made from something under content/ (a page, a section folder): what an editor can rename.
    auto is_content = [](const RenderedFile& f) { return f.source_path.starts_with("content/"); };
    auto is_content_page = [&](const RenderedFile& f) { return is_content(f) && f.source_path.ends_with(".md"); };
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        if (owner.insert(rendered[i].output_path, static_cast<std::uint32_t>(i))) continue;
        // Report at the content file an editor can rename, naming the other maker.
        const RenderedFile& first = rendered[owner.find(rendered[i].output_path)->value];
        const RenderedFile& second = rendered[i];
        const bool blame_first = is_content(first) && !is_content(second);
        const RenderedFile& blamed = blame_first ? first : second;
        const RenderedFile& other = blame_first ? second : first;
        errors.push_back(make_coded("E0401", blamed.source_path.empty() ? blamed.output_path : blamed.source_path,
                                    is_content_page(blamed) ? 1 : 0, is_content_page(blamed) ? 1 : 0,
                                    {{"url", url_of_output(blamed.output_path)}, {"other", maker_of(other)}}));
    }
    for (const auto& file : statics)
        if (owner.find(file.to))
            errors.push_back(make_error(file.from.generic_string(), 0, 0,
                                        "static file would overwrite the generated page " + file.to,
                                        "rename or move the file"));
    return errors;
}

Result<long long> build_time(const BuildOptions& options) {
    if (options.now.empty())
        return static_cast<long long>(
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    auto parsed = i18n::parse_iso(options.now);
    if (!parsed) return make_error("", 0, 0, "--now must be a date such as 2025-06-20 or 2025-06-20T09:00:00+09:00");
    return static_cast<long long>(i18n::to_unix_seconds(*parsed));
}

// Pages without a version in another language, grouped by section. In
// --strict mode each is an error at the page.
void report_missing_translations(const content::Site& site, bool strict, std::vector<std::string>& summary,
                                 std::vector<Diagnostic>& errors) {
    for (const auto& section : site.sections) {
        for (const auto& other : site.config.languages) {
            if (other.code == section.lang) continue;
            std::vector<std::string> missing;
            std::vector<std::size_t> all = section.pages;
            if (section.index_page != content::no_page) all.push_back(section.index_page);
            for (std::size_t p : all) {
                const content::Page& page = site.pages[p];
                bool translated = false;
                for (std::size_t t : page.translations) translated |= site.pages[t].lang == other.code;
                if (translated) continue;
                missing.push_back(page.file_slug);
                if (strict)
                    errors.push_back(make_coded("E0405", page.source_path, 0, 0,
                                                {{"lang", other.code}, {"file", page.file_slug + "." + other.code + ".md"}}));
            }
            if (missing.empty()) continue;
            std::string line = (section.path.empty() ? std::string("(home)") : section.path) + " [" + section.lang +
                               "]: " + std::to_string(missing.size()) + " of " + std::to_string(all.size()) +
                               " pages have no " + other.code + " translation (";
            for (std::size_t i = 0; i < missing.size(); ++i) line += (i ? ", " : "") + missing[i];
            summary.push_back(line + ")");
        }
    }
}

}  // namespace

Result<SiteOutput> assemble_site(const BuildOptions& options, const stdfs::path& root, const WorkerPool& pool,
                                 std::vector<std::string>& missing_translations, const SelectOutputs* select,
                                 StageTimes* times, bool keep, const OnRendered* on_rendered) {
    auto mark = [&](const char* stage) {
        if (times) times->mark(stage);
    };
    auto now = build_time(options);
    if (!now) return now.errors();
    auto config = config::load_config(root);
    if (!config) return config.errors();
    if (!options.base_url.empty()) config->base_url = options.base_url;
    std::vector<std::string> languages;
    for (const auto& language : config->languages) languages.push_back(language.code);
    auto strings = i18n::UiStrings::load(root, config->theme, languages);
    // Templates load alongside content so a build reports both kinds of errors at once.
    auto templates = load_templates(root, *config);
    std::vector<std::string> dirs = template_dirs(root, *config);
    content::SiteOptions site_options;
    site_options.include_drafts = options.include_drafts;
    site_options.page_cache = options.page_cache;
    site_options.markdown_memo = options.markdown_memo;
    site_options.plain_text_section = outputs::search_section;
    site_options.include_future = options.include_future;
    site_options.include_expired = options.include_expired;
    site_options.now = *now;
    auto site = content::build_site(root, std::move(*config), site_options, pool);
    mark("load config, templates and content");
    std::vector<Diagnostic> errors;
    if (!templates) errors.insert(errors.end(), templates.errors().begin(), templates.errors().end());
    if (!site) errors.insert(errors.end(), site.errors().begin(), site.errors().end());
    if (!strings) errors.insert(errors.end(), strings.errors().begin(), strings.errors().end());
    if (!errors.empty()) return errors;
    // From here on the model, strings, templates and asset URLs live in the
    // state: the template values refer to them, and portal serve keeps them.
    auto state = std::make_shared<BuildState>();
    state->site = std::move(*site);
    state->strings.emplace(std::move(*strings));
    state->templates.emplace(std::move(*templates));
    content::Site& model = state->site;
    report_missing_translations(model, options.strict, missing_translations, errors);
    if (!errors.empty()) return errors;
    // Shortcodes need the finished model (links) and the templates; after this the model is read-only.
    if (auto expanded = expand_shortcodes(model, *state->templates, *state->strings, pool); !expanded)
        return expanded.errors();
    mark("shortcodes");

    auto statics = collect_static_files(root, model);
    if (!statics) return statics.errors();
    // Templates need the fingerprinted names (asset()), so assets come before rendering.
    auto assets = prepare_assets(root, *statics);
    if (!assets) return assets.errors();
    state->assets = assets->urls;
    mark("static files and assets");
    const std::string now_iso = i18n::format_iso(i18n::from_unix_seconds(*now, 9 * 60));
    state->values = make_site_values(model, *state->strings, now_iso, state->assets, pool);
    mark("template values");
    RenderSettings settings;
    settings.strict = options.strict;
    settings.base_url = model.config.base_url;
    settings.base_path = model.config.base_path();
    state->plan = plan_outputs(model, state->values, *state->templates, pool);
    mark("plan");
    std::vector<char> wanted;
    if (select) wanted = (*select)(state->plan, state->values, model, now_iso, state->assets);
    mark("fingerprints");
    // Feeds, sitemap, calendars and open data read only the model, so they are
    // made in the render's loop, as its first items: made after it, their
    // longest group ran on alone while the other core waited (~45-90 ms of
    // idle core time at N = 10,000, perf sched), and the render's own idle
    // moments (a thread waiting on ext4) find work.
    outputs::OutputContext output_context;
    output_context.now = *now;
    output_context.jobs = pool.size();
    outputs::ExtraOutputMaker extras(model, output_context);
    const BesideRender beside{outputs::ExtraOutputMaker::part_count(),
                              [&](std::size_t part) { extras.make_part(part); }};
    auto rendered = render_planned(state->plan, select ? &wanted : nullptr, state->values, *state->templates, settings,
                                   pool, on_rendered, &beside);
    if (!rendered) return rendered.errors();
    mark("render, with feeds, sitemap, calendars, open data");
    // Freed here only when the process goes on after the build. A one-shot
    // build leaves them to its exit with the rest of its memory
    // (BuildOptions::leave_memory_to_exit): freeing them cost ~120 ms of CPU
    // at N = 10,000, and as the threads that made them had exited, mimalloc
    // later walked every block freed (the next large allocation reclaims the
    // dead threads' segments): ~35 ms more of one thread. Five alternating
    // pairs on tmpfs: user 3.80 -> 3.48-3.75 s, wall medians 2.44 -> 2.34 s,
    // peak RSS +25 MB (the later stages cannot reuse that memory).
    if (!keep && !options.leave_memory_to_exit) {
        state->plan = RenderPlan();  // its contexts hold values
        free_in_parallel(state->values, pool);
        mark("free template values");
    }
    auto extra = extras.finish(pool);
    if (!extra) return extra.errors();
    for (std::size_t group = 0; group < outputs::extra_group_count; ++group)
        for (auto& file : (*extra)[group]) {
            if (keep) state->extra_paths[group].push_back(file.path);
            rendered->push_back({std::move(file.path), std::move(file.data), {}, {}, content::no_page});
        }
    for (auto& file : assets->manifest.files)
        rendered->push_back({std::move(file.path), std::move(file.data), {}, {}, content::no_page});
    if (auto collisions = check_collisions(*rendered, *statics); !collisions.empty()) return collisions;
    mark("search indexes, output collisions");
    if (keep) {
        state->kept = true;
        state->now = *now;
        state->now_iso = now_iso;
        state->made = std::chrono::steady_clock::now();
        state->asset_files.assign(rendered->end() - static_cast<std::ptrdiff_t>(assets->manifest.files.size()),
                                  rendered->end());
        state->statics = *statics;
        state->template_dirs = dirs;
    } else {
        state->strings.reset();
        state->templates.reset();
    }
    return SiteOutput{std::move(state), std::move(*rendered), std::move(*statics), std::move(dirs)};
}

}  // namespace portal::build
