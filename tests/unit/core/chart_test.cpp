#include <doctest/doctest.h>

#include <cmath>
#include <regex>
#include <set>
#include <string>

#include <toml++/toml.h>

#include "build/chart_function.h"
#include "charts/chart.h"
#include "charts/scale.h"
#include "charts/text_layout.h"

using namespace portal::charts;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
    return n;
}

Dataset two_series() {
    Dataset d;
    d.key = "adoption";
    d.title = "Telework adoption";
    d.unit = "%";
    d.source = "Survey";
    d.series = {{"national", "Nationwide", "", {{"2023", 49.9, false, 1}, {"2024", 47.3, false, 1}}},
                {"tokyo", "Tokyo area", "", {{"2024", 62.0, false, 1}, {"2025", 65.0, true, 1}}}};
    d.time_axis = true;
    return d;
}

double luminance(const std::string& hex) {
    auto channel = [&](std::size_t at) {
        const double c = std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

toml::table parse(const char* text) { return toml::parse(text); }

}  // namespace

TEST_CASE("charts::nice_ticks") {
    SUBCASE("percentages step by 20 and end on a round number above the data") {
        Ticks t = nice_ticks(0, 62.0);
        CHECK(t.step == 20);
        CHECK(t.min == 0);
        CHECK(t.max == 80);
        CHECK(t.values == std::vector<double>{0, 20, 40, 60, 80});
        CHECK(t.decimals == 0);
    }
    SUBCASE("a maximum on a tick is not padded") {
        Ticks t = nice_ticks(0, 600000);
        CHECK(t.step == 200000);
        CHECK(t.max == 600000);
        CHECK(t.values.size() == 4);
    }
    SUBCASE("steps are 1, 2 or 5 times a power of ten") {
        CHECK(nice_ticks(0, 3000).step == 1000);
        CHECK(nice_ticks(0, 9868).step == 2000);
        CHECK(nice_ticks(0, 42988).step == 10000);
        CHECK(nice_ticks(0, 7).step == 2);
    }
    SUBCASE("small fractions get decimals") {
        Ticks t = nice_ticks(0, 0.37);
        CHECK(t.step == doctest::Approx(0.1));
        CHECK(t.decimals == 1);
        CHECK(format_number(t.values[3], t.decimals) == "0.3");  // 3 × 0.1, not 0.30000000000000004
    }
    SUBCASE("the axis always contains zero, also for negative values") {
        Ticks t = nice_ticks(-5, 12);
        CHECK(t.min == -5);
        CHECK(t.max == 15);
        CHECK(nice_ticks(20, 50).min == 0);
    }
    SUBCASE("all zero gives 0..1") {
        Ticks t = nice_ticks(0, 0);
        CHECK(t.min == 0);
        CHECK(t.max == 1);
    }
}

TEST_CASE("charts::format_number") {
    CHECK(format_number(1611, 0) == "1,611");
    CHECK(format_number(600000, 0) == "600,000");
    CHECK(format_number(47.3, 1) == "47.3");
    CHECK(format_number(62.0, 1) == "62.0");
    CHECK(format_number(55.2, -1) == "55.2");
    CHECK(format_number(62.0, -1) == "62");
    CHECK(format_number(-1234.5, 1) == "-1,234.5");
    CHECK(format_number(-0.0, 0) == "0");
    CHECK(format_number(999, 0) == "999");
    CHECK(shortest_decimals(47.3) == 1);
    CHECK(shortest_decimals(62.0) == 0);
    CHECK(shortest_decimals(0.25) == 2);
}

TEST_CASE("charts::wrap_text") {
    SUBCASE("Latin text breaks at spaces") {
        auto lines = wrap_text("Ministry headquarters etc.", 80, 12);
        CHECK(lines.size() > 1);
        for (const auto& line : lines) CHECK(line.front() != ' ');
        std::string joined;
        for (const auto& line : lines) joined += (joined.empty() ? "" : " ") + line;
        CHECK(joined == "Ministry headquarters etc.");
    }
    SUBCASE("Japanese breaks between characters but not before closing brackets") {
        auto lines = wrap_text("うち経済産業省（全体の約27%）", 12 * 7, 12);
        CHECK(lines.size() > 1);
        for (const auto& line : lines) {
            CHECK(line.rfind("）", 0) != 0);
            CHECK(line.rfind("、", 0) != 0);
        }
        std::string joined;
        for (const auto& line : lines) joined += line;
        CHECK(joined == "うち経済産業省（全体の約27%）");
    }
    SUBCASE("short text stays on one line") {
        CHECK(wrap_text("2024", 100, 12) == std::vector<std::string>{"2024"});
        CHECK(wrap_text("", 100, 12) == std::vector<std::string>{""});
    }
    SUBCASE("full-width characters are wider than Latin ones") {
        CHECK(text_width("全国", 12) == doctest::Approx(24));
        CHECK(text_width("ab", 12) < 24);
    }
}

TEST_CASE("charts::render_chart escapes every text") {
    Dataset d = two_series();
    d.key = "x\"><script>";
    d.title = "<script>alert('x')</script> & co";
    d.series[0].name = "A \"quoted\" <b>name</b>";
    d.series[0].points[0].label = "<i>2023</i>";
    d.source = "S&P <source>";
    d.note = "it's";
    d.unit = "<%>";
    for (Kind kind : {Kind::bar, Kind::line}) {
        const std::string html = render_chart(d, kind, english_words());
        CHECK(html.find("<script>") == std::string::npos);
        CHECK(html.find("<b>") == std::string::npos);
        CHECK(html.find("<i>") == std::string::npos);
        CHECK(html.find("<source>") == std::string::npos);
        CHECK(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co") != std::string::npos);
        CHECK(html.find("A &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt;") != std::string::npos);
        CHECK(html.find("S&amp;P &lt;source&gt;") != std::string::npos);
        CHECK(html.find("Unit: &lt;%&gt;") != std::string::npos);
        // Element ids keep only safe characters.
        CHECK(html.find("id=\"chart-x---script--") != std::string::npos);
    }
}

TEST_CASE("charts::default_kind and bar vs line drawing") {
    SUBCASE("time series of two or more points draw as lines") {
        CHECK(default_kind(two_series()) == Kind::line);
    }
    SUBCASE("a single point per series draws as bars") {
        Dataset d = two_series();
        d.series[0].points.resize(1);
        CHECK(default_kind(d) == Kind::bar);
    }
    SUBCASE("categories that are not points in time draw as bars") {
        Dataset d = two_series();
        d.time_axis = false;
        CHECK(default_kind(d) == Kind::bar);
    }
    SUBCASE("bar output has rect marks and hatched targets; line output has lines and dashed targets") {
        const std::string bars = render_chart(two_series(), Kind::bar, english_words());
        CHECK(bars.find("<figure class=\"chart chart-bar\"") != std::string::npos);
        CHECK(count(bars, "<rect class=\"chart-mark") == 4);
        CHECK(count(bars, "<rect class=\"chart-mark chart-target\"") == 1);
        CHECK(bars.find("<pattern id=\"chart-adoption-bar-target-1\"") != std::string::npos);
        CHECK(bars.find("fill=\"url(#chart-adoption-bar-target-1)\"") != std::string::npos);
        CHECK(bars.find("class=\"chart-line") == std::string::npos);
        CHECK(bars.find("Hatched bars are targets") != std::string::npos);

        const std::string lines = render_chart(two_series(), Kind::line, english_words());
        CHECK(lines.find("<figure class=\"chart chart-line\"") != std::string::npos);
        CHECK(count(lines, "<g class=\"chart-mark") == 4);
        CHECK(lines.find("<rect class=\"chart-mark") == std::string::npos);
        CHECK(count(lines, "<line class=\"chart-line\"") == 1);                // 2023 → 2024 actual
        CHECK(count(lines, "<line class=\"chart-line chart-target\"") == 1);   // 2024 → 2025 target, dashed
        CHECK(lines.find("stroke-dasharray=\"6 4\"") != std::string::npos);
    }
    SUBCASE("a missing value leaves a gap in the line") {
        Dataset d = two_series();
        d.series.resize(1);
        d.series[0].points = {{"2021", 1, false, 0}, {"2022", 2, false, 0}, {"2024", 4, false, 0}};
        d.series.push_back({"other", "Other", "", {{"2023", 3, false, 0}}});
        d.labels = {"2021", "2022", "2023", "2024"};
        const std::string lines = render_chart(d, Kind::line, english_words());
        CHECK(count(lines, "<line class=\"chart-line") == 1);  // 2021 → 2022 only
    }
}

TEST_CASE("charts::render_chart shows every value, in the chart and in the table") {
    Dataset d = two_series();
    const std::string html = render_chart(d, Kind::bar, english_words());
    for (const auto& series : d.series)
        for (const auto& p : series.points) {
            const std::string text = format_number(p.value, p.decimals);
            CHECK_MESSAGE(html.find("data-value=\"" + text + "\"") != std::string::npos, text);
            CHECK_MESSAGE(html.find(">" + text + "%</text>") != std::string::npos, text);  // printed at the mark
            const std::string cell = p.is_target ? "<td class=\"chart-target\">" + text + " (target)</td>"
                                                 : "<td>" + text + "</td>";
            CHECK_MESSAGE(html.find(cell) != std::string::npos, text);  // and in the table
        }
    CHECK(html.find("<td class=\"chart-empty\">—</td>") != std::string::npos);
    // Accessible name and description.
    CHECK(html.find("role=\"img\" aria-labelledby=\"chart-adoption-bar-title chart-adoption-bar-desc\"") !=
          std::string::npos);
    CHECK(html.find("<desc id=\"chart-adoption-bar-desc\">Bar chart. Nationwide (%): 2023 49.9, 2024 47.3. "
                    "Tokyo area (%): 2024 62.0, 2025 65.0 (target).</desc>") != std::string::npos);
    CHECK(html.find("<figcaption><p class=\"chart-source\">Source: Survey</p></figcaption>") != std::string::npos);
}

TEST_CASE("charts::render_chart table has one row per label") {
    Dataset d = two_series();
    d.labels = {"2025", "2024", "2023"};  // explicit order wins
    const std::string html = render_chart(d, Kind::bar, english_words());
    CHECK(count(html, "<th scope=\"row\">") == 3);
    CHECK(count(html, "<th scope=\"col\">") == 3);  // Item + two series
    const auto r2025 = html.find("<th scope=\"row\">2025</th>");
    const auto r2024 = html.find("<th scope=\"row\">2024</th>");
    const auto r2023 = html.find("<th scope=\"row\">2023</th>");
    REQUIRE(r2025 != std::string::npos);
    CHECK(r2025 < r2024);
    CHECK(r2024 < r2023);
    CHECK(html.find("<caption>Telework adoption: data (unit: %)</caption>") != std::string::npos);
}

TEST_CASE("charts::render_chart gives each unit its own panel") {
    Dataset d;
    d.key = "days";
    d.title = "Telework Days";
    d.series = {{"orgs", "Organizations", "organizations", {{"Now", 1611, false, 0}, {"Target", 3000, true, 0}}},
                {"people", "People", "people", {{"Now", 500000, false, 0}, {"Target", 600000, true, 0}}}};
    const std::string html = render_chart(d, Kind::bar, english_words());
    CHECK(count(html, "<g class=\"chart-panel\"") == 2);
    CHECK(html.find("Unit: organizations") != std::string::npos);
    CHECK(html.find("Unit: people") != std::string::npos);
    CHECK(html.find("<th scope=\"col\">Organizations (organizations)</th>") != std::string::npos);
    CHECK(html.find(">1,611</text>") != std::string::npos);
    CHECK(html.find(">600,000</text>") != std::string::npos);
}

TEST_CASE("charts::render_chart is deterministic and well formed") {
    const std::string a = render_chart(two_series(), Kind::line, japanese_words());
    const std::string b = render_chart(two_series(), Kind::line, japanese_words());
    CHECK(a == b);
    CHECK(a.find("単位：%") != std::string::npos);
    CHECK(a.find("折れ線グラフ。") != std::string::npos);
    CHECK(a.find("65.0（目標）") != std::string::npos);
    CHECK(count(a, "<svg") == count(a, "</svg>"));
    CHECK(count(a, "<g") == count(a, "</g>"));
    CHECK(count(a, "<text") == count(a, "</text>"));
    // Coordinates have at most two decimals.
    CHECK_FALSE(std::regex_search(a, std::regex("=\"-?[0-9]+\\.[0-9]{3,}\"")));
}

TEST_CASE("charts::palette contrast against white") {
    for (const auto& colour : palette()) {
        const double ratio = 1.05 / (luminance(colour) + 0.05);
        CHECK_MESSAGE(ratio >= 4.5, colour);
    }
    CHECK(std::set<std::string>(palette().begin(), palette().end()).size() == palette().size());
}

TEST_CASE("build::read_dataset") {
    using portal::build::read_dataset;
    const char* path = "content/data/stats.toml";
    toml::table stats = parse(R"(# comment
[datasets.targets]
title_ja = "目標"
title_en = "Targets"
unit = "%"
source_en = "Plan"

[[datasets.targets.series]]
key = "regional"
name_ja = "地方部"
name_en = "Regional"
period = "fiscal-year"
points = [ { label = "2025", value = 45.4, kind = "target" }, { label = "2021", value = 35.4 } ]

[[datasets.targets.series]]
key = "old"
name_ja = "旧目標"
name_en = "Old target"
period = "year"
points = [ { label = "2020", value = 34.5, kind = "target" } ]

[[datasets.targets.series]]
key = "days"
name_ja = "日"
name_en = "Days"
unit_en = "days"
period = "date"
points = [ { label = "2019-07-04", value = 3 }, { label = "goal", value = 5, label_en = "Goal" } ]
)");

    SUBCASE("labels in the language, in time order, then the rest") {
        auto ja = read_dataset(stats, path, "targets", "ja");
        REQUIRE(ja.ok());
        CHECK(ja->title == "目標");
        CHECK(ja->labels == std::vector<std::string>{"2019年7月4日", "2020年", "令和3年度", "令和7年度", "goal"});
        CHECK(ja->series[0].points[0].label == "令和7年度");
        CHECK(ja->series[0].points[0].is_target);
        CHECK(ja->series[0].points[1].decimals == 1);
        CHECK(ja->series[2].points[0].decimals == 0);
        CHECK_FALSE(ja->time_axis);  // "goal" is not a point in time

        auto en = read_dataset(stats, path, "targets", "en");
        REQUIRE(en.ok());
        CHECK(en->labels == std::vector<std::string>{"4 July 2019", "2020", "FY2021", "FY2025", "Goal"});
        CHECK(en->unit == "%");
        CHECK(en->series[2].unit == "days");
        CHECK(en->source == "Plan");
    }
    SUBCASE("an unknown dataset lists the known ones") {
        auto r = read_dataset(stats, path, "nope", "ja");
        REQUIRE_FALSE(r.ok());
        CHECK(r.errors()[0].message == "unknown dataset `nope`: content/data/stats.toml defines targets");
        CHECK(r.errors()[0].path.empty());  // the template engine adds the call's position
    }
    SUBCASE("a value that is not a number names the file and line") {
        toml::table bad = parse("[datasets.a]\ntitle_en = \"A\"\n[[datasets.a.series]]\nkey = \"s\"\nname_en = \"S\"\n"
                                "points = [\n  { label = \"2024\", value = \"47.3\" },\n]\n");
        auto r = read_dataset(bad, path, "a", "en");
        REQUIRE_FALSE(r.ok());
        CHECK(r.errors()[0].message ==
              "content/data/stats.toml:7: dataset `a`, series `s`, point `2024`: `value` must be a number, not a string");
    }
    SUBCASE("a missing title names the dataset's line") {
        toml::table bad = parse("\n[datasets.a]\ntitle_ja = \"A\"\n");
        auto r = read_dataset(bad, path, "a", "en");
        REQUIRE_FALSE(r.ok());
        CHECK(r.errors()[0].message == "content/data/stats.toml:2: dataset `a`: missing `title_en`");
    }
    SUBCASE("other malformed datasets") {
        auto message = [&](const char* text) {
            toml::table t = parse(text);
            auto r = read_dataset(t, path, "a", "en");
            return r.ok() ? std::string("ok") : r.errors()[0].message;
        };
        CHECK(message("[datasets.a]\ntitle_en = \"A\"\n") ==
              "content/data/stats.toml:1: dataset `a`: needs at least one [[datasets.a.series]] with points");
        CHECK(message("[datasets.a]\ntitle_en = \"A\"\n[[datasets.a.series]]\nkey = \"s\"\nname_en = \"S\"\n"
                      "points = [ { label = \"x\", value = 1, kind = \"plan\" } ]\n")
                  .find(":6: dataset `a`, series `s`, point `x`: `kind` must be \"actual\" or \"target\"") !=
              std::string::npos);
        CHECK(message("[datasets.a]\ntitle_en = \"A\"\n[[datasets.a.series]]\nkey = \"s\"\nname_en = \"S\"\n"
                      "period = \"month\"\npoints = [ { label = \"x\", value = 1 } ]\n")
                  .find(":6: dataset `a`, series `s`: `period` must be") != std::string::npos);
        CHECK(message("[datasets.a]\ntitle_en = \"A\"\n[[datasets.a.series]]\nkey = \"s\"\n"
                      "points = [ { label = \"x\", value = 1 } ]\n") ==
              "content/data/stats.toml:3: dataset `a`, series `s`: missing `name_en`");
        CHECK(message("[datasets.a]\ntitle_en = \"A\"\n[[datasets.a.series]]\nkey = \"s\"\nname_en = \"S\"\n"
                      "points = [ { label = \"x\", value = nan } ]\n")
                  .find("`value` must be a finite number") != std::string::npos);
    }
}
