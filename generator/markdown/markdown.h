// Markdown → HTML, with what later stages need from the same parse: the table
// of contents, every link (for the link checker), a summary and plain text
// (for the search index).
//
// This module is the only code that includes cmark-gfm. The HTML is exactly
// what the cmark-gfm CLI writes with `-e table -e strikethrough -e autolink
// -e tagfilter -e tasklist -e footnotes` (plus `--unsafe` when raw HTML is
// allowed), except that every heading carries an `id` (see docs/markdown.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portal::markdown {

struct Options {
    // Pass raw HTML and dangerous URLs (javascript:) through. Off by default:
    // raw HTML then becomes `<!-- raw HTML omitted -->`.
    bool unsafe_html = false;
    // Give every heading an `id` (`<h2 id="slug">`) and fill `Heading::id`.
    bool heading_ids = true;
};

struct Heading {
    int level = 0;     // 1..6
    std::string id;    // the slug written into the HTML; empty when ids are off
    std::string text;  // plain text (no markup)
};

// A link or image destination, for link checking.
struct Link {
    std::string url;        // reference links resolved, autolinks completed (http://, mailto:); not escaped
    int line = 0;           // 1-based source position of the link's start
    int col = 0;            // 1-based, in bytes
    bool is_image = false;
    std::string alt;        // an image's alt text; a link's text
};

struct Rendered {
    std::string html;
    std::vector<Heading> toc;    // every heading, in document order
    std::vector<Link> links;     // every link and image, in document order
    std::string summary_html;    // top-level blocks before `<!-- more -->`, else the first paragraph
    std::string plain_text;      // text content, one line per block, for search
};

// Renders `markdown` (UTF-8). Never fails: every input is some Markdown.
// Safe to call from many threads at once.
Rendered render(std::string_view markdown, const Options& options);

}  // namespace portal::markdown
