#include "build/value_keys.h"

namespace portal::build {

namespace {

// Built on first use and never changed or freed (its keys are immortal
// strings): one table for every build of the process, `portal serve`'s too.
const tmpl::KeyTable& value_keys() {
    static const tmpl::KeyTable* const table = new tmpl::KeyTable({
        // Pages, sections, taxonomies, terms, paginators, globals (build/template_values.cpp, pagination.cpp).
        "active", "all_day", "ancestor", "args", "asset", "base_url", "body", "breadcrumbs", "build_time", "chart",
        "code", "content", "content_security_policy", "count", "data", "date", "default_language", "description",
        "detail", "draft", "end", "event", "expiry_date", "feed_url", "file", "first_item", "first_url", "hint",
        "home_url", "id", "is_section", "key", "lang", "language_name", "languages", "last_item", "last_url", "level",
        "links", "menus", "missing_translations", "name", "next", "next_url", "number", "original_updated", "page",
        "page_size", "pages", "paginator", "paired", "params", "path", "permalink", "previous", "previous_url",
        "reading_time", "related", "search_url", "section", "site", "slug", "source_path", "start", "subsections",
        "suggestion", "summary", "summary_html", "t", "t_in", "taxonomies", "taxonomy", "term", "terms", "text",
        "title", "toc", "total_items", "total_pages", "translations", "upcoming", "url", "values", "weight",
        // Front matter fields the portal's content uses (`page.params`).
        "publish_date", "template", "translation_of", "translation_of_hash", "paginate_by", "ministry", "prefecture",
        "industry", "topic", "year", "fiscal_year", "category", "venue", "online", "organizer", "organization",
        "partner_ministries", "co_organizers", "outcomes", "budget_yen", "award"});
    return *table;
}

}  // namespace

tmpl::Value make_map(Entries entries) { return tmpl::Value::map(std::move(entries), value_keys()); }

}  // namespace portal::build
