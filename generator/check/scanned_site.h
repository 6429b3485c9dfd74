// The generated site as the checks see it: every HTML page parsed once (in
// parallel) and an index of every output file, so a URL can be resolved to
// the file a static server would answer with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/flat_index.h"
#include "check/check.h"
#include "check/resolve_url.h"
#include "html/scan.h"

namespace portal::check {

class ScannedSite {
public:
    ScannedSite(const CheckInput& input, const WorkerPool& pool);

    const CheckInput& input() const { return input_; }
    const content::Site& site() const { return *input_.site; }
    std::size_t size() const { return documents_.size(); }
    const HtmlOutput& output(std::size_t page) const { return input_.pages[page]; }
    const html::Document& document(std::size_t page) const { return documents_[page]; }
    // The ids of a page, scanned or from its record (`known` or `early`).
    const std::vector<std::string>& ids(std::size_t page) const {
        const LinkRecord* record = input_.pages[page].record();
        return record ? record->ids : documents_[page].ids;
    }
    // The site URL of a page read (not `known` or `early`: empty for those, whose
    // targets were resolved when they were read).
    const std::string& url(std::size_t page) const { return urls_[page]; }

    // `url` as written on page `page`, resolved.
    Target resolve(std::size_t page, std::string_view url) const;
    // The output file serving an internal target's path; empty when none.
    std::string file_for(const Target& target) const;
    // The same without a copy: a view of the output path the site holds.
    // `scratch` is reused for the names looked up (1.7 million at N = 10,000).
    std::string_view file_for(std::string_view path, bool outside_base, std::string& scratch) const;
    // The HTML page written to `output_path`, or npos.
    std::size_t page_at(std::string_view output_path) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    const CheckInput& input_;
    std::vector<html::Document> documents_;  // empty for a page read from its record
    std::vector<std::string> urls_;
    std::vector<std::string> served_urls_;  // base_path_ + urls_[page]; empty without a base path
    std::string base_path_;  // Config::base_path(): "" or "/pr/42"
    // Views into the input's paths (it outlives this): copying 60,000 paths
    // was a tenth of a one-edit rebuild at N = 10,000.
    // Every output path, with its page's index (kNotAPage for the other files).
    static constexpr std::uint32_t kNotAPage = 0xFFFFFFFF;
    FlatIndex files_;
};

}  // namespace portal::check
