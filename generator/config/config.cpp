#include "config/config.h"

#include <algorithm>
#include <toml++/toml.h>

#include "config/toml_parse.h"
#include "fs/files.h"

namespace portal::config {

namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }
int col_of(const toml::node& node) { return static_cast<int>(node.source().begin.column); }

class ConfigReader {
public:
    ConfigReader(const toml::table& root, std::string path) : root_(root), path_(std::move(path)) {}

    Result<Config> read() {
        Config config;
        config.source_path = path_;
        config.base_url = string_field(root_, "base_url", true);
        if (!config.base_url.empty() && config.base_url.back() != '/') config.base_url += '/';
        if (root_.contains("theme")) config.theme = string_field(root_, "theme", false);
        if (root_.contains("default_language")) config.default_language = string_field(root_, "default_language", false);
        if (const auto* markdown = root_["markdown"].as_table()) {
            if (const auto* unsafe = (*markdown)["unsafe_html"].as_boolean()) config.unsafe_html = unsafe->get();
        }
        read_security(config);
        config.paginate_by = positive_int(root_, "paginate_by", config.paginate_by);
        config.summary_length = positive_int(root_, "summary_length", config.summary_length);
        read_languages(config);
        read_taxonomies(config);
        read_related(config.related);
        if (!errors_.empty()) return errors_;
        return config;
    }

private:
    std::string string_field(const toml::table& table, const std::string& key, bool required) {
        const toml::node* node = table.get(key);
        if (!node) {
            if (required)
                errors_.push_back(make_error(path_, 1, 1, "missing required setting `" + key + "`",
                                             "add a line such as " + key + " = \"...\""));
            return {};
        }
        if (const auto* s = node->as_string()) return s->get();
        errors_.push_back(make_error(path_, line_of(*node), col_of(*node), "`" + key + "` must be a string"));
        return {};
    }

    int positive_int(const toml::table& table, const std::string& key, int fallback) {
        const toml::node* node = table.get(key);
        if (!node) return fallback;
        if (const auto* i = node->as_integer(); i && i->get() > 0 && i->get() < 100000) return static_cast<int>(i->get());
        errors_.push_back(make_error(path_, line_of(*node), col_of(*node), "`" + key + "` must be a positive whole number"));
        return fallback;
    }

    void read_taxonomies(Config& config) {
        const toml::node* node = root_.get("taxonomies");
        if (!node) return;
        const auto* array = node->as_array();
        if (!array) {
            errors_.push_back(make_error(path_, line_of(*node), col_of(*node), "`taxonomies` must be an array of tables",
                                         "write each as [[taxonomies]] with name = \"...\""));
            return;
        }
        for (const auto& item : *array) {
            const auto* table = item.as_table();
            if (!table) {
                errors_.push_back(make_error(path_, line_of(item), col_of(item), "a taxonomy must be a table"));
                continue;
            }
            Taxonomy taxonomy;
            taxonomy.line = line_of(item);
            taxonomy.name = string_field(*table, "name", true);
            taxonomy.url_segment = taxonomy.name;
            for (char& c : taxonomy.url_segment)
                if (c == '_') c = '-';  // URLs use hyphens
            if (table->contains("data")) {
                taxonomy.data = string_field(*table, "data", false);
                taxonomy.kind = Taxonomy::Kind::data_keys;
            }
            if (table->contains("kind")) {
                const std::string kind = string_field(*table, "kind", false);
                if (kind == "fiscal_year") taxonomy.kind = Taxonomy::Kind::fiscal_year;
                else if (kind != "free" && kind != "data")
                    errors_.push_back(make_error(path_, line_of(*table->get("kind")), col_of(*table->get("kind")),
                                                 "unknown taxonomy kind `" + kind + "`",
                                                 "use kind = \"fiscal_year\", or data = \"<data file>\" for keys"));
            }
            if (config.taxonomy(taxonomy.name))
                errors_.push_back(make_error(path_, taxonomy.line, 1, "taxonomy `" + taxonomy.name + "` declared twice"));
            config.taxonomies.push_back(std::move(taxonomy));
        }
    }

    // [security] content_security_policy = "...": one line, as it becomes an
    // HTTP header line in _headers.
    void read_security(Config& config) {
        const auto* table = root_["security"].as_table();
        if (!table || !table->contains("content_security_policy")) return;
        const toml::node& node = *table->get("content_security_policy");
        config.content_security_policy = string_field(*table, "content_security_policy", false);
        if (config.content_security_policy.find_first_of("\r\n") != std::string::npos)
            errors_.push_back(make_error(path_, line_of(node), col_of(node),
                                         "`content_security_policy` must be one line",
                                         "separate the directives with \"; \" on one line"));
    }

    // [related] sections = [...], limit = 5, [related.weights] topic = 3.0, ...
    void read_related(RelatedSettings& related) {
        const auto* table = root_["related"].as_table();
        if (!table) return;
        if (const auto* sections = (*table)["sections"].as_array()) {
            related.sections.clear();
            for (const auto& s : *sections)
                if (const auto* name = s.as_string()) related.sections.push_back(name->get());
        }
        related.limit = positive_int(*table, "limit", related.limit);
        if (const auto* weights = (*table)["weights"].as_table()) {
            related.weights.clear();
            for (const auto& [name, weight] : *weights) {
                auto value = weight.value<double>();
                if (!value) {
                    errors_.push_back(make_error(path_, line_of(weight), col_of(weight), "a related weight must be a number"));
                    continue;
                }
                related.weights.emplace_back(std::string(name.str()), *value);
            }
        }
    }

    void read_languages(Config& config) {
        const toml::node* node = root_.get("languages");
        const toml::table* languages = node ? node->as_table() : nullptr;
        if (!languages) {
            errors_.push_back(make_error(path_, node ? line_of(*node) : 1, 1, "missing [languages] table",
                                         "add [languages.ja] and [languages.en] with a title each"));
            return;
        }
        for (const auto& [key, value] : *languages) {
            const auto* table = value.as_table();
            if (!table) {
                errors_.push_back(make_error(path_, line_of(value), col_of(value),
                                             "languages." + std::string(key.str()) + " must be a table"));
                continue;
            }
            Language language;
            language.code = std::string(key.str());
            language.title = string_field(*table, "title", true);
            if (table->contains("description")) language.description = string_field(*table, "description", false);
            language.url_prefix = language.code == config.default_language ? "" : "/" + language.code;
            read_menus(*table, language);
            config.languages.push_back(std::move(language));
        }
        // The default language comes first: it owns "/" and is the x-default.
        std::stable_partition(config.languages.begin(), config.languages.end(),
                              [&](const Language& l) { return l.code == config.default_language; });
        if (config.languages.empty() || config.languages.front().code != config.default_language)
            errors_.push_back(make_error(path_, line_of(*node), col_of(*node),
                                         "default language `" + config.default_language + "` has no [languages." +
                                             config.default_language + "] table"));
    }

    void read_menus(const toml::table& table, Language& language) {
        const auto* menus = table["menus"].as_table();
        if (!menus) return;
        for (const auto& [name, items] : *menus) {
            const auto* array = items.as_array();
            if (!array) {
                errors_.push_back(make_error(path_, line_of(items), col_of(items),
                                             "a menu must be an array of tables ([[languages." + language.code +
                                                 ".menus." + std::string(name.str()) + "]])"));
                continue;
            }
            auto& menu = language.menus[std::string(name.str())];
            for (const auto& item : *array) {
                const auto* entry = item.as_table();
                if (!entry) {
                    errors_.push_back(make_error(path_, line_of(item), col_of(item), "a menu item must be a table"));
                    continue;
                }
                MenuItem menu_item;
                menu_item.name = string_field(*entry, "name", true);
                menu_item.url = string_field(*entry, "url", true);
                if (const auto* weight = (*entry)["weight"].as_integer()) menu_item.weight = static_cast<int>(weight->get());
                menu.push_back(std::move(menu_item));
            }
            std::stable_sort(menu.begin(), menu.end(),
                             [](const MenuItem& a, const MenuItem& b) { return a.weight < b.weight; });
        }
    }

    const toml::table& root_;
    std::string path_;
    std::vector<Diagnostic> errors_;
};

}  // namespace

const Language* Config::language(const std::string& code) const {
    for (const auto& l : languages)
        if (l.code == code) return &l;
    return nullptr;
}

const Taxonomy* Config::taxonomy(const std::string& name) const {
    for (const auto& t : taxonomies)
        if (t.name == name) return &t;
    return nullptr;
}

Result<Config> parse_config(const std::string& text, const std::string& display_path) {
    auto parsed = parse_toml(text, display_path, 0);
    if (!parsed) return parsed.errors();
    return ConfigReader(*parsed, display_path).read();
}

Result<Config> load_config(const std::filesystem::path& root) {
    std::error_code ec;
    if (!std::filesystem::exists(root / "config.toml", ec))
        return make_error("config.toml", 0, 0, "no config.toml in " + root.generic_string(),
                          "run portal from the project folder or pass --root DIR");
    auto text = fs::read_file(root / "config.toml", "config.toml");
    if (!text) return text.errors();
    return parse_config(*text, "config.toml");
}

std::string Config::base_path() const {
    std::size_t start = base_url.find("://");
    start = start == std::string::npos ? 0 : base_url.find('/', start + 3);
    if (start == std::string::npos) return {};
    std::string path = base_url.substr(start);
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path;
}

}  // namespace portal::config
