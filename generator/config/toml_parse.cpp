#include "config/toml_parse.h"

#include <optional>

namespace portal {

namespace {

struct Opener {
    int line = 1;
    int col = 1;
    std::string_view quotes;  // "\"", "'", "\"\"\"" or "'''"
};

// The string still open at the end of `text`, if any. toml++ reports a string
// that is never closed where the text ends ("encountered end-of-file"), which
// for a `"""` string may be many lines below the mistake; the editor needs the
// line where the string was opened. A small scan of TOML's four string kinds
// and comments is enough: it only runs after toml++ has already failed.
std::optional<Opener> unclosed_string(std::string_view text) {
    std::optional<Opener> open;
    int line = 1, col = 1;
    bool comment = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const std::string_view rest = text.substr(i);
        if (c == '\n') {
            ++line;
            col = 1;
            comment = false;
            if (open && open->quotes.size() == 1) open.reset();  // a one-line string ends with its line (another error)
            continue;
        }
        if (comment) {
            ++col;
            continue;
        }
        if (!open) {
            if (c == '#') comment = true;
            else if (rest.starts_with("\"\"\"") || rest.starts_with("'''")) open = Opener{line, col, rest.substr(0, 3)};
            else if (c == '"' || c == '\'') open = Opener{line, col, rest.substr(0, 1)};
            if (open && open->quotes.size() == 3) {
                i += 2;
                col += 2;
            }
        } else if (c == '\\' && open->quotes[0] == '"') {
            ++i;  // an escaped character (a quote included) does not close the string
            ++col;
        } else if (rest.starts_with(open->quotes)) {
            i += open->quotes.size() - 1;
            col += static_cast<int>(open->quotes.size()) - 1;
            open.reset();
        }
        ++col;
    }
    return open;
}

}  // namespace

Result<toml::table> parse_toml(std::string_view text, const std::string& path, int line_offset) {
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        std::string detail(error.description());
        int line = static_cast<int>(begin.line), col = static_cast<int>(begin.column);
        if (detail.find("end-of-file") != std::string::npos) {
            if (auto opener = unclosed_string(text)) {
                line = opener->line;
                col = opener->col;
                detail = "the string opened here with " + std::string(opener->quotes) + " is never closed";
            }
        }
        return make_coded("E0105", path, line + line_offset, col, {{"detail", detail}});
    }
}

}  // namespace portal
