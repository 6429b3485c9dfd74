// Checks of the site model itself: translations and titles.
#include <map>

#include "check/checks.h"

namespace portal::check {
namespace {

// The file line of the front matter's `title`, or 1.
int title_line(const content::Page& page) {
    const toml::node* title = page.front_matter.get("title");
    if (!title || title->source().begin.line == 0) return 1;
    return static_cast<int>(title->source().begin.line) + page.front_matter_line - 1;
}

}  // namespace

void check_translations(const content::Site& site, CheckReport& report) {
    for (const content::Page& page : site.pages)
        for (const auto& language : site.config.languages) {
            if (language.code == page.lang) continue;
            bool translated = false;
            for (std::size_t t : page.translations) translated |= site.pages[t].lang == language.code;
            if (translated) continue;
            report.problems.push_back(make_warning(
                page.source_path, 1, 0, "missing translation: no " + language.code + " version of this page",
                "add " + page.file_slug + "." + language.code + ".md beside it (or name this page in its translation_of)"));
        }
}

void check_duplicate_titles(const content::Site& site, CheckReport& report) {
    std::map<std::pair<std::string, std::string>, std::size_t> first;  // (lang, title) → page
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
        const content::Page& page = site.pages[i];
        auto [it, inserted] = first.try_emplace({page.lang, page.title}, i);
        if (inserted) continue;
        const content::Page& other = site.pages[it->second];
        report.problems.push_back(make_warning(
            page.source_path, title_line(page), 0,
            "duplicate title: \"" + page.title + "\" is also the title of " + other.source_path,
            "titles name pages in lists, search results and browser tabs: give each page of a language its own"));
    }
}

}  // namespace portal::check
