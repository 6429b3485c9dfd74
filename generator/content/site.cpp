#include "content/site.h"

namespace portal::content {

const Section* Site::find_section(const std::string& path, const std::string& lang) const {
    for (const auto& section : sections)
        if (section.path == path && section.lang == lang) return &section;
    return nullptr;
}

void release_rendered_text(Site& site, const WorkerPool& pool) {
    pool.for_each_index(site.pages.size(), [&](std::size_t i) {
        auto& content = site.pages[i].content;
        // swap with empty ones: clear() would keep the capacity.
        std::string().swap(content.html);
        std::string().swap(content.summary_html);
        std::string().swap(content.plain_text);
        std::vector<markdown::Heading>().swap(content.toc);
    });
}

std::string section_url(const std::string& url_prefix, const std::string& section_path) {
    std::string url = url_prefix + "/";
    if (!section_path.empty()) url += section_path + "/";
    return url;
}

}  // namespace portal::content
