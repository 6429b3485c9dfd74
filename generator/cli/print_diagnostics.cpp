#include "cli/print_diagnostics.h"

#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "base/text.h"

namespace portal::cli {

void print_diagnostics(std::ostream& out, const Diagnostics& diagnostics, const std::filesystem::path& root) {
    std::map<std::string, std::string> sources;  // each file read once
    for (const Diagnostic& d : diagnostics.items()) {
        std::string source_line;
        if (!d.path.empty() && d.line > 0) {
            auto [it, inserted] = sources.try_emplace(d.path);
            if (inserted) {
                std::filesystem::path file = std::filesystem::path(d.path).is_absolute() ? std::filesystem::path(d.path) : root / d.path;
                std::ifstream in(file, std::ios::binary);
                std::ostringstream buffer;
                buffer << in.rdbuf();
                it->second = buffer.str();
            }
            source_line = std::string(text::line_at(it->second, d.line));
            // Never echo binary or broken text back to the terminal.
            if (text::find_invalid_utf8(source_line) || text::find_nul(source_line) || source_line.size() > 300)
                source_line.clear();
        }
        out << format_diagnostic(d, source_line);
    }
}

}  // namespace portal::cli
