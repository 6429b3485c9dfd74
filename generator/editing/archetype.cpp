#include "editing/archetype.h"

#include "fs/files.h"
#include "template/store.h"

namespace portal::editing {

namespace stdfs = std::filesystem;

Result<std::string> render_archetype(const stdfs::path& root, const std::string& theme, const std::string& kind,
                                     const std::string& lang, const ArchetypeVariables& variables) {
    const std::string site = "archetypes/", theme_dir = "themes/" + theme + "/archetypes/";
    // The kind's own archetype wins over a default one, and the site's over
    // the theme's: a site's news.md replaces the theme's news.ja.md.
    const std::vector<std::string> candidates = {
        site + kind + "." + lang + ".md", site + kind + ".md", theme_dir + kind + "." + lang + ".md",
        theme_dir + kind + ".md", site + "default." + lang + ".md", site + "default.md",
        theme_dir + "default." + lang + ".md", theme_dir + "default.md"};
    for (const auto& rel : candidates) {
        std::error_code ec;
        if (!stdfs::is_regular_file(root / rel, ec)) continue;
        auto text = fs::read_file(root / rel, rel);
        if (!text) return text.errors();
        const std::string name = rel.substr(rel.rfind('/') + 1);
        auto store = tmpl::TemplateStore::from_sources({{name, *text, rel}});
        if (!store) return store.errors();
        tmpl::RenderOptions options;
        options.strict_undefined = true;
        options.autoescape = tmpl::Autoescape::never;
        std::vector<std::pair<std::string, tmpl::Value>> entries;
        for (const auto& [key, value] : variables) entries.emplace_back(key, tmpl::Value::string(value));
        auto rendered = store->render(name, tmpl::Value::map(std::move(entries)), options);
        // Like Jinja, the engine drops the template's last newline.
        if (rendered && (rendered->empty() || rendered->back() != '\n')) *rendered += '\n';
        return rendered;
    }
    for (const auto& [key, value] : variables)
        if (key == "front_matter") return "+++\n" + value + "+++\n";
    return std::string("+++\n+++\n");
}

}  // namespace portal::editing
