#include "outputs/open_data.h"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <string_view>

#include "i18n/dates.h"
#include "outputs/calendar.h"
#include "outputs/field_reader.h"

namespace portal::outputs {

namespace {

// One item of a section: a page and its translations, by language.
struct Group {
    std::string id;                              // URL slug of the default-language page (else the first)
    std::size_t primary = content::no_page;      // that page: language-neutral fields come from it
    std::map<std::string, std::size_t> by_lang;  // "ja" → page index
};

std::vector<Group> groups_of(const content::Site& site, const std::string& section) {
    std::vector<Group> groups;
    std::vector<bool> seen(site.pages.size(), false);
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const content::Page& page = site.pages[i];
        if (page.section != section || page.is_section_index || seen[i]) continue;
        Group group;
        std::vector<std::size_t> members{i};
        members.insert(members.end(), page.translations.begin(), page.translations.end());
        for (std::size_t m : members) {
            seen[m] = true;
            group.by_lang[site.pages[m].lang] = m;
        }
        auto default_page = group.by_lang.find(site.config.default_language);
        group.primary = default_page != group.by_lang.end() ? default_page->second : i;
        group.id = site.pages[group.primary].slug;
        groups.push_back(std::move(group));
    }
    return groups;
}

bool section_exists(const content::Site& site, const std::string& path) {
    for (const auto& section : site.sections)
        if (section.path == path) return true;
    return false;
}

// Columns: a language-neutral field is one column; a per-language field one
// column per configured language, named by `suffix(lang)`.
struct ColumnSpec {
    std::string name;
    bool per_language = false;
};
using Suffix = std::function<std::string(const std::string& lang)>;
// One record's cells by column position (TableBuilder::column), and one spare
// cell at the end that a page in an unconfigured language writes to.
using Record = std::vector<Cell>;

std::string underscore_suffix(const std::string& lang) { return "_" + lang; }

class TableBuilder {
public:
    TableBuilder(const content::Site& site, std::vector<ColumnSpec> specs, const Suffix& suffix)
        : specs_(std::move(specs)) {
        for (const auto& language : site.config.languages) languages_.push_back(language.code);
        for (const auto& spec : specs_) {
            first_.push_back(table_.columns.size());
            if (!spec.per_language) {
                table_.columns.push_back(spec.name);
                continue;
            }
            for (const auto& lang : languages_) table_.columns.push_back(spec.name + suffix(lang));
        }
    }

    // An empty record. Records are vectors by position, not maps by column
    // name: the names were built and looked up for every cell of every row
    // (~40 ms of one thread per dataset at N = 10,000).
    Record record() const { return Record(table_.columns.size() + 1); }

    // The position of column `name` (in `lang` for a per-language one). The
    // names are the specs' own: an unknown one is a mistake in this file.
    std::size_t column(std::string_view name, std::string_view lang = {}) const {
        for (std::size_t s = 0; s < specs_.size(); ++s) {
            if (specs_[s].name != name) continue;
            if (!specs_[s].per_language) return first_[s];
            for (std::size_t l = 0; l < languages_.size(); ++l)
                if (languages_[l] == lang) return first_[s] + l;
            return table_.columns.size();  // the spare cell
        }
        throw std::logic_error("open data: no column " + std::string(name));
    }

    void add(Record record) {
        record.pop_back();  // the spare cell
        table_.rows.push_back(std::move(record));
    }

    Table take() { return std::move(table_); }

private:
    std::vector<ColumnSpec> specs_;
    std::vector<std::size_t> first_;  // by spec: its first column
    std::vector<std::string> languages_;
    Table table_;
};

// The name of `key` in data file `stem` in `lang` ("" for no key).
std::string data_name(const content::Site& site, const std::string& stem, const std::string& key,
                      const std::string& lang) {
    if (key.empty()) return {};
    auto file = site.data.find(stem);
    return file == site.data.end() ? key : content::entry_name(file->second, key, lang);
}

std::string joined(const std::vector<std::string>& values) {
    // One separator for every multi-valued cell, whatever the language: programs split on it.
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ";") + value;
    return out;
}

std::string names(const content::Site& site, const std::string& stem, const std::vector<std::string>& keys,
                  const std::string& lang) {
    std::vector<std::string> values;
    for (const auto& key : keys) values.push_back(data_name(site, stem, key, lang));
    return joined(values);
}

std::string permalink(const content::Site& site, const content::Page& page) {
    return site.config.base_url + page.url.substr(1);
}

Cell optional_integer(const std::optional<std::int64_t>& value) {
    return value ? Cell{*value} : Cell{};
}

// Fields every dataset of pages shares: per language the URL, title and summary.
void add_common(const content::Site& site, const TableBuilder& builder, const Group& group, Record& record) {
    for (const auto& [lang, p] : group.by_lang) {
        const content::Page& page = site.pages[p];
        record[builder.column("title", lang)] = text_cell(page.title);
        record[builder.column("summary", lang)] = text_cell(page.summary);
        record[builder.column("url", lang)] = text_cell(permalink(site, page));
    }
    record[builder.column("id")] = group.id;
    record[builder.column("date")] = text_cell(site.pages[group.primary].date);
}

}  // namespace

Result<Table> cases_table(const content::Site& site) {
    TableBuilder builder(site,
                         {{"id"}, {"title", true}, {"organization", true}, {"prefecture_code"}, {"prefecture", true},
                          {"industry", true}, {"award", true}, {"outcomes", true}, {"topics", true},
                          {"summary", true}, {"date"}, {"url", true}},
                         underscore_suffix);
    std::vector<Diagnostic> errors;
    auto groups = groups_of(site, "cases");
    std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) { return a.id < b.id; });
    for (const auto& group : groups) {
        Record record = builder.record();
        add_common(site, builder, group, record);
        FieldReader primary(site.pages[group.primary], errors);
        const std::string prefecture = primary.string("prefecture");
        const std::string industry = primary.string("industry");
        const std::vector<std::string> topics = primary.strings("topic");
        if (auto file = site.data.find("prefectures"); file != site.data.end() && !prefecture.empty())
            if (const auto* code = file->second.table[prefecture]["code"].as_string())
                record[builder.column("prefecture_code")] = code->get();
        for (const auto& language : site.config.languages) {
            const std::string& lang = language.code;
            record[builder.column("prefecture", lang)] = text_cell(data_name(site, "prefectures", prefecture, lang));
            record[builder.column("industry", lang)] = text_cell(data_name(site, "industries", industry, lang));
            record[builder.column("topics", lang)] = text_cell(names(site, "topics", topics, lang));
        }
        for (const auto& [lang, p] : group.by_lang) {
            FieldReader fields(site.pages[p], errors);
            record[builder.column("organization", lang)] = text_cell(fields.string("organization"));
            record[builder.column("award", lang)] = text_cell(fields.string("award"));
            std::vector<std::string> outcomes;
            for (const auto& [label, value] : fields.pairs("outcomes", "label", "value"))
                outcomes.push_back(label + ": " + value);
            record[builder.column("outcomes", lang)] = text_cell(joined(outcomes));
        }
        builder.add(std::move(record));
    }
    if (!errors.empty()) return errors;
    return builder.take();
}

Result<Table> measures_table(const content::Site& site) {
    TableBuilder builder(site,
                         {{"id"}, {"title", true}, {"ministry", true}, {"partner_ministries", true}, {"fiscal_year"},
                          {"category"}, {"budget_yen"}, {"topics", true}, {"summary", true}, {"date"}, {"url", true}},
                         underscore_suffix);
    std::vector<Diagnostic> errors;
    struct Item {
        Group group;
        Record record;
        std::int64_t fiscal_year = 0;
    };
    std::vector<Item> items;
    for (auto& group : groups_of(site, "measures")) {
        Record record = builder.record();
        add_common(site, builder, group, record);
        FieldReader primary(site.pages[group.primary], errors);
        const std::string ministry = primary.string("ministry");
        const std::vector<std::string> partners = primary.strings("partner_ministries");
        const std::vector<std::string> topics = primary.strings("topic");
        const auto fiscal_year = primary.integer("fiscal_year");
        record[builder.column("fiscal_year")] = optional_integer(fiscal_year);
        record[builder.column("category")] = text_cell(primary.string("category"));
        record[builder.column("budget_yen")] = optional_integer(primary.integer("budget_yen"));
        for (const auto& language : site.config.languages) {
            const std::string& lang = language.code;
            record[builder.column("ministry", lang)] = text_cell(data_name(site, "ministries", ministry, lang));
            record[builder.column("partner_ministries", lang)] = text_cell(names(site, "ministries", partners, lang));
            record[builder.column("topics", lang)] = text_cell(names(site, "topics", topics, lang));
        }
        items.push_back({std::move(group), std::move(record), fiscal_year.value_or(0)});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.fiscal_year != b.fiscal_year) return a.fiscal_year > b.fiscal_year;
        return a.group.id < b.group.id;
    });
    for (auto& item : items) builder.add(std::move(item.record));
    if (!errors.empty()) return errors;
    return builder.take();
}

Result<Table> seminars_table(const content::Site& site) {
    // 自治体標準オープンデータセット「イベント一覧」: Japanese values under the standard's
    // names, English ones under the same name + "_英語" (as its イベント名_英語).
    // NO is the seminar's id; 住所 holds the prefecture, the only part of an address
    // the content model has. Columns after URL are ours (docs/outputs.md).
    auto suffix = [](const std::string& lang) -> std::string {
        if (lang == "ja") return "";
        if (lang == "en") return "_英語";
        return "_" + lang;
    };
    TableBuilder builder(site,
                         {{"NO"}, {"イベント名", true}, {"開始日"}, {"終了日"}, {"開始時間"}, {"終了時間"},
                          {"開始日時特記事項"}, {"説明", true}, {"主催者", true}, {"場所名称", true}, {"住所", true},
                          {"定員"}, {"参加申込方法"}, {"URL", true}, {"共催者", true}, {"オンライン開催"}},
                         suffix);
    std::vector<Diagnostic> errors;
    struct Item {
        std::int64_t start = 0;
        std::string id;
        Record record;
    };
    std::vector<Item> items;
    for (const auto& group : groups_of(site, seminar_section)) {
        auto event = read_seminar(site, group.primary);
        if (!event) continue;  // calendar_files() reports the same errors
        Record record = builder.record();
        record[builder.column("NO")] = group.id;
        const auto start = i18n::from_unix_seconds(event->start, 9 * 60);
        const auto end = i18n::from_unix_seconds(event->end, 9 * 60);
        record[builder.column("開始日")] = i18n::format_pattern(start, "%Y-%m-%d");
        record[builder.column("終了日")] = i18n::format_pattern(end, "%Y-%m-%d");
        if (event->all_day) {
            record[builder.column("開始日時特記事項")] = std::string("終日");
        } else {
            record[builder.column("開始時間")] = i18n::format_pattern(start, "%H:%M");
            record[builder.column("終了時間")] = i18n::format_pattern(end, "%H:%M");
        }
        FieldReader primary(site.pages[group.primary], errors);
        const std::string prefecture = primary.string("prefecture");
        const std::vector<std::string> co_organizers = primary.strings("co_organizers");
        record[builder.column("定員")] = optional_integer(primary.integer("capacity"));
        record[builder.column("参加申込方法")] = text_cell(event->registration_url);
        // `online` is read (and its type reported) by read_seminar(); only its value here.
        if (const auto* online = site.pages[group.primary].front_matter["online"].as_boolean())
            record[builder.column("オンライン開催")] = online->get();
        for (const auto& language : site.config.languages) {
            const std::string& lang = language.code;
            record[builder.column("住所", lang)] = text_cell(data_name(site, "prefectures", prefecture, lang));
            record[builder.column("共催者", lang)] = text_cell(names(site, "ministries", co_organizers, lang));
        }
        for (const auto& [lang, p] : group.by_lang) {
            const content::Page& page = site.pages[p];
            auto localized = p == group.primary ? event : read_seminar(site, p);
            record[builder.column("イベント名", lang)] = text_cell(page.title);
            record[builder.column("説明", lang)] = text_cell(page.summary);
            record[builder.column("URL", lang)] = text_cell(permalink(site, page));
            if (!localized) continue;
            record[builder.column("主催者", lang)] = text_cell(localized->organizer);
            record[builder.column("場所名称", lang)] = text_cell(localized->location);
        }
        items.push_back({event->start, group.id, std::move(record)});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.start != b.start) return a.start < b.start;
        return a.id < b.id;
    });
    for (auto& item : items) builder.add(std::move(item.record));
    if (!errors.empty()) return errors;
    return builder.take();
}

const char* open_dataset_section(std::size_t dataset) {
    // In the order of the makers in add_open_dataset.
    constexpr const char* sections[open_dataset_count] = {"cases", "seminars", "measures"};
    return dataset < open_dataset_count ? sections[dataset] : "";
}

void add_open_dataset(const content::Site& site, std::size_t dataset, std::vector<OutputFile>& files,
                      std::vector<Diagnostic>& errors) {
    Result<Table> (*const makers[open_dataset_count])(const content::Site&) = {cases_table, seminars_table,
                                                                               measures_table};
    if (dataset >= open_dataset_count) return;
    const char* name = open_dataset_section(dataset);
    const auto make = makers[dataset];
    if (!section_exists(site, name)) return;
    auto table = make(site);
    if (!table) {
        errors.insert(errors.end(), table.errors().begin(), table.errors().end());
        return;
    }
    files.push_back({std::string("data/") + name + ".json", table_json(*table)});
    files.push_back({std::string("data/") + name + ".csv", table_csv(*table)});
}

}  // namespace portal::outputs
