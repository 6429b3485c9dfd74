#include "outputs/feeds.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "outputs/page_dates.h"
#include "i18n/dates.h"
#include "base/text.h"

namespace portal::outputs {

namespace {

constexpr std::size_t max_entries = 50;
const std::vector<std::string> feed_sections = {"news", "seminars", "measures"};

// Atom wants a full date-time; a date alone means midnight in Japan.
std::optional<i18n::DateTime> atom_date_time(const std::string& iso) {
    auto parsed = i18n::parse_iso(iso);
    if (parsed) parsed->has_time = true;
    return parsed;
}

std::string atom_time(const std::string& iso) {
    const auto parsed = atom_date_time(iso);
    return parsed ? i18n::format_iso(*parsed) : std::string();
}

// A page's <updated>, and the instant it names, which orders the entries:
// from one parse (the sort parsed two dates per comparison, then each
// page's <updated> text again).
struct Updated {
    std::string text;
    std::int64_t instant = 0;
};

Updated updated_of(const content::Page& page) {
    const auto parsed = atom_date_time(last_modified(page));
    if (!parsed) return {};
    return {i18n::format_iso(*parsed), i18n::to_unix_seconds(*parsed)};
}

struct FeedSpec {
    std::string path;       // output file
    std::string self_url;   // site URL of the feed
    std::string page_url;   // the HTML page it follows
    std::string title;
    std::string lang;
    std::vector<std::size_t> pages;
};

std::string render_feed(const content::Site& site, const FeedSpec& spec) {
    const std::string& base = site.config.base_url;
    auto absolute = [&](const std::string& url) { return text::xml_escape(base + url.substr(1)); };
    std::vector<std::size_t> pages = spec.pages;
    // Newest first by <updated>, then by URL, so equal dates keep a fixed order.
    std::vector<Updated> updated(site.pages.size());
    for (std::size_t p : pages) updated[p] = updated_of(site.pages[p]);
    std::stable_sort(pages.begin(), pages.end(), [&](std::size_t a, std::size_t b) {
        if (updated[a].instant != updated[b].instant) return updated[a].instant > updated[b].instant;
        return site.pages[a].url < site.pages[b].url;
    });
    if (pages.size() > max_entries) pages.resize(max_entries);
    const config::Language* language = site.config.language(spec.lang);
    const std::string author = language ? language->title : "";
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + spec.lang + "\">\n";
    xml += "  <title>" + text::xml_escape(spec.title) + "</title>\n";
    xml += "  <id>" + absolute(spec.self_url) + "</id>\n";
    xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + absolute(spec.self_url) + "\"/>\n";
    xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + absolute(spec.page_url) + "\"/>\n";
    // A feed's <updated> is its newest entry's, so an unchanged site gives an unchanged feed.
    xml += "  <updated>" + (pages.empty() ? std::string("1970-01-01T00:00:00Z") : updated[pages.front()].text) + "</updated>\n";
    xml += "  <author><name>" + text::xml_escape(author) + "</name></author>\n";
    xml += "  <generator>portal</generator>\n";
    for (std::size_t p : pages) {
        const auto& page = site.pages[p];
        xml += "  <entry>\n";
        xml += "    <title>" + text::xml_escape(page.title) + "</title>\n";
        xml += "    <id>" + absolute(page.url) + "</id>\n";
        xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + absolute(page.url) + "\"/>\n";
        xml += "    <updated>" + updated[p].text + "</updated>\n";
        xml += "    <published>" + atom_time(page.date) + "</published>\n";
        if (!page.summary.empty()) xml += "    <summary>" + text::xml_escape(page.summary) + "</summary>\n";
        xml += "  </entry>\n";
    }
    xml += "</feed>\n";
    return xml;
}

}  // namespace

bool in_feeds(const std::string& section) {
    return std::find(feed_sections.begin(), feed_sections.end(), section) != feed_sections.end();
}

void add_feeds(const content::Site& site, std::vector<OutputFile>& files) {
    for (const auto& language : site.config.languages) {
        const std::string prefix = language.url_prefix;
        FeedSpec whole{prefix.empty() ? "atom.xml" : prefix.substr(1) + "/atom.xml", prefix + "/atom.xml", prefix + "/",
                       language.title, language.code, {}};
        for (std::size_t i = 0; i < site.pages.size(); ++i) {
            const auto& page = site.pages[i];
            if (page.lang == language.code && !page.is_section_index && !page.date.empty() &&
                std::find(feed_sections.begin(), feed_sections.end(), page.section) != feed_sections.end())
                whole.pages.push_back(i);
        }
        files.push_back({whole.path, render_feed(site, whole)});
        for (const auto& name : feed_sections) {
            const content::Section* section = site.find_section(name, language.code);
            if (!section) continue;
            FeedSpec spec{section->url.substr(1) + "atom.xml", section->url + "atom.xml", section->url, "", language.code, {}};
            const std::string section_title =
                section->index_page != content::no_page ? site.pages[section->index_page].title : name;
            spec.title = section_title + " | " + language.title;
            for (std::size_t p : section->pages)
                if (!site.pages[p].date.empty()) spec.pages.push_back(p);
            files.push_back({spec.path, render_feed(site, spec)});
        }
    }
}

}  // namespace portal::outputs
