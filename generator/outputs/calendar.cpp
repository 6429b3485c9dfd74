#include "outputs/calendar.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include "content/toml_dates.h"
#include "i18n/dates.h"
#include "outputs/ical.h"
#include "outputs/page_dates.h"

namespace portal::outputs {

namespace {

constexpr int tokyo_offset_minutes = 9 * 60;
constexpr const char* tokyo_tzid = "Asia/Tokyo";
constexpr std::int64_t seconds_per_day = 86400;

// The few words a calendar needs, per language: Japanese, else English.
struct Words {
    const char* online;
    const char* organizer;
    const char* registration;
    const char* details;
};

const Words& words_for(const std::string& lang) {
    static const Words ja{"オンライン", "主催：", "申込：", "詳細："};
    static const Words en{"Online", "Organizer: ", "Registration: ", "Details: "};
    return lang == "ja" ? ja : en;
}

// Reads one seminar page's front matter, collecting every problem.
class SeminarReader {
public:
    SeminarReader(const content::Page& page, std::vector<Diagnostic>& errors) : page_(page), errors_(errors) {}

    int line(const toml::node& node) const {
        return page_.front_matter_line - 1 + static_cast<int>(node.source().begin.line);
    }
    static int col(const toml::node& node) { return static_cast<int>(node.source().begin.column); }

    void error(const toml::node* node, std::string message, std::string hint = {}) {
        // A field that is absent is reported at the opening `+++` line.
        errors_.push_back(make_error(page_.source_path, node ? line(*node) : page_.front_matter_line - 1,
                                     node ? col(*node) : 1, std::move(message), std::move(hint)));
    }

    // A required date-time: Unix seconds, or nullopt after reporting why not.
    std::optional<std::int64_t> date_time(const char* key) {
        const std::string example = std::string(key) + " = 2025-11-12T14:00:00+09:00";
        const toml::node* node = page_.front_matter.get(key);
        if (!node) {
            error(nullptr, std::string("seminar has no `") + key + "`", "add " + example + " to the front matter");
            return std::nullopt;
        }
        if (node->is_date_time()) {
            if (auto iso = content::toml_date_to_iso(*node))
                if (auto parsed = i18n::parse_iso(*iso)) return i18n::to_unix_seconds(*parsed);
        }
        error(node, std::string("`") + key + "` must be a date-time, not " + describe(*node),
              "write " + example + (node->is_date() ? " (with all_day = true for a whole day)" : ""));
        return std::nullopt;
    }

    std::string string(const char* key) {
        const toml::node* node = page_.front_matter.get(key);
        if (!node) return {};
        if (const auto* s = node->as_string()) return s->get();
        error(node, std::string("`") + key + "` must be a string, not " + describe(*node));
        return {};
    }

    bool boolean(const char* key) {
        const toml::node* node = page_.front_matter.get(key);
        if (!node) return false;
        if (const auto* b = node->as_boolean()) return b->get();
        error(node, std::string("`") + key + "` must be true or false, not " + describe(*node));
        return false;
    }

    const toml::node* node(const char* key) const { return page_.front_matter.get(key); }

private:
    static std::string describe(const toml::node& node) {
        if (const auto* s = node.as_string()) return "the text \"" + s->get() + "\"";
        if (node.is_date()) return "a date without a time";
        if (node.is_time()) return "a time without a date";
        if (node.is_boolean()) return "true or false";
        if (node.is_integer() || node.is_floating_point()) return "a number";
        return "a value of another type";
    }

    const content::Page& page_;
    std::vector<Diagnostic>& errors_;
};

// "telework-portal.example" from "https://user@telework-portal.example:8443/path/".
std::string host_of(const std::string& base_url) {
    std::size_t begin = base_url.find("://");
    begin = begin == std::string::npos ? 0 : begin + 3;
    std::string authority = base_url.substr(begin, base_url.find('/', begin) - begin);
    if (std::size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
    if (std::size_t colon = authority.rfind(':'); colon != std::string::npos && authority.find(']') == std::string::npos)
        authority.erase(colon);
    return authority;
}

std::string permalink(const content::Site& site, const content::Page& page) {
    return site.config.base_url + (page.url.empty() ? "" : page.url.substr(1));
}

i18n::DateTime tokyo(std::int64_t unix_seconds) { return i18n::from_unix_seconds(unix_seconds, tokyo_offset_minutes); }

// The day after `day` (a Tokyo date).
i18n::DateTime next_day(i18n::DateTime day) {
    day.hour = day.minute = day.second = 0;
    return tokyo(i18n::to_unix_seconds(day) + seconds_per_day);
}

void add_timezone(ical::Lines& lines) {
    // Japan has kept +09:00 all year since 1951; one STANDARD observance covers every event.
    lines.add("BEGIN", "VTIMEZONE");
    lines.add("TZID", tokyo_tzid);
    lines.add("BEGIN", "STANDARD");
    lines.add("DTSTART", "19700101T000000");
    lines.add("TZOFFSETFROM", "+0900");
    lines.add("TZOFFSETTO", "+0900");
    lines.add("TZNAME", "JST");
    lines.add("END", "STANDARD");
    lines.add("END", "VTIMEZONE");
}

// DTSTAMP: when the page says it last changed (`lastmod`, `updated`, else
// `date`; a date alone is midnight in Tokyo), else the build time. Not the
// build time for every event: each build would then rewrite every calendar
// file though no event changed (docs/calendar.md, "Decisions").
std::string stamp_of(const content::Page& page, std::int64_t now) {
    if (auto changed = i18n::parse_iso(last_modified(page))) return ical::utc_date_time_value(i18n::to_unix_seconds(*changed));
    return ical::utc_date_time_value(now);
}

void add_event(ical::Lines& lines, const content::Site& site, const SeminarEvent& event, std::int64_t now) {
    const content::Page& page = site.pages[event.page];
    const Words& words = words_for(page.lang);
    const std::string url = permalink(site, page);

    lines.add("BEGIN", "VEVENT");
    // Per language page: the ja and en calendars hold different texts, and a
    // client that imports both must keep both.
    lines.add("UID", ical::escape_text(page.lang + "/" + seminar_section + "/" + page.slug + "@" +
                                       host_of(site.config.base_url)));
    lines.add("DTSTAMP", stamp_of(page, now));
    const i18n::DateTime start = tokyo(event.start);
    const i18n::DateTime end = tokyo(event.end);
    if (event.all_day) {
        // DATE values; DTEND is exclusive (RFC 5545 §3.6.1): the day after the
        // last day. An end at exactly 00:00:00 is already exclusive.
        i18n::DateTime last_day = end;
        if (end.hour == 0 && end.minute == 0 && end.second == 0 && event.end > event.start)
            last_day = tokyo(event.end - seconds_per_day);
        lines.add("DTSTART;VALUE=DATE", ical::date_value(start));
        lines.add("DTEND;VALUE=DATE", ical::date_value(next_day(last_day)));
        // A month-long campaign should not make the reader look busy for a month.
        lines.add("TRANSP", "TRANSPARENT");
    } else {
        lines.add(std::string("DTSTART;TZID=") + tokyo_tzid, ical::local_date_time_value(start));
        // DTEND must be later than DTSTART; without it the event ends when it starts.
        if (event.end > event.start)
            lines.add(std::string("DTEND;TZID=") + tokyo_tzid, ical::local_date_time_value(end));
    }
    lines.add("SUMMARY", ical::escape_text(page.title));

    std::string description = page.summary;
    if (!description.empty()) description += "\n\n";
    if (!event.organizer.empty()) description += words.organizer + event.organizer + "\n";
    if (!event.registration_url.empty()) description += words.registration + event.registration_url + "\n";
    description += words.details + url;
    lines.add("DESCRIPTION", ical::escape_text(description));

    if (!event.location.empty()) lines.add("LOCATION", ical::escape_text(event.location));
    lines.add("URL", ical::uri(url));
    if (!event.organizer_email.empty())
        lines.add("ORGANIZER;CN=" + ical::param_value(event.organizer), ical::uri("mailto:" + event.organizer_email));
    lines.add("END", "VEVENT");
}

// Sort key of an event: start, then slug, then the source file (unique).
auto order_key(const content::Site& site, const SeminarEvent& event) {
    const content::Page& page = site.pages[event.page];
    return std::tie(event.start, page.slug, page.source_path);
}

}  // namespace

Result<SeminarEvent> read_seminar(const content::Site& site, std::size_t page_index) {
    const content::Page& page = site.pages[page_index];
    std::vector<Diagnostic> errors;
    SeminarReader reader(page, errors);
    SeminarEvent event;
    event.page = page_index;

    auto start = reader.date_time("start");
    auto end = reader.date_time("end");
    if (start && end && *end < *start) {
        reader.error(reader.node("end"),
                     "`end` (" + i18n::format_iso(tokyo(*end)) + ") is before `start` (" +
                         i18n::format_iso(tokyo(*start)) + ")",
                     "an event must end at or after its start");
    }
    if (start) event.start = *start;
    if (end) event.end = *end;

    event.all_day = reader.boolean("all_day");
    event.location = reader.string("venue");
    if (reader.boolean("online") && event.location.empty()) event.location = words_for(page.lang).online;
    event.registration_url = reader.string("registration_url");

    const std::string organizer = reader.string("organizer");
    if (!organizer.empty()) {
        event.organizer = organizer;
        auto ministries = site.data.find("ministries");
        if (ministries != site.data.end()) {
            const toml::table& table = ministries->second.table;
            if (const auto* entry = table[organizer].as_table()) {
                event.organizer = content::entry_name(ministries->second, organizer, page.lang);
                if (const auto* email = (*entry)["email"].as_string()) event.organizer_email = email->get();
            } else {
                std::string keys;
                for (const auto& [key, value] : table) keys += (keys.empty() ? "" : ", ") + std::string(key.str());
                reader.error(reader.node("organizer"),
                             "`organizer` \"" + organizer + "\" is not a key of " + ministries->second.path,
                             "use one of: " + keys);
            }
        }
    }

    if (!errors.empty()) return errors;
    return event;
}

std::string write_calendar(const content::Site& site, const std::string& lang, const std::string& name,
                           const std::vector<SeminarEvent>& events, std::int64_t now) {
    std::string language_tag = lang;
    std::transform(language_tag.begin(), language_tag.end(), language_tag.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c); });
    ical::Lines lines;
    lines.add("BEGIN", "VCALENDAR");
    lines.add("VERSION", "2.0");
    lines.add("PRODID", ical::escape_text("-//portal//portal " PORTAL_VERSION "//" + language_tag));
    lines.add("CALSCALE", "GREGORIAN");
    lines.add("METHOD", "PUBLISH");
    lines.add("X-WR-CALNAME", ical::escape_text(name));
    lines.add("X-WR-TIMEZONE", tokyo_tzid);
    add_timezone(lines);
    for (const auto& event : events) add_event(lines, site, event, now);
    lines.add("END", "VCALENDAR");
    return lines.take();
}

Result<std::vector<OutputFile>> calendar_files(const content::Site& site, const OutputContext& context) {
    std::vector<Diagnostic> errors;
    std::vector<SeminarEvent> events;
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const content::Page& page = site.pages[i];
        if (page.section != seminar_section || page.is_section_index) continue;
        auto event = read_seminar(site, i);
        if (!event) {
            errors.insert(errors.end(), event.errors().begin(), event.errors().end());
            continue;
        }
        events.push_back(std::move(*event));
    }
    if (!errors.empty()) return errors;
    std::sort(events.begin(), events.end(), [&](const SeminarEvent& a, const SeminarEvent& b) {
        return order_key(site, a) < order_key(site, b);
    });

    std::vector<OutputFile> files;
    for (const auto& event : events) {
        const content::Page& page = site.pages[event.page];
        files.push_back({page.url.substr(1) + page.slug + ".ics",
                         write_calendar(site, page.lang, page.title, {event}, context.now)});
    }
    for (const auto& language : site.config.languages) {
        const content::Section* section = site.find_section(seminar_section, language.code);
        if (!section) continue;
        std::vector<SeminarEvent> feed;
        for (const auto& event : events)
            if (site.pages[event.page].lang == language.code) feed.push_back(event);
        std::string name = language.title;
        const std::string section_title =
            section->index_page != content::no_page ? site.pages[section->index_page].title : seminar_section;
        name += (name.empty() ? "" : ": ") + section_title;
        files.push_back({section->url.substr(1) + seminar_section + ".ics",
                         write_calendar(site, language.code, name, feed, context.now)});
    }
    return files;
}

}  // namespace portal::outputs
