#include "build/build.h"

#include <chrono>
#include <set>

#include "base/parallel.h"
#include "build/expand_shortcodes.h"
#include "build/render_outputs.h"
#include "build/template_values.h"
#include "config/config.h"
#include "content/site_builder.h"
#include "fs/files.h"
#include "fs/output_dir.h"
#include "i18n/dates.h"
#include "i18n/ui_strings.h"
#include "outputs/outputs.h"
#include "template/store.h"

namespace portal::build {

namespace stdfs = std::filesystem;

namespace {

struct StaticFile {
    stdfs::path from;
    std::string to;  // relative to the output directory
};

// Site-level templates/ overrides the theme's, file by file (as in Hugo and Zola).
Result<tmpl::TemplateStore> load_templates(const stdfs::path& root, const config::Config& config) {
    const stdfs::path theme = root / "themes" / config.theme;
    std::error_code ec;
    if (!stdfs::is_directory(theme / "templates", ec))
        return make_error(config.source_path, 0, 0, "theme `" + config.theme + "` not found (no themes/" + config.theme +
                                                        "/templates/)",
                          "set theme = \"default\" in config.toml or add the theme folder");
    std::vector<stdfs::path> dirs;
    if (stdfs::is_directory(root / "templates", ec)) dirs.push_back(root / "templates");
    dirs.push_back(theme / "templates");
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
        for (const auto& rel : *listed) files.push_back({root / dir / rel, rel});
    }
    for (const auto& rel : site.static_files) files.push_back({root / "content" / rel, rel});
    if (!errors.empty()) return errors;
    return files;
}

// A page and a static file must not claim the same output path.
void check_collisions(const std::vector<RenderedFile>& rendered, const std::vector<StaticFile>& statics,
                      std::vector<Diagnostic>& errors) {
    std::set<std::string> outputs;
    for (const auto& file : rendered) outputs.insert(file.output_path);
    for (const auto& file : statics)
        if (outputs.count(file.to))
            errors.push_back(make_error(file.from.generic_string(), 0, 0,
                                        "static file would overwrite the generated page " + file.to,
                                        "rename or move the file"));
}

Result<std::size_t> write_site(const stdfs::path& out, const std::vector<RenderedFile>& rendered,
                               const std::vector<StaticFile>& statics, const WorkerPool& pool) {
    auto staging = fs::StagingDir::create(out);
    if (!staging) return staging.errors();
    std::vector<std::optional<Diagnostic>> failures(rendered.size() + statics.size());
    pool.for_each_index(statics.size(), [&](std::size_t i) {
        auto copied = staging->copy(statics[i].from, statics[i].to);
        if (!copied) failures[i] = copied.errors().front();
    });
    pool.for_each_index(rendered.size(), [&](std::size_t i) {
        auto written = staging->write(rendered[i].output_path, rendered[i].data);
        if (!written) failures[statics.size() + i] = written.errors().front();
    });
    std::vector<Diagnostic> errors;
    for (auto& failure : failures)
        if (failure) errors.push_back(std::move(*failure));
    if (!errors.empty()) return errors;
    auto published = staging->publish();
    if (!published) return published.errors();
    return rendered.size() + statics.size();
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
void report_missing_translations(const content::Site& site, bool strict, BuildSummary& summary,
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
                    errors.push_back(make_error(page.source_path, 0, 0, "no " + other.code + " translation",
                                                "add " + page.file_slug + "." + other.code + ".md beside it"));
            }
            if (missing.empty()) continue;
            std::string line = (section.path.empty() ? std::string("(home)") : section.path) + " [" + section.lang +
                               "]: " + std::to_string(missing.size()) + " of " + std::to_string(all.size()) +
                               " pages have no " + other.code + " translation (";
            for (std::size_t i = 0; i < missing.size(); ++i) line += (i ? ", " : "") + missing[i];
            summary.missing_translations.push_back(line + ")");
        }
    }
}

}  // namespace

bool run_build(const BuildOptions& options, Diagnostics& diagnostics, BuildSummary& summary) {
    const auto started = std::chrono::steady_clock::now();
    const stdfs::path root = stdfs::absolute(options.root).lexically_normal();
    const stdfs::path out = options.out.empty() ? root / "site" : options.out;
    WorkerPool pool(options.jobs);

    auto fail = [&](std::vector<Diagnostic> errors) {
        // Templates are loaded by full path; messages name files from the project root.
        const std::string root_prefix = root.generic_string() + "/";
        for (auto& d : errors) {
            if (stdfs::path(d.path).is_absolute()) d.path = fs::display_path(root, d.path);
            for (std::size_t at = d.hint.find(root_prefix); at != std::string::npos; at = d.hint.find(root_prefix))
                d.hint.erase(at, root_prefix.size());
        }
        diagnostics.add_all(errors);
        diagnostics.sort();
        diagnostics.deduplicate();
        return false;
    };

    auto now = build_time(options);
    if (!now) return fail(now.errors());
    auto config = config::load_config(root);
    if (!config) return fail(config.errors());
    std::vector<std::string> languages;
    for (const auto& language : config->languages) languages.push_back(language.code);
    auto strings = i18n::UiStrings::load(root, config->theme, languages);
    // Templates load alongside content so a build reports both kinds of errors at once.
    auto templates = load_templates(root, *config);
    content::SiteOptions site_options;
    site_options.include_drafts = options.include_drafts;
    site_options.include_future = options.include_future;
    site_options.include_expired = options.include_expired;
    site_options.now = *now;
    auto site = content::build_site(root, std::move(*config), site_options, pool);
    std::vector<Diagnostic> errors;
    if (!templates) errors.insert(errors.end(), templates.errors().begin(), templates.errors().end());
    if (!site) errors.insert(errors.end(), site.errors().begin(), site.errors().end());
    if (!strings) errors.insert(errors.end(), strings.errors().begin(), strings.errors().end());
    if (!errors.empty()) return fail(errors);
    report_missing_translations(*site, options.strict, summary, errors);
    if (!errors.empty()) return fail(errors);
    // Shortcodes need the finished model (links) and the templates; after this the model is read-only.
    if (auto expanded = expand_shortcodes(*site, *templates, *strings, pool); !expanded) return fail(expanded.errors());

    const SiteValues values = make_site_values(*site, *strings, i18n::format_iso(i18n::from_unix_seconds(*now, 9 * 60)), pool);
    RenderSettings settings;
    settings.strict = options.strict;
    auto rendered = render_outputs(*site, values, *templates, settings, pool);
    if (!rendered) return fail(rendered.errors());
    outputs::OutputContext output_context;
    output_context.now = *now;
    auto extra = outputs::extra_outputs(*site, output_context);
    if (!extra) return fail(extra.errors());
    for (auto& file : *extra) rendered->push_back({std::move(file.path), std::move(file.data)});

    auto statics = collect_static_files(root, *site);
    if (!statics) return fail(statics.errors());
    check_collisions(*rendered, *statics, errors);
    if (!errors.empty()) return fail(errors);
    if (options.strict && diagnostics.warning_count() > 0) {
        diagnostics.sort();
        diagnostics.promote_warnings();
        return false;
    }

    summary.pages = site->pages.size();
    if (options.write_output) {
        auto written = write_site(out, *rendered, *statics, pool);
        if (!written) return fail(written.errors());
        summary.outputs = *written;
    }
    diagnostics.sort();
    summary.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return true;
}

}  // namespace portal::build
