#include "editing/translate_page.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "base/text.h"
#include "config/toml_parse.h"
#include "content/content_hash.h"
#include "content/front_matter.h"

namespace portal::editing {

namespace {

using content::FieldSpec;

// The names of the text fields inside `field` that a translator rewrites:
// "title" for a plain text field, "links[].title" for a list of tables.
void translated_parts(const FieldSpec& field, const std::string& prefix, std::vector<std::string>& out) {
    if (field.translate && field.type != FieldSpec::Type::array && field.type != FieldSpec::Type::table) {
        out.push_back(prefix + field.name);
        return;
    }
    const FieldSpec* holder = field.type == FieldSpec::Type::array && field.items ? field.items.get() : &field;
    const std::string inner = prefix + field.name + (field.type == FieldSpec::Type::array ? "[]." : ".");
    for (const auto& sub : holder->fields) translated_parts(sub, inner, out);
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

Result<std::string> translation_text(const TranslationSource& source, const content::Schema& schema,
                                     const std::string& lang) {
    std::string_view raw = source.text;
    if (text::starts_with(raw, "\xEF\xBB\xBF")) raw.remove_prefix(3);
    // The same hash the build computes for the original (load_page).
    const std::string hash = content::content_hash(raw);
    const std::string normalized = text::normalize_newlines(raw);
    auto split = content::split_front_matter(normalized, source.path);
    if (!split) return split.errors();
    auto table = parse_toml(split->front_matter, source.path, split->front_matter_line - 1);
    if (!table) return table.errors();

    // Which front matter line starts which translated field.
    std::map<std::size_t, std::vector<std::string>> marks;  // 1-based line in the front matter → parts
    std::vector<std::size_t> dropped;                        // lines we replace: draft, translation_of_hash
    for (const FieldSpec* field : schema.fields_for(source.section, false)) {
        const toml::node* node = table->get(field->name);
        if (!node) continue;
        const std::size_t line = node->source().begin.line;
        if (field->name == "draft" || field->name == "translation_of_hash") {
            if (node->source().end.line == node->source().begin.line) dropped.push_back(line);
            continue;
        }
        std::vector<std::string> parts;
        translated_parts(*field, "", parts);
        if (!parts.empty()) marks[line] = parts;
    }

    const bool ja = lang == "ja";
    std::string out = "+++\n";
    std::istringstream lines{std::string(split->front_matter)};
    std::string line;
    for (std::size_t n = 1; std::getline(lines, line); ++n) {
        if (std::find(dropped.begin(), dropped.end(), n) != dropped.end()) continue;
        if (auto it = marks.find(n); it != marks.end())
            out += (ja ? "# 翻訳してください（原文のまま）: " : "# TRANSLATE (still the original's text): ") +
                   join(it->second) + "\n";
        out += line + "\n";
    }
    out += ja ? "\n# 原文 " + source.path + " の版: 原文が変わると portal check が知らせます\n"
              : "\n# Version of the original " + source.path + ": portal check tells when the original changes\n";
    out += "translation_of_hash = \"" + hash + "\"\n";
    out += ja ? "# 下書き: 翻訳が終わったらこの行を消すと公開されます\n"
              : "# Draft: delete this line when the translation is done to publish it\n";
    out += "draft = true\n+++\n";
    out += std::string(split->body);
    return out;
}

}  // namespace portal::editing
