#include "build/hot_rebuild.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "build/expand_shortcodes.h"
#include "build/template_references.h"
#include "build/value_hash.h"
#include "content/load_page.h"
#include "content/schema.h"
#include "content/site_builder.h"
#include "content/validate_front_matter.h"
#include "fs/files.h"
#include "outputs/outputs.h"
#include "outputs/page_dates.h"

namespace portal::build {

namespace stdfs = std::filesystem;
using tmpl::Value;

namespace {

// Diagnostics point into the front matter by its nodes' positions: a
// reordered key parses to an equal table at other lines.
bool same_positions(const toml::node& a, const toml::node& b) {
    if (!(a.source().begin == b.source().begin)) return false;
    if (const auto* table = a.as_table()) {
        const auto* other = b.as_table();
        if (!other) return false;
        for (const auto& [key, node] : *table) {
            const toml::node* match = other->get(key.str());
            if (!match || !same_positions(node, *match)) return false;
        }
    } else if (const auto* array = a.as_array()) {
        const auto* other = b.as_array();
        if (!other || other->size() != array->size()) return false;
        for (std::size_t i = 0; i < array->size(); ++i)
            if (!same_positions(*array->get(i), *other->get(i))) return false;
    }
    return true;
}

// Whether `fresh`, the edited page `index` with a new title, sits where the
// old one did in its section's list and its terms' lists (the title decides
// the order only between pages of the same weight and date).
bool keeps_its_place(const content::Site& site, std::size_t index, const content::Page& fresh) {
    auto fits = [&](const std::vector<std::size_t>& list) {
        const auto at = std::find(list.begin(), list.end(), index);
        if (at == list.end()) return true;
        if (at != list.begin() && !content::listed_before(site.pages[*(at - 1)], fresh)) return false;
        return at + 1 == list.end() || content::listed_before(fresh, site.pages[*(at + 1)]);
    };
    const content::Page& kept = site.pages[index];
    if (kept.section_index != content::no_page && !fits(site.sections[kept.section_index].pages)) return false;
    for (const auto& terms : kept.terms)
        for (const auto& taxonomy : site.taxonomies) {
            if (taxonomy.name != terms.taxonomy || taxonomy.lang != kept.lang) continue;
            for (const auto& term : taxonomy.terms)
                if (std::find(terms.keys.begin(), terms.keys.end(), term.key) != terms.keys.end() && !fits(term.pages))
                    return false;
        }
    return true;
}

// Whether two loads of a page have different front matter; positions count
// (diagnostics point at them).
bool front_matter_differs(const content::Page& kept, const content::Page& fresh) {
    return !(kept.front_matter == fresh.front_matter) || !same_positions(kept.front_matter, fresh.front_matter);
}

// Why an edit of page `index` (reloaded as `fresh`; `front`: its front matter
// differs, see front_matter_differs) needs a full build: ""
// when the site model stays as it was. That is a body edit, or an edit of
// front matter fields that only the page's own value and the extra outputs
// read (title, summary, event times, any field templates show through
// `params`); a name, length, date, weight, slug, template, translation or
// taxonomy change, or any edit of a section's own page, moves or relinks
// pages, which only the site builder decides.
std::string model_difference(const content::Site& site, std::size_t index, const content::Page& fresh, bool front) {
    const content::Page& kept = site.pages[index];
    if (kept.lang != fresh.lang || kept.is_section_index != fresh.is_section_index) return "its name";
    // Diagnostics of the body and the link checks point at lines below the front matter.
    if (kept.front_matter_line != fresh.front_matter_line || kept.body_line != fresh.body_line)
        return "the front matter's length";
    if (!front) return {};
    if (kept.is_section_index) return "the front matter of a section's own page";
    const std::pair<const char*, bool> model_fields[] = {
        {"date", kept.date != fresh.date},
        {"publish_date", kept.publish_date != fresh.publish_date},
        {"expiry_date", kept.expiry_date != fresh.expiry_date},
        {"draft", kept.draft != fresh.draft},
        {"weight", kept.weight != fresh.weight},
        {"slug", kept.slug != fresh.slug},
        {"template", kept.template_name != fresh.template_name},
        {"translation_of", kept.translation_of != fresh.translation_of},
        {"translation_of_hash", kept.translation_of_hash != fresh.translation_of_hash},
    };
    for (const auto& [field, differs] : model_fields)
        if (differs) return std::string("`") + field + "` changed";
    for (const auto& taxonomy : site.config.taxonomies)
        if (!(kept.front_matter[taxonomy.name] == fresh.front_matter[taxonomy.name]))
            return "`" + taxonomy.name + "` changed (a taxonomy)";
    if (kept.title != fresh.title && !keeps_its_place(site, index, fresh)) return "its new title moves it in a list";
    return {};
}

// A path the watcher saw that is gone and held nothing the kept build read:
// an editor's temporary file (vim's 4913, a swap file) that came and went.
bool came_and_went(const stdfs::path& root, const std::string& path, const content::Site& site) {
    std::error_code ec;
    if (stdfs::exists(root / path, ec) || ec) return false;
    const std::string folder = path + "/";
    for (const auto& page : site.pages)
        if (page.source_path == path || page.source_path.starts_with(folder)) return false;
    for (const auto& file : site.static_files) {
        const std::string source = "content/" + file;
        if (source == path || source.starts_with(folder)) return false;
    }
    return !path.starts_with("content/data/") && path != "content/data";
}

// Which values hold an edited page or section value, through lists and maps.
// Page values are leaves: no page value holds another's (links to other
// pages are small {title, url} maps), so the walk only opens lists, sections,
// terms and the globals, each block once.
class Holders {
public:
    // `pages`: the blocks of every page value.
    Holders(const std::unordered_map<const void*, std::set<std::string>>& changed,
            const std::unordered_set<const void*>& pages)
        : changed_(changed), pages_(pages) {}

    bool holds_change(const Value& value) {
        if (!value.is_list() && !value.is_map()) return false;
        const void* block = value.block();
        if (changed_.count(block)) return true;
        if (pages_.count(block)) return false;
        if (auto known = memo_.find(block); known != memo_.end()) return known->second;
        bool found = false;
        if (value.is_list()) {
            for (const Value& item : value.items())
                if ((found = holds_change(item))) break;
        } else {
            for (const auto& entry : value.entries())
                if ((found = holds_change(entry.value))) break;
        }
        memo_.emplace(block, found);
        return found;
    }

    // Whether reading `value` the way `use` says can see a change: the same
    // rule as the build cache's fingerprint (a name read only through
    // constant attributes depends on those attributes).
    bool sees_change(const Value& value, const TemplateReferences::Use& use) {
        if (!use.read) return false;
        const auto edited = changed_.find(value.block());
        if (value.is_map() && edited == changed_.end() && pages_.count(value.block())) return false;  // another page
        if (use.whole || !value.is_map()) return holds_change(value);
        if (edited != changed_.end()) {
            for (const auto& attribute : use.attributes)
                if (edited->second.count(attribute)) return true;
            return false;
        }
        for (const auto& attribute : use.attributes)
            if (const Value* part = value.find(attribute); part && holds_change(*part)) return true;
        return false;
    }

private:
    const std::unordered_map<const void*, std::set<std::string>>& changed_;
    const std::unordered_set<const void*>& pages_;
    std::unordered_map<const void*, bool> memo_;
};

// Replaces the entries of `map` that differ from `entries`; the names of those that did.
std::set<std::string> replace_changed(const Value& map, Entries entries) {
    std::set<std::string> changed;
    for (auto& [key, value] : entries) {
        const Value* old = map.find(key);
        if (old) {
            ValueHasher hasher;
            if (hasher.hash(*old) == hasher.hash(value)) continue;
        }
        changed.insert(key);
        map.replace_in_place(key, std::move(value));
    }
    return changed;
}

}  // namespace

namespace {

// What a hot rebuild looks things up in, made once per kept build: by the
// first hot rebuild, or before it, between builds.
void index_kept_build(BuildState& state, const stdfs::path& root) {
    if (state.page_by_path.empty())
        for (std::size_t i = 0; i < state.site.pages.size(); ++i)
            state.page_by_path.emplace(state.site.pages[i].source_path, i);
    if (!state.references) {
        std::vector<stdfs::path> dirs;
        for (const auto& dir : state.template_dirs) dirs.push_back(root / dir);
        state.references.emplace(read_template_sources(dirs));
    }
    if (state.page_blocks.empty())
        for (const Value& page : state.values.pages) state.page_blocks.insert(page.block());
}

}  // namespace

Result<bool> prepare_next_build(HotRebuild& hot, const stdfs::path& root, unsigned jobs) {
    hot.retired.reset();
    if (hot.kept && hot.kept->kept) index_kept_build(*hot.kept, root);
    // After every build but a first one the spare is known: no lock taken, nothing looked at.
    if (!hot.cache || (hot.cache->knows_spare() && !hot.cache->has_unsaved_links())) return false;
    Result<bool> made = false;
    // Another build may have published since (then the next build starts anew
    // with its own records and spare; these records are of a tree gone).
    if (hot.cache->reacquire_lock()) {
        const WorkerPool pool(jobs);
        hot.cache->save_links(pool);
        if (!hot.cache->knows_spare()) made = hot.cache->prepare_spare(pool);
    }
    hot.cache->release_lock();
    return made;
}

std::optional<SiteOutput> hot_assemble(const std::shared_ptr<BuildState>& state, const std::set<std::string>& changed,
                                       const BuildOptions& options, const stdfs::path& root, const WorkerPool& pool,
                                       std::vector<char>& rendered, std::string& declined, StageTimes* times) {
    auto mark = [&](const char* stage) {
        if (times) times->mark(stage);
    };
    auto decline = [&](std::string why) -> std::optional<SiteOutput> {
        declined = std::move(why);
        return std::nullopt;
    };
    if (!state || !state->kept) return decline("no build kept");
    if (options.now.empty() && std::chrono::steady_clock::now() - state->made > hot_build_time_limit)
        return decline("the kept build is over 10 minutes old (its build time would be stale)");
    content::Site& site = state->site;

    index_kept_build(*state, root);
    // Which pages changed; anything else means a full build.
    const auto& by_path = state->page_by_path;
    std::vector<std::size_t> edited;
    for (const auto& path : changed) {
        if (auto page = by_path.find(path); page != by_path.end()) {
            edited.push_back(page->second);
            continue;
        }
        if (came_and_went(root, path, site)) continue;
        return decline(path + " is not a page of the last build");
    }

    // Reload them as the site builder does, and keep only edits that leave the model as it was.
    content::LoadOptions load_options;
    load_options.unsafe_html = site.config.unsafe_html;
    load_options.summary_length = site.config.summary_length;
    for (const auto& language : site.config.languages) load_options.languages.push_back(language.code);
    load_options.keep_plain_text = site.keeps_plain_text;
    std::vector<content::Page> fresh;
    std::vector<char> front_changed;  // by edited page: its front matter differs (see model_difference)
    std::optional<content::Schema> schema;  // read for the first front matter edit
    std::vector<std::string> taxonomy_fields;  // allowed on any page besides the schema's (as the site builder has them)
    std::size_t retitled = 0;
    for (std::size_t i : edited) {
        const content::Page& kept = site.pages[i];
        std::error_code ec;
        if (const auto size = stdfs::file_size(root / kept.source_path, ec); ec || size > content::max_page_bytes)
            return decline(kept.source_path + " cannot be read or is too large");
        auto text = fs::read_file(root / kept.source_path, kept.source_path);
        if (!text) return decline(kept.source_path + " cannot be read");
        content::PageSource source;
        source.path = kept.source_path;
        source.section = kept.section;
        source.file_name = kept.source_path.substr(kept.source_path.rfind('/') + 1);
        source.text = std::move(*text);
        auto page = content::load_page(source, load_options);
        if (!page) return decline(kept.source_path + " has errors");
        const bool front = front_matter_differs(kept, *page);
        if (auto difference = model_difference(site, i, *page, front); !difference.empty())
            return decline(kept.source_path + ": " + difference);
        if (front) {
            // The schema's warnings and errors are kept with the site: an edit
            // that may change them is left to a full build, which reports them.
            if (!schema) {
                auto loaded = content::load_schema(root, site.config.theme);
                if (!loaded) return decline("the front matter schema cannot be read");
                schema.emplace(std::move(*loaded));
                for (const auto& taxonomy : site.config.taxonomies) taxonomy_fields.push_back(taxonomy.name);
            }
            std::vector<Diagnostic> problems;
            content::validate_front_matter(kept, *schema, site.data, taxonomy_fields, problems);
            content::validate_front_matter(*page, *schema, site.data, taxonomy_fields, problems);
            if (!problems.empty()) return decline(kept.source_path + ": its front matter has warnings or errors");
            // Two new titles could trade places in a list each was checked against.
            if (page->title != kept.title && ++retitled > 1) return decline("more than one title changed");
        }
        front_changed.push_back(front ? 1 : 0);
        // Its translations may record its hash (translation_of_hash): their
        // notice and warning depend on the whole file.
        if (kept.lang == site.config.default_language)
            for (std::size_t t : kept.translations)
                if (!site.pages[t].translation_of_hash.empty())
                    return decline(site.pages[t].source_path + " records the hash of " + kept.source_path);
        fresh.push_back(std::move(*page));
    }

    // From here the kept state changes: a decline leaves it to be dropped.
    // What the extra outputs read of a body, before: which of them to make again.
    struct Shown {
        std::string summary, plain_text, last_modified;
    };
    std::vector<Shown> before;  // by edited page
    for (std::size_t i : edited)
        before.push_back({site.pages[i].summary, site.pages[i].content.plain_text, outputs::last_modified(site.pages[i])});
    for (std::size_t k = 0; k < edited.size(); ++k) {
        content::Page& kept = site.pages[edited[k]];
        content::Page& page = fresh[k];
        // What the site model decided stays: the fields it came from are the same (model_difference).
        page.url = std::move(kept.url);
        page.output_path = std::move(kept.output_path);
        page.translations = std::move(kept.translations);
        page.section_index = kept.section_index;
        page.ancestors = std::move(kept.ancestors);
        page.previous = kept.previous;
        page.next = kept.next;
        page.terms = std::move(kept.terms);
        page.original_updated = kept.original_updated;
        page.is_upcoming = content::is_upcoming(page, state->now);  // `start` and `end` may have changed
        page.related = std::move(kept.related);
        kept = std::move(page);
    }
    if (auto expanded = expand_shortcodes(site, *state->templates, *state->strings, pool, &edited); !expanded)
        return decline("a shortcode failed");
    mark("reload edited pages");
    // The extra outputs that can show what changed; the others stay as the live tree has them.
    outputs::ExtraGroupSet remake{};
    for (std::size_t k = 0; k < edited.size(); ++k) {
        const content::Page& page = site.pages[edited[k]];
        outputs::PageChange change;
        change.summary = page.summary != before[k].summary;
        change.plain_text = page.content.plain_text != before[k].plain_text;
        change.front_matter = front_changed[k] != 0;
        change.last_modified = outputs::last_modified(page) != before[k].last_modified;
        const auto showing = outputs::groups_showing(page, change);
        for (std::size_t group = 0; group < outputs::extra_group_count; ++group) remake[group] = remake[group] || showing[group];
    }

    // Their values change in place, so every list and section that holds them sees the new body.
    std::unordered_map<const void*, std::set<std::string>> changed_values;
    for (std::size_t k = 0; k < edited.size(); ++k) {
        const std::size_t i = edited[k];
        const Value& page_value = state->values.pages[i];
        Entries entries = page_body_entries(site.pages[i]);
        if (front_changed[k])
            for (auto& entry : page_front_entries(site.pages[i])) entries.push_back(std::move(entry));
        if (auto names = replace_changed(page_value, std::move(entries)); !names.empty()) {
            // Other pages show its title as a link (neighbours, translations, related pages).
            if (names.count("title"))
                for (const auto& [holder, name] : retitle_links(site, state->values, i))
                    changed_values[state->values.pages[holder].block()].insert(name);
            changed_values[page_value.block()].merge(names);
        }
        if (!site.pages[i].is_section_index) continue;
        for (std::size_t s = 0; s < site.sections.size(); ++s) {
            if (site.sections[s].index_page != i) continue;
            const Value& section_value = state->values.sections[s];
            if (auto names = replace_changed(section_value, section_body_entries(site.pages[i], page_value)); !names.empty())
                changed_values[section_value.block()] = std::move(names);
        }
    }

    // The outputs whose templates can read a changed value.
    const auto& jobs = state->plan.jobs;
    rendered.assign(jobs.size(), 0);
    if (!changed_values.empty()) {
        const TemplateReferences& references = *state->references;
        const auto& page_blocks = state->page_blocks;
        // Two halves side by side, each with its own memo (what a walk found is per thread).
        constexpr std::size_t chunks = 2;
        pool.for_each_index(chunks, [&](std::size_t chunk) {
            Holders holders(changed_values, page_blocks);
            // The globals are the same for every job of one template and language: asked once.
            std::map<std::pair<const void*, std::size_t>, bool> globals_seen;
            auto sees_in = [&](const Value& map, const TemplateReferences::Reads& reads) {
                for (const auto& entry : map.entries())
                    if (holders.sees_change(entry.value, reads.of(entry.key.as_string()))) return true;
                return false;
            };
            for (std::size_t i = chunk * jobs.size() / chunks; i < (chunk + 1) * jobs.size() / chunks; ++i) {
                const RenderJob& job = jobs[i];
                const TemplateReferences::Reads reads = references.reads_of(job.template_name);
                bool sees = sees_in(job.context, reads);
                if (!sees) {
                    auto [known, first_time] = globals_seen.try_emplace({reads.identity(), job.language}, false);
                    if (first_time) known->second = sees_in(state->values.globals[job.language], reads);
                    sees = known->second;
                }
                rendered[i] = sees ? 1 : 0;
            }
        });
    }
    mark("find outputs to render");

    RenderSettings settings;
    settings.strict = options.strict;
    settings.base_url = site.config.base_url;
    settings.base_path = site.config.base_path();
    auto files = render_planned(state->plan, &rendered, state->values, *state->templates, settings, pool);
    if (!files) return decline("a template failed");
    mark("render");
    outputs::OutputContext output_context;
    output_context.now = state->now;
    output_context.jobs = pool.size();
    auto extra = outputs::extra_output_groups(site, output_context, remake);
    if (!extra) return decline("feeds, calendars or open data failed");
    // Room for every output at once: pushing the extras one by one past the
    // rendered outputs' capacity moved all ~29,000 of them (in a perf profile
    // of the daemon, a few percent of a hot rebuild).
    std::size_t count = files->size() + state->asset_files.size();
    for (std::size_t group = 0; group < outputs::extra_group_count; ++group)
        count += remake[group] ? (*extra)[group].size() : state->extra_paths[group].size();
    files->reserve(count);
    for (std::size_t group = 0; group < outputs::extra_group_count; ++group) {
        if (!remake[group]) {
            // Unchanged: the live tree's files stay (publishing copies them, the checks do not read them).
            for (const auto& path : state->extra_paths[group])
                files->push_back({path, {}, {}, {}, content::no_page, true});
            continue;
        }
        state->extra_paths[group].clear();
        for (auto& file : (*extra)[group]) {
            state->extra_paths[group].push_back(file.path);
            files->push_back({std::move(file.path), std::move(file.data), {}, {}, content::no_page});
        }
    }
    files->insert(files->end(), state->asset_files.begin(), state->asset_files.end());
    mark("feeds, sitemap, calendars, open data");
    declined.clear();
    return SiteOutput{state, std::move(*files), state->statics, state->template_dirs};
}

}  // namespace portal::build
