#include "check/scanned_site.h"

namespace portal::check {

ScannedSite::ScannedSite(const CheckInput& input, const WorkerPool& pool)
    : input_(input), documents_(input.pages.size()), urls_(input.pages.size()) {
    files_.insert(input.output_paths.begin(), input.output_paths.end());
    for (std::size_t i = 0; i < input.pages.size(); ++i) {
        files_.insert(input.pages[i].output_path);
        page_by_output_.emplace(input.pages[i].output_path, i);
        urls_[i] = url_of_output(input.pages[i].output_path);
    }
    pool.for_each_index(input.pages.size(), [&](std::size_t i) { documents_[i] = html::scan(input.pages[i].html); });
}

Target ScannedSite::resolve(std::size_t page, std::string_view url) const {
    return resolve_url(url, urls_[page], input_.site->config.base_url);
}

std::string ScannedSite::file_for(const Target& target) const {
    return output_file_for(target.path, [this](const std::string& rel) { return files_.count(rel) > 0; });
}

std::size_t ScannedSite::page_at(const std::string& output_path) const {
    auto it = page_by_output_.find(output_path);
    return it == page_by_output_.end() ? npos : it->second;
}

}  // namespace portal::check
