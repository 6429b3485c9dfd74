// Rendering every output file of the site with the templates, in parallel:
// pages, section lists (paginated), taxonomy indexes and term pages
// (paginated), and the home page of each language.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "build/template_values.h"
#include "content/site.h"
#include "check/page_links.h"
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
    bool reused = false;  // not rendered: the build cache says the live tree's file is still right (no data)
    // Written out as soon as it was rendered (BuildCache::write_early), its
    // `data` released: a first build. `content`: the bytes' hash_bytes;
    // `early`: an HTML page's link record, for the link check (its targets
    // unchecked) and the next build.
    bool in_spare = false;
    std::uint64_t content = 0;
    std::shared_ptr<check::PageLinks> early = nullptr;
};

// Whether an output is an HTML page (the link check reads those; the base path goes into those).
inline bool is_html_output(std::string_view path) { return path.ends_with(".html"); }

// One output to render: which template, with which context.
struct RenderJob {
    std::string output_path;
    std::string template_name;
    std::string source_path;  // the content file (or config entry), for messages
    std::size_t page = content::no_page;
    std::size_t language = 0; // index into the configured languages (and SiteValues::globals)
    tmpl::Value context;
};

struct RenderPlan {
    std::vector<RenderJob> jobs;     // pages by source path, then sections, then taxonomies
    std::vector<Diagnostic> errors;  // missing templates
    // Values held by many jobs' contexts and by no site value: each list's
    // page links, in every paginator of the list. The fingerprints hash each
    // once (hashed with every paginator, a list of P pages cost P x P).
    std::vector<tmpl::Value> shared;
};

struct RenderSettings {
    bool strict = false;
    std::string base_url;   // Config::base_url
    std::string base_path;  // Config::base_path(): put before site-relative URLs of HTML outputs
};

// Called for each output as soon as it is rendered (base path added), from
// the pool's threads: may write it out and take its bytes.
using OnRendered = std::function<void(RenderedFile&, const RenderSettings&)>;

// The host filters (dates, text) every template may use, built once.
const tmpl::HostFilters& host_filters();

// Their names.
std::vector<std::string> host_filter_names();

// Every templated output of the site, planned but not rendered.
RenderPlan plan_outputs(const content::Site& site, const SiteValues& values, const tmpl::TemplateStore& templates,
                        const WorkerPool& pool);

// Other work run in the render's loop, as its first items (so what is listed
// first starts first): `work(i)` for i in [0, count), from the pool's threads.
struct BesideRender {
    std::size_t count = 0;
    std::function<void(std::size_t)> work;
};

// Renders the planned jobs, in parallel; with `wanted`, only jobs i where
// wanted[i] (the others come back `reused`, without data). Errors of the plan
// and of every render come back together. The plan is only read: portal
// serve keeps it for the next build (build/hot_rebuild.h). `on_rendered`,
// when given, sees each output rendered without error. `beside`, when given,
// runs in the same loop, before the first job is taken.
Result<std::vector<RenderedFile>> render_planned(const RenderPlan& plan, const std::vector<char>* wanted,
                                                 const SiteValues& values, const tmpl::TemplateStore& templates,
                                                 const RenderSettings& settings, const WorkerPool& pool,
                                                 const OnRendered* on_rendered = nullptr,
                                                 const BesideRender* beside = nullptr);

// plan_outputs, then render_planned of every job.
// Results come in a fixed order (pages by source path, then sections, then
// taxonomies), whatever the number of threads.
Result<std::vector<RenderedFile>> render_outputs(const content::Site& site, const SiteValues& values,
                                                 const tmpl::TemplateStore& templates, const RenderSettings& settings,
                                                 const WorkerPool& pool);

}  // namespace portal::build
