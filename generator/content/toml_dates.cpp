#include "content/toml_dates.h"

#include "i18n/dates.h"

namespace portal::content {

namespace {

i18n::DateTime date_of(const toml::date& d) {
    i18n::DateTime date;
    date.year = d.year;
    date.month = d.month;
    date.day = d.day;
    return date;
}

}  // namespace

// Written by i18n::format_iso, as every other date the templates see.
std::optional<std::string> toml_date_to_iso(const toml::node& node) {
    if (const auto* d = node.as_date()) return i18n::format_iso(date_of(d->get()));
    if (const auto* dt = node.as_date_time()) {
        const toml::date_time& v = dt->get();
        i18n::DateTime date = date_of(v.date);
        date.hour = v.time.hour;
        date.minute = v.time.minute;
        date.second = v.time.second;
        date.has_time = true;
        // Editors in Japan write local times; the portal's time zone is Asia/Tokyo.
        date.offset_minutes = v.offset ? v.offset->minutes : 9 * 60;
        return i18n::format_iso(date);
    }
    return std::nullopt;
}

}  // namespace portal::content
