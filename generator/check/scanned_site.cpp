#include "check/scanned_site.h"

namespace portal::check {

ScannedSite::ScannedSite(const CheckInput& input, const WorkerPool& pool)
    : input_(input), documents_(input.pages.size()), urls_(input.pages.size()),
      base_path_(input.site->config.base_path()), files_(input.output_paths.size()) {
    if (!base_path_.empty()) served_urls_.resize(input.pages.size());
    // The pages' paths are among the output paths: pages first, so they keep their index.
    for (std::size_t i = 0; i < input.pages.size(); ++i)
        files_.insert(input.pages[i].output_path, static_cast<std::uint32_t>(i));
    for (const auto& path : input.output_paths) files_.insert(path, kNotAPage);
    // Only pages read now need their URL (to resolve what they link to): a
    // hot rebuild reads a handful of its ~29,000 pages, and making every URL
    // was a twentieth of it.
    pool.for_each_index(input.pages.size(), [&](std::size_t i) {
        if (input.pages[i].record()) return;
        urls_[i] = url_of_output(input.pages[i].output_path);
        if (!base_path_.empty()) served_urls_[i] = base_path_ + urls_[i];
        documents_[i] = html::scan(input.pages[i].html);
    });
}

Target ScannedSite::resolve(std::size_t page, std::string_view url) const {
    return resolve_on_site(url, base_path_.empty() ? urls_[page] : served_urls_[page], input_.site->config.base_url,
                           base_path_);
}

std::string ScannedSite::file_for(const Target& target) const {
    std::string scratch;
    return std::string(file_for(target.path, target.outside_base, scratch));
}

std::string_view ScannedSite::file_for(std::string_view path, bool outside_base, std::string& scratch) const {
    if (outside_base) return {};
    return output_file_for(path, scratch, [this](std::string_view rel) {
        const auto found = files_.find(rel);
        return found ? found->key : std::string_view();
    });
}

std::size_t ScannedSite::page_at(std::string_view output_path) const {
    const auto found = files_.find(output_path);
    return found && found->value != kNotAPage ? found->value : npos;
}

}  // namespace portal::check
