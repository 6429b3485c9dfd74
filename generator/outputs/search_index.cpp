#include "outputs/search_index.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "search/index_builder.h"

namespace portal::outputs {

namespace {

// A result's snippet comes from the first part of the page's text: enough
// for most pages, small enough that ten results stay a few kilobytes each.
constexpr std::size_t fragment_text_bytes = 1500;

std::string top_level(const std::string& section) { return section.substr(0, section.find('/')); }

struct SectionRange {
    std::string key;    // "cases"; "" for pages at the top
    std::string title;  // its list page's title
    std::size_t first = 0;
    std::size_t count = 0;
};

// Cuts `text` to at most `limit` bytes at a character boundary.
std::string cut_utf8(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

std::string page_text(const content::Page& page) {
    // An automatic summary is the first paragraph: already in the body.
    if (page.summary_is_automatic || page.summary.empty()) return page.content.plain_text;
    return page.summary + "\n" + page.content.plain_text;
}

void add_language_index(const content::Site& site, const content::Section& search_page, const WorkerPool& pool,
                        std::vector<OutputFile>& files) {
    const std::string& lang = search_page.lang;
    // Pages grouped by top-level section in the model's section order, then by URL.
    std::vector<std::string> order;
    for (const auto& section : site.sections)
        if (section.lang == lang && std::find(order.begin(), order.end(), top_level(section.path)) == order.end())
            order.push_back(top_level(section.path));
    std::vector<std::size_t> pages;
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const auto& page = site.pages[i];
        if (page.lang == lang && top_level(page.section) != search_section) pages.push_back(i);
    }
    auto rank = [&](std::size_t p) {
        return std::find(order.begin(), order.end(), top_level(site.pages[p].section)) - order.begin();
    };
    std::sort(pages.begin(), pages.end(), [&](std::size_t x, std::size_t y) {
        if (rank(x) != rank(y)) return rank(x) < rank(y);
        return site.pages[x].url < site.pages[y].url;
    });

    std::vector<SectionRange> ranges;
    std::vector<search::Document> documents;
    const std::string dir = search_page.url.substr(1);
    for (std::size_t id = 0; id < pages.size(); ++id) {
        const content::Page& page = site.pages[pages[id]];
        const std::string key = top_level(page.section);
        if (ranges.empty() || ranges.back().key != key) {
            const content::Section* section = site.find_section(key, lang);
            std::string title = key;
            if (section && section->index_page != content::no_page) title = site.pages[section->index_page].title;
            ranges.push_back({key, title, id, 0});
        }
        ++ranges.back().count;
        documents.push_back({page.title, page_text(page)});
        nlohmann::ordered_json fragment = {{"title", page.title},
                                           {"url", site.config.base_path() + page.url},
                                           {"section", key},
                                           {"summary", page.summary},
                                           {"text", cut_utf8(page.content.plain_text, fragment_text_bytes)}};
        files.push_back({dir + "pages/" + std::to_string(id) + ".json", fragment.dump() + "\n"});
    }

    const search::Index index = search::build_index(documents, search::IndexSettings{}, pool);
    for (std::size_t s = 0; s < index.shards.size(); ++s)
        files.push_back({dir + "shards/" + std::to_string(s) + ".json", index.shards[s]});
    nlohmann::ordered_json sections = nlohmann::ordered_json::array();
    for (const auto& range : ranges)
        sections.push_back({{"key", range.key}, {"title", range.title}, {"first", range.first}, {"count", range.count}});
    nlohmann::ordered_json meta = {{"format", 1},
                                   {"version", index.version},
                                   {"lang", lang},
                                   {"pages", pages.size()},
                                   {"shards", index.shard_count},
                                   {"sections", sections}};
    files.push_back({dir + "index.json", meta.dump() + "\n"});
}

}  // namespace

void add_search_indexes(const content::Site& site, const WorkerPool& pool, std::vector<OutputFile>& files) {
    for (const auto& language : site.config.languages)
        if (const content::Section* page = site.find_section(search_section, language.code))
            add_language_index(site, *page, pool, files);
}

}  // namespace portal::outputs
