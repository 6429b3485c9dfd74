#include "build/template_values.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "base/text.h"
#include "build/chart_function.h"
#include "build/translate_function.h"
#include "build/value_keys.h"
#include "content/toml_dates.h"
#include "outputs/http_headers.h"
#include "outputs/search_index.h"

namespace portal::build {

using tmpl::Value;


Value toml_to_value(const toml::node& node) {
    if (const auto* s = node.as_string()) return Value::string(s->get());
    if (const auto* i = node.as_integer()) return Value::integer(i->get());
    if (const auto* f = node.as_floating_point()) return Value::number(f->get());
    if (const auto* b = node.as_boolean()) return Value::boolean(b->get());
    if (auto iso = content::toml_date_to_iso(node)) return Value::string(*iso);
    if (const auto* t = node.as_time()) {
        const toml::time& time = t->get();
        return Value::string(text::zero_padded(time.hour, 2) + ':' + text::zero_padded(time.minute, 2) + ':' +
                             text::zero_padded(time.second, 2));
    }
    if (const auto* array = node.as_array()) {
        std::vector<Value> items;
        items.reserve(array->size());
        for (const auto& item : *array) items.push_back(toml_to_value(item));
        return Value::list(std::move(items));
    }
    if (const auto* table = node.as_table()) {
        Entries entries;
        entries.reserve(table->size());
        for (const auto& [key, value] : *table) entries.emplace_back(std::string(key.str()), toml_to_value(value));
        return make_map(std::move(entries));
    }
    return Value::none();
}

std::size_t language_index(const config::Config& config, const std::string& lang) {
    for (std::size_t i = 0; i < config.languages.size(); ++i)
        if (config.languages[i].code == lang) return i;
    return 0;
}

namespace {

// Per menu item in order: 'a' active, 'p' ancestor (parent), '-' neither.
std::string menu_states(const config::Language& language, const std::string& current_url) {
    std::string states;
    const std::string home = language.url_prefix + "/";
    for (const auto& [name, items] : language.menus) {
        for (const auto& item : items) {
            const bool active = item.url == current_url;
            // A section's menu item is the current page's ancestor, but the home item is everyone's: skip it.
            const bool ancestor = !active && item.url != home && current_url.compare(0, item.url.size(), item.url) == 0;
            states += active ? 'a' : ancestor ? 'p' : '-';
        }
    }
    return states;
}

Value menus_with_states(const config::Language& language, const std::string& states) {
    Entries menus;
    std::size_t at = 0;
    for (const auto& [name, items] : language.menus) {
        std::vector<Value> list;
        for (const auto& item : items) {
            const bool active = states[at] == 'a';
            const bool ancestor = states[at++] == 'p';
            list.push_back(make_map(Entries{{"name", Value::string(item.name)},
                                              {"url", Value::string(item.url)},
                                              {"weight", Value::integer(item.weight)},
                                              {"active", Value::boolean(active)},
                                              {"ancestor", Value::boolean(ancestor)}}));
        }
        menus.emplace_back(name, Value::list(std::move(list)));
    }
    return make_map(std::move(menus));
}

}  // namespace

Value menus_for(const config::Language& language, const std::string& current_url) {
    return menus_with_states(language, menu_states(language, current_url));
}

MenuValues::MenuValues(const config::Config& config) : config_(config) {}

const Value& MenuValues::get(std::size_t language, const std::string& current_url) {
    const config::Language& lang = config_.languages[language];
    std::string states = menu_states(lang, current_url);
    const std::lock_guard lock(mutex_);
    auto found = cache_.find({language, states});
    if (found != cache_.end()) return found->second;
    Value menus = menus_with_states(lang, states);
    return cache_.emplace(std::pair{language, std::move(states)}, std::move(menus)).first->second;
}

namespace {

Value toc_value(const std::vector<markdown::Heading>& headings) {
    std::vector<Value> items;
    items.reserve(headings.size());
    for (const auto& h : headings)
        items.push_back(make_map(Entries{{"level", Value::integer(h.level)},
                                           {"id", Value::string(h.id)},
                                           {"text", Value::string(h.text)}}));
    return Value::list(std::move(items));
}

std::string absolute(const content::Site& site, const std::string& url) {
    return site.config.base_url + url.substr(1);  // base_url ends with '/', site URLs start with one
}

Value link_value(const content::Site& site, const std::string& lang, const std::string& title, const std::string& url) {
    const config::Language* language = site.config.language(lang);
    return make_map(Entries{{"lang", Value::string(lang)},
                              {"language_name", Value::string(language ? language->title : lang)},
                              {"title", Value::string(title)},
                              {"url", Value::string(url)},
                              {"permalink", Value::string(absolute(site, url))}});
}

std::string section_title(const content::Site& site, const content::Section& section) {
    return section.index_page != content::no_page ? site.pages[section.index_page].title : section.path;
}

// For each other language: the translation if there is one, else a fallback
// (the same section in that language, or its home page).
void translation_links(const content::Site& site, const std::string& lang, const std::string& section_path,
                       const std::vector<std::size_t>& translations, std::vector<Value>& present,
                       std::vector<Value>& missing) {
    for (const auto& language : site.config.languages) {
        if (language.code == lang) continue;
        bool found = false;
        for (std::size_t t : translations)
            if (site.pages[t].lang == language.code) {
                present.push_back(link_value(site, language.code, site.pages[t].title, site.pages[t].url));
                found = true;
            }
        if (found) continue;
        const content::Section* fallback = site.find_section(section_path, language.code);
        if (fallback)
            missing.push_back(link_value(site, language.code, section_title(site, *fallback), fallback->url));
        else
            missing.push_back(link_value(site, language.code, language.title, language.url_prefix + "/"));
    }
}

// Values many pages show the same of: a term's link (every page with the
// term), the breadcrumbs of a section (every page in it), a page as a
// neighbour (the pages before and after it). Built once and shared by the
// page values: a third of their allocations before, and as much to free.
struct SharedParts {
    // By Site::taxonomies index: term key → {key, name, url}.
    std::vector<std::unordered_map<std::string, Value>> terms;
    std::map<std::vector<std::size_t>, Value> breadcrumbs;  // by Page::ancestors
    std::vector<Value> neighbours;                          // by page index: {title, url}
};

Value terms_value(const content::Site& site, const SharedParts& shared, const content::Page& page) {
    Entries by_taxonomy;
    for (const auto& terms : page.terms) {
        std::vector<Value> items;
        for (std::size_t t = 0; t < site.taxonomies.size(); ++t) {
            const auto& index = site.taxonomies[t];
            if (index.name != terms.taxonomy || index.lang != page.lang) continue;
            for (const auto& key : terms.keys)
                if (auto term = shared.terms[t].find(key); term != shared.terms[t].end()) items.push_back(term->second);
        }
        by_taxonomy.emplace_back(terms.taxonomy, Value::list(std::move(items)));
    }
    return make_map(std::move(by_taxonomy));
}

Value neighbour(const content::Site& site, std::size_t index) {
    if (index == content::no_page) return Value::none();
    const auto& p = site.pages[index];
    return make_map(Entries{{"title", Value::string(p.title)}, {"url", Value::string(p.url)}});
}

Value shared_neighbour(const SharedParts& shared, std::size_t index) {
    return index == content::no_page ? Value::none() : shared.neighbours[index];
}

Value related_value(const content::Site& site, const content::Page& page) {
    std::vector<Value> items;
    for (std::size_t r : page.related) {
        const auto& other = site.pages[r];
        items.push_back(make_map(Entries{{"title", Value::string(other.title)},
                                           {"url", Value::string(other.url)},
                                           {"section", Value::string(other.section)},
                                           {"date", other.date.empty() ? Value::none() : Value::string(other.date)}}));
    }
    return Value::list(std::move(items));
}

// Pages with `start` (seminars, meetings) are events: their times as ISO
// strings, and whether they are still to come at build time (see build_time).
Value event_value(const content::Page& page) {
    const toml::node* start = page.front_matter.get("start");
    if (!start) return Value::none();
    const toml::node* end = page.front_matter.get("end");
    auto start_iso = content::toml_date_to_iso(*start);
    auto end_iso = end ? content::toml_date_to_iso(*end) : std::nullopt;
    const bool all_day = page.front_matter["all_day"].value_or(false);
    return make_map(Entries{{"start", start_iso ? Value::string(*start_iso) : Value::none()},
                              {"end", end_iso ? Value::string(*end_iso) : Value::none()},
                              {"all_day", Value::boolean(all_day)},
                              {"upcoming", Value::boolean(page.is_upcoming)}});
}

Value breadcrumbs_value(const content::Site& site, const std::vector<std::size_t>& sections) {
    std::vector<Value> crumbs;
    for (std::size_t s : sections) {
        const auto& section = site.sections[s];
        const config::Language* language = site.config.language(section.lang);
        const std::string title = section.path.empty() && section.index_page == content::no_page && language
                                      ? language->title
                                      : section_title(site, section);
        crumbs.push_back(make_map(Entries{{"title", Value::string(title)}, {"url", Value::string(section.url)}}));
    }
    return Value::list(std::move(crumbs));
}

// `body`: the page's rendered HTML, moved in (see make_site_values).
Value page_value(const content::Site& site, const SharedParts& shared, const content::Page& page, std::string body,
                 std::string summary_html) {
    std::vector<Value> translations, missing;
    translation_links(site, page.lang, page.section, page.translations, translations, missing);
    return make_map(Entries{
        {"title", Value::string(page.title)},
        {"summary", Value::string(page.summary)},
        {"date", page.date.empty() ? Value::none() : Value::string(page.date)},
        {"expiry_date", page.expiry_date.empty() ? Value::none() : Value::string(page.expiry_date)},
        {"url", Value::string(page.url)},
        {"permalink", Value::string(absolute(site, page.url))},
        {"lang", Value::string(page.lang)},
        {"slug", Value::string(page.slug)},
        {"section", Value::string(page.section)},
        {"is_section", Value::boolean(false)},
        {"draft", Value::boolean(page.draft)},
        // A translation whose original changed since (translation_of_hash): the theme shows a notice.
        {"original_updated", Value::boolean(page.original_updated)},
        {"weight", Value::integer(page.weight)},
        {"reading_time", Value::integer(page.reading_minutes)},
        {"source_path", Value::string(page.source_path)},
        {"content", Value::safe(std::move(body))},
        {"summary_html", Value::safe(std::move(summary_html))},
        {"toc", toc_value(page.content.toc)},
        {"translations", Value::list(std::move(translations))},
        {"missing_translations", Value::list(std::move(missing))},
        {"previous", shared_neighbour(shared, page.previous)},
        {"next", shared_neighbour(shared, page.next)},
        {"breadcrumbs", shared.breadcrumbs.at(page.ancestors)},
        {"terms", terms_value(site, shared, page)},
        {"related", related_value(site, page)},
        {"event", event_value(page)},
        {"params", toml_to_value(page.front_matter)},
    });
}

Value section_value(const content::Site& site, const SiteValues& values, const content::Section& section) {
    std::vector<Value> pages;
    pages.reserve(section.pages.size());
    for (std::size_t p : section.pages) pages.push_back(values.pages[p]);
    std::vector<Value> subsections;
    for (std::size_t s : section.subsections) {
        const auto& child = site.sections[s];
        subsections.push_back(make_map(Entries{{"title", Value::string(section_title(site, child))},
                                                 {"url", Value::string(child.url)},
                                                 {"path", Value::string(child.path)},
                                                 {"count", Value::integer(static_cast<std::int64_t>(child.pages.size()))}}));
    }
    const content::Page* index = section.index_page != content::no_page ? &site.pages[section.index_page] : nullptr;
    // A section is translated when the other language has the same section.
    std::vector<std::size_t> same_section;
    for (const auto& other : site.sections)
        if (other.path == section.path && other.lang != section.lang && other.index_page != content::no_page)
            same_section.push_back(other.index_page);
    std::vector<Value> translations, missing;
    translation_links(site, section.lang, section.path, same_section, translations, missing);
    std::vector<std::size_t> ancestors;
    // Breadcrumbs of a section: the sections above it.
    std::string path = section.path;
    while (!path.empty()) {
        std::size_t slash = path.rfind('/');
        path = slash == std::string::npos ? "" : path.substr(0, slash);
        for (std::size_t s = 0; s < site.sections.size(); ++s)
            if (site.sections[s].path == path && site.sections[s].lang == section.lang) ancestors.push_back(s);
    }
    std::reverse(ancestors.begin(), ancestors.end());  // found nearest first: the top comes first
    return make_map(Entries{
        {"title", Value::string(section_title(site, section))},
        {"summary", Value::string(index ? index->summary : "")},
        {"url", Value::string(section.url)},
        {"permalink", Value::string(absolute(site, section.url))},
        {"lang", Value::string(section.lang)},
        {"path", Value::string(section.path)},
        {"section", Value::string(section.path)},
        {"is_section", Value::boolean(true)},
        // The index page's body, shared with its page value (which holds it since make_site_values moved it there).
        {"content", index ? *values.pages[section.index_page].find("content") : Value::safe("")},
        {"toc", index ? toc_value(index->content.toc) : Value::list({})},
        {"translations", Value::list(std::move(translations))},
        {"missing_translations", Value::list(std::move(missing))},
        {"breadcrumbs", breadcrumbs_value(site, ancestors)},
        {"params", index ? toml_to_value(index->front_matter) : make_map(Entries{})},
        {"pages", Value::list(std::move(pages))},
        {"subsections", Value::list(std::move(subsections))},
    });
}

// What `page` is on a taxonomy or term list: enough for the base layout
// (title, alternates, language switcher, breadcrumbs).
Value listing_page(const content::Site& site, const std::string& title, const std::string& url, const std::string& lang,
                   std::vector<Value> translations, std::vector<Value> missing, const Value& parent = Value()) {
    const config::Language* language = site.config.language(lang);
    std::vector<Value> crumbs{make_map(Entries{{"title", Value::string(language ? language->title : lang)},
                                                 {"url", Value::string(language ? language->url_prefix + "/" : "/")}})};
    if (parent.is_map()) crumbs.push_back(parent);
    return make_map(Entries{{"title", Value::string(title)},
                              {"summary", Value::string("")},
                              {"url", Value::string(url)},
                              {"permalink", Value::string(absolute(site, url))},
                              {"lang", Value::string(lang)},
                              {"section", Value::string("")},
                              {"is_section", Value::boolean(true)},
                              {"translations", Value::list(std::move(translations))},
                              {"missing_translations", Value::list(std::move(missing))},
                              {"breadcrumbs", Value::list(std::move(crumbs))}});
}

Value taxonomy_value(const content::Site& site, const SiteValues& values, const i18n::UiStrings& strings,
                     const content::TaxonomyIndex& index) {
    auto title = strings.translate(index.lang, "taxonomy." + index.name, {}, nullptr);
    const std::string taxonomy_title = title ? *title : index.name;
    std::vector<const content::TaxonomyIndex*> others;
    for (const auto& other : site.taxonomies)
        if (other.name == index.name && other.lang != index.lang) others.push_back(&other);

    std::vector<Value> terms;
    for (const auto& term : index.terms) {
        std::vector<Value> pages;
        for (std::size_t p : term.pages) pages.push_back(values.pages[p]);
        // The same term in another language, or that language's list of terms.
        std::vector<Value> present, missing;
        for (const auto* other : others) {
            const content::Term* match = nullptr;
            for (const auto& candidate : other->terms)
                if (candidate.key == term.key) match = &candidate;
            if (match) present.push_back(link_value(site, other->lang, match->name, match->url));
            else missing.push_back(link_value(site, other->lang, other->name, other->url));
        }
        terms.push_back(make_map(Entries{
            {"key", Value::string(term.key)},
            {"name", Value::string(term.name)},
            {"url", Value::string(term.url)},
            {"permalink", Value::string(absolute(site, term.url))},
            {"count", Value::integer(static_cast<std::int64_t>(term.pages.size()))},
            {"pages", Value::list(std::move(pages))},
            {"page", listing_page(site, term.name, term.url, index.lang, std::move(present), std::move(missing),
                                  make_map(Entries{{"title", Value::string(taxonomy_title)},
                                                     {"url", Value::string(index.url)}}))}}));
    }
    std::vector<Value> translations;
    for (const auto* other : others) {
        auto other_title = strings.translate(other->lang, "taxonomy." + other->name, {}, nullptr);
        translations.push_back(link_value(site, other->lang, other_title ? *other_title : other->name, other->url));
    }
    return make_map(Entries{{"name", Value::string(index.name)},
                              {"title", Value::string(taxonomy_title)},
                              {"lang", Value::string(index.lang)},
                              {"url", Value::string(index.url)},
                              {"permalink", Value::string(absolute(site, index.url))},
                              {"terms", Value::list(std::move(terms))},
                              {"page", listing_page(site, taxonomy_title, index.url, index.lang, std::move(translations), {})}});
}

// `page` on the 404 page: a listing page whose translations are the other
// languages' 404 pages, so the language selector leads to them.
Value not_found_value(const content::Site& site, const i18n::UiStrings& strings, const config::Language& language) {
    auto title_in = [&](const std::string& lang) {
        auto title = strings.translate(lang, "not_found_title", {}, nullptr);
        return title ? *title : std::string("404");
    };
    std::vector<Value> translations;
    for (const auto& other : site.config.languages)
        if (other.code != language.code)
            translations.push_back(link_value(site, other.code, title_in(other.code), not_found_url(other)));
    return listing_page(site, title_in(language.code), not_found_url(language), language.code, std::move(translations), {});
}

// A taxonomy as `site.taxonomies` shows it: its terms without their pages
// (term pages list those). Every template reads `site`; keeping other pages'
// text out of it is what lets the build cache re-render only the outputs
// that show an edited page (see docs/incremental.md).
Value without_term_pages(const Value& taxonomy) {
    Entries entries;
    for (const auto& entry : taxonomy.entries()) {
        if (entry.key.as_string() != "terms") {
            entries.emplace_back(entry.key.as_string(), entry.value);
            continue;
        }
        std::vector<Value> terms;
        for (const Value& term : entry.value.items()) {
            Entries fields;
            for (const auto& field : term.entries())
                if (field.key.as_string() != "pages") fields.emplace_back(field.key.as_string(), field.value);
            terms.push_back(make_map(std::move(fields)));
        }
        entries.emplace_back("terms", Value::list(std::move(terms)));
    }
    return make_map(std::move(entries));
}

Value site_value(const content::Site& site, const SiteValues& values, const config::Language& language) {
    std::vector<Value> languages;
    for (const auto& l : site.config.languages)
        languages.push_back(make_map(Entries{{"code", Value::string(l.code)},
                                               {"title", Value::string(l.title)},
                                               {"url", Value::string(l.url_prefix + "/")}}));
    Entries taxonomies;
    for (std::size_t i = 0; i < site.taxonomies.size(); ++i)
        if (site.taxonomies[i].lang == language.code)
            taxonomies.emplace_back(site.taxonomies[i].name, without_term_pages(values.taxonomies[i]));
    // The search page, when the site has one in this language (outputs/search_index.h).
    const content::Section* search_page = site.find_section(outputs::search_section, language.code);
    return make_map(Entries{
        {"title", Value::string(language.title)},
        {"description", Value::string(language.description)},
        {"base_url", Value::string(site.config.base_url)},
        {"lang", Value::string(language.code)},
        {"default_language", Value::string(site.config.default_language)},
        {"home_url", Value::string(language.url_prefix + "/")},
        // The language's whole-site Atom feed (outputs/feeds.cpp), absolute as feed readers expect.
        {"feed_url", Value::string(site.config.base_url +
                                   (language.url_prefix.empty() ? "" : language.url_prefix.substr(1) + "/") +
                                   "atom.xml")},
        {"languages", Value::list(std::move(languages))},
        {"menus", menus_for(language, "")},
        {"taxonomies", make_map(std::move(taxonomies))},
        {"search_url", Value::string(search_page ? search_page->url : "")},
        // For <meta http-equiv="Content-Security-Policy">: "" when the site sends none.
        {"content_security_policy", Value::string(outputs::meta_content_security_policy(site.config.content_security_policy))},
    });
}


}  // namespace

// Keep in step with page_value and section_value: the same keys, made the same way.
Entries page_body_entries(content::Page& page) {
    return Entries{{"summary", Value::string(page.summary)},
                   {"reading_time", Value::integer(page.reading_minutes)},
                   {"content", Value::safe(std::exchange(page.content.html, {}))},
                   {"summary_html", Value::safe(std::exchange(page.content.summary_html, {}))},
                   {"toc", toc_value(page.content.toc)}};
}

Entries page_front_entries(const content::Page& page) {
    return Entries{{"title", Value::string(page.title)},
                   {"event", event_value(page)},
                   {"params", toml_to_value(page.front_matter)}};
}

std::vector<std::pair<std::size_t, std::string>> retitle_links(const content::Site& site, const SiteValues& values,
                                                               std::size_t index) {
    const content::Page& page = site.pages[index];
    std::vector<std::pair<std::size_t, std::string>> changed;
    // A link map of `holder`'s entry `name` (a map, or a list of maps) that points at the page.
    auto retitle = [&](std::size_t holder, const char* name) {
        const Value* entry = values.pages[holder].find(name);
        if (!entry) return;
        bool found = false;
        auto visit = [&](const Value& link) {
            const Value* url = link.is_map() ? link.find("url") : nullptr;
            if (!url || !url->is_string() || url->as_string() != page.url) return;
            link.replace_in_place("title", Value::string(page.title));
            found = true;
        };
        if (entry->is_list())
            for (const Value& item : entry->items()) visit(item);
        else
            visit(*entry);
        if (found) changed.emplace_back(holder, name);
    };
    if (page.previous != content::no_page) retitle(page.previous, "next");
    if (page.next != content::no_page) retitle(page.next, "previous");
    for (std::size_t t : page.translations) retitle(t, "translations");
    for (std::size_t other = 0; other < site.pages.size(); ++other) {
        const auto& related = site.pages[other].related;
        if (std::find(related.begin(), related.end(), index) != related.end()) retitle(other, "related");
    }
    return changed;
}

Entries section_body_entries(const content::Page& index, const Value& index_value) {
    return Entries{{"summary", Value::string(index.summary)},
                   {"content", *index_value.find("content")},
                   {"toc", toc_value(index.content.toc)}};
}

std::string not_found_url(const config::Language& language) { return language.url_prefix + "/404.html"; }

Value data_value(const content::Site& site) {
    Entries files;
    for (const auto& [stem, file] : site.data) files.emplace_back(stem, toml_to_value(file.table));
    return make_map(std::move(files));
}

SiteValues make_site_values(content::Site& site, const i18n::UiStrings& strings, const std::string& now_iso,
                            const AssetUrls& assets, const WorkerPool& pool) {
    SiteValues values;
    SharedParts shared;
    for (const auto& index : site.taxonomies) {
        auto& by_key = shared.terms.emplace_back();
        for (const auto& term : index.terms)
            by_key.emplace(term.key, make_map(Entries{{"key", Value::string(term.key)},
                                                      {"name", Value::string(term.name)},
                                                      {"url", Value::string(term.url)}}));
    }
    for (const auto& page : site.pages)
        if (!shared.breadcrumbs.count(page.ancestors))
            shared.breadcrumbs.emplace(page.ancestors, breadcrumbs_value(site, page.ancestors));
    shared.neighbours.resize(site.pages.size());
    pool.for_each_index(site.pages.size(), [&](std::size_t i) { shared.neighbours[i] = neighbour(site, i); });
    values.pages.resize(site.pages.size());
    pool.for_each_index(site.pages.size(), [&](std::size_t i) {
        content::Page& page = site.pages[i];
        values.pages[i] = page_value(site, shared, page, std::exchange(page.content.html, {}),
                                     std::exchange(page.content.summary_html, {}));
    });
    // Lists hold page values, so they come after all pages exist.
    values.sections.resize(site.sections.size());
    pool.for_each_index(site.sections.size(),
                        [&](std::size_t i) { values.sections[i] = section_value(site, values, site.sections[i]); });
    for (const auto& index : site.taxonomies) values.taxonomies.push_back(taxonomy_value(site, values, strings, index));
    const Value data = data_value(site);
    const Value t_in = translate_in_function(strings);
    const Value asset = asset_function(assets);
    for (const auto& language : site.config.languages) values.not_found.push_back(not_found_value(site, strings, language));
    for (const auto& language : site.config.languages)
        values.globals.push_back(make_map(Entries{{"site", site_value(site, values, language)},
                                                    {"data", data},
                                                    {"lang", Value::string(language.code)},
                                                    {"t", translate_function(strings, language.code)},
                                                    {"t_in", t_in},
                                                    {"chart", chart_function(site, language.code)},
                                                    {"asset", asset},
                                                    {"build_time", Value::string(now_iso)}}));
    return values;
}

}  // namespace portal::build
