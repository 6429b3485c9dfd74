// The template store: every template of a site and its theme, parsed once,
// rendered many times from many threads.
//
//   auto store = TemplateStore::load({"templates", "themes/default/templates"});
//   if (!store) { report(store.errors()); }          // all parse errors at once
//   RenderOptions opts;
//   opts.globals = &globals;                         // t(), site-wide values
//   opts.filters = &filters;                         // date filters, ...
//   Result<std::string> html = store->render("page.html", page_context, opts);
//
// `render` is const and thread-safe: it reads the parsed templates and the
// values it is given and writes only its own output string. Templates use a
// documented subset of Jinja2 with Jinja's output, byte for byte (see
// docs/templates.md).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.h"
#include "template/value.h"

namespace portal::tmpl {

struct Template;

// When `{{ x }}` escapes HTML. `by_extension` (the default) follows Jinja's
// select_autoescape(["html", "htm", "xml"]) plus a few more markup types:
// templates named *.html, *.htm, *.xml, *.xhtml, *.svg, *.rss and *.atom
// escape, everything else (*.txt, *.ics, *.json, names without extension)
// does not.
enum class Autoescape { by_extension, always, never };
bool autoescape_by_name(std::string_view template_name);

// A filter written by the host: `{{ page.date|date("%Y") }}` calls it with the
// date as `input` and "%Y" as args[0]. Errors without a path get the position
// of the filter in the template.
using HostFilter = std::function<Result<Value>(const Value& input, const CallArgs& args)>;
using HostFilters = std::unordered_map<std::string, HostFilter>;

struct RenderOptions {
    // Jinja's StrictUndefined: using an undefined value (printing, testing,
    // iterating, comparing it) is an error naming the variable; only
    // `is defined`, `is undefined` and the `default` filter accept it.
    bool strict_undefined = false;
    Autoescape autoescape = Autoescape::by_extension;
    // Host filters by name. Every name must also be declared when the store
    // is built (StoreOptions::host_filters) so templates are checked then.
    // Not owned; must outlive the render.
    const HostFilters* filters = nullptr;
    // A map of values visible in every template, including imported macro
    // files (which do not see the render context, as in Jinja). Put host
    // functions like `t("key")` here. Not owned; must outlive the render.
    const Value* globals = nullptr;
};

struct StoreOptions {
    // Names of the host filters (RenderOptions::filters); any other unknown
    // filter name in a template is a parse error.
    std::vector<std::string> host_filters;
};

// A template given as text (tests, generated templates).
struct TemplateSource {
    std::string name;  // the name templates use: "partials/nav.html"
    std::string text;
    std::string path;  // for messages; defaults to `name`
};

class TemplateStore {
public:
    TemplateStore() = default;

    // Loads every file below each directory, named by its path relative to
    // that directory with '/' separators. A name found in an earlier
    // directory hides the same name in later ones (site templates override
    // the theme). Hidden files and directories (".x") and editor backups
    // ("x~") are skipped; a directory that does not exist is skipped too.
    // Reports every parse error of every template, positions in the file
    // paths as given (directory / name).
    static Result<TemplateStore> load(const std::vector<std::filesystem::path>& directories,
                                      const StoreOptions& options = {});

    // Builds a store from texts; later sources with the same name are ignored.
    static Result<TemplateStore> from_sources(const std::vector<TemplateSource>& sources,
                                              const StoreOptions& options = {});

    // Renders template `name` with `context` (a map: its keys are the
    // template's variables). Errors carry the template file, line and column
    // of the failing expression.
    Result<std::string> render(std::string_view name, const Value& context, const RenderOptions& options = {}) const;

    bool contains(std::string_view name) const { return find(name) != nullptr; }
    const Template* find(std::string_view name) const;
    // All template names, sorted.
    std::vector<std::string> names() const;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::shared_ptr<const Template>, Hash, std::equal_to<>> templates_;
};

}  // namespace portal::tmpl
