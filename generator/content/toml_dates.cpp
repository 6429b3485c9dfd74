#include "content/toml_dates.h"

#include <cstdio>

namespace portal::content {

namespace {

std::string format_date(const toml::date& d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(d.year), static_cast<int>(d.month),
                  static_cast<int>(d.day));
    return buffer;
}

std::string format_time(const toml::time& t) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", static_cast<int>(t.hour), static_cast<int>(t.minute),
                  static_cast<int>(t.second));
    return buffer;
}

std::string format_offset(int minutes) {
    char buffer[16];
    const char sign = minutes < 0 ? '-' : '+';
    if (minutes < 0) minutes = -minutes;
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", sign, minutes / 60, minutes % 60);
    return buffer;
}

}  // namespace

std::optional<std::string> toml_date_to_iso(const toml::node& node) {
    if (const auto* d = node.as_date()) return format_date(d->get());
    if (const auto* dt = node.as_date_time()) {
        const toml::date_time& v = dt->get();
        // Editors in Japan write local times; the portal's time zone is Asia/Tokyo.
        const int offset = v.offset ? v.offset->minutes : 9 * 60;
        return format_date(v.date) + "T" + format_time(v.time) + format_offset(offset);
    }
    return std::nullopt;
}

}  // namespace portal::content
