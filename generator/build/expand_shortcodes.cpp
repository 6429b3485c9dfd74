#include "build/expand_shortcodes.h"

#include "base/suggest.h"

#include <map>
#include <optional>
#include <set>

#include "build/chart_function.h"
#include "build/render_outputs.h"
#include "build/template_values.h"
#include "build/translate_function.h"
#include "build/value_keys.h"
#include "content/summary.h"
#include "html/scan.h"

namespace portal::build {

using tmpl::CallArgs;
using tmpl::Value;

namespace {

// "content/measures/x.ja.md", "measures/x.md", "/measures/x" → "measures/x".
std::string normalize_content_path(std::string path) {
    if (path.rfind("content/", 0) == 0) path.erase(0, 8);
    while (!path.empty() && path.front() == '/') path.erase(0, 1);
    while (!path.empty() && path.back() == '/') path.pop_back();
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0) path.resize(path.size() - 3);
    for (const char* suffix : {".ja", ".en"})
        if (path.size() > 3 && path.compare(path.size() - 3, 3, suffix) == 0) path.resize(path.size() - 3);
    return path;
}

struct PageIndex {
    std::map<std::pair<std::string, std::string>, std::size_t> by_path;  // (section/slug, lang) → page

    explicit PageIndex(const content::Site& site) {
        for (std::size_t i = 0; i < site.pages.size(); ++i) {
            const auto& page = site.pages[i];
            std::string key = page.section.empty() ? page.file_slug : page.section + "/" + page.file_slug;
            if (page.is_section_index) key = page.section;
            by_path[{key, page.lang}] = i;
        }
    }
};

struct Expander {
    const content::Site& site;
    const tmpl::TemplateStore& templates;
    const PageIndex& index;
    const std::vector<Value>& globals_by_language;

    Value ref_function(const content::Page& page) const {
        return Value::function(
            [this, lang = page.lang](const CallArgs& args) -> Result<Value> {
                if (args.positional.empty() || !args.positional[0]->is_string())
                    return make_error("", 0, 0, "ref() needs a content path, e.g. ref(\"measures/telework-month-2025\")");
                const std::string path = normalize_content_path(args.positional[0]->as_string());
                auto it = index.by_path.find({path, lang});
                if (it == index.by_path.end())
                {
                    std::vector<std::string> paths;
                    for (const auto& [key, page_index] : index.by_path)
                        if (key.second == lang) paths.push_back(key.first);
                    return make_coded("E0304", "", 0, 0,
                                      {{"lang", lang}, {"path", path}, {"suggestion", nearest_match(path, paths)}});
                }
                const auto& target = site.pages[it->second];
                return make_map(Entries{{"url", Value::string(target.url)}, {"title", Value::string(target.title)}});
            },
            "ref");
    }

    Value asset_function(const content::Page& page) const {
        return Value::function(
            [this, section = page.section](const CallArgs& args) -> Result<Value> {
                // An empty name is as wrong as none (and has no first character to look at).
                if (args.positional.empty() || !args.positional[0]->is_string() ||
                    args.positional[0]->as_string().empty())
                    return make_error("", 0, 0, "asset() needs a file name");
                const std::string& src = args.positional[0]->as_string();
                if (src.rfind("https://", 0) == 0 || src.rfind("http://", 0) == 0) return Value::string(src);
                std::string rel = src.front() == '/' ? src.substr(1) : (section.empty() ? "" : section + "/") + src;
                for (const auto& file : site.static_files)
                    if (file == rel) return Value::string("/" + rel);
                return make_coded("E0305", "", 0, 0, {{"file", rel}});
            },
            "asset");
    }

    Result<std::string> render_call(const content::Page& page, const content::ShortcodeCall& call) const {
        const std::string name = "shortcodes/" + call.name + ".html";
        if (!templates.contains(name)) {
            std::string known;
            for (const auto& n : templates.names())
                if (n.rfind("shortcodes/", 0) == 0) known += (known.empty() ? "" : ", ") + n.substr(11, n.size() - 16);
            std::vector<std::string> names;
            for (const auto& n : templates.names())
                if (n.rfind("shortcodes/", 0) == 0) names.push_back(n.substr(11, n.size() - 16));
            return make_coded("E0301", page.source_path, call.line, call.col,
                              {{"name", call.name}, {"values", known}, {"suggestion", nearest_match(call.name, names)}});
        }
        Entries named;
        for (const auto& [key, value] : call.named) named.emplace_back(key, Value::string(value));
        std::vector<Value> positional;
        for (const auto& value : call.positional) positional.push_back(Value::string(value));
        std::string body;
        if (call.paired) {
            markdown::Options options;
            options.unsafe_html = site.config.unsafe_html;
            options.heading_ids = false;  // ids inside a callout would not be in the page's toc
            body = markdown::render(call.body_markdown, options).html;
        }
        Entries globals_entries;
        const Value& language_globals = globals_by_language[language_index(site.config, page.lang)];
        for (const auto& entry : language_globals.entries())
            globals_entries.emplace_back(entry.key.as_string(), entry.value);
        globals_entries.emplace_back("ref", ref_function(page));
        globals_entries.emplace_back("asset", asset_function(page));
        globals_entries.emplace_back("fail", Value::function(
            [](const CallArgs& args) -> Result<Value> {
                return make_error("", 0, 0, args.positional.empty() ? "shortcode failed" : args.positional[0]->to_string());
            }, "fail"));
        const Value globals = make_map(std::move(globals_entries));
        const Value context = make_map(Entries{
            {"args", make_map(std::move(named))},
            {"params", Value::list(std::move(positional))},
            {"body", Value::safe(std::move(body))},
            // Whether a closing tag was found: a shortcode that wraps text can refuse to be used without one.
            {"paired", Value::boolean(call.paired)},
            {"page", make_map(Entries{{"title", Value::string(page.title)},
                                        {"url", Value::string(page.url)},
                                        {"lang", Value::string(page.lang)},
                                        {"section", Value::string(page.section)},
                                        {"slug", Value::string(page.slug)}})}});
        tmpl::RenderOptions options;
        options.globals = &globals;
        options.filters = &host_filters();
        auto rendered = templates.render(name, context, options);
        if (rendered) return rendered;
        // Point at the shortcode in the content file; the template position goes in the hint.
        std::vector<Diagnostic> errors;
        for (const auto& e : rendered.errors()) {
            std::string where = e.path.empty() ? "" : e.path + ":" + std::to_string(e.line);
            // The engine names the failing function ("`ref`: ..."); the shortcode name says it better.
            std::string message = e.message;
            for (const char* prefix : {"`fail`: ", "`ref`: ", "`asset`: "})
                if (message.rfind(prefix, 0) == 0) message.erase(0, std::string_view(prefix).size());
            if (e.code == "E0304" || e.code == "E0305") {
                DiagnosticArgs args = e.args;
                args.emplace_back("name", call.name);
                errors.push_back(make_coded(e.code, page.source_path, call.line, call.col, std::move(args)));
                continue;
            }
            errors.push_back(make_coded("E0303", page.source_path, call.line, call.col,
                                        {{"name", call.name}, {"detail", message},
                                         {"hint", e.hint.empty() ? "raised in " + where : e.hint}}));
        }
        return errors;
    }
};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// A shortcode alone in its paragraph replaces the paragraph; otherwise it is inline.
void substitute(std::string& html, const std::string& token, const std::string& output) {
    replace_all(html, "<p>" + token + "</p>", output);
    replace_all(html, token, output);
}

}  // namespace

Result<bool> expand_shortcodes(content::Site& site, const tmpl::TemplateStore& templates,
                               const i18n::UiStrings& strings, const WorkerPool& pool,
                               const std::vector<std::size_t>* only) {
    std::vector<std::size_t> with_shortcodes;
    if (only) {
        for (std::size_t i : *only)
            if (!site.pages[i].shortcodes.empty()) with_shortcodes.push_back(i);
    } else {
        for (std::size_t i = 0; i < site.pages.size(); ++i)
            if (!site.pages[i].shortcodes.empty()) with_shortcodes.push_back(i);
    }
    if (with_shortcodes.empty()) return true;

    const PageIndex index(site);
    const Value data = data_value(site);
    const Value t_in = translate_in_function(strings);
    std::vector<Value> globals;
    for (const auto& language : site.config.languages)
        globals.push_back(make_map(Entries{{"t", translate_function(strings, language.code)},
                                             {"t_in", t_in},
                                             {"data", data},
                                             {"lang", Value::string(language.code)},
                                             {"chart", chart_function(site, language.code)}}));
    const Expander expander{site, templates, index, globals};

    std::vector<std::vector<Diagnostic>> errors(with_shortcodes.size());
    std::vector<content::Page*> pages;
    for (std::size_t i : with_shortcodes) pages.push_back(&site.pages[i]);
    pool.for_each_index(pages.size(), [&](std::size_t k) {
        content::Page& page = *pages[k];
        for (const auto& call : page.shortcodes) {
            auto output = expander.render_call(page, call);
            if (!output) {
                errors[k].insert(errors[k].end(), output.errors().begin(), output.errors().end());
                continue;
            }
            for (const auto& reference : html::scan(*output).references)
                page.shortcode_links.push_back({std::string(reference.url), call.line, call.col, reference.element() == "img", {}});
            substitute(page.content.html, call.token, *output);
            substitute(page.content.summary_html, call.token, *output);
            replace_all(page.content.plain_text, call.token, "");
        }
        if (page.summary_is_automatic) page.summary = content::automatic_summary(page.content.summary_html, site.config.summary_length);
    });
    std::vector<Diagnostic> all;
    for (auto& list : errors) all.insert(all.end(), list.begin(), list.end());
    if (!all.empty()) return all;
    return true;
}

}  // namespace portal::build
