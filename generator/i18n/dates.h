// Dates as people in Japan read them: Western and Japanese-era (和暦)
// calendars, fiscal years (年度, April–March) and weekday names, in Japanese
// and English. Pure functions over ISO 8601 strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portal::i18n {

struct DateTime {
    int year = 0, month = 0, day = 0;
    int hour = 0, minute = 0, second = 0;
    bool has_time = false;
    int offset_minutes = 9 * 60;  // Asia/Tokyo unless the string says otherwise
};

// Parses "2025-06-20", "2025-06-20T14:00:00+09:00", "2025-06-20T14:00:00Z",
// "2025-06-20 14:00". Returns nullopt on anything else or an impossible date.
std::optional<DateTime> parse_iso(std::string_view text);

// 0 = Sunday … 6 = Saturday.
int weekday(const DateTime& date);

// "2025年6月20日" (ja) or "20 June 2025" (en).
std::string format_long(const DateTime& date, std::string_view lang);

// "令和7年6月20日", "令和元年5月1日", "平成31年4月30日". Dates before Meiji
// fall back to the Western form.
std::string format_era(const DateTime& date);

// The fiscal year that contains the date: April–March, named by the year it starts.
int fiscal_year_of(const DateTime& date);

// "令和7年度" (ja) or "FY2025" (en) for fiscal year `year`.
std::string format_fiscal_year(int year, std::string_view lang);

// "金" / "金曜日" (ja) or "Fri" / "Friday" (en).
std::string weekday_name(const DateTime& date, std::string_view lang, bool short_form);

// strftime-like: %Y %m %d %-m %-d %H %M %S %B %b %A %a (English names), %K
// (Japanese weekday 月…日), %E (era name and year: 令和7年), %%.
std::string format_pattern(const DateTime& date, std::string_view pattern);

// Seconds since 1970-01-01T00:00:00Z; a date without time is midnight at its offset.
std::int64_t to_unix_seconds(const DateTime& date);

// The date-time `unix_seconds` seen at UTC offset `offset_minutes`.
DateTime from_unix_seconds(std::int64_t unix_seconds, int offset_minutes);

// "2025-06-20" or "2025-06-20T14:00:00+09:00".
std::string format_iso(const DateTime& date);

}  // namespace portal::i18n
