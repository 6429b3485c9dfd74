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
// With `section` ("cases", "_index", ...) the root is that definition
// instead (`$ref`), for tools that take one schema per folder; nullopt when
// there is no such definition.
std::optional<std::string> json_schema_text(const content::Schema& schema, const content::DataFiles& data,
                                            const config::Config& config, const std::string& section = {});

// Loads config.toml, the schema and the data files of `root`, then the above.
Result<std::string> export_json_schema(const std::filesystem::path& root, const std::string& section = {});

}  // namespace portal::editing
