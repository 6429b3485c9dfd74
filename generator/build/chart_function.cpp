#include "build/chart_function.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "charts/scale.h"
#include "i18n/dates.h"

namespace portal::build {

using tmpl::CallArgs;
using tmpl::Value;

namespace {

constexpr const char* kStatsStem = "stats";  // content/data/stats.toml

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string kind_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        default: return "a date or time";
    }
}

// Reads one dataset; every error names the file, the line and what is wrong.
class Reader {
public:
    Reader(const std::string& path, const std::string& key, const std::string& lang)
        : path_(path), key_(key), lang_(lang) {}

    Diagnostic error(int line, const std::string& where, const std::string& message) const {
        return make_error("", 0, 0, path_ + ":" + std::to_string(line) + ": dataset `" + key_ + "`" + where + ": " +
                                        message);
    }

    // A text field: `field` must be a string when present; nullopt when absent.
    Result<std::optional<std::string>> text(const toml::table& table, const std::string& where,
                                            const std::string& field) const {
        const toml::node* node = table.get(field);
        if (!node) return std::optional<std::string>{};
        if (!node->is_string()) return error(line_of(*node), where, "`" + field + "` must be a string, not " + kind_name(*node));
        return std::optional<std::string>{node->as_string()->get()};
    }

    Result<std::string> required_text(const toml::table& table, int line, const std::string& where,
                                      const std::string& field) const {
        auto value = text(table, where, field);
        if (!value) return value.errors();
        if (!*value) return error(line, where, "missing `" + field + "`");
        return **value;
    }

    const std::string& lang() const { return lang_; }

private:
    const std::string& path_;
    const std::string& key_;
    const std::string& lang_;
};

// A point label as readers see it, and where it sits in time (nullopt when
// the label is not a point in time, such as "target").
struct Label {
    std::string text;
    std::optional<double> time;
};

std::optional<int> as_year(const std::string& label) {
    if (label.size() != 4 || !std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(label);
}

Label display_label(const std::string& label, const std::string& period, const std::string& lang) {
    if (period == "year") {
        if (auto year = as_year(label)) return {lang == "ja" ? label + "年" : label, *year};
    } else if (period == "fiscal-year") {
        // A fiscal year starts in April: FY2020 sorts after calendar 2020.
        if (auto year = as_year(label)) return {i18n::format_fiscal_year(*year, lang), *year + 0.25};
    } else if (period == "date") {
        if (auto date = i18n::parse_iso(label))
            return {i18n::format_long(*date, lang), date->year + (date->month - 1) / 12.0 + (date->day - 1) / 372.0};
    }
    return {label, std::nullopt};
}

Result<charts::Point> read_point(const Reader& r, const toml::node& node, const std::string& where,
                                 const std::string& period, Label& label_out) {
    const toml::table* table = node.as_table();
    if (!table) return r.error(line_of(node), where, "each point must be a table { label, value }, not " + kind_name(node));
    const int line = line_of(node);
    // label: text, or a bare year written as a number.
    std::string label;
    const toml::node* label_node = table->get("label");
    if (!label_node) return r.error(line, where, "point without `label`");
    if (label_node->is_string())
        label = label_node->as_string()->get();
    else if (label_node->is_integer())
        label = std::to_string(label_node->as_integer()->get());
    else
        return r.error(line, where, "`label` must be a string, not " + kind_name(*label_node));

    const std::string point_where = where + ", point `" + label + "`";
    charts::Point point;
    const toml::node* value = table->get("value");
    if (!value) return r.error(line, point_where, "missing `value`");
    if (const auto* i = value->as_integer()) {
        point.value = static_cast<double>(i->get());
        point.decimals = 0;
    } else if (const auto* f = value->as_floating_point()) {
        point.value = f->get();
        if (!std::isfinite(point.value)) return r.error(line_of(*value), point_where, "`value` must be a finite number");
        point.decimals = std::max(1, charts::shortest_decimals(point.value));  // 62.0 stays "62.0"
    } else {
        return r.error(line_of(*value), point_where, "`value` must be a number, not " + kind_name(*value));
    }

    auto kind = r.text(*table, point_where, "kind");
    if (!kind) return kind.errors();
    if (*kind && **kind != "actual" && **kind != "target")
        return r.error(line_of(*table->get("kind")), point_where,
                       "`kind` must be \"actual\" or \"target\", not \"" + **kind + "\"");
    point.is_target = *kind && **kind == "target";

    auto own_label = r.text(*table, point_where, "label_" + r.lang());
    if (!own_label) return own_label.errors();
    label_out = display_label(label, period, r.lang());
    if (*own_label) label_out.text = **own_label;  // keeps its place in time
    point.label = label_out.text;
    return point;
}

}  // namespace

Result<charts::Dataset> read_dataset(const toml::table& stats, const std::string& file_path, const std::string& key,
                                     const std::string& lang) {
    const toml::table* datasets = stats["datasets"].as_table();
    const toml::table* table = datasets ? (*datasets)[key].as_table() : nullptr;
    if (!table) {
        std::string known;
        if (datasets)
            for (const auto& [name, node] : *datasets)
                if (node.is_table()) known += (known.empty() ? "" : ", ") + std::string(name.str());
        return make_error("", 0, 0,
                          "unknown dataset `" + key + "`: " + file_path +
                              (known.empty() ? " has no [datasets.<key>] tables" : " defines " + known));
    }
    const Reader r(file_path, key, lang);
    const int line = line_of(*table);
    charts::Dataset d;
    d.key = key;
    auto title = r.required_text(*table, line, "", "title_" + lang);
    if (!title) return title.errors();
    d.title = *title;
    auto unit = r.text(*table, "", "unit");
    auto source = r.text(*table, "", "source_" + lang);
    auto note = r.text(*table, "", "note_" + lang);
    if (!unit) return unit.errors();
    if (!source) return source.errors();
    if (!note) return note.errors();
    d.unit = unit->value_or("");
    d.source = source->value_or("");
    d.note = note->value_or("");

    const toml::node* series_node = table->get("series");
    const toml::array* series_list = series_node ? series_node->as_array() : nullptr;
    if (!series_list || series_list->empty())
        return r.error(series_node ? line_of(*series_node) : line, "",
                       "needs at least one [[datasets." + key + ".series]] with points");

    std::vector<Label> labels;  // every point's label, in reading order
    bool all_times = true;
    for (const toml::node& node : *series_list) {
        const toml::table* s = node.as_table();
        if (!s) return r.error(line_of(node), "", "each series must be a table, not " + kind_name(node));
        const int series_line = line_of(node);
        charts::Series series;
        auto series_key = r.required_text(*s, series_line, "", "key");
        if (!series_key) return series_key.errors();
        series.key = *series_key;
        const std::string where = ", series `" + series.key + "`";
        auto name = r.required_text(*s, series_line, where, "name_" + lang);
        if (!name) return name.errors();
        series.name = *name;
        auto series_unit = r.text(*s, where, "unit_" + lang);
        if (!series_unit) return series_unit.errors();
        series.unit = series_unit->value_or("");
        auto period = r.text(*s, where, "period");
        if (!period) return period.errors();
        if (*period && **period != "year" && **period != "fiscal-year" && **period != "date")
            return r.error(line_of(*s->get("period")), where,
                           "`period` must be \"year\", \"fiscal-year\" or \"date\", not \"" + **period + "\"");

        const toml::node* points_node = s->get("points");
        const toml::array* points = points_node ? points_node->as_array() : nullptr;
        if (!points || points->empty())
            return r.error(points_node ? line_of(*points_node) : series_line, where,
                           "needs `points = [ { label = \"2024\", value = 47.3 } ]`");
        for (const toml::node& p : *points) {
            Label label;
            auto point = read_point(r, p, where, period->value_or(""), label);
            if (!point) return point.errors();
            all_times = all_times && label.time.has_value();
            labels.push_back(std::move(label));
            series.points.push_back(std::move(*point));
        }
        d.series.push_back(std::move(series));
    }
    // Points in time in chronological order, then other labels as they come.
    std::stable_sort(labels.begin(), labels.end(), [](const Label& a, const Label& b) {
        if (a.time && b.time) return *a.time < *b.time;
        return a.time.has_value() && !b.time.has_value();
    });
    for (const auto& label : labels)
        if (std::find(d.labels.begin(), d.labels.end(), label.text) == d.labels.end()) d.labels.push_back(label.text);
    d.time_axis = all_times;
    return d;
}

namespace {

Result<Value> draw(const content::Site& site, const std::string& page_lang, const CallArgs& args) {
    for (const auto& keyword : args.keyword)
        if (keyword.name != "dataset" && keyword.name != "kind" && keyword.name != "lang")
            return make_error("", 0, 0, "unknown argument `" + std::string(keyword.name) +
                                            "`; chart() takes dataset, kind (\"bar\" or \"line\") and lang");
    if (args.size() > 3) return make_error("", 0, 0, "chart() takes at most 3 arguments: dataset, kind, lang");

    const auto data = site.data.find(kStatsStem);
    const Value* key = args.arg(0, "dataset");
    if (!key || !key->is_string()) {
        std::string got = !key ? "nothing" : key->is_undefined() ? "an undefined value" : "a " + std::string(key->type_name());
        return make_error("", 0, 0,
                          "chart() needs the key of a dataset in content/data/stats.toml, e.g. "
                          "chart(\"telework-adoption\"), but got " + got +
                              " (does the page set `dataset = \"...\"` in its front matter?)");
    }
    if (data == site.data.end())
        return make_error("", 0, 0, "chart(\"" + key->as_string() + "\"): there is no content/data/stats.toml");

    std::string lang = page_lang;
    if (const Value* l = args.arg(2, "lang"); l && !l->is_none() && !l->is_undefined()) {
        if (!l->is_string()) return make_error("", 0, 0, "chart(): `lang` must be a language code such as \"en\"");
        lang = l->as_string();
    }

    auto dataset = read_dataset(data->second.table, data->second.path, key->as_string(), lang);
    if (!dataset) return dataset.errors();

    charts::Kind kind = charts::default_kind(*dataset);
    if (const Value* k = args.arg(1, "kind"); k && !k->is_none() && !k->is_undefined()) {
        if (k->is_string() && k->as_string() == "bar")
            kind = charts::Kind::bar;
        else if (k->is_string() && k->as_string() == "line")
            kind = charts::Kind::line;
        else
            return make_error("", 0, 0, "chart(): `kind` must be \"bar\" or \"line\", not " + k->repr());
    }
    const charts::Words words = lang == "ja" ? charts::japanese_words() : charts::english_words();
    return Value::safe(charts::render_chart(*dataset, kind, words));
}

}  // namespace

tmpl::Value chart_function(const content::Site& site, const std::string& lang) {
    return Value::function([&site, lang](const CallArgs& args) -> Result<Value> { return draw(site, lang, args); },
                           "chart");
}

}  // namespace portal::build
