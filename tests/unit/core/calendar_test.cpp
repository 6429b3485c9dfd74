#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/text.h"
#include "outputs/calendar.h"
#include "outputs/ical.h"

using namespace portal;
using namespace portal::outputs;

namespace {

// Physical lines of `text`, which must end every line with CRLF.
std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find("\r\n", begin);
        REQUIRE(end != std::string::npos);
        lines.push_back(text.substr(begin, end - begin));
        begin = end + 2;
    }
    return lines;
}

// Content lines: physical lines with folds undone.
std::vector<std::string> unfolded_lines(const std::string& text) {
    std::vector<std::string> lines;
    for (auto& line : physical_lines(text)) {
        if (!line.empty() && line[0] == ' ') {
            REQUIRE(!lines.empty());
            lines.back() += line.substr(1);
        } else {
            lines.push_back(line);
        }
    }
    return lines;
}

bool has_line(const std::string& calendar, const std::string& line) {
    auto lines = unfolded_lines(calendar);
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// Lines of the first VEVENT starting with `name` followed by ':' or ';'.
std::string property(const std::string& calendar, const std::string& name) {
    for (const auto& line : unfolded_lines(calendar))
        if (line.rfind(name, 0) == 0 && line.size() > name.size() && (line[name.size()] == ':' || line[name.size()] == ';'))
            if (name != "DTSTART" || line.find("19700101") == std::string::npos) return line;  // skip VTIMEZONE's
    return {};
}

// A two-language site with a seminars section and the pages added by `seminar`.
struct TestSite {
    content::Site site;

    TestSite() {
        site.config.base_url = "https://portal.example.org/";
        config::Language ja;
        ja.code = "ja";
        ja.title = "ポータル";
        config::Language en;
        en.code = "en";
        en.title = "Portal";
        en.url_prefix = "/en";
        site.config.languages = {ja, en};
        content::Section ja_section;
        ja_section.path = "seminars";
        ja_section.lang = "ja";
        ja_section.url = "/seminars/";
        content::Section en_section = ja_section;
        en_section.lang = "en";
        en_section.url = "/en/seminars/";
        site.sections = {ja_section, en_section};
        content::DataFile ministries;
        ministries.path = "content/data/ministries.toml";
        ministries.table = toml::parse(
            "[soumu]\nja = \"総務省\"\nen = \"Ministry of Internal Affairs and Communications\"\n"
            "[mhlw]\nja = \"厚生労働省\"\nen = \"Ministry of Health, Labour and Welfare\"\n"
            "email = \"events@mhlw.example.jp\"\n");
        site.data["ministries"] = std::move(ministries);
    }

    // Adds a seminar page whose front matter (after `title`) is `front_matter`.
    std::size_t seminar(const std::string& slug, const std::string& lang, const std::string& title,
                        const std::string& front_matter) {
        content::Page page;
        page.section = "seminars";
        page.file_slug = page.slug = slug;
        page.lang = lang;
        page.title = title;
        page.source_path = "content/seminars/" + slug + "." + lang + ".md";
        page.url = (lang == "ja" ? "/seminars/" : "/en/seminars/") + slug + "/";
        page.front_matter_line = 2;
        page.front_matter = toml::parse("title = \"" + title + "\"\n" + front_matter);
        site.pages.push_back(std::move(page));
        return site.pages.size() - 1;
    }

    std::string calendar_of(std::size_t page, std::int64_t now = 1750377600) {
        auto event = read_seminar(site, page);
        REQUIRE(event.ok());
        return write_calendar(site, site.pages[page].lang, "test", {*event}, now);
    }

    std::vector<Diagnostic> errors() {
        auto files = calendar_files(site, OutputContext{});
        REQUIRE_FALSE(files.ok());
        return files.errors();
    }
};

const std::string timed = "start = 2025-11-12T14:00:00+09:00\nend = 2025-11-12T16:30:00+09:00\n";

}  // namespace

TEST_CASE("ical::fold") {
    SUBCASE("short lines are kept, with CRLF") { CHECK(ical::fold("SUMMARY:abc") == "SUMMARY:abc\r\n"); }
    SUBCASE("ASCII folds at exactly 75 octets, continuations carry 74") {
        const std::string line(200, 'a');
        auto lines = physical_lines(ical::fold(line));
        REQUIRE(lines.size() == 3);
        CHECK(lines[0].size() == 75);
        CHECK(lines[1].size() == 75);
        CHECK(lines[1][0] == ' ');
        CHECK(lines[2] == " " + std::string(200 - 75 - 74, 'a'));
    }
    SUBCASE("Japanese text never splits a UTF-8 sequence") {
        std::string line = "SUMMARY:";
        for (int i = 0; i < 60; ++i) line += "テレワーク月間";  // 3-byte characters
        line += "🎌x";                                          // a 4-byte one near the end
        for (std::size_t prefix = 0; prefix < 4; ++prefix) {   // every alignment
            const std::string shifted = std::string(prefix, 'X') + line;
            const std::string folded = ical::fold(shifted);
            std::string unfolded;
            for (const auto& physical : physical_lines(folded)) {
                CHECK(physical.size() <= 75);
                CHECK_FALSE(text::find_invalid_utf8(physical).has_value());
                unfolded += physical[0] == ' ' && !unfolded.empty() ? physical.substr(1) : physical;
            }
            CHECK(unfolded == shifted);
        }
    }
}

TEST_CASE("ical::escape_text and parameter values") {
    CHECK(ical::escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
    CHECK(ical::escape_text("one\r\ntwo\rthree") == "one\\ntwo\\nthree");
    CHECK(ical::escape_text("時間: \"14:00\"\t終了") == "時間: \"14:00\"\t終了");  // ':' and '"' are TEXT
    CHECK(ical::escape_text(std::string("bell\x07") + "\x7f") == "bell");
    CHECK(ical::param_value("総務省") == "総務省");
    CHECK(ical::param_value("Ministry of Health, Labour and Welfare") == "\"Ministry of Health, Labour and Welfare\"");
    CHECK(ical::param_value("say \"hi\"") == "say hi");
    CHECK(ical::uri("https://example.org/セミナー/a b") ==
          "https://example.org/%E3%82%BB%E3%83%9F%E3%83%8A%E3%83%BC/a%20b");
    CHECK(ical::utc_date_time_value(1750377600) == "20250620T000000Z");
}

TEST_CASE("calendar: timed events are in Asia/Tokyo whatever the offset written") {
    TestSite t;
    SUBCASE("+09:00 stays") {
        auto cal = t.calendar_of(t.seminar("a", "ja", "説明会", timed));
        CHECK(property(cal, "DTSTART") == "DTSTART;TZID=Asia/Tokyo:20251112T140000");
        CHECK(property(cal, "DTEND") == "DTEND;TZID=Asia/Tokyo:20251112T163000");
    }
    SUBCASE("UTC and a negative offset are converted, across midnight") {
        auto cal = t.calendar_of(t.seminar("a", "ja", "説明会",
                                           "start = 2025-11-12T20:00:00Z\nend = 2025-11-12T23:30:00-08:00\n"));
        CHECK(property(cal, "DTSTART") == "DTSTART;TZID=Asia/Tokyo:20251113T050000");
        CHECK(property(cal, "DTEND") == "DTEND;TZID=Asia/Tokyo:20251113T163000");
    }
    SUBCASE("a local date-time is Tokyo time") {
        auto cal = t.calendar_of(t.seminar("a", "ja", "説明会",
                                           "start = 2025-11-12T14:00:00\nend = 2025-11-12T15:00:00\n"));
        CHECK(property(cal, "DTSTART") == "DTSTART;TZID=Asia/Tokyo:20251112T140000");
    }
    SUBCASE("end equal to start: no DTEND (RFC 5545 wants DTEND later than DTSTART)") {
        auto cal = t.calendar_of(t.seminar("a", "ja", "説明会",
                                           "start = 2025-11-12T14:00:00+09:00\nend = 2025-11-12T14:00:00+09:00\n"));
        CHECK(property(cal, "DTEND").empty());
    }
}

TEST_CASE("calendar: all-day events use DATE values with an exclusive DTEND") {
    TestSite t;
    SUBCASE("23:59:59 on the last day") {
        auto cal = t.calendar_of(t.seminar("month", "ja", "テレワーク月間",
                                           "start = 2025-11-01T00:00:00+09:00\nend = 2025-11-30T23:59:59+09:00\n"
                                           "all_day = true\n"));
        CHECK(property(cal, "DTSTART") == "DTSTART;VALUE=DATE:20251101");
        CHECK(property(cal, "DTEND") == "DTEND;VALUE=DATE:20251201");
        CHECK(has_line(cal, "TRANSP:TRANSPARENT"));
    }
    SUBCASE("one day at the end of the year") {
        auto cal = t.calendar_of(t.seminar("day", "ja", "大晦日",
                                           "start = 2024-12-31T00:00:00+09:00\nend = 2024-12-31T23:59:59+09:00\n"
                                           "all_day = true\n"));
        CHECK(property(cal, "DTSTART") == "DTSTART;VALUE=DATE:20241231");
        CHECK(property(cal, "DTEND") == "DTEND;VALUE=DATE:20250101");
    }
    SUBCASE("an end at 00:00 is already exclusive") {
        auto cal = t.calendar_of(t.seminar("leap", "ja", "閏日",
                                           "start = 2024-02-28T00:00:00+09:00\nend = 2024-03-01T00:00:00+09:00\n"
                                           "all_day = true\n"));
        CHECK(property(cal, "DTEND") == "DTEND;VALUE=DATE:20240301");
    }
    SUBCASE("dates are Tokyo dates") {
        auto cal = t.calendar_of(t.seminar("utc", "ja", "UTC",
                                           "start = 2025-06-30T15:00:00Z\nend = 2025-07-01T14:59:59Z\n"
                                           "all_day = true\n"));
        CHECK(property(cal, "DTSTART") == "DTSTART;VALUE=DATE:20250701");
        CHECK(property(cal, "DTEND") == "DTEND;VALUE=DATE:20250702");
    }
}

TEST_CASE("calendar: event fields") {
    TestSite t;
    SUBCASE("Japanese page") {
        auto cal = t.calendar_of(t.seminar("a", "ja", "説明会; 東京, 大阪", timed +
                                               "venue = \"東京都千代田区\"\norganizer = \"soumu\"\n"
                                               "registration_url = \"https://example.jp/apply?id=1\"\n"));
        CHECK(has_line(cal, "UID:ja/seminars/a@portal.example.org"));
        CHECK(has_line(cal, "DTSTAMP:20250620T000000Z"));
        CHECK(has_line(cal, "SUMMARY:説明会\\; 東京\\, 大阪"));
        CHECK(has_line(cal, "LOCATION:東京都千代田区"));
        CHECK(has_line(cal, "URL:https://portal.example.org/seminars/a/"));
        CHECK(property(cal, "DESCRIPTION") ==
              "DESCRIPTION:主催：総務省\\n申込：https://example.jp/apply?id=1\\n詳細：https://portal.example.org/seminars/a/");
        CHECK(property(cal, "ORGANIZER").empty());  // no address in the data: no ORGANIZER
        CHECK(has_line(cal, "X-WR-CALNAME:test"));
        CHECK(has_line(cal, "PRODID:-//portal//portal " PORTAL_VERSION "//JA"));
    }
    SUBCASE("DTSTAMP is the page's last change, not the build time") {
        const std::size_t dated = t.seminar("d", "ja", "説明会", timed);
        t.site.pages[dated].date = "2025-06-01";  // midnight in Tokyo
        CHECK(has_line(t.calendar_of(dated), "DTSTAMP:20250531T150000Z"));
        const std::size_t revised = t.seminar("r", "ja", "説明会", timed + "lastmod = 2025-07-01T10:00:00+09:00\n");
        t.site.pages[revised].date = "2025-06-01";
        CHECK(has_line(t.calendar_of(revised), "DTSTAMP:20250701T010000Z"));
        CHECK(t.calendar_of(revised, 1750377600) == t.calendar_of(revised, 1760000000));  // whatever the build time
    }
    SUBCASE("English page, online, organizer with an address") {
        const std::size_t page =
            t.seminar("b", "en", "Briefing", timed + "online = true\norganizer = \"mhlw\"\n");
        t.site.pages[page].summary = "A briefing.";
        auto cal = t.calendar_of(page);
        CHECK(has_line(cal, "UID:en/seminars/b@portal.example.org"));
        CHECK(has_line(cal, "LOCATION:Online"));
        CHECK(has_line(cal, "URL:https://portal.example.org/en/seminars/b/"));
        CHECK(has_line(cal, "ORGANIZER;CN=\"Ministry of Health, Labour and Welfare\":mailto:events@mhlw.example.jp"));
        CHECK(property(cal, "DESCRIPTION") ==
              "DESCRIPTION:A briefing.\\n\\nOrganizer: Ministry of Health\\, Labour and Welfare\\n"
              "Details: https://portal.example.org/en/seminars/b/");
    }
    SUBCASE("the calendar has its time zone") {
        auto cal = t.calendar_of(t.seminar("a", "ja", "説明会", timed));
        for (const char* line : {"BEGIN:VCALENDAR", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                                 "X-WR-TIMEZONE:Asia/Tokyo", "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD",
                                 "DTSTART:19700101T000000", "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST"})
            CHECK_MESSAGE(has_line(cal, line), line);
    }
}

TEST_CASE("calendar: files and feeds") {
    TestSite t;
    t.seminar("late", "ja", "後", "start = 2025-12-01T10:00:00+09:00\nend = 2025-12-01T11:00:00+09:00\n");
    t.seminar("b-early", "ja", "前B", timed);
    t.seminar("a-early", "ja", "前A", timed);
    t.seminar("late", "en", "Later", "start = 2025-12-01T10:00:00+09:00\nend = 2025-12-01T11:00:00+09:00\n");
    content::Page index;
    index.section = "seminars";
    index.file_slug = "_index";
    index.is_section_index = true;
    index.lang = "ja";
    index.title = "セミナー";
    t.site.pages.push_back(index);  // no start/end, and no error: it is not an event
    t.site.sections[0].index_page = t.site.pages.size() - 1;
    OutputContext context;
    context.now = 1750377600;
    auto files = calendar_files(t.site, context);
    REQUIRE(files.ok());
    std::vector<std::string> paths;
    for (const auto& file : *files) paths.push_back(file.path);
    // Same start and slug: the source path decides (late.en.md before late.ja.md).
    CHECK(paths == std::vector<std::string>{"seminars/a-early/a-early.ics", "seminars/b-early/b-early.ics",
                                            "en/seminars/late/late.ics", "seminars/late/late.ics",
                                            "seminars/seminars.ics", "en/seminars/seminars.ics"});
    const std::string& feed = (*files)[4].data;
    CHECK(has_line(feed, "X-WR-CALNAME:ポータル: セミナー"));
    const std::size_t a = feed.find("UID:ja/seminars/a-early@");
    const std::size_t b = feed.find("UID:ja/seminars/b-early@");
    const std::size_t late = feed.find("UID:ja/seminars/late@");
    CHECK(a < b);
    CHECK(b < late);
    CHECK(late != std::string::npos);
    CHECK(feed.find("UID:en/") == std::string::npos);
    CHECK(has_line((*files)[5].data, "X-WR-CALNAME:Portal: seminars"));

    auto again = calendar_files(t.site, context);
    REQUIRE(again.ok());
    for (std::size_t i = 0; i < files->size(); ++i) CHECK((*again)[i].data == (*files)[i].data);
}

TEST_CASE("calendar: errors name the file and front matter line, all of them") {
    TestSite t;
    SUBCASE("absent start and end") {
        t.seminar("x", "ja", "x", "venue = \"v\"\n");
        auto errors = t.errors();
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].path == "content/seminars/x.ja.md");
        CHECK(errors[0].line == 1);
        CHECK(errors[0].message == "seminar has no `start`");
        CHECK(errors[1].message == "seminar has no `end`");
    }
    SUBCASE("not a date-time") {
        t.seminar("x", "ja", "x", "start = \"2025-11-12 14:00\"\nend = 2025-11-12\n");
        auto errors = t.errors();
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].line == 3);  // `+++` is line 1, title line 2
        CHECK(errors[0].col == 9);
        CHECK(errors[0].message == "`start` must be a date-time, not the text \"2025-11-12 14:00\"");
        CHECK(errors[1].line == 4);
        CHECK(errors[1].message == "`end` must be a date-time, not a date without a time");
    }
    SUBCASE("end before start, at the line of end") {
        t.seminar("x", "ja", "x",
                  "start = 2025-11-12T14:00:00+09:00\nvenue = \"v\"\nend = 2025-11-12T04:00:00Z\n");
        auto errors = t.errors();
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == 5);
        CHECK(errors[0].message == "`end` (2025-11-12T13:00:00+09:00) is before `start` (2025-11-12T14:00:00+09:00)");
    }
    SUBCASE("every page's errors, with the front matter's real offset") {
        t.seminar("x", "ja", "x", "start = 1\nend = 2025-11-12T14:00:00+09:00\n");
        const std::size_t y = t.seminar("y", "en", "y", "end = 2025-11-12T14:00:00+09:00\norganizer = \"nobody\"\n");
        t.site.pages[y].front_matter_line = 5;  // lines count from where the front matter sits
        auto errors = t.errors();
        REQUIRE(errors.size() == 3);
        CHECK(errors[0].path == "content/seminars/x.ja.md");
        CHECK(errors[0].message == "`start` must be a date-time, not a number");
        CHECK(errors[1].path == "content/seminars/y.en.md");
        CHECK(errors[1].line == 4);
        CHECK(errors[1].message == "seminar has no `start`");
        CHECK(errors[2].line == 7);
        CHECK(errors[2].message == "`organizer` \"nobody\" is not a key of content/data/ministries.toml");
    }
}
