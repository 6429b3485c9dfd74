#include "i18n/dates.h"

#include <array>

#include "base/text.h"

namespace portal::i18n {

namespace {

constexpr std::array<const char*, 12> month_names = {"January", "February", "March",     "April",   "May",      "June",
                                                     "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> weekday_names_en = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                         "Thursday", "Friday", "Saturday"};
constexpr std::array<const char*, 7> weekday_names_ja = {"日", "月", "火", "水", "木", "金", "土"};

struct Era {
    const char* name;
    int year, month, day;  // first day of the era (Gregorian)
};
// Newest first. Boundaries as the government announced them; a day belongs to
// the era that started on or before it (平成31年4月30日, 令和元年5月1日).
// 明治 was proclaimed on 1868-10-23 and applied from the first day of that
// lunar year, 1868-01-25 (Gregorian), which is where we start it. Japan kept
// the lunar calendar until 1872, so for 1868–1872 we print Gregorian month and
// day with the era year: correct year, not the month and day used at the time.
constexpr std::array<Era, 5> eras = {{{"令和", 2019, 5, 1},
                                      {"平成", 1989, 1, 8},
                                      {"昭和", 1926, 12, 25},
                                      {"大正", 1912, 7, 30},
                                      {"明治", 1868, 1, 25}}};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

bool read_number(std::string_view text, std::size_t at, std::size_t digits, int& value) {
    if (at + digits > text.size()) return false;
    value = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

const Era* era_of(const DateTime& d) {
    for (const Era& era : eras) {
        if (d.year > era.year || (d.year == era.year && (d.month > era.month || (d.month == era.month && d.day >= era.day))))
            return &era;
    }
    return nullptr;
}

std::string era_year(const Era& era, int year) {
    const int n = year - era.year + 1;
    return std::string(era.name) + (n == 1 ? "元" : std::to_string(n)) + "年";
}

std::string two_digits(int v) { return text::zero_padded(v, 2); }

}  // namespace

std::optional<DateTime> parse_iso(std::string_view text) {
    DateTime d;
    if (!read_number(text, 0, 4, d.year) || text.size() < 10 || text[4] != '-' || text[7] != '-' ||
        !read_number(text, 5, 2, d.month) || !read_number(text, 8, 2, d.day))
        return std::nullopt;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
    if (text.size() == 10) return d;
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    if (!read_number(text, 11, 2, d.hour) || text.size() < 16 || text[13] != ':' || !read_number(text, 14, 2, d.minute))
        return std::nullopt;
    std::size_t at = 16;
    if (at < text.size() && text[at] == ':') {
        if (!read_number(text, 17, 2, d.second)) return std::nullopt;
        at = 19;
    }
    if (at < text.size() && text[at] == '.') {  // fractional seconds: ignored
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    }
    if (d.hour > 23 || d.minute > 59 || d.second > 60) return std::nullopt;
    d.has_time = true;
    if (at == text.size()) return d;
    if (text[at] == 'Z' && at + 1 == text.size()) {
        d.offset_minutes = 0;
        return d;
    }
    int oh = 0, om = 0;
    if ((text[at] != '+' && text[at] != '-') || at + 6 != text.size() || !read_number(text, at + 1, 2, oh) ||
        text[at + 3] != ':' || !read_number(text, at + 4, 2, om))
        return std::nullopt;
    d.offset_minutes = (text[at] == '-' ? -1 : 1) * (oh * 60 + om);
    return d;
}

int weekday(const DateTime& date) {
    // Sakamoto's method.
    static constexpr int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = date.year - (date.month < 3 ? 1 : 0);
    return (y + y / 4 - y / 100 + y / 400 + t[date.month - 1] + date.day) % 7;
}

std::string format_long(const DateTime& date, std::string_view lang) {
    if (lang == "ja")
        return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
    return std::to_string(date.day) + " " + month_names[static_cast<std::size_t>(date.month - 1)] + " " +
           std::to_string(date.year);
}

std::string format_era(const DateTime& date) {
    const Era* era = era_of(date);
    if (!era) return format_long(date, "ja");
    return era_year(*era, date.year) + std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
}

int fiscal_year_of(const DateTime& date) { return date.month >= 4 ? date.year : date.year - 1; }

std::string format_fiscal_year(int year, std::string_view lang) {
    if (lang != "ja") return "FY" + std::to_string(year);
    // A fiscal year is named by the era in effect when it starts (1 April);
    // the government renamed FY2019, which 令和 began one month into, to
    // 令和元年度. Taking the era of 1 June covers both rules for every era change.
    DateTime start;
    start.year = year;
    start.month = 6;
    start.day = 1;
    const Era* era = era_of(start);
    if (!era) return std::to_string(year) + "年度";
    std::string name = era_year(*era, year);
    name.replace(name.size() - 3, 3, "年度");  // "年" is 3 bytes in UTF-8
    return name;
}

std::string weekday_name(const DateTime& date, std::string_view lang, bool short_form) {
    const auto w = static_cast<std::size_t>(weekday(date));
    if (lang == "ja") return std::string(weekday_names_ja[w]) + (short_form ? "" : "曜日");
    std::string name = weekday_names_en[w];
    return short_form ? name.substr(0, 3) : name;
}

std::string format_pattern(const DateTime& date, std::string_view pattern) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%' || i + 1 == pattern.size()) {
            out += pattern[i];
            continue;
        }
        char c = pattern[++i];
        bool no_pad = false;
        if (c == '-' && i + 1 < pattern.size()) {
            no_pad = true;
            c = pattern[++i];
        }
        auto number = [&](int v) { out += no_pad ? std::to_string(v) : two_digits(v); };
        switch (c) {
            case 'Y': out += std::to_string(date.year); break;
            case 'm': number(date.month); break;
            case 'd': number(date.day); break;
            case 'H': number(date.hour); break;
            case 'M': number(date.minute); break;
            case 'S': number(date.second); break;
            case 'B': out += month_names[static_cast<std::size_t>(date.month - 1)]; break;
            case 'b': out += std::string(month_names[static_cast<std::size_t>(date.month - 1)]).substr(0, 3); break;
            case 'A': out += weekday_name(date, "en", false); break;
            case 'a': out += weekday_name(date, "en", true); break;
            case 'K': out += weekday_name(date, "ja", true); break;
            case 'E': {
                const Era* era = era_of(date);
                out += era ? era_year(*era, date.year) : std::to_string(date.year) + "年";
                break;
            }
            case '%': out += '%'; break;
            default: out += '%'; out += c; break;  // unknown: shown as written
        }
    }
    return out;
}

std::int64_t to_unix_seconds(const DateTime& date) {
    // Days from civil (Howard Hinnant's algorithm), then the time and offset.
    const int y = date.year - (date.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = (date.month + 9) % 12;
    const int doy = (153 * mp + 2) / 5 + date.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
    return days * 86400 + date.hour * 3600 + date.minute * 60 + date.second -
           static_cast<std::int64_t>(date.offset_minutes) * 60;
}

DateTime from_unix_seconds(std::int64_t unix_seconds, int offset_minutes) {
    const std::int64_t local = unix_seconds + static_cast<std::int64_t>(offset_minutes) * 60;
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const std::int64_t seconds = local - days * 86400;
    // Civil from days (Howard Hinnant's algorithm), the inverse of to_unix_seconds.
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    DateTime date;
    date.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    date.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    date.year = static_cast<int>(yoe + era * 400 + (date.month <= 2 ? 1 : 0));
    date.hour = static_cast<int>(seconds / 3600);
    date.minute = static_cast<int>(seconds % 3600 / 60);
    date.second = static_cast<int>(seconds % 60);
    date.has_time = true;
    date.offset_minutes = offset_minutes;
    return date;
}

std::string format_iso(const DateTime& date) {
    // Appended piece by piece: `"T" + std::string` inserts at the front, and
    // GCC 12 warns (-Wrestrict) about that insertion when it is inlined.
    std::string out = text::zero_padded(date.year, 4);  // ISO 8601: four digits
    out += '-';
    out += two_digits(date.month);
    out += '-';
    out += two_digits(date.day);
    if (!date.has_time) return out;
    out += 'T';
    out += two_digits(date.hour);
    out += ':';
    out += two_digits(date.minute);
    out += ':';
    out += two_digits(date.second);
    const int offset = date.offset_minutes < 0 ? -date.offset_minutes : date.offset_minutes;
    out += date.offset_minutes < 0 ? '-' : '+';
    out += two_digits(offset / 60);
    out += ':';
    out += two_digits(offset % 60);
    return out;
}

}  // namespace portal::i18n
