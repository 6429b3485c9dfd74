// The site model as template values: what `page`, `section`, `site`,
// `data` and `t()` mean inside a template. Values of every page, section
// and taxonomy are built once (pages in parallel) and shared by every render,
// so a list of 10,000 pages costs one allocation per page however many
// templates show it.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "base/parallel.h"
#include "build/asset_function.h"
#include "build/value_keys.h"
#include "content/site.h"
#include "i18n/ui_strings.h"
#include "template/value.h"

namespace portal::build {

struct SiteValues {
    std::vector<tmpl::Value> pages;       // by page index
    std::vector<tmpl::Value> sections;    // by section index
    std::vector<tmpl::Value> taxonomies;  // by Site::taxonomies index
    std::vector<tmpl::Value> not_found;   // by language index: `page` of the 404 page
    std::vector<tmpl::Value> globals;     // by language index: {site, data, lang, t, t_in, chart, asset, build_time}
};

// `strings`, `site` and `assets` must outlive the values: `t()`, `chart()` and
// `asset()` refer to them. `now_iso` is the build time, seen by templates as
// `build_time` (upcoming vs past).
// Each page's rendered HTML and summary HTML move into its value (`page.content`,
// `page.summary_html`) and leave the page: nothing after rendering reads them,
// and copying them doubled the largest allocation of a build (~200 MB at
// N = 10,000). The rest of the model is only read.
SiteValues make_site_values(content::Site& site, const i18n::UiStrings& strings, const std::string& now_iso,
                            const AssetUrls& assets, const WorkerPool& pool);

// The entries of a page's value that come from its body (the rest comes from
// its front matter and the model): what portal serve's hot rebuild replaces
// after a body edit (build/hot_rebuild.h). The page's HTML moves in, as in
// make_site_values. The same keys and values page_value gives.
Entries page_body_entries(content::Page& page);

// The entries of a page's value that come from its front matter and that a
// hot rebuild may replace: title, params and event (the rest of the front
// matter decides the model, and an edit of it is a full build). `page` is the
// page as reloaded, with what the model decided carried over.
Entries page_front_entries(const content::Page& page);

// Where other page values show the title of page `index` as a link: its
// neighbours' `previous`/`next` (one map shared by both), its translations'
// `translations` and other pages' `related`. Sets the page's current title
// there, in place; returns each page value changed, by index, with the entry.
std::vector<std::pair<std::size_t, std::string>> retitle_links(const content::Site& site, const SiteValues& values,
                                                               std::size_t index);

// The same for a section whose index page is `index` (its value `index_value`,
// already updated): the section's summary, content and table of contents.
Entries section_body_entries(const content::Page& index, const tmpl::Value& index_value);

// The URL of the 404 page of a language: "/404.html", "/en/404.html".
std::string not_found_url(const config::Language& language);

// Any TOML value as a template value; dates become ISO 8601 strings.
tmpl::Value toml_to_value(const toml::node& node);

// The menus of `language` with `active` set on the item whose URL is
// `current_url` and `ancestor` on items whose URL contains it.
tmpl::Value menus_for(const config::Language& language, const std::string& current_url);

// menus_for() for many pages, built once per distinct result: most pages of
// a section light up the same items, so they share one value. Not thread-safe.
class MenuValues {
public:
    explicit MenuValues(const config::Config& config);  // `config` must outlive this
    // Thread-safe: render planning asks from the pool's threads.
    const tmpl::Value& get(std::size_t language, const std::string& current_url);

private:
    const config::Config& config_;
    std::mutex mutex_;
    std::map<std::pair<std::size_t, std::string>, tmpl::Value> cache_;  // entries never move or go
};

// Every data file as `data.<stem>`.
tmpl::Value data_value(const content::Site& site);

// Index of `lang` in the configured languages (0 if unknown).
std::size_t language_index(const config::Config& config, const std::string& lang);

}  // namespace portal::build
