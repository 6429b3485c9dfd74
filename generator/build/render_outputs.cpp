#include "build/render_outputs.h"

#include <optional>

#include "build/date_filters.h"

namespace portal::build {

using tmpl::Value;
using Entries = std::vector<std::pair<std::string, Value>>;

namespace {

struct RenderJob {
    std::string output_path;
    std::string template_name;
    std::string source_path;  // the content file, for messages
    Value context;
};

// The first of `candidates` the template store has, or "".
std::string first_template(const tmpl::TemplateStore& templates, std::initializer_list<std::string> candidates) {
    for (const auto& name : candidates)
        if (templates.contains(name)) return name;
    return {};
}

std::size_t language_index(const content::Site& site, const std::string& lang) {
    for (std::size_t i = 0; i < site.config.languages.size(); ++i)
        if (site.config.languages[i].code == lang) return i;
    return 0;
}

void plan_pages(const content::Site& site, const SiteValues& values, const tmpl::TemplateStore& templates,
                std::vector<RenderJob>& jobs, std::vector<Diagnostic>& errors) {
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const content::Page& page = site.pages[i];
        if (page.is_section_index) continue;  // rendered as its section's list page
        std::string name;
        if (!page.template_name.empty()) {
            name = first_template(templates, {page.template_name});
            if (name.empty())
                errors.push_back(make_error(page.source_path, 0, 0, "template `" + page.template_name + "` not found",
                                            "create it under templates/ or remove `template` from the front matter"));
        } else {
            name = first_template(templates, {page.section + "/page.html", "page.html"});
            if (name.empty())
                errors.push_back(make_error(page.source_path, 0, 0, "no template for this page",
                                            "the theme needs templates/page.html"));
        }
        if (name.empty()) continue;
        const content::Section* section = site.find_section(page.section, page.lang);
        Value section_value = Value::none();
        if (section) section_value = values.sections[static_cast<std::size_t>(section - site.sections.data())];
        jobs.push_back({page.output_path, name, page.source_path,
                        Value::map(Entries{{"page", values.pages[i]},
                                           {"section", section_value},
                                           {"site", values.sites[language_index(site, page.lang)]},
                                           {"lang", Value::string(page.lang)}})});
    }
}

void plan_sections(const content::Site& site, const SiteValues& values, const tmpl::TemplateStore& templates,
                   std::vector<RenderJob>& jobs, std::vector<Diagnostic>& errors) {
    for (std::size_t i = 0; i < site.sections.size(); ++i) {
        const content::Section& section = site.sections[i];
        const std::string source = section.index_page != content::no_page ? site.pages[section.index_page].source_path
                                                                          : "content/" + section.path;
        std::string name = section.path.empty()
                               ? first_template(templates, {"index.html"})
                               : first_template(templates, {section.path + "/section.html", "section.html"});
        if (name.empty()) {
            errors.push_back(make_error(source, 0, 0, "no template for section list `" + section.path + "`",
                                        "the theme needs templates/index.html and templates/section.html"));
            continue;
        }
        jobs.push_back({section.url.substr(1) + "index.html", name, source,
                        Value::map(Entries{{"page", values.sections[i]},
                                           {"section", values.sections[i]},
                                           {"site", values.sites[language_index(site, section.lang)]},
                                           {"lang", Value::string(section.lang)}})});
    }
}

}  // namespace

Result<std::vector<RenderedFile>> render_outputs(const content::Site& site, const SiteValues& values,
                                                 const tmpl::TemplateStore& templates, const RenderSettings& settings,
                                                 const WorkerPool& pool) {
    std::vector<RenderJob> jobs;
    std::vector<Diagnostic> errors;
    plan_pages(site, values, templates, jobs, errors);
    plan_sections(site, values, templates, jobs, errors);

    tmpl::RenderOptions options;
    options.strict_undefined = settings.strict;
    options.filters = &date_filters();

    std::vector<std::optional<Result<std::string>>> results(jobs.size());
    pool.for_each_index(jobs.size(), [&](std::size_t i) {
        results[i].emplace(templates.render(jobs[i].template_name, jobs[i].context, options));
    });

    std::vector<RenderedFile> files;
    files.reserve(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        auto& result = *results[i];
        if (!result.ok()) {
            for (Diagnostic d : result.errors()) {
                // Say which content file was being rendered: the template is only half the story.
                d.hint += (d.hint.empty() ? "" : "; ") + std::string("while rendering ") + jobs[i].source_path;
                errors.push_back(std::move(d));
            }
            continue;
        }
        files.push_back({std::move(jobs[i].output_path), std::move(result.value())});
    }
    if (!errors.empty()) return errors;
    return files;
}

}  // namespace portal::build
