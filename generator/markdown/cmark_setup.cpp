#include "markdown/cmark_setup.h"

#include <array>
#include <mutex>
#include <string>

#include <cmark-gfm-core-extensions.h>
// cmark-gfm's own extensions include this to write HTML: the renderer's output
// buffer (`renderer->html`) is only declared there.
#include <cmark-gfm/render.h>

namespace portal::markdown {
namespace {

// The same newline rule as cmark's HTML renderer (cmark_html_render_cr, which
// the library does not export): start a block on a fresh line.
void cr(cmark_strbuf* html) {
    if (html->size > 0 && html->ptr[html->size - 1] != '\n') cmark_strbuf_putc(html, '\n');
}

// Writes a heading byte for byte as cmark's renderer does (CMARK_NODE_HEADING
// in html.c) plus ` id="..."`. Why an extension rather than post-processing
// the HTML: the renderer hands us exactly the heading nodes, so raw HTML that
// merely looks like `<h2>` (allowed with unsafe_html) can never be mistaken
// for one, and there is no second pass over the output. Why not custom
// blocks: cmark puts a newline after a custom block's opening text, which
// would change `<h2>Title</h2>` into `<h2>\nTitle</h2>`. We never set
// CMARK_OPT_SOURCEPOS, so there is no data-sourcepos attribute to write.
void render_heading(cmark_syntax_extension*, cmark_html_renderer* renderer, cmark_node* node,
                    cmark_event_type event, int) {
    cmark_strbuf* html = renderer->html;
    const char level = static_cast<char>('0' + cmark_node_get_heading_level(node));
    if (event == CMARK_EVENT_ENTER) {
        cr(html);
        const char open[] = {'<', 'h', level, '\0'};
        cmark_strbuf_puts(html, open);
        if (const auto* id = static_cast<const std::string*>(cmark_node_get_user_data(node))) {
            // Slugs hold only letters, marks, digits, '-' and '_': nothing to escape.
            cmark_strbuf_puts(html, " id=\"");
            cmark_strbuf_put(html, reinterpret_cast<const unsigned char*>(id->data()),
                             static_cast<bufsize_t>(id->size()));
            cmark_strbuf_putc(html, '"');
        }
        cmark_strbuf_putc(html, '>');
    } else {
        const char close[] = {'<', '/', 'h', level, '>', '\n', '\0'};
        cmark_strbuf_puts(html, close);
    }
}

struct Setup {
    // table, strikethrough, autolink, tagfilter, tasklist: the CLI's `-e`
    // extensions (footnotes is a parser option, CMARK_OPT_FOOTNOTES, instead).
    std::array<cmark_syntax_extension*, 5> extensions{};
    cmark_syntax_extension* heading_ids = nullptr;

    // cmark-gfm 0.29 keeps the inline parser's "special character" table in a
    // global: each parse switches its extensions' characters (`~` for
    // strikethrough, `:` and `w` for autolinks) on before parsing inlines,
    // and off after (table rows do the same while the block is parsed). Two
    // parses at once therefore break each other: the first to finish
    // switches `~` off under the other, whose `~~struck~~` then stays plain
    // text (github/cmark-gfm#176, never merged). The extensions also look
    // their characters up in those lists, so the lists cannot simply be
    // emptied. Hence one lock around parsing; rendering HTML and everything
    // else in render() reads only the document and runs in parallel.
    std::mutex parse_mutex;

    Setup() {
        cmark_gfm_core_extensions_ensure_registered();
        const char* names[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
        for (std::size_t i = 0; i < extensions.size(); ++i) {
            extensions[i] = cmark_find_syntax_extension(names[i]);
        }
        heading_ids = cmark_syntax_extension_new("portal_heading_ids");
        cmark_syntax_extension_set_html_render_func(heading_ids, render_heading);
    }
};

// Built on first use. A function-local static is initialised exactly once
// even when many threads arrive together (C++11), like std::call_once; after
// that only the mutex changes.
Setup& setup() {
    static Setup instance;
    return instance;
}

}  // namespace

Parsed parse(std::string_view markdown, int cmark_options) {
    Setup& s = setup();
    Parsed parsed;
    parsed.parser.reset(cmark_parser_new(cmark_options));
    for (cmark_syntax_extension* extension : s.extensions) {
        cmark_parser_attach_syntax_extension(parsed.parser.get(), extension);
    }
    std::lock_guard<std::mutex> lock(s.parse_mutex);
    cmark_parser_feed(parsed.parser.get(), markdown.data(), markdown.size());
    parsed.document.reset(cmark_parser_finish(parsed.parser.get()));
    return parsed;
}

cmark_syntax_extension* heading_id_extension() { return setup().heading_ids; }

}  // namespace portal::markdown
