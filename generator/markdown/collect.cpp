#include "markdown/collect.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "base/text.h"
#include "markdown/source_lines.h"

namespace portal::markdown {
namespace {

// Far more inline nodes than any real link text has (see inline_text).
constexpr std::size_t kMaxLinkTextNodes = 1000;

struct IterFree { void operator()(cmark_iter* i) const { cmark_iter_free(i); } };
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;

std::string_view literal(cmark_node* node) {
    const char* s = cmark_node_get_literal(node);
    return s ? std::string_view(s) : std::string_view();
}

// The plain text of `root`'s inline content, as cmark writes an image's alt
// text: text and code as they are, line breaks as spaces, raw HTML dropped.
// Stops after `max_nodes` nodes: links are collected with their text, and
// images nested 10,000 deep (`![![![…`) would otherwise take quadratic time.
std::string inline_text(cmark_node* root, std::size_t max_nodes = SIZE_MAX) {
    std::string text;
    IterPtr iter(cmark_iter_new(root));
    cmark_event_type event;
    std::size_t visited = 0;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE && visited < max_nodes) {
        if (event != CMARK_EVENT_ENTER) continue;
        ++visited;
        cmark_node* node = cmark_iter_get_node(iter.get());
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: text += literal(node); break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: text += ' '; break;
        default: break;
        }
    }
    return text;
}

void end_line(std::string& text) {
    if (!text.empty() && text.back() != '\n') text += '\n';
}

// Table nodes belong to the table extension, which names them by string.
bool is_table_node(cmark_node* node, const char* type) {
    return cmark_node_get_syntax_extension(node) != nullptr &&
           std::strcmp(cmark_node_get_type_string(node), type) == 0;
}

// An autolink's text: `<https://x>`, or with the autolink extension a bare
// `www.x.com` or `foo@bar.com` (whose URL gets `http://` or `mailto:` put in
// front). Empty for any other link.
std::string autolink_text(cmark_node* node, std::string_view url) {
    cmark_node* child = cmark_node_first_child(node);
    if (cmark_node_get_type(node) != CMARK_NODE_LINK || !child || cmark_node_next(child) ||
        cmark_node_get_type(child) != CMARK_NODE_TEXT)
        return {};
    const std::string text(literal(child));
    if (text.empty()) return {};
    return url == text || url == "mailto:" + text || url == "http://" + text ? text : std::string();
}

// The nearest enclosing node with a source position (a block always has one).
cmark_node* positioned_ancestor(cmark_node* node) {
    while (node && cmark_node_get_start_line(node) == 0) node = cmark_node_parent(node);
    return node;
}

// Where the link at `node` starts in the source (see source_lines.h for why
// cmark's own position is only a hint). `previous` is the last link's start,
// for bare autolinks, which cmark leaves without a position.
SourcePos link_position(cmark_node* node, std::string_view url, const SourceLines& source,
                        SourcePos previous) {
    const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    const std::vector<std::string> brackets = image ? std::vector<std::string>{"!["}
                                                    : std::vector<std::string>{"[", "<"};
    const std::string text = autolink_text(node, url);
    const std::vector<std::string> bare = {text};
    SourcePos pos{cmark_node_get_start_line(node), cmark_node_get_start_column(node)};

    if (pos.line > 0) {
        if (source.starts_with_any(pos, brackets)) return pos;
        // An extension autolink (`www.x.com`) starts one column early.
        if (!text.empty() && source.starts_with_any({pos.line, pos.col + 1}, bare))
            return {pos.line, pos.col + 1};
        // On a lazy or footnote continuation line the column is too large by
        // the container's indent: the link is the nearest opening bracket.
        if (int col = source.nearest(pos.line, pos.col, brackets)) return {pos.line, col};
        if (int col = source.nearest(pos.line, pos.col, bare)) return {pos.line, col};
        // Not on its line at all: a reference definition that opened the
        // paragraph shifted the lines. Search the block as for bare links.
    }
    // A bare URL or e-mail: the first occurrence after the previous link,
    // within the lines of its block.
    cmark_node* block = positioned_ancestor(cmark_node_parent(node));
    if (!block) return pos;
    const SourcePos block_start{cmark_node_get_start_line(block), cmark_node_get_start_column(block)};
    SourcePos from = block_start;
    if (previous.line > from.line || (previous.line == from.line && previous.col >= from.col))
        from = {previous.line, previous.col + 1};
    const SourcePos found =
        source.find_forward(from, cmark_node_get_end_line(block), text.empty() ? brackets : bare);
    if (found.line > 0) return found;
    return pos.line > 0 ? pos : block_start;
}

}  // namespace

Collected collect(cmark_node* document, std::string_view markdown) {
    const SourceLines source(markdown);
    Collected out;
    SourcePos previous_link;
    IterPtr iter(cmark_iter_new(document));
    cmark_event_type event;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        const cmark_node_type type = cmark_node_get_type(node);
        if (event == CMARK_EVENT_EXIT) {
            if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                is_table_node(node, "table_row") || is_table_node(node, "table_header"))
                end_line(out.plain_text);
            else if (is_table_node(node, "table_cell"))
                out.plain_text += ' ';
            continue;
        }
        switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: out.plain_text += literal(node); break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: out.plain_text += ' '; break;
        case CMARK_NODE_CODE_BLOCK:
            end_line(out.plain_text);
            out.plain_text += literal(node);
            end_line(out.plain_text);
            break;
        case CMARK_NODE_HEADING:
            end_line(out.plain_text);
            out.toc.push_back({cmark_node_get_heading_level(node), {},
                               std::string(text::trim(inline_text(node)))});
            out.headings.push_back(node);
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
            const char* url_chars = cmark_node_get_url(node);
            const std::string url = url_chars ? url_chars : "";
            previous_link = link_position(node, url, source, previous_link);
            out.links.push_back({url, previous_link.line, previous_link.col,
                                 type == CMARK_NODE_IMAGE, inline_text(node, kMaxLinkTextNodes)});
            break;
        }
        default: break;
        }
    }
    // One line per block: drop the spaces a line ends with (a table's last
    // cell leaves one before the row's newline), in place, then blank space
    // at both ends.
    std::string& text = out.plain_text;
    std::size_t kept = 0;  // never past `from`: the text only shrinks
    for (std::size_t from = 0; from < text.size();) {
        const std::size_t newline = text.find('\n', from);
        if (newline == std::string::npos) {
            std::memmove(text.data() + kept, text.data() + from, text.size() - from);
            kept += text.size() - from;
            break;
        }
        std::size_t end = newline;
        while (end > from && text[end - 1] == ' ') --end;
        std::memmove(text.data() + kept, text.data() + from, end - from);
        kept += end - from;
        text[kept++] = '\n';
        from = newline + 1;
    }
    text.resize(kept);
    // A new string of the trimmed size: keeping `plain_text` would keep the
    // capacity its appends grew to (up to twice the text), and pages keep
    // this text until the search index is written (~90 MB at N = 10,000).
    out.plain_text = std::string(text::trim(text));
    return out;
}

}  // namespace portal::markdown
