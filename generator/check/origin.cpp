#include "check/origin.h"

#include "base/text.h"
#include "check/resolve_url.h"
#include "fs/files.h"

namespace portal::check {

std::string Origin::where() const {
    return line > 0 ? path + ":" + std::to_string(line) : path;
}

Origin find_literal(const std::string& path, std::string_view text, std::string_view needle) {
    if (needle.empty()) return {path, 0, 0};
    const std::size_t at = text.find(needle);
    if (at == std::string_view::npos) return {path, 0, 0};
    const text::Position pos = text::position_of(text, at);
    return {path, pos.line, pos.col};
}

const std::string& OriginFinder::file_text(const std::string& path) {
    auto [it, inserted] = files_.try_emplace(path);
    if (inserted) {
        auto read = fs::read_file(input_.root / path, path);
        if (read) it->second = text::normalize_newlines(*read);
    }
    return it->second;
}

Origin OriginFinder::find(const HtmlOutput& output, std::string_view url) {
    // Under a base path the page says /pr/42/cases/x/ where the editor wrote /cases/x/.
    const std::string base = input_.site->config.base_path();
    if (!base.empty() && url.size() > base.size() && url.substr(0, base.size()) == base && url[base.size()] == '/') {
        Origin written = find_written(output, url.substr(base.size()));
        if (written.line > 0) return written;
    }
    return find_written(output, url);
}

Origin OriginFinder::find_written(const HtmlOutput& output, std::string_view url) {
    const std::string decoded = percent_decode(url);
    if (output.page != content::no_page) {
        const content::Page& page = input_.site->pages[output.page];
        for (const auto* links : {&page.content.links, &page.shortcode_links})
            for (const auto& link : *links)
                if (link.url == url || percent_decode(link.url) == decoded)
                    return {page.source_path, link.line, link.col};
        Origin in_file = find_literal(page.source_path, file_text(page.source_path), url);
        if (in_file.line > 0) return in_file;
    }
    if (!output.template_path.empty()) {
        Origin in_template = find_literal(output.template_path, file_text(output.template_path), url);
        if (in_template.line > 0) return in_template;
    }
    for (const auto& path : input_.url_sources) {
        Origin anywhere = find_literal(path, file_text(path), url);
        if (anywhere.line > 0) return anywhere;
    }
    return {output.template_path.empty() ? output.source_path : output.template_path, 0, 0};
}

std::string OriginFinder::page_note(const HtmlOutput& output) {
    std::string note = "on " + url_of_output(output.output_path) + " (" + output.source_path;
    if (!output.template_path.empty()) note += ", template " + output.template_path;
    return note + ")";
}

}  // namespace portal::check
