// Template source -> Template (syntax tree), following Jinja's grammar and
// precedence rules. Anything outside the supported subset is an error here,
// at parse time, never a silent difference at render time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "template/template.h"

namespace portal::tmpl {

// Deepest nesting of expressions and statements the parser accepts; deeper
// input (hostile or generated) is an error instead of a stack overflow.
inline constexpr int kMaxParseDepth = 128;

struct ParseOptions {
    // Names of filters the host will pass at render time (RenderOptions).
    std::vector<std::string> host_filters;
};

// Parses `source` (raw file text). Errors carry `path` and the line and
// column of the offending token.
Result<std::shared_ptr<const Template>> parse_template(std::string name, std::string path, std::string_view source,
                                                       const ParseOptions& options);

}  // namespace portal::tmpl
