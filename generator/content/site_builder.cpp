#include "content/site_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/flat_index.h"
#include "base/suggest.h"
#include "base/text.h"
#include "content/load_page.h"
#include "content/related.h"
#include "content/schema.h"
#include "content/validate_front_matter.h"
#include "content/toml_dates.h"
#include "fs/files.h"
#include "i18n/dates.h"

namespace portal::content {

namespace stdfs = std::filesystem;

namespace {

int file_line(const Page& page, const toml::node& node);
int file_col(const toml::node& node);

struct Discovered {
    std::vector<PageSource> pages;
    std::vector<std::string> static_files;
};

// content/data/ holds data files (read by the data stage), not pages or assets.
bool is_data_file(const std::string& rel) { return text::starts_with(rel, "data/"); }

Result<Discovered> discover(const stdfs::path& content_dir) {
    auto files = fs::list_files(content_dir, "content");
    if (!files) return files.errors();
    Discovered found;
    for (const std::string& rel : *files) {
        if (is_data_file(rel)) continue;
        if (!text::ends_with(rel, ".md")) {
            found.static_files.push_back(rel);
            continue;
        }
        PageSource source;
        source.path = "content/" + rel;
        std::size_t slash = rel.rfind('/');
        source.section = slash == std::string::npos ? "" : rel.substr(0, slash);
        source.file_name = slash == std::string::npos ? rel : rel.substr(slash + 1);
        found.pages.push_back(std::move(source));
    }
    return found;
}

std::string page_url(const config::Config& config, const Page& page) {
    const config::Language* language = config.language(page.lang);
    const std::string prefix = language ? language->url_prefix : "";
    std::string url = section_url(prefix, page.section);
    if (!page.is_section_index) url += page.slug + "/";
    return url;
}

// The line of `slug = ...` in a page's front matter, or 0.
int slug_line(const Page& page) {
    const toml::node* node = page.front_matter.get("slug");
    return node ? static_cast<int>(node->source().begin.line) + page.front_matter_line - 1 : 0;
}

void assign_urls(Site& site, std::vector<Diagnostic>& errors) {
    for (Page& page : site.pages) {
        page.url = page_url(site.config, page);
        page.output_path = page.url.substr(1) + "index.html";
    }
    // Views of the pages' own URLs (an ordered map of copies took ~7 ms of
    // the one thread at the end of loading, N = 10,000).
    FlatIndex owner(site.pages.size());
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const Page& page = site.pages[i];
        if (owner.insert(page.url, static_cast<std::uint32_t>(i))) continue;
        // Blame the page whose `slug` made the clash (at that line), not the
        // one that merely has the file name: that is the one to change.
        const Page& first = site.pages[owner.find(page.url)->value];
        const bool first_has_slug = slug_line(first) > 0, this_has_slug = slug_line(page) > 0;
        const Page& blamed = first_has_slug && !this_has_slug ? first : page;
        const Page& other = &blamed == &page ? first : page;
        const int line = slug_line(blamed);
        errors.push_back(make_coded("E0401", blamed.source_path, line > 0 ? line : 1, 1,
                                    {{"url", page.url}, {"other", other.source_path}}));
    }
}

void pair_translations(Site& site, std::vector<Diagnostic>& errors) {
    // Pages are one page in two languages when they share section and key.
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const Page& page = site.pages[i];
        const std::string& key = page.translation_of.empty() ? page.file_slug : page.translation_of;
        groups[{page.section, key}].push_back(i);
    }
    for (auto& [key, members] : groups) {
        std::map<std::string, std::size_t> by_lang;
        for (std::size_t i : members) {
            auto [it, inserted] = by_lang.emplace(site.pages[i].lang, i);
            if (!inserted)
                errors.push_back(make_coded("E0402", site.pages[i].source_path, 1, 1,
                                            {{"lang", site.pages[i].lang}, {"other", site.pages[it->second].source_path}}));
        }
        // Translations listed in configured language order.
        for (std::size_t i : members)
            for (const auto& language : site.config.languages) {
                auto it = by_lang.find(language.code);
                if (it != by_lang.end() && it->second != i) site.pages[i].translations.push_back(it->second);
            }
    }
}

// `translation_of` must name a page of the section in another language.
void check_translation_targets(const Site& site, std::vector<Diagnostic>& errors) {
    std::set<std::pair<std::string, std::string>> slugs;  // (section, file slug) of every page
    for (const Page& page : site.pages) slugs.emplace(page.section, page.file_slug);
    for (const Page& page : site.pages) {
        if (page.translation_of.empty() || slugs.count({page.section, page.translation_of})) continue;
        std::vector<std::string> candidates;
        for (const Page& other : site.pages)
            if (other.section == page.section && other.lang != page.lang) candidates.push_back(other.file_slug);
        const toml::node* node = page.front_matter.get("translation_of");
        errors.push_back(make_coded("E0403", page.source_path, node ? file_line(page, *node) : 1, node ? file_col(*node) : 1,
                                    {{"target", page.translation_of},
                                     {"section", "content/" + (page.section.empty() ? "" : page.section + "/")},
                                     {"suggestion", nearest_match(page.translation_of, candidates)}}));
    }
}

// A translation made by `portal new --translate` records the original's
// content_hash; when the original changed since, the translation may be out of
// date: a warning, and `original_updated` for the theme's notice.
void mark_outdated_translations(Site& site, std::vector<Diagnostic>& warnings) {
    for (Page& page : site.pages) {
        if (page.translation_of_hash.empty()) continue;
        for (std::size_t t : page.translations) {
            const Page& original = site.pages[t];
            if (original.lang != site.config.default_language || original.source_hash == page.translation_of_hash) continue;
            page.original_updated = true;
            const toml::node* node = page.front_matter.get("translation_of_hash");
            warnings.push_back(make_coded("W0404", page.source_path, node ? file_line(page, *node) : 1,
                                          node ? file_col(*node) : 1,
                                          {{"source", original.source_path}, {"source_lang", original.lang},
                                           {"hash", original.source_hash}}));
        }
    }
}

void assemble_sections(Site& site) {
    std::map<std::pair<std::string, std::string>, Section> sections;
    auto ensure = [&](const std::string& path, const std::string& lang) -> Section& {
        auto [it, inserted] = sections.try_emplace({path, lang});
        if (inserted) {
            const config::Language* language = site.config.language(lang);
            it->second.path = path;
            it->second.lang = lang;
            it->second.url = section_url(language ? language->url_prefix : "", path);
        }
        return it->second;
    };
    for (const auto& language : site.config.languages) ensure("", language.code);
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const Page& page = site.pages[i];
        Section& section = ensure(page.section, page.lang);
        if (page.is_section_index)
            section.index_page = i;
        else
            section.pages.push_back(i);
        // Every ancestor folder is a section too, so breadcrumbs always resolve.
        std::string path = page.section;
        while (!path.empty()) {
            std::size_t slash = path.rfind('/');
            path = slash == std::string::npos ? "" : path.substr(0, slash);
            ensure(path, page.lang);
        }
    }
    // Order: by path, then language in configured order.
    auto language_rank = [&](const std::string& lang) {
        for (std::size_t i = 0; i < site.config.languages.size(); ++i)
            if (site.config.languages[i].code == lang) return i;
        return site.config.languages.size();
    };
    for (auto& [key, section] : sections) {
        std::stable_sort(section.pages.begin(), section.pages.end(),
                         [&](std::size_t a, std::size_t b) { return listed_before(site.pages[a], site.pages[b]); });
        site.sections.push_back(std::move(section));
    }
    std::stable_sort(site.sections.begin(), site.sections.end(), [&](const Section& a, const Section& b) {
        return std::make_tuple(a.path, language_rank(a.lang)) < std::make_tuple(b.path, language_rank(b.lang));
    });
    for (std::size_t i = 0; i < site.sections.size(); ++i) {
        const Section& child = site.sections[i];
        if (child.path.empty()) continue;
        std::size_t slash = child.path.rfind('/');
        std::string parent_path = slash == std::string::npos ? "" : child.path.substr(0, slash);
        for (auto& parent : site.sections)
            if (parent.path == parent_path && parent.lang == child.lang) parent.subsections.push_back(i);
    }
}

// Front matter line of `node` in the file.
int file_line(const Page& page, const toml::node& node) {
    return static_cast<int>(node.source().begin.line) + page.front_matter_line - 1;
}
int file_col(const toml::node& node) { return static_cast<int>(node.source().begin.column); }

std::vector<std::string> valid_keys(const toml::table& table) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : table) keys.emplace_back(key.str());
    return keys;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

// Reads one page's values of one taxonomy, checking each against its source.
void read_terms(const Site& site, const config::Taxonomy& taxonomy, Page& page, std::vector<Diagnostic>& errors) {
    const toml::node* field = page.front_matter.get(taxonomy.name);
    if (!field) return;
    std::vector<const toml::node*> values;
    if (const auto* array = field->as_array())
        for (const auto& item : *array) values.push_back(&item);
    else
        values.push_back(field);
    const DataFile* data = nullptr;
    if (taxonomy.kind == config::Taxonomy::Kind::data_keys) {
        auto it = site.data.find(taxonomy.data);
        if (it == site.data.end()) return;  // reported once, by check_taxonomy_sources
        data = &it->second;
    }
    Page::Terms terms;
    terms.taxonomy = taxonomy.name;
    for (const toml::node* value : values) {
        std::string key;
        if (const auto* s = value->as_string()) key = s->get();
        else if (const auto* i = value->as_integer()) key = std::to_string(i->get());
        else {
            errors.push_back(make_coded("E0202", page.source_path, file_line(page, *value), file_col(*value),
                                        {{"field", taxonomy.name},
                                         {"expected:en", "text, a number or a list of them"},
                                         {"expected:ja", "文字列・数値またはそのリスト"},
                                         {"actual:en", "another type"}, {"actual:ja", "別の型"},
                                         {"example", "\"...\""}}));
            continue;
        }
        if (data && !data->table.contains(key)) {
            errors.push_back(make_coded("E0204", page.source_path, file_line(page, *value), file_col(*value),
                                        {{"field", taxonomy.name}, {"value", key},
                                         {"suggestion", nearest_match(key, valid_keys(data->table))},
                                         {"source", data->path}, {"values", join(valid_keys(data->table))}}));
            continue;
        }
        if (taxonomy.kind == config::Taxonomy::Kind::fiscal_year) {
            const auto* i = value->as_integer();
            if (!i) {
                auto [actual_en, actual_ja] = std::pair<std::string, std::string>{
                    "the text \"" + key + "\"", "文字列 \"" + key + "\""};
                errors.push_back(make_coded("E0202", page.source_path, file_line(page, *value), file_col(*value),
                                            {{"field", taxonomy.name},
                                             {"expected:en", "a year such as 2025 (the fiscal year's first April)"},
                                             {"expected:ja", "2025 のような年度の始まる年の西暦"},
                                             {"actual:en", actual_en}, {"actual:ja", actual_ja}, {"example", "2025"}}));
                continue;
            }
            if (i->get() < 1868 || i->get() > 2200) {
                errors.push_back(make_coded("E0205", page.source_path, file_line(page, *value), file_col(*value),
                                            {{"field", taxonomy.name}, {"value", key}, {"min", "1868"}, {"max", "2200"},
                                             {"example", "2025"}}));
                continue;
            }
        }
        if (key.empty() || key.find('/') != std::string::npos || key == "." || key == "..") {
            errors.push_back(make_coded("E0209", page.source_path, file_line(page, *value), file_col(*value),
                                        {{"value", key}, {"taxonomy", taxonomy.name}}));
            continue;
        }
        if (std::find(terms.keys.begin(), terms.keys.end(), key) == terms.keys.end()) terms.keys.push_back(key);
    }
    if (!terms.keys.empty()) page.terms.push_back(std::move(terms));
}

// `broken`: data files that exist but could not be read (already reported).
void check_taxonomy_sources(const Site& site, const std::vector<std::string>& broken, std::vector<Diagnostic>& errors) {
    for (const auto& taxonomy : site.config.taxonomies)
        if (taxonomy.kind == config::Taxonomy::Kind::data_keys && !site.data.count(taxonomy.data) &&
            std::find(broken.begin(), broken.end(), taxonomy.data) == broken.end())
            errors.push_back(make_coded("E0502", site.config.source_path, taxonomy.line, 1,
                                        {{"taxonomy", taxonomy.name}, {"data", taxonomy.data}}));
}

std::string term_name(const Site& site, const config::Taxonomy& taxonomy, const std::string& key,
                      const std::string& lang) {
    if (taxonomy.kind == config::Taxonomy::Kind::fiscal_year) return i18n::format_fiscal_year(std::stoi(key), lang);
    if (taxonomy.kind == config::Taxonomy::Kind::data_keys) return entry_name(site.data.at(taxonomy.data), key, lang);
    return key;
}

// Each taxonomy in each language is made on its own (in parallel: ~14 ms of
// the one thread at the end of loading, N = 10,000), then listed in config
// and language order.
void assemble_taxonomies(Site& site, const WorkerPool& pool) {
    const std::size_t languages = site.config.languages.size();
    std::vector<TaxonomyIndex> made(site.config.taxonomies.size() * languages);
    pool.for_each_index(made.size(), [&](std::size_t slot) {
        const config::Taxonomy& taxonomy = site.config.taxonomies[slot / languages];
        const config::Language& language = site.config.languages[slot % languages];
        TaxonomyIndex& index = made[slot];
        index.name = taxonomy.name;
        index.lang = language.code;
        index.url = language.url_prefix + "/" + taxonomy.url_segment + "/";
        std::map<std::string, Term> terms;
        for (std::size_t i = 0; i < site.pages.size(); ++i) {
            const Page& page = site.pages[i];
            if (page.lang != language.code) continue;
            for (const auto& page_terms : page.terms) {
                if (page_terms.taxonomy != taxonomy.name) continue;
                for (const auto& key : page_terms.keys) {
                    Term& term = terms[key];
                    term.key = key;
                    term.pages.push_back(i);
                }
            }
        }
        for (auto& [key, term] : terms) {
            term.name = term_name(site, taxonomy, key, language.code);
            term.url = index.url + key + "/";
            std::stable_sort(term.pages.begin(), term.pages.end(),
                             [&](std::size_t a, std::size_t b) { return listed_before(site.pages[a], site.pages[b]); });
            index.terms.push_back(std::move(term));
        }
        if (taxonomy.kind == config::Taxonomy::Kind::fiscal_year)
            std::reverse(index.terms.begin(), index.terms.end());  // newest year first
    });
    for (auto& index : made) site.taxonomies.push_back(std::move(index));
}

// Neighbours in list order and the chain of sections above each page.
void link_pages(Site& site) {
    std::map<std::pair<std::string, std::string>, std::size_t> section_at;
    for (std::size_t s = 0; s < site.sections.size(); ++s) section_at[{site.sections[s].path, site.sections[s].lang}] = s;
    for (std::size_t s = 0; s < site.sections.size(); ++s) {
        const auto& list = site.sections[s].pages;
        for (std::size_t k = 0; k < list.size(); ++k) {
            Page& page = site.pages[list[k]];
            if (k > 0) page.previous = list[k - 1];
            if (k + 1 < list.size()) page.next = list[k + 1];
        }
    }
    for (Page& page : site.pages) {
        page.section_index = section_at.at({page.section, page.lang});
        std::vector<std::size_t> chain;
        std::string path = page.section;
        for (;;) {
            chain.push_back(section_at.at({path, page.lang}));
            if (path.empty()) break;
            std::size_t slash = path.rfind('/');
            path = slash == std::string::npos ? "" : path.substr(0, slash);
        }
        page.ancestors.assign(chain.rbegin(), chain.rend());
    }
}

// Hugo's rules: drafts, pages published in the future and expired pages are
// left out unless asked for.
bool is_published(const Page& page, const SiteOptions& options) {
    if (page.draft && !options.include_drafts) return false;
    if (!options.include_future && !page.publish_date.empty()) {
        auto when = i18n::parse_iso(page.publish_date);
        if (when && i18n::to_unix_seconds(*when) > options.now) return false;
    }
    if (!options.include_expired && !page.expiry_date.empty()) {
        auto when = i18n::parse_iso(page.expiry_date);
        if (when && i18n::to_unix_seconds(*when) <= options.now) return false;
    }
    return true;
}

}  // namespace

// Hugo's order (site_builder.h): pages with a weight first (ascending), then newest first, then by title.
bool listed_before(const Page& a, const Page& b) {
    const bool a_weighted = a.weight != 0, b_weighted = b.weight != 0;
    if (a_weighted != b_weighted) return a_weighted;
    if (a.weight != b.weight) return a.weight < b.weight;
    if (a.date != b.date) return a.date > b.date;
    return std::tie(a.title, a.source_path) < std::tie(b.title, b.source_path);
}

// An event is upcoming until it ends (or, without `end`, until it starts).
bool is_upcoming(const Page& page, long long now) {
    for (const char* field : {"end", "start"}) {
        const toml::node* node = page.front_matter.get(field);
        if (!node) continue;
        auto iso = toml_date_to_iso(*node);
        auto when = iso ? i18n::parse_iso(*iso) : std::nullopt;
        // A date without a time means the whole day.
        const long long day = iso && iso->size() == 10 ? 86400 : 0;
        return when && i18n::to_unix_seconds(*when) + day > now;
    }
    return false;
}

bool keeps_plain_text(const std::vector<std::string_view>& sections, std::string_view plain_text_section) {
    if (plain_text_section.empty()) return true;
    return std::any_of(sections.begin(), sections.end(), [&](std::string_view section) {
        return section.substr(0, section.find('/')) == plain_text_section;
    });
}

Result<Site> build_site(const stdfs::path& root, config::Config config, const SiteOptions& options,
                        const WorkerPool& pool) {
    auto found = discover(root / "content");
    if (!found) return found.errors();

    LoadOptions load_options;
    load_options.unsafe_html = config.unsafe_html;
    load_options.summary_length = config.summary_length;
    for (const auto& language : config.languages) load_options.languages.push_back(language.code);
    load_options.markdown_memo = options.markdown_memo;
    std::vector<std::string_view> sections;
    for (const auto& source : found->pages) sections.push_back(source.section);
    load_options.keep_plain_text = keeps_plain_text(sections, options.plain_text_section);

    // Parse every file in parallel; results land by index, so order is fixed.
    std::vector<std::optional<Result<Page>>> loaded(found->pages.size());
    std::vector<std::optional<FileStamp>> stamps(found->pages.size());
    std::vector<char> fresh(found->pages.size(), 0);  // loaded now, not from the cache
    std::vector<std::string> front_matters(options.page_cache ? found->pages.size() : 0);  // for the page cache
    pool.for_each_index(found->pages.size(), [&](std::size_t i) {
        PageSource& source = found->pages[i];
        if (options.page_cache) {
            stamps[i] = stamp_of(root / source.path);
            if (auto kept = stamps[i] ? options.page_cache->copy(source.path, *stamps[i], load_options) : std::nullopt) {
                loaded[i].emplace(std::move(*kept));
                return;
            }
        }
        fresh[i] = 1;
        std::uintmax_t size = 0;
        auto text = fs::read_file(root / source.path, source.path, max_page_bytes, size);
        if (size > 0) {
            loaded[i].emplace(make_coded("E0108", source.path, 0, 0,
                                         {{"size", std::to_string((size + 1024 * 1024 - 1) / (1024 * 1024))},
                                          {"limit", std::to_string(max_page_bytes / (1024 * 1024))}}));
            return;
        }
        if (!text) {
            loaded[i].emplace(text.errors());
            return;
        }
        source.text = std::move(*text);
        loaded[i].emplace(load_page(source, load_options, options.page_cache ? &front_matters[i] : nullptr));
        // Released, not only emptied: clear() kept every file's bytes (152 MB at
        // N = 10,000) to the end of loading, memory the next pages could reuse.
        std::string().swap(source.text);
        // Reading a content file waits on the disk whenever the file is not in
        // the page cache (a fresh checkout; on this project's VMs, files unread
        // for a minute or two are reclaimed): half the loading time then went
        // idle on one core. With two threads per job the other thread parses.
    }, WorkerPool::Waits::on_disk);
    if (options.page_cache) {
        std::set<std::string> present;
        for (std::size_t i = 0; i < found->pages.size(); ++i) {
            present.insert(found->pages[i].path);
            if (fresh[i] && stamps[i]) options.page_cache->store(found->pages[i].path, *stamps[i], load_options, *loaded[i],
                                                              std::move(front_matters[i]));
        }
        options.page_cache->keep_only(present);
    }
    // Pages kept by the page cache (portal serve) were not rendered: their memo entries stay.
    if (options.markdown_memo)
        options.markdown_memo->save(std::all_of(fresh.begin(), fresh.end(), [](char f) { return f != 0; })
                                        ? MarkdownMemo::Unused::drop
                                        : MarkdownMemo::Unused::keep,
                                    pool);

    Site site;
    site.keeps_plain_text = load_options.keep_plain_text;
    site.config = std::move(config);
    site.static_files = std::move(found->static_files);
    std::vector<Diagnostic> errors;
    std::vector<Diagnostic> warnings;  // kept in the site: the build reports them with its own
    auto data = read_data_files(root);
    site.data = std::move(data.files);
    errors.insert(errors.end(), data.errors.begin(), data.errors.end());
    check_taxonomy_sources(site, data.broken, errors);
    auto schema = load_schema(root, site.config.theme);
    std::vector<std::string> taxonomy_fields;  // allowed on any page, checked by read_terms
    for (const auto& taxonomy : site.config.taxonomies) taxonomy_fields.push_back(taxonomy.name);
    if (!schema) errors.insert(errors.end(), schema.errors().begin(), schema.errors().end());
    // Each page is checked against the schema and its terms read on its own
    // (in parallel: ~0.2 s of one thread at N = 10,000); the problems are then
    // gathered in file order, so the report does not depend on the threads.
    struct Checked {
        std::vector<Diagnostic> errors, warnings;
        bool failed = false;
    };
    std::vector<Checked> checked(loaded.size());
    pool.for_each_index(loaded.size(), [&](std::size_t i) {
        if (!loaded[i]->ok()) return;
        // Unpublished pages are checked too: a draft's mistakes surface before it goes live.
        Page& page = loaded[i]->value();
        Checked& result = checked[i];
        if (schema) {
            std::vector<Diagnostic> problems;
            validate_front_matter(page, *schema, site.data, taxonomy_fields, problems);
            for (auto& problem : problems) {
                result.failed |= problem.severity == Severity::error;
                (problem.severity == Severity::error ? result.errors : result.warnings).push_back(std::move(problem));
            }
            if (result.failed) return;  // its terms were just reported against the schema
        }
        for (const auto& taxonomy : site.config.taxonomies) read_terms(site, taxonomy, page, result.errors);
        page.is_upcoming = is_upcoming(page, options.now);
    });
    // Reserved: each growth moved every page so far (960 bytes each), ~0.1 s at N = 10,000.
    site.pages.reserve(loaded.size());
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        auto& result = *loaded[i];
        if (!result.ok()) {
            errors.insert(errors.end(), result.errors().begin(), result.errors().end());
            continue;
        }
        errors.insert(errors.end(), checked[i].errors.begin(), checked[i].errors.end());
        warnings.insert(warnings.end(), checked[i].warnings.begin(), checked[i].warnings.end());
        if (checked[i].failed) continue;
        Page& page = result.value();
        if (is_published(page, options)) site.pages.push_back(std::move(page));
    }
    // A failed build lists its warnings too (an unknown field often explains an error).
    auto failed = [&] {
        errors.insert(errors.end(), warnings.begin(), warnings.end());
        return errors;
    };
    if (!errors.empty()) return failed();

    assign_urls(site, errors);
    pair_translations(site, errors);
    check_translation_targets(site, errors);
    if (!errors.empty()) return failed();
    mark_outdated_translations(site, warnings);
    site.warnings = std::move(warnings);
    assemble_sections(site);
    link_pages(site);
    assemble_taxonomies(site, pool);
    link_related_pages(site);
    return site;
}

}  // namespace portal::content
