#include "outputs/field_reader.h"

namespace portal::outputs {

namespace {

std::string describe(const toml::node& node) {
    if (const auto* s = node.as_string()) return "the text \"" + s->get() + "\"";
    if (node.is_boolean()) return "true or false";
    if (node.is_integer() || node.is_floating_point()) return "a number";
    if (node.is_date() || node.is_date_time() || node.is_time()) return "a date or time";
    if (node.is_array()) return "a list";
    if (node.is_table()) return "a table";
    return "a value of another type";
}

}  // namespace

void FieldReader::wrong_type(const toml::node& node, const char* key, const std::string& expected) {
    const int line = page_.front_matter_line - 1 + static_cast<int>(node.source().begin.line);
    errors_.push_back(make_error(page_.source_path, line, static_cast<int>(node.source().begin.column),
                                 std::string("`") + key + "` must be " + expected + ", not " + describe(node),
                                 "see docs/content-model.md for the fields of this section"));
}

std::string FieldReader::string(const char* key) {
    const toml::node* node = page_.front_matter.get(key);
    if (!node) return {};
    if (const auto* s = node->as_string()) return s->get();
    wrong_type(*node, key, "text in quotes");
    return {};
}

std::optional<std::int64_t> FieldReader::integer(const char* key) {
    const toml::node* node = page_.front_matter.get(key);
    if (!node) return std::nullopt;
    if (const auto* i = node->as_integer()) return i->get();
    wrong_type(*node, key, "a whole number");
    return std::nullopt;
}

std::vector<std::string> FieldReader::strings(const char* key) {
    const toml::node* node = page_.front_matter.get(key);
    if (!node) return {};
    if (const auto* s = node->as_string()) return {s->get()};
    std::vector<std::string> values;
    if (const auto* array = node->as_array()) {
        for (const auto& item : *array) {
            if (const auto* s = item.as_string()) values.push_back(s->get());
            else wrong_type(item, key, "a list of texts in quotes");
        }
        return values;
    }
    wrong_type(*node, key, "a list of texts in quotes");
    return {};
}

std::vector<std::pair<std::string, std::string>> FieldReader::pairs(const char* key, const char* first,
                                                                     const char* second) {
    const toml::node* node = page_.front_matter.get(key);
    if (!node) return {};
    const std::string expected = std::string("a list of { ") + first + " = \"…\", " + second + " = \"…\" }";
    const auto* array = node->as_array();
    if (!array) {
        wrong_type(*node, key, expected);
        return {};
    }
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& item : *array) {
        const auto* table = item.as_table();
        const auto* a = table ? table->get_as<std::string>(first) : nullptr;
        const auto* b = table ? table->get_as<std::string>(second) : nullptr;
        if (a && b) values.emplace_back(a->get(), b->get());
        else wrong_type(item, key, expected);
    }
    return values;
}

}  // namespace portal::outputs
