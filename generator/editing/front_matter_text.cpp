#include "editing/front_matter_text.h"

#include "content/validate_front_matter.h"

namespace portal::editing {

namespace {

using content::FieldSpec;

// Comment lines stay readable in a narrow editor window.
constexpr std::size_t comment_width = 96;

std::size_t display_width(const std::string& s) {
    // A CJK character is about two columns; count UTF-8 lead bytes of
    // multibyte characters twice.
    std::size_t width = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) width += c >= 0xE0 ? 2 : 1;
    return width;
}

// "# <head>a, b, c" wrapped at comment_width, continuation lines indented.
void append_list(std::vector<std::string>& out, const std::string& head, const std::vector<std::string>& items) {
    std::string line = "# " + head;
    const std::string indent = "#   ";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string item = items[i] + (i + 1 < items.size() ? "," : "");
        if (display_width(line) + 1 + display_width(item) > comment_width && line.size() > indent.size() + 2) {
            out.push_back(line);
            line = indent + item;
        } else {
            line += (line.back() == ' ' ? "" : " ") + item;
        }
    }
    out.push_back(line);
}

// The allowed values of `field` as "key name" pairs an editor can pick from.
std::vector<std::string> value_list(const FieldSpec& field, const content::DataFiles& data, const std::string& lang) {
    std::vector<std::string> items;
    if (!field.data.empty()) {
        auto keys = content::data_keys(data, field.data);
        if (!keys) return items;
        auto file = data.find(field.data.substr(0, field.data.find('.')));
        for (const auto& key : *keys) {
            // Nested sources ("stats.datasets") have no names of their own.
            const bool named = field.data.find('.') == std::string::npos;
            const std::string name = named ? content::entry_name(file->second, key, lang) : key;
            items.push_back(name == key ? key : key + (lang == "ja" ? "（" + name + "）" : " (" + name + ")"));
        }
        return items;
    }
    return field.values;
}

// "（必須・120字以内）" / " (required, at most 120 characters)".
std::string notes(const FieldSpec& field, const std::string& lang) {
    const bool ja = lang == "ja";
    std::vector<std::string> parts;
    if (field.required) parts.push_back(ja ? "必須" : "required");
    if (field.max_length)
        parts.push_back(ja ? std::to_string(*field.max_length) + "字以内"
                           : "at most " + std::to_string(*field.max_length) + " characters");
    if (parts.empty()) return {};
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : ja ? "・" : ", ") + part;
    return ja ? "（" + text + "）" : " (" + text + ")";
}

std::string value_head(const FieldSpec& field, const std::string& lang) {
    const bool ja = lang == "ja";
    if (field.data.empty()) return ja ? "値: " : "values: ";
    const std::string file = "content/data/" + field.data.substr(0, field.data.find('.')) + ".toml";
    return ja ? "値（" + file + "）: " : "values (" + file + "): ";
}

void describe_values(std::vector<std::string>& out, const FieldSpec& field, const content::DataFiles& data,
                     const std::string& lang, const std::string& prefix) {
    auto items = value_list(field, data, lang);
    if (!items.empty()) append_list(out, prefix + value_head(field, lang), items);
    if (field.min || field.max) {
        const std::string low = field.min ? std::to_string(*field.min) : "";
        const std::string high = field.max ? std::to_string(*field.max) : "";
        std::string range;
        if (lang == "ja") range = !field.max ? low + " 以上" : !field.min ? high + " 以下" : low + "〜" + high;
        else range = !field.max ? "at least " + low : !field.min ? "at most " + high : low + "–" + high;
        out.push_back("# " + prefix + (lang == "ja" ? "範囲: " : "range: ") + range);
    }
}

// The example value, or for a field whose values come from a data file and
// that has no example, the file's first key (so the page still validates).
std::string scaffold_value(const FieldSpec& field, const content::DataFiles& data, const std::string& lang) {
    const FieldSpec& element = field.type == FieldSpec::Type::array && field.items ? *field.items : field;
    if (field.example.empty() && !element.data.empty()) {
        auto keys = content::data_keys(data, element.data);
        if (keys && !keys->empty()) {
            const std::string value = "\"" + keys->front() + "\"";
            return &element == &field ? value : "[" + value + "]";
        }
    }
    return content::example_value(field, lang);
}

}  // namespace

std::vector<std::string> field_comments(const FieldSpec& field, const content::DataFiles& data,
                                        const std::string& lang) {
    const bool ja = lang == "ja";
    std::vector<std::string> out;
    std::string head = ja ? field.description_ja : field.description_en;
    if (head.empty()) head = field.name;
    head += notes(field, lang);
    out.push_back("# " + head);
    const FieldSpec* element = field.type == FieldSpec::Type::array && field.items ? field.items.get() : &field;
    describe_values(out, *element, data, lang, "");
    // A list of tables: name each column, and the values of those that have a list.
    for (const auto& sub : element->fields) {
        const std::string& text = ja ? sub.description_ja : sub.description_en;
        out.push_back("#   " + sub.name + (text.empty() ? "" : ": " + text) + notes(sub, lang));
        describe_values(out, sub, data, lang, "  " + sub.name + " ");
    }
    return out;
}

std::string new_front_matter(const content::Schema& schema, const content::SectionSchema& section,
                             const content::DataFiles& data, const std::string& lang, const std::string& today) {
    const bool ja = lang == "ja";
    std::string text;
    auto emit = [&](const FieldSpec& field, const std::string& value, bool commented) {
        for (const auto& line : field_comments(field, data, lang)) text += line + "\n";
        text += (commented ? "# " : "") + field.name + " = " + value + "\n\n";
    };
    for (const FieldSpec& field : schema.common) {
        if (field.name == "title") emit(field, "\"\"", false);
        else if (field.name == "date") emit(field, today, false);
        else if (field.name == "draft") continue;  // written last, beside the note on publishing
        else if (field.required || field.recommended) emit(field, scaffold_value(field, data, lang), false);
        else if (!field.example.empty()) emit(field, scaffold_value(field, data, lang), true);
    }
    for (const FieldSpec& field : section.fields) {
        const bool wanted = field.required || field.recommended;
        emit(field, scaffold_value(field, data, lang), !wanted);
    }
    text += ja ? "# 下書き: この行を消すと公開されます（下書きの確認は portal serve --drafts）\n"
               : "# Draft: delete this line to publish the page (preview drafts with portal serve --drafts)\n";
    text += "draft = true\n";
    return text;
}

}  // namespace portal::editing
