#include "build/template_values.h"

#include <string>
#include <utility>

#include "content/toml_dates.h"

namespace portal::build {

using tmpl::Value;
using Entries = std::vector<std::pair<std::string, Value>>;

Value toml_to_value(const toml::node& node) {
    if (const auto* s = node.as_string()) return Value::string(s->get());
    if (const auto* i = node.as_integer()) return Value::integer(i->get());
    if (const auto* f = node.as_floating_point()) return Value::number(f->get());
    if (const auto* b = node.as_boolean()) return Value::boolean(b->get());
    if (auto iso = content::toml_date_to_iso(node)) return Value::string(*iso);
    if (const auto* t = node.as_time()) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", static_cast<int>(t->get().hour),
                      static_cast<int>(t->get().minute), static_cast<int>(t->get().second));
        return Value::string(buffer);
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
        return Value::map(std::move(entries));
    }
    return Value::none();
}

namespace {

Value toc_value(const std::vector<markdown::Heading>& headings) {
    std::vector<Value> items;
    items.reserve(headings.size());
    for (const auto& h : headings)
        items.push_back(Value::map(Entries{{"level", Value::integer(h.level)},
                                           {"id", Value::string(h.id)},
                                           {"text", Value::string(h.text)}}));
    return Value::list(std::move(items));
}

std::string absolute(const content::Site& site, const std::string& url) {
    // base_url ends with '/', site URLs start with one.
    return site.config.base_url + url.substr(1);
}

Value link_to(const content::Site& site, const content::Page& page) {
    const config::Language* language = site.config.language(page.lang);
    return Value::map(Entries{{"lang", Value::string(page.lang)},
                              {"language_name", Value::string(language ? language->title : page.lang)},
                              {"title", Value::string(page.title)},
                              {"url", Value::string(page.url)},
                              {"permalink", Value::string(absolute(site, page.url))}});
}

Value page_value(const content::Site& site, const content::Page& page) {
    std::vector<Value> translations;
    for (std::size_t t : page.translations) translations.push_back(link_to(site, site.pages[t]));
    return Value::map(Entries{
        {"title", Value::string(page.title)},
        {"summary", Value::string(page.summary)},
        {"date", page.date.empty() ? Value::none() : Value::string(page.date)},
        {"url", Value::string(page.url)},
        {"permalink", Value::string(absolute(site, page.url))},
        {"lang", Value::string(page.lang)},
        {"slug", Value::string(page.slug)},
        {"section", Value::string(page.section)},
        {"is_section", Value::boolean(page.is_section_index)},
        {"draft", Value::boolean(page.draft)},
        {"weight", Value::integer(page.weight)},
        {"source_path", Value::string(page.source_path)},
        {"content", Value::safe(page.content.html)},
        {"summary_html", Value::safe(page.content.summary_html)},
        {"toc", toc_value(page.content.toc)},
        {"translations", Value::list(std::move(translations))},
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
        const std::string title = child.index_page != content::no_page ? site.pages[child.index_page].title : child.path;
        subsections.push_back(
            Value::map(Entries{{"title", Value::string(title)}, {"url", Value::string(child.url)}, {"path", Value::string(child.path)}}));
    }
    const bool has_index = section.index_page != content::no_page;
    const content::Page* index = has_index ? &site.pages[section.index_page] : nullptr;
    std::vector<Value> translations;
    if (index)
        for (std::size_t t : index->translations) translations.push_back(link_to(site, site.pages[t]));
    return Value::map(Entries{
        {"title", Value::string(index ? index->title : section.path)},
        {"summary", Value::string(index ? index->summary : "")},
        {"url", Value::string(section.url)},
        {"permalink", Value::string(absolute(site, section.url))},
        {"lang", Value::string(section.lang)},
        {"path", Value::string(section.path)},
        {"is_section", Value::boolean(true)},
        {"content", Value::safe(index ? index->content.html : "")},
        {"toc", index ? toc_value(index->content.toc) : Value::list({})},
        {"translations", Value::list(std::move(translations))},
        {"params", index ? toml_to_value(index->front_matter) : Value::map(Entries{})},
        {"pages", Value::list(std::move(pages))},
        {"subsections", Value::list(std::move(subsections))},
    });
}

Value menus_value(const config::Language& language) {
    Entries menus;
    for (const auto& [name, items] : language.menus) {
        std::vector<Value> list;
        for (const auto& item : items)
            list.push_back(Value::map(Entries{{"name", Value::string(item.name)},
                                              {"url", Value::string(item.url)},
                                              {"weight", Value::integer(item.weight)}}));
        menus.emplace_back(name, Value::list(std::move(list)));
    }
    return Value::map(std::move(menus));
}

Value site_value(const content::Site& site, const config::Language& language) {
    std::vector<Value> languages;
    for (const auto& l : site.config.languages)
        languages.push_back(Value::map(Entries{{"code", Value::string(l.code)},
                                               {"title", Value::string(l.title)},
                                               {"url", Value::string(l.url_prefix + "/")}}));
    return Value::map(Entries{
        {"title", Value::string(language.title)},
        {"description", Value::string(language.description)},
        {"base_url", Value::string(site.config.base_url)},
        {"lang", Value::string(language.code)},
        {"default_language", Value::string(site.config.default_language)},
        {"home_url", Value::string(language.url_prefix + "/")},
        {"languages", Value::list(std::move(languages))},
        {"menus", menus_value(language)},
    });
}

}  // namespace

SiteValues make_site_values(const content::Site& site, const WorkerPool& pool) {
    SiteValues values;
    values.pages.resize(site.pages.size());
    pool.for_each_index(site.pages.size(),
                        [&](std::size_t i) { values.pages[i] = page_value(site, site.pages[i]); });
    // Sections list page values, so they come after all pages exist.
    values.sections.resize(site.sections.size());
    pool.for_each_index(site.sections.size(),
                        [&](std::size_t i) { values.sections[i] = section_value(site, values, site.sections[i]); });
    for (const auto& language : site.config.languages) values.sites.push_back(site_value(site, language));
    return values;
}

}  // namespace portal::build
