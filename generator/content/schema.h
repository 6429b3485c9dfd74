// The front matter schema (themes/<theme>/schema.toml, overridable by the
// site's schema.toml): which fields each section's pages may have, their types,
// whether they are required and which values they take. Validation
// (validate_front_matter.h), `portal new` and `portal schema` all read it.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace portal::content {

struct FieldSpec {
    enum class Type { string, integer, boolean, date, datetime, array, table };
    std::string name;
    Type type = Type::string;
    bool required = false;
    bool recommended = false;            // expected by the content model; `portal new` writes it
    bool translate = false;              // text in the page's language
    std::vector<std::string> values;     // allowed strings (empty: any)
    std::string data;                    // "ministries" or "stats.datasets": keys of a data file
    std::optional<long long> min, max;   // integers
    std::optional<std::size_t> max_length;  // strings, in characters
    std::string after;                   // a date-time not earlier than this field
    std::string example;                 // a TOML value as text ('"mhlw"', '2025')
    std::string example_en;              // the example for English pages when it differs
    std::string description_ja, description_en;
    std::shared_ptr<const FieldSpec> items;  // Type::array: the element
    std::vector<FieldSpec> fields;       // Type::table: its fields
};

struct SectionSchema {
    std::string name;                    // folder under content/: "measures"
    std::string kind;                    // `portal new` kind: "measure"; "" if none
    std::string description_ja, description_en;
    std::vector<FieldSpec> fields;       // in declaration order
};

struct Schema {
    std::vector<FieldSpec> common;       // every page
    std::vector<FieldSpec> index;        // section pages (_index) in addition
    std::vector<SectionSchema> sections; // in declaration order

    const SectionSchema* section(const std::string& name) const;
    const SectionSchema* section_of_kind(const std::string& kind) const;
    // The fields a page of `section` may have, common ones first.
    std::vector<const FieldSpec*> fields_for(const std::string& section, bool is_section_index) const;
};

// Reads the built-in core fields, then themes/<theme>/schema.toml, then
// <root>/schema.toml; a later file replaces a field of the same name.
Result<Schema> load_schema(const std::filesystem::path& root, const std::string& theme);

// "string", "integer", ... as written in schema.toml.
const char* type_name(FieldSpec::Type type);

// The value `portal new` writes and hints show for `field` on a page in `lang`.
std::string example_value(const FieldSpec& field, const std::string& lang);

}  // namespace portal::content
