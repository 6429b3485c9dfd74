// config.toml → Config: the site's settings as a plain value.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace portal::config {

struct MenuItem {
    std::string name;
    std::string url;  // site-relative ("/measures/") or absolute
    int weight = 0;
};

struct Language {
    std::string code;       // "ja", "en"
    std::string title;      // site title in this language
    std::string description;
    std::string url_prefix; // "" for the default language, "/en" for others
    std::map<std::string, std::vector<MenuItem>> menus;  // menu name → items, by weight
};

struct Config {
    std::string base_url;          // always ends with '/'
    std::string theme = "default";
    std::string default_language = "ja";
    std::vector<Language> languages;  // default language first
    bool unsafe_html = false;         // [markdown] unsafe_html: raw HTML passes through
    std::string source_path = "config.toml";

    const Language* language(const std::string& code) const;
};

// Parses `text` (the contents of config.toml). All problems are reported
// together with their line in config.toml.
Result<Config> parse_config(const std::string& text, const std::string& display_path);

// Reads and parses `<root>/config.toml`.
Result<Config> load_config(const std::filesystem::path& root);

}  // namespace portal::config
