#include "editing/json_schema.h"

#include <nlohmann/json.hpp>

#include "content/validate_front_matter.h"

namespace portal::editing {

namespace {

using content::FieldSpec;
using Json = nlohmann::ordered_json;

// TOML dates arrive as strings; the pattern holds even for validators that
// do not assert `format`.
constexpr const char* date_pattern = R"(^\d{4}-\d{2}-\d{2}$)";
constexpr const char* date_time_pattern =
    R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$)";

std::string description(const std::string& ja, const std::string& en) {
    if (ja.empty()) return en;
    if (en.empty()) return ja;
    return ja + "\n" + en;
}

Json enum_of(const std::vector<std::string>& values) {
    Json list = Json::array();
    for (const auto& v : values) list.push_back(v);
    return list;
}

class Exporter {
public:
    Exporter(const content::DataFiles& data, const config::Config& config) : data_(data), config_(config) {}

    Json field(const FieldSpec& spec) const {
        Json out;
        switch (spec.type) {
            case FieldSpec::Type::string:
                out["type"] = "string";
                if (!spec.data.empty()) {
                    if (auto keys = content::data_keys(data_, spec.data)) out["enum"] = enum_of(*keys);
                } else if (!spec.values.empty()) {
                    out["enum"] = enum_of(spec.values);
                }
                if (spec.max_length) out["maxLength"] = *spec.max_length;
                break;
            case FieldSpec::Type::integer:
                out["type"] = "integer";
                if (spec.min) out["minimum"] = *spec.min;
                if (spec.max) out["maximum"] = *spec.max;
                break;
            case FieldSpec::Type::boolean: out["type"] = "boolean"; break;
            case FieldSpec::Type::date:
                // The build takes a date-time where a date is expected.
                out["type"] = "string";
                out["anyOf"] = Json::array({Json{{"format", "date"}, {"pattern", date_pattern}},
                                            Json{{"format", "date-time"}, {"pattern", date_time_pattern}}});
                break;
            case FieldSpec::Type::datetime:
                out["type"] = "string";
                out["format"] = "date-time";
                out["pattern"] = date_time_pattern;
                break;
            case FieldSpec::Type::array:
                out["type"] = "array";
                if (spec.items) out["items"] = field(*spec.items);
                break;
            case FieldSpec::Type::table: {
                out["type"] = "object";
                std::vector<const FieldSpec*> fields;
                for (const auto& f : spec.fields) fields.push_back(&f);
                if (!fields.empty()) object(fields, false, out);
                break;
            }
        }
        const std::string text = description(spec.description_ja, spec.description_en);
        if (!text.empty()) out["description"] = text;
        return out;
    }

    // The taxonomies of config.toml: a key (or a list of keys) of a data
    // file, a fiscal year, or free text.
    Json taxonomy(const config::Taxonomy& taxonomy) const {
        Json one;
        if (taxonomy.kind == config::Taxonomy::Kind::fiscal_year) {
            one = Json{{"type", "integer"}, {"minimum", 1868}, {"maximum", 2200}};
        } else {
            one = Json{{"type", "string"}};
            if (taxonomy.kind == config::Taxonomy::Kind::data_keys)
                if (auto keys = content::data_keys(data_, taxonomy.data)) one["enum"] = enum_of(*keys);
        }
        return Json{{"anyOf", Json::array({one, Json{{"type", "array"}, {"items", one}}})}};
    }

    void object(const std::vector<const FieldSpec*>& fields, bool with_taxonomies, Json& out,
                bool closed = true) const {
        Json properties = Json::object();
        Json required = Json::array();
        for (const FieldSpec* f : fields) {
            properties[f->name] = field(*f);
            if (f->required) required.push_back(f->name);
        }
        if (with_taxonomies)
            for (const auto& t : config_.taxonomies)
                if (!properties.contains(t.name)) properties[t.name] = taxonomy(t);
        out["type"] = "object";
        out["properties"] = std::move(properties);
        if (!required.empty()) out["required"] = std::move(required);
        // Unknown fields are the build's W0207; a tool should flag them too.
        out["additionalProperties"] = !closed;
    }

private:
    const content::DataFiles& data_;
    const config::Config& config_;
};

}  // namespace

std::optional<std::string> json_schema_text(const content::Schema& schema, const content::DataFiles& data,
                                            const config::Config& config, const JsonSchemaOptions& options) {
    const std::string defs_key = options.draft07 ? "definitions" : "$defs";
    const std::string& section = options.section;
    Exporter exporter(data, config);
    Json defs = Json::object();
    auto page_def = [&](const std::string& section, bool is_index, bool closed, const std::string& text) {
        Json def;
        if (!text.empty()) def["description"] = text;
        exporter.object(schema.fields_for(section, is_index), true, def, closed);
        return def;
    };
    for (const auto& section : schema.sections)
        defs[section.name] = page_def(section.name, false, true,
                                      description(section.description_ja, section.description_en));
    defs["_index"] = page_def("", true, true, "セクションのページ（_index.*.md）\nsection pages (_index.*.md)");
    defs["_root"] = page_def("", false, true, "content/ 直下のページ\npages directly under content/");
    defs["_other"] = page_def("", false, false,
                              "schema.toml にないセクションのページ\npages of sections schema.toml does not declare");
    Json any = Json::array();
    for (const auto& [name, def] : defs.items()) any.push_back(Json{{"$ref", "#/" + defs_key + "/" + name}});
    if (!section.empty() && !defs.contains(section)) return std::nullopt;
    Json root;
    root["$schema"] =
        options.draft07 ? "http://json-schema.org/draft-07/schema#" : "https://json-schema.org/draft/2020-12/schema";
    root["$id"] = config.base_url + "schema/front-matter.json";
    root["title"] = "Front matter / フロントマター";
    root["description"] = "portal schema: one definition per section (" + defs_key + "); pick one by folder";
    root[defs_key] = std::move(defs);
    if (section.empty()) root["anyOf"] = std::move(any);
    else root["$ref"] = "#/" + defs_key + "/" + section;
    return root.dump(2) + "\n";
}

Result<std::string> export_json_schema(const std::filesystem::path& root, const JsonSchemaOptions& options) {
    auto config = config::load_config(root);
    if (!config) return config.errors();
    auto schema = content::load_schema(root, config->theme);
    if (!schema) return schema.errors();
    auto data = content::load_data_files(root);
    if (!data) return data.errors();
    if (auto text = json_schema_text(*schema, *data, *config, options)) return *text;
    std::string names = "_index, _root, _other";
    for (const auto& s : schema->sections) names += ", " + s.name;
    return std::vector{make_coded("E0001", "", 0, 0,
                                  {{"detail", "no section `" + options.section + "` in the schema; use one of: " + names}})};
}

}  // namespace portal::editing
