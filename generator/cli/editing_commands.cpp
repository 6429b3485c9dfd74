#include "cli/editing_commands.h"

#include <CLI/CLI.hpp>
#include <ctime>
#include <fstream>
#include <iostream>

#include "cli/print_diagnostics.h"
#include "editing/json_schema.h"
#include "editing/new_page.h"

namespace portal::cli {

namespace {

// Today in the machine's time zone (Japan for the ministry's editors).
std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
    return buffer;
}

void report(const std::vector<Diagnostic>& errors, const std::string& root, const std::string& message_lang) {
    Diagnostics diagnostics;
    diagnostics.add_all(errors);
    PrintOptions print;
    print.lang = message_lang.empty() ? default_message_lang(root) : message_lang;
    print_diagnostics(std::cerr, diagnostics, root, print);
}

}  // namespace

void add_new_command(CLI::App& app, NewCommandOptions& options, int& result) {
    CLI::App* command = app.add_subcommand(
        "new", "Create content/<section>/<slug>.<lang>.md from the archetype and schema (never replaces a file)");
    command->add_option("kind", options.kind, "measure, case, seminar, meeting, news or page")->required();
    command->add_option("slug", options.slug, "File name and URL: a-z, 0-9 and hyphens (telework-month-2025)")
        ->required();
    command->add_option("--lang", options.lang,
                        "Language of the new page (default: the site's default language; with --translate: the "
                        "missing one)");
    command->add_flag("--translate", options.translate,
                      "Make the missing translation of the existing page KIND SLUG, copying its fields");
    command->add_option("--root", options.root, "Project folder (holds config.toml)")->check(CLI::ExistingDirectory);
    command->add_option("--message-lang", options.message_lang, "Language of error messages: ja or en")
        ->check(CLI::IsMember({"ja", "en"}));
    command->callback([&] {
        editing::NewPageRequest request{options.root, options.kind, options.slug, options.lang, options.translate,
                                        today()};
        auto written = editing::create_page(request);
        if (!written) {
            report(written.errors(), options.root, options.message_lang);
            // A wrong kind, name or language is a usage error; the rest are about files.
            result = 1;
            for (const auto& d : written.errors())
                if (d.code == "E0603" || d.code == "E0604" || d.code == "E0106") result = 2;
            return;
        }
        std::cout << "created " << *written << '\n';
    });
}

void add_schema_command(CLI::App& app, SchemaCommandOptions& options, int& result) {
    CLI::App* command = app.add_subcommand(
        "schema", "Print the front matter schema as JSON Schema (draft 2020-12) for editors' TOML tools");
    command->add_option("--root", options.root, "Project folder (holds config.toml)")->check(CLI::ExistingDirectory);
    command->add_option("--out", options.out, "Write to this file instead of the standard output");
    command->add_option("--section", options.section,
                        "Make this section's definition the root (cases, measures, ..., _index), for tools that "
                        "take one schema per folder");
    command->add_option("--draft", options.draft, "JSON Schema version: 2020-12 (default) or 07")
        ->check(CLI::IsMember({"2020-12", "07"}));
    command->callback([&] {
        auto schema = editing::export_json_schema(options.root, {options.section, options.draft == "07"});
        if (!schema) {
            report(schema.errors(), options.root, "");
            result = 1;
            return;
        }
        if (options.out.empty()) {
            std::cout << *schema;
            return;
        }
        std::ofstream out(options.out, std::ios::binary);
        out << *schema;
        if (!out.flush()) {
            std::cerr << "error: cannot write " << options.out << '\n';
            result = 1;
        }
    });
}

}  // namespace portal::cli
