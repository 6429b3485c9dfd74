// Template filters for dates, backed by i18n/dates:
//   {{ page.date | date_long(lang) }}   2025年6月20日 / 20 June 2025
//   {{ page.date | wareki }}            令和7年6月20日
//   {{ page.date | fiscal_year(lang) }} 令和7年度 / FY2025 (an int year works too)
//   {{ page.date | weekday(lang) }}     金曜日 / Friday
//   {{ page.date | date("%Y/%m/%d") }}  strftime-like pattern (see i18n/dates.h)
//   {{ page.date | iso_date }}          2025-06-20T14:00:00+09:00
// A value that is not a date is an error naming the filter and the value.
#pragma once

#include "template/store.h"

namespace portal::build {

// The date filters, keyed by name.
const tmpl::HostFilters& date_filters();

}  // namespace portal::build
