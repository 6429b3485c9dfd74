// `portal schema`: the front matter schema (schema.toml) as one JSON Schema
// document (draft 2020-12) with a definition per section, so editors' tools
// and CI can check front matter converted to JSON: TOML dates become strings
// ("2025-06-20", RFC 3339 date-times), everything else maps one to one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostics.h"
#include "config/config.h"
#include "content/data_files.h"
#include "content/schema.h"

namespace portal::editing {

// The JSON text (ends with a newline). Definitions under `$defs`: one per
// section of the schema (`measures`, ...) for its pages, `_index` for
// section pages (_index.*.md), `_root` for pages directly under content/ and
// `_other` for sections the schema does not declare. The root schema picks
// nothing by itself (`anyOf` of them); a tool picks the definition by folder,
// `$ref: "#/$defs/cases"`. Values from data files become `enum`s; the
// taxonomies of config.toml are allowed on every page, as the build allows them.
struct JsonSchemaOptions {
    // "cases", "_index", ...: the root is that definition (`$ref`) instead,
    // for tools that take one schema per folder.
    std::string section;
    // Draft-07 (`definitions`) for tools that do not read 2020-12 yet, such
    // as VS Code's JSON language service; the keywords used are the same.
    bool draft07 = false;
};

// nullopt when options.section names no definition.
std::optional<std::string> json_schema_text(const content::Schema& schema, const content::DataFiles& data,
                                            const config::Config& config, const JsonSchemaOptions& options = {});

// Loads config.toml, the schema and the data files of `root`, then the above.
Result<std::string> export_json_schema(const std::filesystem::path& root, const JsonSchemaOptions& options = {});

}  // namespace portal::editing
