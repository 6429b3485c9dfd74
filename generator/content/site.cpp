#include "content/site.h"

namespace portal::content {

const Section* Site::find_section(const std::string& path, const std::string& lang) const {
    for (const auto& section : sections)
        if (section.path == path && section.lang == lang) return &section;
    return nullptr;
}

void release_rendered_text(Site& site) {
    for (auto& page : site.pages) {
        // swap with empty ones: clear() would keep the capacity.
        std::string().swap(page.content.html);
        std::string().swap(page.content.summary_html);
        std::string().swap(page.content.plain_text);
        std::vector<markdown::Heading>().swap(page.content.toc);
    }
}

std::string section_url(const std::string& url_prefix, const std::string& section_path) {
    std::string url = url_prefix + "/";
    if (!section_path.empty()) url += section_path + "/";
    return url;
}

}  // namespace portal::content
