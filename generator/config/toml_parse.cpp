#include "config/toml_parse.h"

namespace portal {

Result<toml::table> parse_toml(std::string_view text, const std::string& path, int line_offset) {
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        return make_error(path, static_cast<int>(begin.line) + line_offset, static_cast<int>(begin.column),
                          "invalid TOML: " + std::string(error.description()),
                          "check quotes, brackets and `key = value` syntax on this line");
    }
}

}  // namespace portal
