// Typed reads of optional front matter fields for outputs that turn pages
// into data (open data). A field of the wrong type is an error at its file
// and line saying what was expected; an absent field is simply empty, since
// which fields a section requires is the content model's business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "content/page.h"

namespace portal::outputs {

class FieldReader {
public:
    // Problems are appended to `errors`; `page` and `errors` must outlive the reader.
    FieldReader(const content::Page& page, std::vector<Diagnostic>& errors) : page_(page), errors_(errors) {}

    std::string string(const char* key);
    std::optional<std::int64_t> integer(const char* key);
    // An array of strings (`topic = ["a", "b"]`); a single string counts as one.
    std::vector<std::string> strings(const char* key);
    // An array of tables with two string fields, e.g. outcomes' {label, value}.
    std::vector<std::pair<std::string, std::string>> pairs(const char* key, const char* first, const char* second);

private:
    void wrong_type(const toml::node& node, const char* key, const std::string& expected);

    const content::Page& page_;
    std::vector<Diagnostic>& errors_;
};

}  // namespace portal::outputs
