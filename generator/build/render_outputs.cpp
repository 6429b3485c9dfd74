#include "build/render_outputs.h"

#include "build/base_path.h"

#include <optional>

#include "build/date_filters.h"
#include "build/pagination.h"
#include "build/text_filters.h"
#include "build/url_filters.h"
#include "build/value_keys.h"

namespace portal::build {

using tmpl::Value;

namespace {

class Planner {
public:
    Planner(const content::Site& site, const SiteValues& values, const tmpl::TemplateStore& templates)
        : site_(site), values_(values), templates_(templates), menus_(site.config) {}

    std::vector<RenderJob> jobs;
    std::vector<Diagnostic> errors;
    std::vector<Value> shared;  // RenderPlan::shared

    // In parallel (a job per page, 20,000 at N = 10,000: a tenth of a
    // second on one thread), landing by page index, so in page order.
    void plan_pages(const WorkerPool& pool) {
        std::vector<std::optional<RenderJob>> planned(site_.pages.size());
        std::vector<std::optional<Diagnostic>> failed(site_.pages.size());
        pool.for_each_index(site_.pages.size(), [&](std::size_t i) {
            const content::Page& page = site_.pages[i];
            if (page.is_section_index) return;  // rendered as its section's list page
            std::string name;
            if (!page.template_name.empty()) {
                name = first_template({page.template_name});
                if (name.empty())
                    failed[i] = make_error(page.source_path, 0, 0, "template `" + page.template_name + "` not found",
                                           "create it under templates/ or remove `template` from the front matter");
            } else {
                name = first_template({page.section + "/page.html", "page.html"});
                if (name.empty()) failed[i] = missing_template(page.source_path, {page.section + "/page.html", "page.html"});
            }
            if (name.empty()) return;
            const std::size_t lang = language_index(site_.config, page.lang);
            planned[i] = job(page.output_path, name, page.source_path, lang, page.url,
                             {{"page", values_.pages[i]}, {"section", values_.sections[page.section_index]}});
            planned[i]->page = i;
        });
        for (std::size_t i = 0; i < site_.pages.size(); ++i) {
            if (failed[i]) errors.push_back(std::move(*failed[i]));
            if (planned[i]) jobs.push_back(std::move(*planned[i]));
        }
    }

    // A section's list pages and a taxonomy's or term's: planned side by
    // side (~8,800 list pages at N = 10,000, each a map of its own: ~40 ms
    // of one thread), each part into its own Planned, joined in order.
    struct Planned {
        std::vector<RenderJob> jobs;
        std::vector<Diagnostic> errors;
        std::vector<Value> shared;
    };

    void plan_sections(const WorkerPool& pool) {
        std::vector<Planned> parts(site_.sections.size());
        pool.for_each_index(parts.size(), [&](std::size_t i) { plan_section(i, parts[i]); });
        join(parts);
    }

    void plan_taxonomies(const WorkerPool& pool) {
        // One part for each taxonomy's own page, then one per term.
        std::vector<std::pair<std::size_t, std::size_t>> items;  // (taxonomy, term or npos)
        for (std::size_t i = 0; i < site_.taxonomies.size(); ++i) {
            items.emplace_back(i, std::string::npos);
            for (std::size_t t = 0; t < site_.taxonomies[i].terms.size(); ++t) items.emplace_back(i, t);
        }
        std::vector<Planned> parts(items.size());
        pool.for_each_index(items.size(), [&](std::size_t k) { plan_taxonomy(items[k].first, items[k].second, parts[k]); });
        join(parts);
    }

    // The 404 page of each language, when the theme has 404.html: /404.html,
    // /en/404.html. With the home section as `section`, so it can list the sections.
    void plan_not_found() {
        if (!templates_.contains("404.html")) return;
        for (std::size_t lang = 0; lang < site_.config.languages.size(); ++lang) {
            const config::Language& language = site_.config.languages[lang];
            const std::string url = not_found_url(language);
            Entries entries{{"page", values_.not_found[lang]}};
            for (std::size_t i = 0; i < site_.sections.size(); ++i)
                if (site_.sections[i].path.empty() && site_.sections[i].lang == language.code)
                    entries.emplace_back("section", values_.sections[i]);
            add(url.substr(1), "404.html", site_.config.source_path, lang, url, std::move(entries));
        }
    }

private:
    void plan_section(std::size_t i, Planned& out) {
        const content::Section& section = site_.sections[i];
        const std::string source = section.index_page != content::no_page
                                       ? site_.pages[section.index_page].source_path
                                       : "content/" + section.path;
        const std::string name =
            section.path.empty() ? require_template(source, {"index.html"}, out)
                                 : require_template(source, {section.path + "/section.html", "section.html"}, out);
        if (name.empty()) return;
        std::vector<Value> items;
        for (std::size_t p : section.pages) items.push_back(values_.pages[p]);
        const std::size_t lang = language_index(site_.config, section.lang);
        Pagination list = paginate(items, section.url, page_size(section));
        out.shared.push_back(std::move(list.links));
        for (auto& list_page : list.pages) {
            out.jobs.push_back(job(list_page.url.substr(1) + "index.html", name, source, lang, list_page.url,
                                   {{"page", values_.sections[i]},
                                    {"section", values_.sections[i]},
                                    {"paginator", list_page.paginator}}));
            out.jobs.back().page = section.index_page;
        }
    }

    // Taxonomy `i`'s own page (term == npos) or its term `term`'s list pages.
    // Each part looks for the taxonomy's two templates, so a missing one is
    // reported once, by the taxonomy's own part.
    void plan_taxonomy(std::size_t i, std::size_t term, Planned& out) {
        const content::TaxonomyIndex& index = site_.taxonomies[i];
        const std::string source = site_.config.source_path;
        const std::size_t lang = language_index(site_.config, index.lang);
        const Value& taxonomy = values_.taxonomies[i];
        Planned ignored;  // the terms' own reports of a missing template
        Planned& reports = term == std::string::npos ? out : ignored;
        const std::string list_name = require_template(source, {index.name + "/taxonomy.html", "taxonomy.html"}, reports);
        const std::string term_name = require_template(source, {index.name + "/term.html", "term.html"}, reports);
        if (list_name.empty() || term_name.empty()) return;
        if (term == std::string::npos) {
            out.jobs.push_back(job(index.url.substr(1) + "index.html", list_name, source, lang, index.url,
                                   {{"taxonomy", taxonomy}, {"page", *taxonomy.find("page")}}));
            return;
        }
        const content::Term& the_term = index.terms[term];
        const Value& term_value = taxonomy.find("terms")->items()[term];
        std::vector<Value> items(term_value.find("pages")->items().begin(), term_value.find("pages")->items().end());
        Pagination list = paginate(items, the_term.url, site_.config.paginate_by);
        out.shared.push_back(std::move(list.links));
        for (auto& list_page : list.pages)
            out.jobs.push_back(job(list_page.url.substr(1) + "index.html", term_name, source, lang, list_page.url,
                                   {{"taxonomy", taxonomy},
                                    {"term", term_value},
                                    {"page", *term_value.find("page")},
                                    {"paginator", list_page.paginator}}));
    }

    void join(std::vector<Planned>& parts) {
        for (Planned& part : parts) {
            for (auto& planned : part.jobs) jobs.push_back(std::move(planned));
            for (auto& error : part.errors) errors.push_back(std::move(error));
            for (auto& links : part.shared) shared.push_back(std::move(links));
        }
    }

    std::string first_template(std::initializer_list<std::string> candidates) const {
        for (const auto& name : candidates)
            if (templates_.contains(name)) return name;
        return {};
    }

    static Diagnostic missing_template(const std::string& source, std::initializer_list<std::string> candidates) {
        std::string tried;
        for (const auto& c : candidates) tried += (tried.empty() ? "" : " or ") + c;
        return make_error(source, 0, 0, "no template to render this: the theme needs " + tried);
    }

    std::string require_template(const std::string& source, std::initializer_list<std::string> candidates,
                                 Planned& out) const {
        std::string name = first_template(candidates);
        if (name.empty()) out.errors.push_back(missing_template(source, candidates));
        return name;
    }

    int page_size(const content::Section& section) const {
        if (section.index_page != content::no_page)
            if (const auto* size = site_.pages[section.index_page].front_matter["paginate_by"].as_integer();
                size && size->get() > 0)
                return static_cast<int>(size->get());
        return site_.config.paginate_by;
    }

    // Thread-safe (MenuValues::get is).
    RenderJob job(std::string output_path, const std::string& name, const std::string& source, std::size_t lang,
                  const std::string& url, Entries entries) {
        entries.emplace_back("menus", menus_.get(lang, url));
        entries.emplace_back("current_url", Value::string(url));
        return {std::move(output_path), name, source, content::no_page, lang, make_map(std::move(entries))};
    }

    void add(std::string output_path, const std::string& name, const std::string& source, std::size_t lang,
             const std::string& url, Entries entries) {
        jobs.push_back(job(std::move(output_path), name, source, lang, url, std::move(entries)));
    }

    const content::Site& site_;
    const SiteValues& values_;
    const tmpl::TemplateStore& templates_;
    MenuValues menus_;
};

}  // namespace

const tmpl::HostFilters& host_filters() {
    static const tmpl::HostFilters filters = [] {
        tmpl::HostFilters merged = date_filters();
        for (const auto& [name, filter] : text_filters()) merged.emplace(name, filter);
        for (const auto& [name, filter] : url_filters()) merged.emplace(name, filter);
        return merged;
    }();
    return filters;
}

std::vector<std::string> host_filter_names() {
    std::vector<std::string> names;
    for (const auto& [name, filter] : host_filters()) names.push_back(name);
    return names;
}

RenderPlan plan_outputs(const content::Site& site, const SiteValues& values, const tmpl::TemplateStore& templates,
                        const WorkerPool& pool) {
    Planner planner(site, values, templates);
    planner.plan_pages(pool);
    planner.plan_sections(pool);
    planner.plan_taxonomies(pool);
    planner.plan_not_found();
    return {std::move(planner.jobs), std::move(planner.errors), std::move(planner.shared)};
}

Result<std::vector<RenderedFile>> render_planned(const RenderPlan& plan, const std::vector<char>* wanted,
                                                 const SiteValues& values, const tmpl::TemplateStore& templates,
                                                 const RenderSettings& settings, const WorkerPool& pool,
                                                 const OnRendered* on_rendered, const BesideRender* beside) {
    const std::vector<RenderJob>& jobs = plan.jobs;
    std::vector<Diagnostic> errors = plan.errors;

    // Each job's file, or the errors of its render.
    std::vector<std::optional<RenderedFile>> made(jobs.size());
    std::vector<std::vector<Diagnostic>> failed(jobs.size());
    const std::size_t first_job = beside ? beside->count : 0;
    pool.for_each_index(first_job + jobs.size(), [&](std::size_t item) {
        if (item < first_job) return beside->work(item);
        const std::size_t i = item - first_job;
        const RenderJob& job = jobs[i];
        if (wanted && !(*wanted)[i]) {
            made[i].emplace(RenderedFile{job.output_path, {}, job.source_path, job.template_name, job.page, true});
            return;
        }
        // The context's values and their entries (a page's title, URL,
        // content...) asked for before the templates read them. Two levels
        // only: a list page's `section.pages` holds its whole section.
        // Render stage at N = 10,000 (tmpfs, four alternating pairs): CPU
        // 1,283-1,337 -> 1,222-1,280 ms.
        tmpl::prefetch_blocks(job.context, 2);
        tmpl::RenderOptions options;
        options.strict_undefined = settings.strict;
        options.filters = &host_filters();
        options.globals = &values.globals[job.language];
        auto result = templates.render(job.template_name, job.context, options);
        if (!result.ok()) {
            failed[i] = result.errors();
            return;
        }
        const std::string& path = job.output_path;
        if (!settings.base_path.empty() && is_html_output(path))
            result.value() = add_base_path(result.value(), settings.base_path);
        made[i].emplace(RenderedFile{path, std::move(result.value()), job.source_path, job.template_name, job.page});
        if (on_rendered) (*on_rendered)(*made[i], settings);
    }, on_rendered ? WorkerPool::Waits::on_disk : WorkerPool::Waits::on_cpu);

    std::vector<RenderedFile> files;
    files.reserve(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        for (Diagnostic d : failed[i]) {
            // Say which content file was being rendered: the template is only half the story.
            d.hint += (d.hint.empty() ? "" : "; ") + std::string("while rendering ") + jobs[i].source_path;
            errors.push_back(std::move(d));
        }
        if (made[i]) files.push_back(std::move(*made[i]));
    }
    if (!errors.empty()) return errors;
    return files;
}

Result<std::vector<RenderedFile>> render_outputs(const content::Site& site, const SiteValues& values,
                                                 const tmpl::TemplateStore& templates, const RenderSettings& settings,
                                                 const WorkerPool& pool) {
    return render_planned(plan_outputs(site, values, templates, pool), nullptr, values, templates, settings, pool);
}

}  // namespace portal::build
