// The editors' commands: `portal new` (a page from its archetype, or the
// missing translation of a page) and `portal schema` (the front matter schema
// as JSON Schema for editors' TOML tools).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace portal::cli {

struct NewCommandOptions {
    std::string root = ".";
    std::string kind, slug, lang, message_lang;
    bool translate = false;
};

struct SchemaCommandOptions {
    std::string root = ".";
    std::string out;      // "" = stdout
    std::string section;  // "" = every section (anyOf)
    std::string draft = "2020-12";
};

// Both write their exit code into `result` when they run.
void add_new_command(CLI::App& app, NewCommandOptions& options, int& result);
void add_schema_command(CLI::App& app, SchemaCommandOptions& options, int& result);

}  // namespace portal::cli
