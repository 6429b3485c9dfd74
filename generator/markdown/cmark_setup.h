// cmark-gfm as the renderer uses it: the process-wide set-up (done once,
// thread-safe), parsing with the CLI's extensions, and our heading extension.
//
// Internal to generator/markdown: nothing outside this folder sees cmark types.
#pragma once

#include <memory>
#include <string_view>

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

namespace portal::markdown {

struct ParserFree { void operator()(cmark_parser* p) const { cmark_parser_free(p); } };
struct NodeFree { void operator()(cmark_node* n) const { cmark_node_free(n); } };
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;

struct Parsed {
    // Kept for its extension list, which the HTML renderer needs (tagfilter).
    ParserPtr parser;
    NodePtr document;
};

// Parses `markdown` as the cmark-gfm CLI does with `-e table -e strikethrough
// -e autolink -e tagfilter -e tasklist` and `cmark_options` (which carries
// CMARK_OPT_FOOTNOTES for `-e footnotes`). Safe to call from many threads.
Parsed parse(std::string_view markdown, int cmark_options);

// Ours: attached to a heading node (cmark_node_set_syntax_extension), it makes
// cmark's HTML renderer write `<hN id="...">`, the id being the std::string
// the node's user data points to. Nothing else in the output changes.
cmark_syntax_extension* heading_id_extension();

// Whether parse() runs unlocked on many threads at once (cmark_setup.cpp says
// when it cannot: then parses take turns).
bool parses_run_in_parallel();

}  // namespace portal::markdown
