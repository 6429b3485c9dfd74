#include "markdown/cmark_setup.h"

#include <dlfcn.h>

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

// cmark-gfm 0.29 keeps the inline parser's "special character" tables in
// globals: at the end of each parse cmark_parser_finish switches its
// extensions' characters (`~` for strikethrough, `:` and `w` for autolinks) on
// before parsing inlines and off after, through
// cmark_manage_extensions_special_characters. Two parses at once break each
// other: the first to finish switches `~` off under the other, whose
// `~~struck~~` then stays plain text (github/cmark-gfm#176, never merged).
//
// Every parse here attaches the same extensions, so the tables can be set
// once and left alone: the library calls that function through its PLT, so
// the definition at the end of this file takes its place (the binary exports
// it: CMakeLists.txt), calls the library's own once, at set-up, and after that
// does nothing. Parsing then writes no global and runs on every core; behind
// one lock it was a third of loading's CPU on one core at a time, leaving the
// other idle ~0.3 s of a cold build at N = 10,000 (docs/performance.md, pass
// 15). Where the replacement does not take (another build of the library, a
// link without the export) parses are serialised by a lock instead, as before.
using ManageSpecialCharacters = void (*)(cmark_parser*, int);

struct Setup {
    // table, strikethrough, autolink, tagfilter, tasklist: the CLI's `-e`
    // extensions (footnotes is a parser option, CMARK_OPT_FOOTNOTES, instead).
    std::array<cmark_syntax_extension*, 5> extensions{};
    cmark_syntax_extension* heading_ids = nullptr;
    // Set when the tables hold every extension's characters for good (above).
    bool tables_fixed = false;
    std::mutex parse_mutex;  // only without tables_fixed

    Setup() {
        cmark_gfm_core_extensions_ensure_registered();
        const char* names[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
        for (std::size_t i = 0; i < extensions.size(); ++i) {
            extensions[i] = cmark_find_syntax_extension(names[i]);
        }
        heading_ids = cmark_syntax_extension_new("portal_heading_ids");
        cmark_syntax_extension_set_html_render_func(heading_ids, render_heading);
        fix_special_character_tables();
    }

    void attach_extensions(cmark_parser* parser) const {
        for (cmark_syntax_extension* extension : extensions) cmark_parser_attach_syntax_extension(parser, extension);
    }

    void fix_special_character_tables() {
        const auto library = reinterpret_cast<ManageSpecialCharacters>(
            ::dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
        const auto bound = reinterpret_cast<ManageSpecialCharacters>(
            ::dlsym(RTLD_DEFAULT, "cmark_manage_extensions_special_characters"));
        if (library == nullptr || bound != &cmark_manage_extensions_special_characters) return;
        const ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT));
        attach_extensions(parser.get());
        library(parser.get(), 1);
        tables_fixed = true;
    }
};

// Built on first use. A function-local static is initialised exactly once
// even when many threads arrive together (C++11), like std::call_once; after
// that it does not change (but for the mutex of the fallback).
Setup& setup() {
    static Setup instance;
    return instance;
}

}  // namespace

Parsed parse(std::string_view markdown, int cmark_options) {
    Setup& s = setup();
    Parsed parsed;
    parsed.parser.reset(cmark_parser_new(cmark_options));
    s.attach_extensions(parsed.parser.get());
    std::unique_lock<std::mutex> lock(s.parse_mutex, std::defer_lock);
    if (!s.tables_fixed) lock.lock();
    cmark_parser_feed(parsed.parser.get(), markdown.data(), markdown.size());
    parsed.document.reset(cmark_parser_finish(parsed.parser.get()));
    return parsed;
}

bool parses_run_in_parallel() { return setup().tables_fixed; }

cmark_syntax_extension* heading_id_extension() { return setup().heading_ids; }

}  // namespace portal::markdown

// Replaces libcmark-gfm's function of this name (see Setup above): once the
// set-up has fixed the tables, a parse neither switches characters on nor off.
// Where the tables could not be fixed, the library's own function does the
// work, as without this replacement. (The set-up calls the library's function
// directly, so it never comes through here.)
extern "C" void cmark_manage_extensions_special_characters(cmark_parser* parser, int add) {
    using portal::markdown::ManageSpecialCharacters;
    if (portal::markdown::parses_run_in_parallel()) return;
    static const auto library = reinterpret_cast<ManageSpecialCharacters>(
        ::dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
    if (library != nullptr) library(parser, add);
}
