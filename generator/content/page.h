// A content file after loading: the plain data every later stage reads.
// Pages refer to each other by index into Site::pages, never by pointer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "content/shortcodes.h"
#include "markdown/markdown.h"

namespace portal::content {

inline constexpr std::size_t no_page = static_cast<std::size_t>(-1);

struct Page {
    // Where it came from.
    std::string source_path;   // project-relative: "content/cases/yamagishi.ja.md"
    std::string section;       // folder under content/: "cases", "" for the root
    std::string file_slug;     // "yamagishi", "_index" for a section's own page
    std::string lang;          // "ja" or "en"
    bool is_section_index = false;
    int front_matter_line = 2; // file line where front matter line 1 sits
    int body_line = 1;         // file line of the first body line

    // Front matter.
    std::string title;
    std::string summary;
    std::string date;          // ISO 8601: "2025-06-20" or "2025-06-20T14:00:00+09:00"; "" if none
    std::string publish_date;  // `publish_date`, else `date`: a later one is "future" (hidden by default)
    std::string expiry_date;   // `expiry_date`: from then on the page is "expired" (hidden by default)
    bool summary_is_automatic = false;  // no `summary`: taken from the first paragraph
    bool draft = false;
    int weight = 0;
    std::string slug;          // URL slug (front matter `slug` or file_slug)
    std::string template_name; // front matter `template`, "" for the default
    std::string translation_of;// front matter `translation_of`: the other language's file slug
    std::string translation_of_hash;  // `translation_of_hash`: content_hash of the original it was translated from
    std::string source_hash;   // content_hash of this file (see content/content_hash.h)
    toml::table front_matter;  // every field, for templates (`page.params`)

    // Rendered body; shortcodes are placeholders until build/expand_shortcodes.
    markdown::Rendered content;
    std::vector<ShortcodeCall> shortcodes;
    // Links and images in shortcode output, at the shortcode's position: filled
    // by build/expand_shortcodes so the link checker can point at the shortcode.
    std::vector<markdown::Link> shortcode_links;

    int reading_minutes = 1;   // ~500 Japanese characters or ~200 English words a minute

    // Decided by the site model.
    std::string url;           // "/cases/yamagishi/" or "/en/cases/yamagishi/"
    std::string output_path;   // "cases/yamagishi/index.html"
    std::vector<std::size_t> translations;  // other languages' versions of this page
    std::size_t section_index = no_page;    // into Site::sections
    std::vector<std::size_t> ancestors;     // sections from home down to its own, into Site::sections
    std::size_t previous = no_page;         // neighbours in the section's list order
    std::size_t next = no_page;
    struct Terms {
        std::string taxonomy;                // "ministry"
        std::vector<std::string> keys;       // "soumu"; years as "2025"
    };
    std::vector<Terms> terms;                // in config order of taxonomies
    bool original_updated = false;           // a translation whose original changed since (translation_of_hash)
    bool is_upcoming = false;                // an event (`start`) whose end (or start) is after the build time
    std::vector<std::size_t> related;        // most related pages first (see content/related.h)
};

}  // namespace portal::content
