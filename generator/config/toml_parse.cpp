#include "config/toml_parse.h"

namespace portal {

Result<toml::table> parse_toml(std::string_view text, const std::string& path, int line_offset) {
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        return make_coded("E0105", path, static_cast<int>(begin.line) + line_offset, static_cast<int>(begin.column),
                          {{"detail", std::string(error.description())}});
    }
}

}  // namespace portal
