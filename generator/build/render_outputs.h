// Rendering every output file of the site with the templates, in parallel:
// pages, section lists (paginated), taxonomy indexes and term pages
// (paginated), and the home page of each language.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "build/template_values.h"
#include "content/site.h"
#include "template/store.h"

namespace portal::build {

struct RenderedFile {
    std::string output_path;  // relative to the output directory
    std::string data;
    // Where it came from, for the link checker's messages (empty for outputs
    // that no template rendered: feeds, calendars).
    std::string source_path;    // content file, content folder or config.toml
    std::string template_name;  // "cases/page.html"
    std::size_t page = content::no_page;  // the content page shown (a list's _index page)
};

struct RenderSettings {
    bool strict = false;
};

// The host filters (dates, text) every template may use, built once.
const tmpl::HostFilters& host_filters();

// Their names.
std::vector<std::string> host_filter_names();

// Results come in a fixed order (pages by source path, then sections, then
// taxonomies), whatever the number of threads.
Result<std::vector<RenderedFile>> render_outputs(const content::Site& site, const SiteValues& values,
                                                 const tmpl::TemplateStore& templates, const RenderSettings& settings,
                                                 const WorkerPool& pool);

}  // namespace portal::build
