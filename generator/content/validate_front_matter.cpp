#include "content/validate_front_matter.h"

#include <algorithm>
#include <cctype>

#include "base/suggest.h"
#include "content/toml_dates.h"
#include "i18n/dates.h"

namespace portal::content {

namespace {

using Type = FieldSpec::Type;

struct TypeWords {
    const char* en;
    const char* ja;
};

TypeWords expected_words(Type type) {
    switch (type) {
        case Type::string: return {"text in double quotes", "二重引用符で囲んだ文字列"};
        case Type::integer: return {"a whole number without quotes", "引用符なしの整数"};
        case Type::boolean: return {"true or false", "true か false"};
        case Type::date: return {"a date such as 2025-06-20", "2025-06-20 のような日付"};
        case Type::datetime: return {"a date and time such as 2025-11-12T14:00:00+09:00", "2025-11-12T14:00:00+09:00 のような日時"};
        case Type::array: return {"a list in [ ]", "[ ] で囲んだリスト"};
        case Type::table: return {"a table { key = value }", "{ 名前 = 値 } の表"};
    }
    return {"", ""};
}

// How an editor would name what they wrote.
std::pair<std::string, std::string> describe(const toml::node& node) {
    if (const auto* s = node.as_string()) return {"the text \"" + s->get() + "\"", "文字列 \"" + s->get() + "\""};
    if (const auto* i = node.as_integer()) return {"the number " + std::to_string(i->get()), "数値 " + std::to_string(i->get())};
    if (node.is_floating_point()) return {"a decimal number", "小数"};
    if (node.is_boolean()) return {"true or false", "真偽値"};
    if (node.is_date()) return {"a date", "日付"};
    if (node.is_date_time() || node.is_time()) return {"a date and time", "日時"};
    if (node.is_array()) return {"a list", "リスト"};
    return {"a table", "表"};
}

bool has_type(const toml::node& node, Type type) {
    switch (type) {
        case Type::string: return node.is_string();
        case Type::integer: return node.is_integer();
        case Type::boolean: return node.is_boolean();
        case Type::date: return toml_date_to_iso(node).has_value();
        case Type::datetime: return node.is_date_time();
        case Type::array: return node.is_array();
        case Type::table: return node.is_table();
    }
    return false;
}

std::size_t count_characters(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

class Validator {
public:
    Validator(const Page& page, const DataFiles& data, const std::vector<std::string>& also_known,
              std::vector<Diagnostic>& out)
        : page_(page), data_(data), also_known_(also_known), out_(out) {}

    void check_fields(const std::vector<const FieldSpec*>& fields, const toml::table& table, const std::string& prefix,
                      const toml::node* table_node, bool report_unknown, const std::string& where_en,
                      const std::string& where_ja) {
        for (const FieldSpec* field : fields) {
            const std::string label = prefix + field->name;
            const toml::node* node = table.get(field->name);
            if (!node) {
                if (field->required) missing(*field, label, table_node);
                continue;
            }
            check_value(*field, *node, label);
        }
        for (const FieldSpec* field : fields) check_order(*field, table, prefix);
        if (!report_unknown) return;
        std::vector<std::string> names;
        for (const FieldSpec* field : fields) names.push_back(field->name);
        for (const auto& [key, node] : table) {
            const std::string name(key.str());
            if (std::find(names.begin(), names.end(), name) != names.end()) continue;
            if (prefix.empty() && std::find(also_known_.begin(), also_known_.end(), name) != also_known_.end()) continue;
            report("W0207", &node, {{"field", prefix + name}, {"where:en", where_en}, {"where:ja", where_ja},
                                    {"section", where_en}, {"suggestion", nearest_match(name, names)},
                                    {"fields", join(names)}});
        }
    }

private:
    int line(const toml::node& node) const {
        return static_cast<int>(node.source().begin.line) + page_.front_matter_line - 1;
    }

    void report(std::string_view code, const toml::node* node, DiagnosticArgs args) {
        // A missing field has no node: point at the opening `+++` line.
        const int at_line = node ? line(*node) : page_.front_matter_line - 1;
        const int at_col = node ? static_cast<int>(node->source().begin.column) : 1;
        out_.push_back(make_coded(code, page_.source_path, at_line, at_col, std::move(args)));
    }

    void missing(const FieldSpec& field, const std::string& label, const toml::node* at) {
        report("E0201", at, {{"field", label}, {"example", example_value(field, page_.lang)},
                             {"description:ja", field.description_ja}, {"description:en", field.description_en}});
    }

    void check_value(const FieldSpec& field, const toml::node& node, const std::string& label) {
        if (!has_type(node, field.type)) {
            auto [actual_en, actual_ja] = describe(node);
            const bool date_as_text = (field.type == Type::date || field.type == Type::datetime) && node.is_string();
            const TypeWords expected = expected_words(field.type);
            // "2025-06-20" in quotes: the fix is the same text without them.
            std::string example = example_value(field, page_.lang);
            if (date_as_text) {
                const std::string& text = node.as_string()->get();
                if (text.size() >= 10 && std::isdigit(static_cast<unsigned char>(text[0])) && text[4] == '-' &&
                    text[7] == '-')
                    example = text;
            }
            report(date_as_text ? "E0203" : "E0202", &node,
                   {{"field", label}, {"expected:en", expected.en}, {"expected:ja", expected.ja},
                    {"actual:en", actual_en}, {"actual:ja", actual_ja}, {"example", example}});
            return;
        }
        switch (field.type) {
            case Type::string: check_string(field, *node.as_string(), label); break;
            case Type::integer: check_integer(field, *node.as_integer(), label); break;
            case Type::array: {
                if (!field.items) break;
                std::size_t i = 0;
                for (const auto& item : *node.as_array())
                    check_value(*field.items, item, label + "[" + std::to_string(++i) + "]");
                break;
            }
            case Type::table: {
                std::vector<const FieldSpec*> fields;
                for (const auto& f : field.fields) fields.push_back(&f);
                check_fields(fields, *node.as_table(), label + ".", &node, !fields.empty(), label, label);
                break;
            }
            default: break;
        }
    }

    void check_string(const FieldSpec& field, const toml::value<std::string>& node, const std::string& label) {
        const std::string& value = node.get();
        if (value.empty() && field.required) {
            missing(field, label, &node);
            return;
        }
        std::vector<std::string> allowed = field.values;
        std::string source;
        if (!field.data.empty()) {
            auto keys = data_keys(data_, field.data);
            if (!keys) return;  // no such data file: nothing to check against
            allowed = std::move(*keys);
            source = "content/data/" + field.data.substr(0, field.data.find('.')) + ".toml";
        }
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            report("E0204", &node, {{"field", label}, {"value", value}, {"suggestion", nearest_match(value, allowed)},
                                    {"source", source}, {"values", join(allowed)}});
            return;
        }
        if (field.max_length && count_characters(value) > *field.max_length)
            report("E0206", &node, {{"field", label}, {"length", std::to_string(count_characters(value))},
                                    {"max", std::to_string(*field.max_length)},
                                    {"description:ja", field.description_ja}, {"description:en", field.description_en}});
    }

    void check_integer(const FieldSpec& field, const toml::value<int64_t>& node, const std::string& label) {
        const long long value = node.get();
        if ((field.min && value < *field.min) || (field.max && value > *field.max))
            report("E0205", &node, {{"field", label}, {"value", std::to_string(value)},
                                    {"min", field.min ? std::to_string(*field.min) : "-"},
                                    {"max", field.max ? std::to_string(*field.max) : "-"},
                                    {"example", example_value(field, page_.lang)},
                                    {"description:ja", field.description_ja}, {"description:en", field.description_en}});
    }

    // `end` not before `start`, when both are valid date-times.
    void check_order(const FieldSpec& field, const toml::table& table, const std::string& prefix) {
        if (field.after.empty()) return;
        const toml::node* later = table.get(field.name);
        const toml::node* earlier = table.get(field.after);
        if (!later || !earlier) return;
        auto later_iso = toml_date_to_iso(*later), earlier_iso = toml_date_to_iso(*earlier);
        if (!later_iso || !earlier_iso) return;
        auto a = i18n::parse_iso(*later_iso), b = i18n::parse_iso(*earlier_iso);
        if (a && b && i18n::to_unix_seconds(*a) < i18n::to_unix_seconds(*b))
            report("E0208", later, {{"field", prefix + field.name}, {"value", *later_iso},
                                    {"other", prefix + field.after}, {"other_value", *earlier_iso}});
    }

    const Page& page_;
    const DataFiles& data_;
    const std::vector<std::string>& also_known_;
    std::vector<Diagnostic>& out_;
};

}  // namespace

std::optional<std::vector<std::string>> data_keys(const DataFiles& data, const std::string& source) {
    const std::size_t dot = source.find('.');
    auto it = data.find(source.substr(0, dot));
    if (it == data.end()) return std::nullopt;
    const toml::table* table = &it->second.table;
    if (dot != std::string::npos) {
        table = it->second.table.at_path(source.substr(dot + 1)).as_table();
        if (!table) return std::vector<std::string>{};
    }
    std::vector<std::string> keys;
    for (const auto& [key, value] : *table)
        if (value.is_table()) keys.emplace_back(key.str());
    return keys;
}

void validate_front_matter(const Page& page, const Schema& schema, const DataFiles& data,
                           const std::vector<std::string>& also_known, std::vector<Diagnostic>& out) {
    const bool declared = page.section.empty() || schema.section(page.section) != nullptr;
    const std::string where = page.section.empty() ? "home" : page.section;
    Validator(page, data, also_known, out)
        .check_fields(schema.fields_for(page.section, page.is_section_index), page.front_matter, "", nullptr, declared,
                      where + " pages", where + " のページ");
}

}  // namespace portal::content
