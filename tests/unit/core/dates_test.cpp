#include <doctest/doctest.h>

#include <climits>
#include <cstdio>

#include "base/text.h"
#include "content/toml_dates.h"
#include "i18n/dates.h"

using namespace portal::i18n;

namespace {
DateTime date(const char* iso) {
    auto parsed = parse_iso(iso);
    REQUIRE(parsed.has_value());
    return *parsed;
}
}  // namespace

TEST_CASE("i18n::parse_iso") {
    SUBCASE("local date") {
        auto d = date("2025-06-20");
        CHECK(d.year == 2025);
        CHECK(d.month == 6);
        CHECK(d.day == 20);
        CHECK_FALSE(d.has_time);
    }
    SUBCASE("date-time with offset") {
        auto d = date("2025-11-12T14:30:00+09:00");
        CHECK(d.hour == 14);
        CHECK(d.minute == 30);
        CHECK(d.offset_minutes == 540);
    }
    SUBCASE("impossible dates are rejected") {
        CHECK_FALSE(parse_iso("2025-02-29").has_value());
        CHECK(parse_iso("2024-02-29").has_value());
        CHECK_FALSE(parse_iso("2025-13-01").has_value());
        CHECK_FALSE(parse_iso("yesterday").has_value());
        CHECK_FALSE(parse_iso("2025-06-20T25:00").has_value());
    }
}

TEST_CASE("i18n::format_era uses exact era boundaries") {
    CHECK(format_era(date("2025-06-20")) == "令和7年6月20日");
    CHECK(format_era(date("2019-05-01")) == "令和元年5月1日");
    CHECK(format_era(date("2019-04-30")) == "平成31年4月30日");
    CHECK(format_era(date("1989-01-08")) == "平成元年1月8日");
    CHECK(format_era(date("1989-01-07")) == "昭和64年1月7日");
    CHECK(format_era(date("1926-12-25")) == "昭和元年12月25日");
    CHECK(format_era(date("1926-12-24")) == "大正15年12月24日");
}

TEST_CASE("i18n::fiscal years run April to March") {
    CHECK(fiscal_year_of(date("2025-04-01")) == 2025);
    CHECK(fiscal_year_of(date("2026-03-31")) == 2025);
    CHECK(format_fiscal_year(2025, "ja") == "令和7年度");
    CHECK(format_fiscal_year(2025, "en") == "FY2025");
    CHECK(format_fiscal_year(2019, "ja") == "令和元年度");  // 1 April 2019 was still 平成; the official name is 令和元年度
    CHECK(format_fiscal_year(1988, "ja") == "昭和63年度");
    CHECK(format_fiscal_year(2017, "ja") == "平成29年度");
}

TEST_CASE("i18n::format_long and weekdays") {
    CHECK(format_long(date("2025-06-20"), "ja") == "2025年6月20日");
    CHECK(format_long(date("2025-06-20"), "en") == "20 June 2025");
    CHECK(weekday_name(date("2025-06-20"), "ja", false) == "金曜日");
    CHECK(weekday_name(date("2025-06-20"), "en", true) == "Fri");
    CHECK(format_pattern(date("2025-06-05T09:05:00+09:00"), "%Y/%m/%d %H:%M (%K) %-m月%-d日 %E") ==
          "2025/06/05 09:05 (木) 6月5日 令和7年");
}

TEST_CASE("i18n::from_unix_seconds inverts to_unix_seconds") {
    for (const char* iso : {"2025-06-20T14:30:05+09:00", "1970-01-01T09:00:00+09:00", "2024-02-29T23:59:59+09:00",
                            "1868-01-25T00:00:00+09:00"}) {
        auto d = date(iso);
        CHECK(format_iso(from_unix_seconds(to_unix_seconds(d), 9 * 60)) == iso);
    }
    CHECK(to_unix_seconds(date("1970-01-01T00:00:00Z")) == 0);
}

TEST_CASE("text::zero_padded writes what printf's %0*d writes") {
    const int values[] = {0, 1, 7, 9, 10, 59, 99, 100, 999, 2025, 12345, -1, -9, -10, -2025, INT_MAX, INT_MIN};
    for (const int value : values)
        for (int width = 0; width <= 12; ++width) {
            char expected[32];
            std::snprintf(expected, sizeof expected, "%0*d", width, value);
            CHECK_MESSAGE(portal::text::zero_padded(value, width) == expected, value << " width " << width);
        }
}

TEST_CASE("i18n::format_iso writes dates, times and offsets with two-digit fields") {
    CHECK(format_iso(date("2025-06-20")) == "2025-06-20");
    CHECK(format_iso(date("2025-01-02T03:04:05+09:00")) == "2025-01-02T03:04:05+09:00");
    CHECK(format_iso(date("2025-12-31T23:59:09-03:30")) == "2025-12-31T23:59:09-03:30");
    DateTime early;
    early.year = 800, early.month = 1, early.day = 2;
    CHECK(format_iso(early) == "0800-01-02");  // ISO 8601 years have four digits
}

TEST_CASE("content::toml_date_to_iso: dates, local date-times in Tokyo, offsets kept") {
    const toml::table table = toml::parse(R"(
day = 2025-06-20
local = 2025-06-20T14:05:09
utc = 2025-06-20T05:00:00Z
india = 2025-06-20T14:00:00+05:30
brazil = 2025-01-02T03:04:05-03:00
time = 14:00:00
text = "2025-06-20"
)");
    CHECK(portal::content::toml_date_to_iso(*table.get("day")) == "2025-06-20");
    CHECK(portal::content::toml_date_to_iso(*table.get("local")) == "2025-06-20T14:05:09+09:00");
    CHECK(portal::content::toml_date_to_iso(*table.get("utc")) == "2025-06-20T05:00:00+00:00");
    CHECK(portal::content::toml_date_to_iso(*table.get("india")) == "2025-06-20T14:00:00+05:30");
    CHECK(portal::content::toml_date_to_iso(*table.get("brazil")) == "2025-01-02T03:04:05-03:00");
    CHECK_FALSE(portal::content::toml_date_to_iso(*table.get("time")).has_value());
    CHECK_FALSE(portal::content::toml_date_to_iso(*table.get("text")).has_value());
}
