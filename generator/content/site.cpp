#include "content/site.h"

namespace portal::content {

const Section* Site::find_section(const std::string& path, const std::string& lang) const {
    for (const auto& section : sections)
        if (section.path == path && section.lang == lang) return &section;
    return nullptr;
}

std::string section_url(const std::string& url_prefix, const std::string& section_path) {
    std::string url = url_prefix + "/";
    if (!section_path.empty()) url += section_path + "/";
    return url;
}

}  // namespace portal::content
