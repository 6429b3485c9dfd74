#include "outputs/sitemap.h"

#include <algorithm>
#include <map>

#include "outputs/page_dates.h"
#include "base/text.h"

namespace portal::outputs {

namespace {

struct Entry {
    std::string url;                                         // site URL
    std::string lastmod;                                     // ISO date or date-time, may be empty
    std::vector<std::pair<std::string, std::string>> alternates;  // (hreflang, url), self included
};

void add_page_alternates(const content::Site& site, const content::Page& page, Entry& entry) {
    if (page.translations.empty()) return;
    entry.alternates.emplace_back(page.lang, page.url);
    for (std::size_t t : page.translations) entry.alternates.emplace_back(site.pages[t].lang, site.pages[t].url);
    for (const auto& [lang, url] : std::vector(entry.alternates))
        if (lang == site.config.default_language) entry.alternates.emplace_back("x-default", url);
}

}  // namespace

void add_sitemap(const content::Site& site, std::vector<OutputFile>& files) {
    std::vector<Entry> entries;
    for (const auto& page : site.pages) {
        if (page.is_section_index) continue;
        Entry entry{page.url, last_modified(page), {}};
        add_page_alternates(site, page, entry);
        entries.push_back(std::move(entry));
    }
    for (const auto& section : site.sections) {
        Entry entry{section.url, "", {}};
        // Sections exist per language under one path: they are each other's translations.
        for (const auto& other : site.sections)
            if (other.path == section.path) entry.alternates.emplace_back(other.lang, other.url);
        if (entry.alternates.size() < 2) entry.alternates.clear();
        for (const auto& [lang, url] : std::vector(entry.alternates))
            if (lang == site.config.default_language) entry.alternates.emplace_back("x-default", url);
        if (section.index_page != content::no_page) entry.lastmod = last_modified(site.pages[section.index_page]);
        entries.push_back(std::move(entry));
    }
    for (const auto& index : site.taxonomies) {
        entries.push_back({index.url, "", {}});
        for (const auto& term : index.terms) entries.push_back({term.url, "", {}});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.url < b.url; });

    const std::string& base = site.config.base_url;
    auto absolute = [&](const std::string& url) { return text::xml_escape(base + url.substr(1)); };
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                      "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    for (const auto& entry : entries) {
        xml += "  <url>\n    <loc>" + absolute(entry.url) + "</loc>\n";
        if (!entry.lastmod.empty()) xml += "    <lastmod>" + entry.lastmod + "</lastmod>\n";
        for (const auto& [lang, url] : entry.alternates)
            xml += "    <xhtml:link rel=\"alternate\" hreflang=\"" + lang + "\" href=\"" + absolute(url) + "\"/>\n";
        xml += "  </url>\n";
    }
    xml += "</urlset>\n";
    files.push_back({"sitemap.xml", std::move(xml)});
    files.push_back({"robots.txt", "User-agent: *\nAllow: /\n\nSitemap: " + base + "sitemap.xml\n"});
}

}  // namespace portal::outputs
