// Calendar files for the seminars section (docs/calendar.md): one .ics per
// published seminar page beside its index.html, and per language one feed of
// all that language's seminars at <section URL>seminars.ics. ical.h spells the
// format; this file maps front matter to events.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "content/site.h"
#include "outputs/outputs.h"

namespace portal::outputs {

// The section whose pages are events.
inline constexpr const char* seminar_section = "seminars";

// One seminar page read as an event.
struct SeminarEvent {
    std::size_t page = content::no_page;  // into Site::pages
    std::int64_t start = 0;                // Unix seconds
    std::int64_t end = 0;                  // Unix seconds, never before start
    bool all_day = false;
    std::string location;          // `venue`, else "オンライン"/"Online" when `online`; "" if neither
    std::string organizer;         // `organizer`'s ministry name in the page's language; "" if none
    std::string organizer_email;   // that ministry's `email` in the data file; "" if none
    std::string registration_url;  // `registration_url`; "" if none
};

// Reads the event fields of seminar page `page_index` of `site`. Every
// problem of the page is reported, each at its file and front matter line:
// `start`/`end` absent, not a date-time, or `end` before `start`; optional
// fields of the wrong type; an `organizer` that is not a ministry key.
Result<SeminarEvent> read_seminar(const content::Site& site, std::size_t page_index);

// A whole VCALENDAR in language `lang` named `name` (X-WR-CALNAME) holding
// `events` in the order given. An event's DTSTAMP is its page's last change
// (front matter `lastmod`, `updated`, else `date`); `now` (Unix seconds) for a
// page without any.
std::string write_calendar(const content::Site& site, const std::string& lang, const std::string& name,
                           const std::vector<SeminarEvent>& events, std::int64_t now);

// Every calendar file of `site`: per seminar page "<page URL><slug>.ics", then
// per language "<seminars section URL>seminars.ics", events sorted by start then
// slug. Errors of all seminar pages are returned together.
Result<std::vector<OutputFile>> calendar_files(const content::Site& site, const OutputContext& context);

}  // namespace portal::outputs
