#include "content/toml_dates.h"

#include "base/text.h"

namespace portal::content {

namespace {

using text::zero_padded;

std::string format_date(const toml::date& d) {
    return zero_padded(d.year, 4) + '-' + zero_padded(d.month, 2) + '-' + zero_padded(d.day, 2);
}

std::string format_time(const toml::time& t) {
    return zero_padded(t.hour, 2) + ':' + zero_padded(t.minute, 2) + ':' + zero_padded(t.second, 2);
}

std::string format_offset(int minutes) {
    const char sign = minutes < 0 ? '-' : '+';
    if (minutes < 0) minutes = -minutes;
    return sign + zero_padded(minutes / 60, 2) + ':' + zero_padded(minutes % 60, 2);
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
