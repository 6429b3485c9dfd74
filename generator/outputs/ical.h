// The iCalendar format (RFC 5545) itself, with no idea of seminars or pages:
// value escaping, content lines folded at 75 octets, date and date-time values.
// calendar.cpp decides what goes into a calendar; this file decides how it is spelled.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "i18n/dates.h"

namespace portal::outputs::ical {

// A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped with a backslash, a line
// break (LF, CRLF or CR) as `\n`; other control characters except tab dropped.
std::string escape_text(std::string_view text);

// A parameter value (§3.1): quoted when it holds `,` `;` or `:`; DQUOTE and
// control characters, which no parameter value can hold, dropped.
std::string param_value(std::string_view text);

// A URI value (§3.3.13): bytes outside printable ASCII and the characters
// `"` `<` `>` `\` `^` `` ` `` `{` `|` `}` percent-encoded; everything else kept.
std::string uri(std::string_view text);

// One content line (§3.1) with CRLF after every physical line: lines longer
// than 75 octets are folded (CRLF and one space); a fold never falls inside a
// UTF-8 sequence, so a continuation line carries at most 74 octets of content.
std::string fold(std::string_view line);

// "20251112" (DATE) and "20251112T140000" (local DATE-TIME, no zone) of the
// fields of `date` as they are: callers convert to the zone they name first.
std::string date_value(const i18n::DateTime& date);
std::string local_date_time_value(const i18n::DateTime& date);

// "20251112T050000Z": `unix_seconds` as a UTC DATE-TIME (DTSTAMP).
std::string utc_date_time_value(std::int64_t unix_seconds);

// Accumulates content lines: `add("SUMMARY", escape_text(title))` appends
// "SUMMARY:..." folded and CRLF-terminated. `name` includes any parameters
// ("DTSTART;TZID=Asia/Tokyo"); `value` is already escaped for its type.
class Lines {
public:
    void add(std::string_view name, std::string_view value);
    const std::string& text() const { return text_; }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
};

}  // namespace portal::outputs::ical
