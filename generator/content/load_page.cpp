#include "content/load_page.h"

#include <algorithm>

#include "base/text.h"
#include "config/toml_parse.h"
#include "content/front_matter.h"
#include "content/summary.h"
#include "content/toml_dates.h"
#include "i18n/text_measure.h"

namespace portal::content {

namespace {

// "slug.en.md" → {slug, "en"}; "slug.md" → {slug, default language}.
struct NameParts {
    std::string slug;
    std::string lang;
    bool unknown_language = false;
    std::string suffix;
};

NameParts split_file_name(const std::string& file_name, const LoadOptions& options) {
    NameParts parts;
    std::string stem = file_name.substr(0, file_name.size() - 3);  // drop ".md"
    std::size_t dot = stem.rfind('.');
    parts.lang = options.languages.empty() ? "ja" : options.languages.front();
    if (dot == std::string::npos) {
        parts.slug = stem;
        return parts;
    }
    parts.slug = stem.substr(0, dot);
    parts.suffix = stem.substr(dot + 1);
    if (std::find(options.languages.begin(), options.languages.end(), parts.suffix) == options.languages.end())
        parts.unknown_language = true;
    else
        parts.lang = parts.suffix;
    return parts;
}

class FieldReader {
public:
    FieldReader(const toml::table& table, const std::string& path, int line_offset)
        : table_(table), path_(path), line_offset_(line_offset) {}

    int line(const toml::node& node) const { return static_cast<int>(node.source().begin.line) + line_offset_; }
    int col(const toml::node& node) const { return static_cast<int>(node.source().begin.column); }

    std::string string(const char* key, bool required, std::vector<Diagnostic>& errors) const {
        const toml::node* node = table_.get(key);
        if (!node) {
            if (required)
                errors.push_back(make_error(path_, line_offset_, 1,
                                            std::string("missing required field `") + key + "`",
                                            std::string("add ") + key + " = \"...\" to the front matter"));
            return {};
        }
        if (const auto* s = node->as_string()) return s->get();
        errors.push_back(make_error(path_, line(*node), col(*node), std::string("`") + key + "` must be a string",
                                    std::string("write it in quotes: ") + key + " = \"...\""));
        return {};
    }

    bool boolean(const char* key, std::vector<Diagnostic>& errors) const {
        const toml::node* node = table_.get(key);
        if (!node) return false;
        if (const auto* b = node->as_boolean()) return b->get();
        errors.push_back(make_error(path_, line(*node), col(*node), std::string("`") + key + "` must be true or false"));
        return false;
    }

    int integer(const char* key, std::vector<Diagnostic>& errors) const {
        const toml::node* node = table_.get(key);
        if (!node) return 0;
        if (const auto* i = node->as_integer()) return static_cast<int>(i->get());
        errors.push_back(make_error(path_, line(*node), col(*node), std::string("`") + key + "` must be a whole number"));
        return 0;
    }

    std::string date(const char* key, std::vector<Diagnostic>& errors) const {
        const toml::node* node = table_.get(key);
        if (!node) return {};
        if (auto iso = toml_date_to_iso(*node)) return *iso;
        errors.push_back(make_error(path_, line(*node), col(*node),
                                    std::string("`") + key + "` must be a TOML date, not " + describe(*node),
                                    std::string("write a date without quotes: ") + key + " = 2025-06-20"));
        return {};
    }

private:
    static std::string describe(const toml::node& node) {
        if (const auto* s = node.as_string()) return "the text \"" + s->get() + "\"";
        return "a value of another type";
    }

    const toml::table& table_;
    const std::string& path_;
    int line_offset_;
};

bool valid_slug(const std::string& slug) {
    if (slug.empty() || slug == "." || slug == "..") return false;
    return std::all_of(slug.begin(), slug.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

}  // namespace

Result<Page> load_page(const PageSource& source, const LoadOptions& options) {
    const std::string& path = source.path;
    std::string_view raw = source.text;
    if (auto nul = text::find_nul(raw)) {
        auto pos = text::position_of(raw, *nul);
        return make_error(path, pos.line, pos.col, "file contains a NUL byte (binary data)",
                          "content files must be UTF-8 text; move binary files out of the .md file");
    }
    if (auto bad = text::find_invalid_utf8(raw)) {
        auto pos = text::position_of(raw, *bad);
        return make_error(path, pos.line, pos.col, "file is not valid UTF-8",
                          "save the file as UTF-8 (not Shift_JIS); re-type the character at this position");
    }
    if (text::starts_with(raw, "\xEF\xBB\xBF")) raw.remove_prefix(3);  // a BOM is harmless: accept it
    std::string normalized = text::normalize_newlines(raw);

    auto split = split_front_matter(normalized, path);
    if (!split) return split.errors();

    auto parsed = parse_toml(split->front_matter, path, split->front_matter_line - 1);
    if (!parsed) return parsed.errors();

    Page page;
    page.source_path = path;
    page.section = source.section;
    page.front_matter_line = split->front_matter_line;
    page.body_line = split->body_line;
    page.front_matter = std::move(*parsed);

    std::vector<Diagnostic> errors;
    NameParts name = split_file_name(source.file_name, options);
    if (name.unknown_language) {
        std::string known;
        for (const auto& l : options.languages) known += (known.empty() ? "" : ", ") + l;
        errors.push_back(make_error(path, 0, 0, "unknown language suffix `." + name.suffix + "`",
                                    "use one of the configured languages: " + known));
    }
    page.file_slug = name.slug;
    page.lang = name.lang;
    page.is_section_index = name.slug == "_index";

    FieldReader fields(page.front_matter, path, split->front_matter_line - 1);
    page.title = fields.string("title", true, errors);
    page.summary = fields.string("summary", false, errors);
    page.date = fields.date("date", errors);
    page.publish_date = fields.date("publish_date", errors);
    if (page.publish_date.empty()) page.publish_date = page.date;
    page.expiry_date = fields.date("expiry_date", errors);
    page.draft = fields.boolean("draft", errors);
    page.weight = fields.integer("weight", errors);
    page.template_name = fields.string("template", false, errors);
    page.translation_of = fields.string("translation_of", false, errors);
    page.slug = fields.string("slug", false, errors);
    if (page.slug.empty()) page.slug = page.file_slug;
    if (!page.is_section_index && !valid_slug(page.slug)) {
        const toml::node* node = page.front_matter.get("slug");
        errors.push_back(make_error(path, node ? fields.line(*node) : 0, node ? fields.col(*node) : 0,
                                    "slug `" + page.slug + "` cannot be used in a URL",
                                    "use only letters a-z, digits and hyphens, e.g. yamagishi-seisakusho"));
    }
    if (!errors.empty()) return errors;

    auto body = extract_shortcodes(split->body, path, split->body_line);
    if (!body) return body.errors();
    page.shortcodes = std::move(body->calls);
    markdown::Options md_options;
    md_options.unsafe_html = options.unsafe_html;
    page.content = markdown::render(body->markdown, md_options);
    page.reading_minutes = i18n::measure_reading(page.content.plain_text).minutes;
    if (page.summary.empty()) {
        page.summary = automatic_summary(page.content.summary_html, options.summary_length);
        page.summary_is_automatic = true;
    }
    // Markdown positions are relative to the body; make them file lines.
    for (auto& link : page.content.links) link.line += split->body_line - 1;
    return page;
}

}  // namespace portal::content
