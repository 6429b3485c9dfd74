#include "config/toml_errors.h"

namespace portal {

Diagnostic toml_error_diagnostic(const toml::parse_error& error, const std::string& path, int line_offset) {
    const auto& begin = error.source().begin;
    return make_error(path, static_cast<int>(begin.line) + line_offset, static_cast<int>(begin.column),
                      "invalid TOML: " + std::string(error.description()),
                      "check quotes, brackets and `key = value` syntax on this line");
}

}  // namespace portal
