#include "cli/print_diagnostics.h"

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "base/diagnostic_catalog.h"
#include "base/text.h"
#include "config/toml_parse.h"

namespace portal::cli {

namespace {

// The source line of each diagnostic, each file read once.
class SourceLines {
public:
    explicit SourceLines(const std::filesystem::path& root) : root_(root) {}

    std::string line_of(const Diagnostic& d) {
        if (d.path.empty() || d.line <= 0) return {};
        auto [it, inserted] = sources_.try_emplace(d.path);
        if (inserted) {
            std::filesystem::path file =
                std::filesystem::path(d.path).is_absolute() ? std::filesystem::path(d.path) : root_ / d.path;
            std::ifstream in(file, std::ios::binary);
            std::ostringstream buffer;
            buffer << in.rdbuf();
            it->second = buffer.str();
        }
        std::string line(text::line_at(it->second, d.line));
        // Never echo binary or broken text back to the terminal.
        if (text::find_invalid_utf8(line) || text::find_nul(line) || line.size() > 2000) line.clear();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }

private:
    std::filesystem::path root_;
    std::map<std::string, std::string> sources_;
};

// GitHub's workflow command escaping: data escapes %, CR, LF; properties also : and ,.
std::string escape_command(std::string_view s, bool property) {
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

void print_github_command(std::ostream& out, const Diagnostic& d, const std::string& message, const std::string& hint) {
    out << (d.severity == Severity::error ? "::error " : "::warning ");
    std::string properties;
    if (!d.path.empty()) properties += "file=" + escape_command(d.path, true);
    if (d.line > 0) properties += ",line=" + std::to_string(d.line);
    if (d.col > 0) properties += ",col=" + std::to_string(d.col);
    properties += std::string(properties.empty() ? "" : ",") + "title=" + escape_command(d.code, true);
    out << properties << "::" << escape_command(message + (hint.empty() ? "" : "\nhint: " + hint), false) << '\n';
}

}  // namespace

void print_diagnostics(std::ostream& out, const Diagnostics& diagnostics, const std::filesystem::path& root,
                       const PrintOptions& options) {
    print_diagnostics(out, std::cout, diagnostics, root, options);
}

void print_diagnostics(std::ostream& out, std::ostream& machine, const Diagnostics& diagnostics,
                       const std::filesystem::path& root, const PrintOptions& options) {
    SourceLines sources(root);
    nlohmann::json list = nlohmann::json::array();
    for (Diagnostic d : diagnostics.items()) {
        diagnostic_catalog::assign_code_by_origin(d);
        const std::string source_line = sources.line_of(d);
        const std::string message = diagnostic_catalog::message_in(d, options.lang);
        const std::string hint = diagnostic_catalog::hint_in(d, options.lang);
        if (options.format == DiagnosticsFormat::json) {
            list.push_back({{"code", d.code},
                            {"severity", d.severity == Severity::error ? "error" : "warning"},
                            {"file", d.path},
                            {"line", d.line},
                            {"column", d.col},
                            {"message", message},
                            {"hint", hint},
                            {"source_line", source_line}});
        } else {
            out << format_diagnostic(d, source_line, options.lang);
        }
        if (options.github_annotations) print_github_command(machine, d, message, hint);
    }
    if (options.format == DiagnosticsFormat::json)
        machine << nlohmann::json{{"diagnostics", list},
                                  {"errors", diagnostics.error_count()},
                                  {"warnings", diagnostics.warning_count()}}
                       .dump(2)
                << '\n';
}

std::string default_message_lang(const std::filesystem::path& root) {
    std::ifstream in(root / "config.toml", std::ios::binary);
    if (!in) return "en";
    std::ostringstream buffer;
    buffer << in.rdbuf();
    auto config = parse_toml(buffer.str(), "config.toml", 0);
    if (!config) return "en";
    const std::string lang = (*config)["message_lang"].value_or(std::string("en"));
    return lang == "ja" ? "ja" : "en";
}

}  // namespace portal::cli
