#include "content/load_page.h"

#include <algorithm>

#include "base/text.h"
#include "config/toml_parse.h"
#include "content/content_hash.h"
#include "content/front_matter.h"
#include "content/summary.h"
#include "content/toml_dates.h"

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

// Reads the fields the generator itself uses. A value of the wrong type reads
// as empty: content/validate_front_matter.cpp reports it against the schema,
// once, with the field's position.
class FieldReader {
public:
    explicit FieldReader(const toml::table& table) : table_(table) {}

    std::string string(const char* key) const { return table_[key].value_or(std::string()); }
    bool boolean(const char* key) const { return table_[key].value_or(false); }
    int integer(const char* key) const { return static_cast<int>(table_[key].value_or(std::int64_t{0})); }
    std::string date(const char* key) const {
        const toml::node* node = table_.get(key);
        if (!node) return {};
        return toml_date_to_iso(*node).value_or(std::string());
    }

private:
    const toml::table& table_;
};

bool valid_slug(const std::string& slug) {
    if (slug.empty() || slug == "." || slug == "..") return false;
    return std::all_of(slug.begin(), slug.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

}  // namespace

Result<Page> load_page(const PageSource& source, const LoadOptions& options, std::string* front_matter_text) {
    const std::string& path = source.path;
    std::string_view raw = source.text;
    if (auto nul = text::find_nul(raw)) {
        auto pos = text::position_of(raw, *nul);
        return make_coded("E0102", path, pos.line, pos.col);
    }
    if (auto bad = text::find_invalid_utf8(raw)) {
        auto pos = text::position_of(raw, *bad);
        return make_coded("E0101", path, pos.line, pos.col);
    }
    if (text::starts_with(raw, "\xEF\xBB\xBF")) raw.remove_prefix(3);  // a BOM is harmless: accept it
    // Most files have no CR: their text is split as it is, without a copy.
    std::string without_crs;
    std::string_view normalized = raw;
    if (raw.find('\r') != std::string_view::npos) normalized = without_crs = text::normalize_newlines(raw);

    auto split = split_front_matter(normalized, path);
    if (!split) return split.errors();

    auto parsed = parse_toml(split->front_matter, path, split->front_matter_line - 1);
    if (!parsed) return parsed.errors();
    if (front_matter_text) front_matter_text->assign(split->front_matter);

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
        errors.push_back(make_coded("E0106", path, 0, 0, {{"suffix", name.suffix}, {"languages", known}}));
    }
    page.file_slug = name.slug;
    page.lang = name.lang;
    page.is_section_index = name.slug == "_index";

    FieldReader fields(page.front_matter);
    page.title = fields.string("title");
    page.summary = fields.string("summary");
    page.date = fields.date("date");
    page.publish_date = fields.date("publish_date");
    if (page.publish_date.empty()) page.publish_date = page.date;
    page.expiry_date = fields.date("expiry_date");
    page.draft = fields.boolean("draft");
    page.weight = fields.integer("weight");
    page.template_name = fields.string("template");
    page.translation_of = fields.string("translation_of");
    page.translation_of_hash = fields.string("translation_of_hash");
    page.source_hash = content_hash(raw);
    page.slug = fields.string("slug");
    if (page.slug.empty()) page.slug = page.file_slug;
    if (!page.is_section_index && !valid_slug(page.slug)) {
        const toml::node* node = page.front_matter.get("slug");
        const int line = node ? static_cast<int>(node->source().begin.line) + split->front_matter_line - 1 : 0;
        const int col = node ? static_cast<int>(node->source().begin.column) : 0;
        errors.push_back(make_coded("E0107", path, line, col, {{"slug", page.slug}}));
    }
    if (!errors.empty()) return errors;

    auto body = extract_shortcodes(split->body, path, split->body_line);
    if (!body) return body.errors();
    const std::string_view markdown_text = body->markdown_of(split->body);
    markdown::Options md_options;
    md_options.unsafe_html = options.unsafe_html;
    auto rendered = options.markdown_memo
                        ? options.markdown_memo->render(markdown_text, md_options, options.keep_plain_text)
                        : MarkdownMemo::render_fresh(markdown_text, md_options, options.keep_plain_text);
    page.content = std::move(rendered.rendered);
    page.reading_minutes = rendered.reading_minutes;
    page.shortcodes = std::move(body->calls);
    if (page.summary.empty()) {
        page.summary = automatic_summary(page.content.summary_html, options.summary_length);
        page.summary_is_automatic = true;
    }
    // Markdown positions are relative to the body; make them file lines.
    for (auto& link : page.content.links) link.line += split->body_line - 1;
    return page;
}

}  // namespace portal::content
