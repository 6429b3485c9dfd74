// Build-time charts: a dataset (plain data, already in one language) drawn as
// an inline SVG bar or line chart, followed by the same numbers as an HTML
// table. Knows nothing of templates, TOML or languages: the caller passes the
// words (`Words`) and display labels. Output is deterministic and needs no
// JavaScript and no stylesheet (colours, sizes and fonts are SVG presentation
// attributes; charts.css only adjusts them).
//
//   Dataset d{.key = "adoption", .title = "Telework adoption", .unit = "%",
//             .series = {{.key = "national", .name = "Nationwide",
//                          .points = {{"2023", 49.9}, {"2024", 47.3}}}}};
//   std::string html = render_chart(d, default_kind(d), english_words());
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portal::charts {

struct Point {
    std::string label;       // x-axis label as shown ("2024年", "FY2021", "Target")
    double value = 0;
    bool is_target = false;  // a goal, not a measured value: drawn hatched / dashed
    int decimals = -1;       // fraction digits to print; < 0: shortest form
};

struct Series {
    std::string key;         // stable id, written as data-series (not shown)
    std::string name;        // legend and table column
    std::string unit;        // "%", "団体"; empty: Dataset::unit
    std::vector<Point> points;
};

struct Dataset {
    std::string key;         // stable id: element ids derive from it
    std::string title;
    std::string unit;        // unit of series that name none
    std::vector<Series> series;
    std::string source;      // figcaption: where the figures come from
    std::string note;        // figcaption: scope and caveats (optional)
    // Order of the x labels (and table rows). Labels of points missing here
    // follow in order of first appearance; empty: all in that order.
    std::vector<std::string> labels;
    // The x labels are points in time in chronological order (years, dates),
    // so a line between them means something. Only decides `default_kind`.
    bool time_axis = false;
};

enum class Kind { bar, line };

// The words a chart prints besides the data; see english_words() for each.
struct Words {
    std::string bar_chart;      // "Bar chart" — opens the SVG description
    std::string line_chart;     // "Line chart"
    std::string unit_label;     // "Unit: {unit}" — y-axis title; {unit} is replaced
    std::string target;         // "target" — after target values in the table and description
    std::string target_key_bar;   // "Hatched bars are targets" — legend, when there are targets
    std::string target_key_line;  // "Dashed lines and hollow markers are targets"
    std::string source;         // "Source: "
    std::string note;           // "Note: "
    std::string item;           // "Item" — heading of the table's label column
    std::string table_caption;  // "{title}: data" — {title} is replaced
    std::string table_unit;     // " (unit: {unit})" — after the caption when all series share a unit
    std::string no_value;       // "—" — a series without a value at a label
    std::string sentence_end;   // ". " after each series in the description
    std::string list_separator; // ", " between values in the description
    std::string value_separator; // ": " between a series and its values
    std::string open_paren;     // " (" around "target" and units
    std::string close_paren;    // ")"
};

Words english_words();
Words japanese_words();

// Line when every series has two or more points and the labels are points in
// time (`time_axis`): a line joins measurements of one thing over time.
// Otherwise bar: single values, or categories such as "headquarters / local
// offices", read best as bars.
Kind default_kind(const Dataset& dataset);

// The chart: <figure class="chart"> holding <svg role="img"> (title, desc,
// axes, gridlines, one bar group or line per series, legend, values) and a
// <figcaption> with source and note, then <table class="chart-data"> with one
// row per x label and one column per series. Series with different units get
// separate panels, one y axis each, stacked vertically. Every text is escaped.
std::string render_chart(const Dataset& dataset, Kind kind, const Words& words);

// Colours of series 0, 1, ... (cycled): each has a contrast of at least 4.5:1
// against white, so value labels could use them too.
const std::vector<std::string>& palette();

}  // namespace portal::charts
