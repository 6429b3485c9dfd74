#include "content/schema.h"

#include <algorithm>

#include "config/toml_parse.h"
#include "fs/files.h"

namespace portal::content {

namespace stdfs = std::filesystem;

namespace {

// The fields the generator itself reads: they hold even for a theme without a
// schema.toml, so a site never goes unchecked.
constexpr std::string_view core_schema = R"(
[fields.title]
type = "string"
required = true
example = '"..."'
[fields.date]
type = "date"
[fields.summary]
type = "string"
[fields.weight]
type = "integer"
[fields.draft]
type = "boolean"
[fields.publish_date]
type = "date"
[fields.expiry_date]
type = "date"
[fields.slug]
type = "string"
[fields.template]
type = "string"
[fields.translation_of]
type = "string"
[fields.translation_of_hash]
type = "string"
[index_fields.paginate_by]
type = "integer"
min = 1
)";

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

class SchemaReader {
public:
    SchemaReader(std::string path, std::vector<Diagnostic>& errors) : path_(std::move(path)), errors_(errors) {}

    void read(const toml::table& root, Schema& schema) {
        if (const auto* fields = root["fields"].as_table()) merge(read_fields(*fields), schema.common);
        if (const auto* fields = root["index_fields"].as_table()) merge(read_fields(*fields), schema.index);
        const auto* sections = root["sections"].as_table();
        if (!sections) return;
        for (const auto& [name, node] : ordered(*sections)) {
            const auto* table = node->as_table();
            if (!table) {
                error(*node, "`sections." + name + "` must be a table");
                continue;
            }
            auto it = std::find_if(schema.sections.begin(), schema.sections.end(),
                                   [&](const SectionSchema& s) { return s.name == name; });
            if (it == schema.sections.end()) {
                schema.sections.push_back(SectionSchema{name, {}, {}, {}, {}});
                it = schema.sections.end() - 1;
            }
            if (const auto* kind = (*table)["kind"].as_string()) it->kind = kind->get();
            read_description(*table, it->description_ja, it->description_en);
            if (const auto* fields = (*table)["fields"].as_table()) merge(read_fields(*fields), it->fields);
        }
    }

private:
    // toml++ keeps keys sorted; the schema's order is the order of declaration.
    static std::vector<std::pair<std::string, const toml::node*>> ordered(const toml::table& table) {
        std::vector<std::pair<std::string, const toml::node*>> items;
        for (const auto& [key, node] : table) items.emplace_back(std::string(key.str()), &node);
        std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
            const auto& pa = a.second->source().begin;
            const auto& pb = b.second->source().begin;
            return std::tie(pa.line, pa.column) < std::tie(pb.line, pb.column);
        });
        return items;
    }

    static void merge(std::vector<FieldSpec> fields, std::vector<FieldSpec>& into) {
        for (auto& field : fields) {
            auto it = std::find_if(into.begin(), into.end(), [&](const FieldSpec& f) { return f.name == field.name; });
            if (it == into.end()) into.push_back(std::move(field));
            else *it = std::move(field);
        }
    }

    std::vector<FieldSpec> read_fields(const toml::table& table) {
        std::vector<FieldSpec> fields;
        for (const auto& [name, node] : ordered(table)) {
            const auto* spec = node->as_table();
            if (!spec) {
                error(*node, "field `" + name + "` must be a table such as { type = \"string\" }");
                continue;
            }
            fields.push_back(read_field(name, *spec));
        }
        return fields;
    }

    FieldSpec read_field(const std::string& name, const toml::table& spec) {
        FieldSpec field;
        field.name = name;
        const std::string type = spec["type"].value_or(std::string("string"));
        bool known = false;
        for (auto t : {FieldSpec::Type::string, FieldSpec::Type::integer, FieldSpec::Type::boolean, FieldSpec::Type::date,
                       FieldSpec::Type::datetime, FieldSpec::Type::array, FieldSpec::Type::table})
            if (type == type_name(t)) {
                field.type = t;
                known = true;
            }
        if (!known)
            error(spec["type"].node() ? *spec["type"].node() : static_cast<const toml::node&>(spec),
                  "field `" + name + "` has unknown type `" + type + "`",
                  "use string, integer, boolean, date, datetime, array or table");
        field.required = spec["required"].value_or(false);
        field.recommended = spec["recommended"].value_or(false);
        field.translate = spec["translate"].value_or(false);
        if (const auto* values = spec["values"].as_array())
            for (const auto& v : *values)
                if (const auto* s = v.as_string()) field.values.push_back(s->get());
        field.data = spec["data"].value_or(std::string());
        if (auto v = spec["min"].value<long long>()) field.min = *v;
        if (auto v = spec["max"].value<long long>()) field.max = *v;
        if (auto v = spec["max_length"].value<long long>(); v && *v > 0) field.max_length = static_cast<std::size_t>(*v);
        field.after = spec["after"].value_or(std::string());
        if (const auto* example = spec["example"].as_table()) {
            field.example = (*example)["ja"].value_or(std::string());
            field.example_en = (*example)["en"].value_or(std::string());
        } else {
            field.example = spec["example"].value_or(std::string());
        }
        read_description(spec, field.description_ja, field.description_en);
        if (const auto* items = spec["items"].as_table()) field.items = std::make_shared<FieldSpec>(read_field(name, *items));
        else if (field.type == FieldSpec::Type::array)
            field.items = std::make_shared<FieldSpec>(FieldSpec{.name = name, .type = FieldSpec::Type::string});
        if (const auto* fields = spec["fields"].as_table()) field.fields = read_fields(*fields);
        return field;
    }

    static void read_description(const toml::table& table, std::string& ja, std::string& en) {
        if (const auto* d = table["description"].as_table()) {
            ja = (*d)["ja"].value_or(std::string());
            en = (*d)["en"].value_or(std::string());
        }
    }

    void error(const toml::node& node, std::string message, std::string hint = {}) {
        Diagnostic d = make_coded("E0504", path_, line_of(node), static_cast<int>(node.source().begin.column),
                                  {{"detail", message}, {"hint", hint}});
        errors_.push_back(std::move(d));
    }

    std::string path_;
    std::vector<Diagnostic>& errors_;
};

}  // namespace

const char* type_name(FieldSpec::Type type) {
    switch (type) {
        case FieldSpec::Type::string: return "string";
        case FieldSpec::Type::integer: return "integer";
        case FieldSpec::Type::boolean: return "boolean";
        case FieldSpec::Type::date: return "date";
        case FieldSpec::Type::datetime: return "datetime";
        case FieldSpec::Type::array: return "array";
        case FieldSpec::Type::table: return "table";
    }
    return "string";
}

std::string example_value(const FieldSpec& field, const std::string& lang) {
    if (lang != "ja" && !field.example_en.empty()) return field.example_en;
    if (!field.example.empty()) return field.example;
    switch (field.type) {
        case FieldSpec::Type::string: return field.values.empty() ? "\"...\"" : "\"" + field.values.front() + "\"";
        case FieldSpec::Type::integer: return std::to_string(field.min.value_or(1));
        case FieldSpec::Type::boolean: return "false";
        case FieldSpec::Type::date: return "2025-06-20";
        case FieldSpec::Type::datetime: return "2025-06-20T14:00:00+09:00";
        case FieldSpec::Type::array: return "[]";
        case FieldSpec::Type::table: return "{}";
    }
    return "\"...\"";
}

const SectionSchema* Schema::section(const std::string& name) const {
    for (const auto& s : sections)
        if (s.name == name) return &s;
    return nullptr;
}

const SectionSchema* Schema::section_of_kind(const std::string& kind) const {
    for (const auto& s : sections)
        if (s.kind == kind) return &s;
    return nullptr;
}

std::vector<const FieldSpec*> Schema::fields_for(const std::string& section_name, bool is_section_index) const {
    std::vector<const FieldSpec*> fields;
    for (const auto& f : common) fields.push_back(&f);
    if (is_section_index) {
        for (const auto& f : index) fields.push_back(&f);
    } else if (const SectionSchema* s = section(section_name)) {
        for (const auto& f : s->fields) fields.push_back(&f);
    }
    return fields;
}

Result<Schema> load_schema(const stdfs::path& root, const std::string& theme) {
    Schema schema;
    std::vector<Diagnostic> errors;
    auto core = parse_toml(core_schema, "(built-in schema)", 0);
    SchemaReader("(built-in schema)", errors).read(*core, schema);
    for (const std::string& rel : {"themes/" + theme + "/schema.toml", std::string("schema.toml")}) {
        std::error_code ec;
        if (!stdfs::is_regular_file(root / rel, ec)) continue;
        auto text = fs::read_file(root / rel, rel);
        if (!text) {
            errors.insert(errors.end(), text.errors().begin(), text.errors().end());
            continue;
        }
        auto table = parse_toml(*text, rel, 0);
        if (!table) {
            errors.insert(errors.end(), table.errors().begin(), table.errors().end());
            continue;
        }
        SchemaReader(rel, errors).read(*table, schema);
    }
    if (!errors.empty()) return errors;
    return schema;
}

}  // namespace portal::content
