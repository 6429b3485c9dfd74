#include "template/store.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "template/interp.h"
#include "template/parser.h"

namespace portal::tmpl {

bool autoescape_by_name(std::string_view name) {
    static constexpr std::string_view kMarkup[] = {".html", ".htm", ".xml", ".xhtml", ".svg", ".rss", ".atom"};
    std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return false;
    std::string ext;
    for (char c : name.substr(dot)) ext += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (std::string_view m : kMarkup)
        if (ext == m) return true;
    return false;
}

namespace {

ParseOptions parse_options(const StoreOptions& options) { return ParseOptions{options.host_filters}; }

bool skipped(const std::filesystem::path& p) {
    std::string name = p.filename().string();
    return name.empty() || name[0] == '.' || name.back() == '~';
}

}  // namespace

Result<TemplateStore> TemplateStore::from_sources(const std::vector<TemplateSource>& sources,
                                                  const StoreOptions& options) {
    TemplateStore store;
    std::vector<Diagnostic> errors;
    ParseOptions po = parse_options(options);
    for (const TemplateSource& src : sources) {
        if (store.templates_.count(src.name)) continue;
        auto parsed = parse_template(src.name, src.path.empty() ? src.name : src.path, src.text, po);
        if (!parsed) {
            errors.insert(errors.end(), parsed.errors().begin(), parsed.errors().end());
            continue;
        }
        store.templates_.emplace(src.name, std::move(parsed.value()));
    }
    if (!errors.empty()) return errors;
    return store;
}

Result<TemplateStore> TemplateStore::load(const std::vector<std::filesystem::path>& directories,
                                          const StoreOptions& options) {
    namespace fs = std::filesystem;
    std::vector<TemplateSource> sources;
    std::vector<Diagnostic> errors;
    for (const fs::path& dir : directories) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<fs::path> files;
        fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec), end;
        if (ec) {
            errors.push_back(make_error(dir.string(), 0, 0, "cannot read the template directory: " + ec.message()));
            continue;
        }
        for (; it != end; it.increment(ec)) {
            if (ec) {
                errors.push_back(make_error(dir.string(), 0, 0, "cannot read the template directory: " + ec.message()));
                break;
            }
            if (skipped(it->path())) {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file()) files.push_back(it->path());
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& file : files) {
            std::string name = file.lexically_relative(dir).generic_string();
            std::ifstream in(file, std::ios::binary);
            if (!in) {
                errors.push_back(make_error(file.string(), 0, 0, "cannot read the template file"));
                continue;
            }
            std::ostringstream text;
            text << in.rdbuf();
            sources.push_back(TemplateSource{std::move(name), text.str(), file.string()});
        }
    }
    auto store = from_sources(sources, options);
    if (!store) errors.insert(errors.end(), store.errors().begin(), store.errors().end());
    if (!errors.empty()) {
        Diagnostics all;
        all.add_all(errors);
        all.sort();
        return all.items();
    }
    return store;
}

const Template* TemplateStore::find(std::string_view name) const {
    auto it = templates_.find(name);
    return it == templates_.end() ? nullptr : it->second.get();
}

std::vector<std::string> TemplateStore::names() const {
    std::vector<std::string> out;
    for (const auto& [name, t] : templates_) out.push_back(name);
    std::sort(out.begin(), out.end());
    return out;
}

Result<std::string> TemplateStore::render(std::string_view name, const Value& context,
                                          const RenderOptions& options) const {
    const Template* t = find(name);
    if (!t) return make_error("", 0, 0, "template `" + std::string(name) + "` not found");
    std::string out;
    out.reserve(t->source.size() * 2);
    try {
        Interp interp(*this, options, context);
        interp.render_page(*t, out);
    } catch (RenderError& e) {
        return std::move(e.diagnostic);
    }
    // A build holds every rendered page until it writes them; the string grew
    // by doubling, so without this up to half of that memory is slack.
    out.shrink_to_fit();
    return out;
}

}  // namespace portal::tmpl
