#include "charts/chart.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/text.h"
#include "charts/scale.h"
#include "charts/text_layout.h"

namespace portal::charts {

using text::xml_escape;

Words english_words() {
    Words w;
    w.bar_chart = "Bar chart";
    w.line_chart = "Line chart";
    w.unit_label = "Unit: {unit}";
    w.target = "target";
    w.target_key_bar = "Hatched bars are targets, solid bars actual values";
    w.target_key_line = "Dashed lines and hollow markers are targets";
    w.source = "Source: ";
    w.note = "Note: ";
    w.item = "Item";
    w.table_caption = "{title}: data";
    w.table_unit = " (unit: {unit})";
    w.no_value = "—";
    w.sentence_end = ". ";
    w.list_separator = ", ";
    w.value_separator = ": ";
    w.open_paren = " (";
    w.close_paren = ")";
    return w;
}

Words japanese_words() {
    Words w;
    w.bar_chart = "棒グラフ";
    w.line_chart = "折れ線グラフ";
    w.unit_label = "単位：{unit}";
    w.target = "目標";
    w.target_key_bar = "斜線の棒は目標値、塗りつぶしの棒は実績値";
    w.target_key_line = "破線と白抜きの印は目標値";
    w.source = "出典：";
    w.note = "注：";
    w.item = "項目";
    w.table_caption = "{title}（データ）";
    w.table_unit = "（単位：{unit}）";
    w.no_value = "—";
    w.sentence_end = "。";
    w.list_separator = "、";
    w.value_separator = "：";
    w.open_paren = "（";
    w.close_paren = "）";
    return w;
}

const std::vector<std::string>& palette() {
    // Okabe–Ito hues, darkened where needed to reach 4.5:1 on white.
    static const std::vector<std::string> colours{"#0072B2", "#B34700", "#007A5A", "#A8407F", "#7A6200", "#5A5A5A"};
    return colours;
}

Kind default_kind(const Dataset& dataset) {
    if (!dataset.time_axis || dataset.series.empty()) return Kind::bar;
    for (const auto& series : dataset.series)
        if (series.points.size() < 2) return Kind::bar;
    return Kind::line;
}

namespace {

// --- layout constants (pixels of the 640-wide viewBox)
constexpr double kWidth = 640;
constexpr double kPad = 12;
constexpr double kTitleSize = 16;
constexpr double kTitleLine = 22;
constexpr double kFont = 12;
constexpr double kLine = 15;
constexpr double kValueFont = 11;
constexpr double kPlotHeight = 200;
constexpr double kPanelPlotHeight = 160;  // when there are several panels
constexpr double kMaxSlot = 48;           // widest bar, gap included
constexpr double kLegendSwatch = 28;

constexpr const char* kTextColour = "#1a1a1a";    // 17:1 on white
constexpr const char* kAxisTextColour = "#4d4d4d";  // 8.5:1
constexpr const char* kBaselineColour = "#595959";  // 7:1
constexpr const char* kGridColour = "#d9d9d9";      // decoration only

// Coordinates: at most two decimals, no trailing zeros, no "-0".
std::string num(double v) {
    v = std::round(v * 100) / 100;
    if (v == 0) v = 0;
    char buffer[64];
    auto r = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 2);
    std::string s(buffer, r.ptr);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

std::string replace(std::string text, std::string_view placeholder, std::string_view with) {
    const auto at = text.find(placeholder);
    if (at != std::string::npos) text.replace(at, placeholder.size(), with);
    return text;
}

// A safe fragment for element ids: letters, digits, '-' and '_' kept, others '-'.
std::string id_fragment(std::string_view key) {
    std::string out;
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_';
        out += ok ? c : '-';
    }
    return out.empty() ? "data" : out;
}

const std::string& unit_of(const Dataset& d, const Series& s) { return s.unit.empty() ? d.unit : s.unit; }

std::string value_text(const Point& p) { return format_number(p.value, p.decimals); }

// The value for data-value attributes: digits without thousands separators.
std::string plain_value(const Point& p) {
    std::string text = value_text(p);
    text.erase(std::remove(text.begin(), text.end(), ','), text.end());
    return text;
}

// Printed at a mark: "47.3%" for percentages, the plain number otherwise
// (the axis title carries other units).
std::string mark_text(const Point& p, const std::string& unit) {
    return unit == "%" ? value_text(p) + "%" : value_text(p);
}

// Marker shapes around (0, 0), one per series (cycled): circle, square,
// triangle, diamond, inverted triangle, plus.
std::string marker_shape(std::size_t index, const std::string& fill, const std::string& stroke) {
    const std::string paint = " fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"1.5\"";
    switch (index % 6) {
        case 0: return "<circle r=\"4.5\"" + paint + "/>";
        case 1: return "<rect x=\"-4\" y=\"-4\" width=\"8\" height=\"8\"" + paint + "/>";
        case 2: return "<polygon points=\"0,-5.5 5,4 -5,4\"" + paint + "/>";
        case 3: return "<polygon points=\"0,-5.5 5.5,0 0,5.5 -5.5,0\"" + paint + "/>";
        case 4: return "<polygon points=\"0,5.5 5,-4 -5,-4\"" + paint + "/>";
        default:
            return "<polygon points=\"-1.75,-5 1.75,-5 1.75,-1.75 5,-1.75 5,1.75 1.75,1.75 1.75,5 -1.75,5 -1.75,1.75 "
                   "-5,1.75 -5,-1.75 -1.75,-1.75\"" + paint + "/>";
    }
}

std::string colour_of(std::size_t series_index) { return palette()[series_index % palette().size()]; }

// Multi-line text: one <tspan> per line, the first on the <text> element's y.
std::string text_lines(const std::vector<std::string>& lines, double x, double line_height) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += "<tspan x=\"" + num(x) + "\"" + (i == 0 ? "" : " dy=\"" + num(line_height) + "\"") + ">" +
               xml_escape(lines[i]) + "</tspan>";
    return out;
}

// The value of `series` at `label`, if any (the first one when repeated).
const Point* point_at(const Series& series, const std::string& label) {
    for (const auto& p : series.points)
        if (p.label == label) return &p;
    return nullptr;
}

std::vector<std::string> ordered_labels(const Dataset& d) {
    std::vector<std::string> labels;
    auto add = [&](const std::string& label) {
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
    };
    for (const auto& label : d.labels)
        if (std::any_of(d.series.begin(), d.series.end(), [&](const Series& s) { return point_at(s, label); }))
            add(label);
    for (const auto& s : d.series)
        for (const auto& p : s.points) add(p.label);
    return labels;
}

// Series of one unit share a y axis; each unit gets its own panel.
struct Panel {
    std::string unit;
    std::vector<std::size_t> series;   // indices into Dataset::series
    std::vector<std::string> labels;   // x labels with a value in one of them
    Ticks ticks;
};

std::vector<Panel> make_panels(const Dataset& d, const std::vector<std::string>& labels) {
    std::vector<Panel> panels;
    for (std::size_t i = 0; i < d.series.size(); ++i) {
        const std::string& unit = unit_of(d, d.series[i]);
        auto it = std::find_if(panels.begin(), panels.end(), [&](const Panel& p) { return p.unit == unit; });
        if (it == panels.end()) {
            panels.push_back(Panel{unit, {}, {}, {}});
            it = panels.end() - 1;
        }
        it->series.push_back(i);
    }
    for (auto& panel : panels) {
        double lo = 0, hi = 0;
        for (const auto& label : labels)
            for (std::size_t s : panel.series)
                if (const Point* p = point_at(d.series[s], label)) {
                    if (std::find(panel.labels.begin(), panel.labels.end(), label) == panel.labels.end())
                        panel.labels.push_back(label);
                    lo = std::min(lo, p->value);
                    hi = std::max(hi, p->value);
                }
        panel.ticks = nice_ticks(lo, hi);
    }
    return panels;
}

class Drawing {
public:
    Drawing(const Dataset& d, Kind kind, const Words& words)
        : d_(d), kind_(kind), words_(words), id_("chart-" + id_fragment(d.key) + (kind == Kind::bar ? "-bar" : "-line")),
          labels_(ordered_labels(d)), panels_(make_panels(d, labels_)) {
        for (const auto& s : d.series)
            for (const auto& p : s.points) has_targets_ = has_targets_ || p.is_target;
    }

    std::string render() {
        std::string body;
        double y = kPad;
        // Title.
        const auto title_lines = wrap_text(d_.title, kWidth - 2 * kPad, kTitleSize);
        body += "<text class=\"chart-title\" x=\"" + num(kPad) + "\" y=\"" + num(y + kTitleSize) +
                "\" font-size=\"" + num(kTitleSize) + "\" font-weight=\"bold\" fill=\"" + kTextColour + "\">" +
                text_lines(title_lines, kPad, kTitleLine) + "</text>\n";
        y += kTitleLine * static_cast<double>(title_lines.size()) + 6;

        double left = kPad + 24;
        for (const auto& panel : panels_)
            for (double v : panel.ticks.values)
                left = std::max(left, kPad + text_width(format_number(v, panel.ticks.decimals), kFont) + 8);
        const double plot_height = panels_.size() > 1 ? kPanelPlotHeight : kPlotHeight;
        for (const auto& panel : panels_) y = draw_panel(body, panel, left, y, plot_height) + 8;
        y = draw_legend(body, y);
        const double height = std::ceil(y + kPad);

        std::string out;
        out += "<figure class=\"chart chart-" + std::string(kind_ == Kind::bar ? "bar" : "line") + "\" id=\"" + id_ +
               "\">\n";
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 " + num(kWidth) + " " +
               num(height) + "\" width=\"100%\" role=\"img\" aria-labelledby=\"" + id_ + "-title " + id_ +
               "-desc\" font-family=\"sans-serif\" font-size=\"" + num(kFont) + "\" fill=\"" + kTextColour + "\">\n";
        out += "<title id=\"" + id_ + "-title\">" + xml_escape(d_.title) + "</title>\n";
        out += "<desc id=\"" + id_ + "-desc\">" + xml_escape(description()) + "</desc>\n";
        out += defs();
        out += body;
        out += "</svg>\n";
        out += figcaption();
        out += "</figure>\n";
        out += table();
        return out;
    }

private:
    std::string hatch_id(std::size_t series) const { return id_ + "-target-" + std::to_string(series); }

    std::string defs() const {
        if (kind_ != Kind::bar || !has_targets_) return {};
        std::string out = "<defs>\n";
        for (std::size_t i = 0; i < d_.series.size(); ++i) {
            bool used = false;
            for (const auto& p : d_.series[i].points) used = used || p.is_target;
            if (!used) continue;
            out += "<pattern id=\"" + hatch_id(i) +
                   "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                   "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" +
                   colour_of(i) + "\" stroke-width=\"3\"/></pattern>\n";
        }
        // The legend's key to targets, in a neutral grey.
        out += "<pattern id=\"" + id_ + "-target-key\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
               "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" "
               "y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" + std::string(kBaselineColour) + "\" stroke-width=\"3\"/></pattern>\n";
        out += "</defs>\n";
        return out;
    }

    // Draws one panel from `top`; returns its bottom.
    double draw_panel(std::string& out, const Panel& panel, double left, double top, double plot_height) const {
        const double right = kWidth - kPad - 4;
        const double plot_top = top + kFont + 26;  // unit title, then room for the top value labels
        const double plot_bottom = plot_top + plot_height;
        const Ticks& ticks = panel.ticks;
        auto y_of = [&](double v) { return plot_bottom - (v - ticks.min) / (ticks.max - ticks.min) * plot_height; };

        out += "<g class=\"chart-panel\" data-unit=\"" + xml_escape(panel.unit) + "\" data-plot-top=\"" + num(plot_top) +
               "\" data-plot-bottom=\"" + num(plot_bottom) + "\">\n";
        if (!panel.unit.empty())
            out += "<text class=\"chart-axis-title\" x=\"" + num(kPad) + "\" y=\"" + num(top + kFont) + "\" fill=\"" +
                   kAxisTextColour + "\">" + xml_escape(replace(words_.unit_label, "{unit}", panel.unit)) + "</text>\n";
        // Gridlines and tick labels; the zero line is the darker baseline.
        for (double v : ticks.values) {
            const bool zero = std::abs(v) < ticks.step * 1e-9;
            const std::string label = format_number(v, ticks.decimals);
            out += "<line class=\"chart-gridline" + std::string(zero ? " chart-baseline" : "") + "\" data-value=\"" +
                   label_value(v, ticks.decimals) + "\" x1=\"" + num(left) + "\" x2=\"" + num(right) + "\" y1=\"" +
                   num(y_of(v)) + "\" y2=\"" + num(y_of(v)) + "\" stroke=\"" + (zero ? kBaselineColour : kGridColour) +
                   "\" stroke-width=\"1\"/>\n";
            out += "<text class=\"chart-y-label\" x=\"" + num(left - 6) + "\" y=\"" + num(y_of(v) + 4) +
                   "\" text-anchor=\"end\" fill=\"" + kAxisTextColour + "\">" + xml_escape(label) + "</text>\n";
        }
        // X labels under the plot, wrapped to their band.
        const std::size_t n = std::max<std::size_t>(panel.labels.size(), 1);
        const double band = (right - left) / static_cast<double>(n);
        std::size_t max_lines = 1;
        for (std::size_t c = 0; c < panel.labels.size(); ++c) {
            const auto lines = wrap_text(panel.labels[c], band - 6, kFont);
            max_lines = std::max(max_lines, lines.size());
            const double x = left + band * (static_cast<double>(c) + 0.5);
            out += "<text class=\"chart-x-label\" data-label=\"" + xml_escape(panel.labels[c]) + "\" x=\"" + num(x) +
                   "\" y=\"" + num(plot_bottom + 18) + "\" text-anchor=\"middle\" fill=\"" + kAxisTextColour + "\">" +
                   text_lines(lines, x, kLine) + "</text>\n";
        }
        if (kind_ == Kind::bar)
            draw_bars(out, panel, left, band, y_of);
        else
            draw_lines(out, panel, left, band, y_of);
        out += "</g>\n";
        return plot_bottom + 18 + kLine * static_cast<double>(max_lines - 1) + 6;
    }

    // data-value of a gridline: the tick value in plain digits ("20", "2.5").
    static std::string label_value(double v, int decimals) {
        std::string s = format_number(v, decimals);
        s.erase(std::remove(s.begin(), s.end(), ','), s.end());
        return s;
    }

    template <typename YOf>
    void draw_bars(std::string& out, const Panel& panel, double left, double band, const YOf& y_of) const {
        std::size_t most = 1;
        for (const auto& label : panel.labels) {
            std::size_t count = 0;
            for (std::size_t s : panel.series) count += point_at(d_.series[s], label) ? 1 : 0;
            most = std::max(most, count);
        }
        const double slot = std::min(kMaxSlot, band * 0.8 / static_cast<double>(most));
        const double bar = slot - std::min(6.0, slot * 0.15);
        const double zero = y_of(0);
        for (std::size_t c = 0; c < panel.labels.size(); ++c) {
            const std::string& label = panel.labels[c];
            std::vector<std::size_t> present;
            for (std::size_t s : panel.series)
                if (point_at(d_.series[s], label)) present.push_back(s);
            const double centre = left + band * (static_cast<double>(c) + 0.5);
            const double start = centre - slot * static_cast<double>(present.size()) / 2;
            for (std::size_t k = 0; k < present.size(); ++k) {
                const std::size_t s = present[k];
                const Point& p = *point_at(d_.series[s], label);
                const std::string colour = colour_of(s);
                const double x = start + slot * static_cast<double>(k) + (slot - bar) / 2;
                const double top = std::min(y_of(p.value), zero);
                const double height = std::abs(y_of(p.value) - zero);
                const std::string fill = p.is_target ? "url(#" + hatch_id(s) + ")" : colour;
                out += "<g class=\"chart-series\" data-series=\"" + xml_escape(d_.series[s].key) + "\">";
                out += "<rect class=\"chart-mark" + std::string(p.is_target ? " chart-target" : "") +
                       "\" data-series=\"" + xml_escape(d_.series[s].key) + "\" data-label=\"" + xml_escape(label) +
                       "\" data-value=\"" + plain_value(p) + "\" data-target=\"" +
                       (p.is_target ? "true" : "false") + "\" x=\"" + num(x) + "\" y=\"" + num(top) + "\" width=\"" +
                       num(bar) + "\" height=\"" + num(height) + "\" fill=\"" + fill + "\" stroke=\"" + colour +
                       "\" stroke-width=\"1.5\"/>";
                // Series marker and value beyond the bar's end.
                const bool negative = p.value < 0;
                const double end = negative ? top + height : top;
                const double marker_y = negative ? end + 9 : end - 9;
                const double text_y = negative ? end + 28 : end - 18;
                out += "<g class=\"chart-marker\" transform=\"translate(" + num(x + bar / 2) + " " + num(marker_y) +
                       ")\">" + marker_shape(s, p.is_target ? "#ffffff" : colour, colour) + "</g>";
                out += "<text class=\"chart-value\" x=\"" + num(x + bar / 2) + "\" y=\"" + num(text_y) +
                       "\" text-anchor=\"middle\" font-size=\"" + num(kValueFont) + "\" fill=\"" + kTextColour +
                       "\">" + xml_escape(mark_text(p, panel.unit)) + "</text>";
                out += "</g>\n";
            }
        }
    }

    template <typename YOf>
    void draw_lines(std::string& out, const Panel& panel, double left, double band, const YOf& y_of) const {
        struct Placed {
            std::size_t series;
            std::size_t category;
            const Point* point;
            double x, y;
            double label_x = 0, label_y = 0;
            const char* label_anchor = "middle";
        };
        std::vector<Placed> placed;  // by series, then category
        for (std::size_t s : panel.series)
            for (std::size_t c = 0; c < panel.labels.size(); ++c)
                if (const Point* p = point_at(d_.series[s], panel.labels[c]))
                    placed.push_back({s, c, p, left + band * (static_cast<double>(c) + 0.5), y_of(p->value)});
        // Value labels sit 10px above their marker. Where markers of one label
        // crowd together, their values go beside them instead (right, or left
        // at the right edge), spread so that no two overlap.
        for (auto& m : placed) {
            m.label_x = m.x;
            m.label_y = m.y - 10;
        }
        const double right_edge = kWidth - kPad;
        for (std::size_t c = 0; c < panel.labels.size(); ++c) {
            std::vector<Placed*> column;
            for (auto& m : placed)
                if (m.category == c) column.push_back(&m);
            std::stable_sort(column.begin(), column.end(), [](const Placed* a, const Placed* b) { return a->y < b->y; });
            bool crowded = false;
            for (std::size_t k = 1; k < column.size(); ++k) crowded = crowded || column[k]->y - column[k - 1]->y < 24;
            if (!crowded) continue;
            for (std::size_t k = 0; k < column.size(); ++k) {
                Placed& m = *column[k];
                const double width = text_width(mark_text(*m.point, panel.unit), kValueFont);
                m.label_anchor = m.x + 9 + width > right_edge ? "end" : "start";
                m.label_x = m.label_anchor == std::string("end") ? m.x - 9 : m.x + 9;
                m.label_y = m.y + 4;
                if (k > 0) m.label_y = std::max(m.label_y, column[k - 1]->label_y + kValueFont + 1);
            }
        }
        for (std::size_t s : panel.series) {
            const Series& series = d_.series[s];
            const std::string colour = colour_of(s);
            out += "<g class=\"chart-series\" data-series=\"" + xml_escape(series.key) + "\">\n";
            // Segments first so markers sit on top. Only neighbouring labels are
            // joined: a missing value leaves a gap rather than an invented line.
            // A segment reaching a target is dashed.
            const Placed* previous = nullptr;
            for (const auto& m : placed) {
                if (m.series != s) continue;
                if (previous && previous->category + 1 == m.category) {
                    const bool dashed = previous->point->is_target || m.point->is_target;
                    out += "<line class=\"chart-line" + std::string(dashed ? " chart-target" : "") + "\" x1=\"" +
                           num(previous->x) + "\" y1=\"" + num(previous->y) + "\" x2=\"" + num(m.x) + "\" y2=\"" +
                           num(m.y) + "\" stroke=\"" + colour + "\" stroke-width=\"2.5\"" +
                           (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
                }
                previous = &m;
            }
            for (const auto& m : placed) {
                if (m.series != s) continue;
                const Point& p = *m.point;
                out += "<g class=\"chart-mark" + std::string(p.is_target ? " chart-target" : "") + "\" data-series=\"" +
                       xml_escape(series.key) + "\" data-label=\"" + xml_escape(panel.labels[m.category]) +
                       "\" data-value=\"" + plain_value(p) + "\" data-target=\"" + (p.is_target ? "true" : "false") +
                       "\" transform=\"translate(" + num(m.x) + " " + num(m.y) + ")\">" +
                       marker_shape(s, p.is_target ? "#ffffff" : colour, colour) + "</g>";
                out += "<text class=\"chart-value\" x=\"" + num(m.label_x) + "\" y=\"" + num(m.label_y) +
                       "\" text-anchor=\"" + m.label_anchor + "\" font-size=\"" + num(kValueFont) + "\" fill=\"" + kTextColour + "\">" +
                       xml_escape(mark_text(p, panel.unit)) + "</text>\n";
            }
            out += "</g>\n";
        }
    }

    // The legend: one entry per series (swatch and marker, then the name),
    // then what marks a target. Returns the bottom.
    double draw_legend(std::string& out, double y) const {
        if (d_.series.empty()) return y;
        const double text_x = kPad + kLegendSwatch + 8;
        const double text_width_max = kWidth - kPad - text_x;
        out += "<g class=\"chart-legend\">\n";
        y += 8;
        for (std::size_t s = 0; s < d_.series.size(); ++s) {
            const std::string colour = colour_of(s);
            const auto lines = wrap_text(d_.series[s].name, text_width_max, kFont);
            const double mid = y + kLine / 2;
            out += "<g class=\"chart-legend-item\" data-series=\"" + xml_escape(d_.series[s].key) + "\">";
            if (kind_ == Kind::bar)
                out += "<rect x=\"" + num(kPad) + "\" y=\"" + num(mid - 6) + "\" width=\"14\" height=\"12\" fill=\"" +
                       colour + "\"/><g transform=\"translate(" + num(kPad + 22) + " " + num(mid) + ")\">" +
                       marker_shape(s, colour, colour) + "</g>";
            else
                out += "<line x1=\"" + num(kPad) + "\" y1=\"" + num(mid) + "\" x2=\"" + num(kPad + kLegendSwatch) +
                       "\" y2=\"" + num(mid) + "\" stroke=\"" + colour + "\" stroke-width=\"2.5\"/><g transform=\"translate(" +
                       num(kPad + kLegendSwatch / 2) + " " + num(mid) + ")\">" + marker_shape(s, colour, colour) + "</g>";
            out += "<text x=\"" + num(text_x) + "\" y=\"" + num(mid + 4) + "\">" +
                   text_lines(lines, text_x, kLine) + "</text></g>\n";
            y += kLine * static_cast<double>(lines.size()) + 5;
        }
        if (has_targets_) {
            const std::string& key = kind_ == Kind::bar ? words_.target_key_bar : words_.target_key_line;
            const auto lines = wrap_text(key, text_width_max, kFont);
            const double mid = y + kLine / 2;
            out += "<g class=\"chart-legend-item chart-legend-target\">";
            if (kind_ == Kind::bar) {
                out += "<rect x=\"" + num(kPad) + "\" y=\"" + num(mid - 6) + "\" width=\"14\" height=\"12\" fill=\"url(#" +
                       id_ + "-target-key)\" stroke=\"" + kBaselineColour + "\" stroke-width=\"1.5\"/>";
            } else {
                out += "<line x1=\"" + num(kPad) + "\" y1=\"" + num(mid) + "\" x2=\"" + num(kPad + kLegendSwatch) +
                       "\" y2=\"" + num(mid) + "\" stroke=\"" + kBaselineColour +
                       "\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/><g transform=\"translate(" +
                       num(kPad + kLegendSwatch / 2) + " " + num(mid) + ")\">" +
                       marker_shape(0, "#ffffff", kBaselineColour) + "</g>";
            }
            out += "<text x=\"" + num(text_x) + "\" y=\"" + num(mid + 4) + "\">" +
                   text_lines(lines, text_x, kLine) + "</text></g>\n";
            y += kLine * static_cast<double>(lines.size()) + 5;
        }
        out += "</g>\n";
        return y;
    }

    std::string with_unit(const std::string& name, const std::string& unit) const {
        return unit.empty() ? name : name + words_.open_paren + unit + words_.close_paren;
    }

    std::string cell_text(const Point& p) const {
        return p.is_target ? value_text(p) + words_.open_paren + words_.target + words_.close_paren : value_text(p);
    }

    // The whole chart in words, for <desc>: kind, then each series and its values.
    std::string description() const {
        std::string text = (kind_ == Kind::bar ? words_.bar_chart : words_.line_chart) + words_.sentence_end;
        for (const auto& series : d_.series) {
            text += with_unit(series.name, unit_of(d_, series)) + words_.value_separator;
            bool first = true;
            for (const auto& label : labels_)
                if (const Point* p = point_at(series, label)) {
                    if (!first) text += words_.list_separator;
                    text += label + " " + cell_text(*p);
                    first = false;
                }
            text += words_.sentence_end;
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        return text;
    }

    std::string figcaption() const {
        if (d_.source.empty() && d_.note.empty()) return {};
        std::string out = "<figcaption>";
        if (!d_.source.empty()) out += "<p class=\"chart-source\">" + xml_escape(words_.source + d_.source) + "</p>";
        if (!d_.note.empty()) out += "<p class=\"chart-note\">" + xml_escape(words_.note + d_.note) + "</p>";
        out += "</figcaption>\n";
        return out;
    }

    std::string table() const {
        std::string out = "<table class=\"chart-data\" id=\"" + id_ + "-data\">\n";
        // One unit for all: said once in the caption; otherwise in each column heading.
        const bool one_unit = panels_.size() == 1 && !panels_[0].unit.empty();
        std::string caption = replace(words_.table_caption, "{title}", d_.title);
        if (one_unit) caption += replace(words_.table_unit, "{unit}", panels_[0].unit);
        out += "<caption>" + xml_escape(caption) + "</caption>\n";
        out += "<thead><tr><th scope=\"col\">" + xml_escape(words_.item) + "</th>";
        for (const auto& series : d_.series)
            out += "<th scope=\"col\">" +
                   xml_escape(one_unit ? series.name : with_unit(series.name, unit_of(d_, series))) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& label : labels_) {
            out += "<tr><th scope=\"row\">" + xml_escape(label) + "</th>";
            for (const auto& series : d_.series) {
                const Point* p = point_at(series, label);
                out += p ? "<td" + std::string(p->is_target ? " class=\"chart-target\"" : "") + ">" +
                               xml_escape(cell_text(*p)) + "</td>"
                         : "<td class=\"chart-empty\">" + xml_escape(words_.no_value) + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
        return out;
    }

    const Dataset& d_;
    Kind kind_;
    const Words& words_;
    std::string id_;
    std::vector<std::string> labels_;
    std::vector<Panel> panels_;
    bool has_targets_ = false;
};

}  // namespace

std::string render_chart(const Dataset& dataset, Kind kind, const Words& words) {
    return Drawing(dataset, kind, words).render();
}

}  // namespace portal::charts
