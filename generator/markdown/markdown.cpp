#include "markdown/markdown.h"

#include "base/text.h"
#include "markdown/cmark_setup.h"
#include "markdown/collect.h"
#include "markdown/slug.h"

namespace portal::markdown {
namespace {

// The options the CLI sets for `-e footnotes` and `--unsafe`.
int cmark_options(const Options& options) {
    return CMARK_OPT_FOOTNOTES | (options.unsafe_html ? CMARK_OPT_UNSAFE : 0);
}

// `<!-- more -->` (or `<!--more-->`) alone on its line: an HTML block of its own.
bool is_more_marker(cmark_node* node) {
    if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK) return false;
    const char* literal = cmark_node_get_literal(node);
    const std::string_view s = text::trim(literal ? literal : "");
    if (s.size() < 7 || s.substr(0, 4) != "<!--" || s.substr(s.size() - 3) != "-->") return false;
    return text::trim(s.substr(4, s.size() - 7)) == "more";
}

// cmark's HTML renderer, as the CLI calls it: with the parser's extension
// list, through which tagfilter filters raw HTML.
std::string render_html(cmark_node* root, int options, cmark_llist* extensions) {
    char* html = cmark_render_html(root, options, extensions);
    std::string result(html);
    cmark_get_default_mem_allocator()->free(html);
    return result;
}

// The summary is rendered from the page's own nodes, so its headings have the
// page's ids. Rendering top-level blocks one at a time writes the same bytes
// as rendering them together (each block ends its own line); only footnote
// definitions depend on the whole document, and cmark moves them to the end,
// past any `<!-- more -->`.
std::string render_summary(cmark_node* document, int options, cmark_llist* extensions) {
    cmark_node* more = nullptr;
    for (cmark_node* n = cmark_node_first_child(document); n && !more; n = cmark_node_next(n)) {
        if (is_more_marker(n)) more = n;
    }
    std::string summary;
    if (more) {
        for (cmark_node* n = cmark_node_first_child(document); n != more; n = cmark_node_next(n)) {
            summary += render_html(n, options, extensions);
        }
        return summary;
    }
    for (cmark_node* n = cmark_node_first_child(document); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) return render_html(n, options, extensions);
    }
    return summary;
}

}  // namespace

Rendered render(std::string_view markdown, const Options& options) {
    const int cmark_opts = cmark_options(options);
    const Parsed parsed = parse(markdown, cmark_opts);
    cmark_node* document = parsed.document.get();

    Collected collected = collect(document, markdown);
    Rendered out;
    out.toc = std::move(collected.toc);
    out.links = std::move(collected.links);
    out.plain_text = std::move(collected.plain_text);

    if (options.heading_ids) {
        Slugger slugger;
        for (std::size_t i = 0; i < out.toc.size(); ++i) {
            out.toc[i].id = slugger.next(out.toc[i].text);
            // The node points at the toc's string: `out.toc` is complete and
            // is not resized again while the document lives.
            cmark_node_set_user_data(collected.headings[i], &out.toc[i].id);
            cmark_node_set_syntax_extension(collected.headings[i], heading_id_extension());
        }
    }

    cmark_llist* extensions = cmark_parser_get_syntax_extensions(parsed.parser.get());
    out.html = render_html(document, cmark_opts, extensions);
    out.summary_html = render_summary(document, cmark_opts, extensions);
    return out;
}

}  // namespace portal::markdown
