// config.toml → Config: the site's settings as a plain value.
#pragma once

#include <filesystem>
#include <map>
#include <utility>
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

// A taxonomy: a front matter field whose values group pages (term pages at
// /<url_segment>/<term>/). Values are keys of a data file (`data`), or
// fiscal years (`kind = "fiscal_year"`), or free text when neither is set.
struct Taxonomy {
    enum class Kind { data_keys, fiscal_year, free };
    std::string name;         // front matter field, e.g. "ministry"
    Kind kind = Kind::free;
    std::string data;         // data file stem for Kind::data_keys: "ministries"
    std::string url_segment;  // "ministry"; "fiscal-year" for "fiscal_year"
    int line = 0;             // where config.toml declares it
};

// Related pages: which sections get them, which taxonomies count and how much.
struct RelatedSettings {
    std::vector<std::string> sections = {"measures", "cases", "seminars"};
    std::vector<std::pair<std::string, double>> weights = {
        {"topic", 3.0}, {"industry", 2.0}, {"ministry", 1.5}, {"prefecture", 1.0}};
    int limit = 5;
};

// The Content-Security-Policy of a site without [security] (docs/security.md):
// scripts, styles, fonts and requests only from the site itself; images also as
// data: URLs (Markdown keeps PNG, GIF, JPEG and WebP ones) and from https: (the
// figure shortcode takes absolute URLs); no plugins, no <base>, forms only to
// the site, no framing. No 'unsafe-inline': the default theme has no inline
// script, style element or style attribute, so an injected one would not run.
inline constexpr const char* default_content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

struct Config {
    std::string base_url;          // always ends with '/'
    std::string theme = "default";
    std::string default_language = "ja";
    std::vector<Language> languages;  // default language first
    bool unsafe_html = false;         // [markdown] unsafe_html: raw HTML passes through
    // [security] content_security_policy: sent in _headers and, without the
    // directives a <meta> tag cannot carry, in every page's <meta http-equiv>.
    // "" sends none.
    std::string content_security_policy = default_content_security_policy;
    int paginate_by = 10;             // pages per list page
    int summary_length = 120;         // characters of an automatic summary
    std::vector<Taxonomy> taxonomies;
    RelatedSettings related;
    std::string source_path = "config.toml";

    const Language* language(const std::string& code) const;
    // The path of base_url without its last '/': "/pr/42" for
    // "https://example.org/pr/42/", "" at a host's root. Generated pages put
    // it before every site-relative URL (build/base_path.h).
    std::string base_path() const;
    const Taxonomy* taxonomy(const std::string& name) const;
};

// Parses `text` (the contents of config.toml). All problems are reported
// together with their line in config.toml.
Result<Config> parse_config(const std::string& text, const std::string& display_path);

// Reads and parses `<root>/config.toml`.
Result<Config> load_config(const std::filesystem::path& root);

}  // namespace portal::config
