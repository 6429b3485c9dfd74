// The link checker's HTML scanner as it was before it had one of its own:
// libxml2's HTML parser driven through SAX. Kept as the test oracle of
// generator/html/scan.cpp (tests/html/test_scan_oracle.py compares the two).
#include "html_scan_libxml2.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

namespace portal::test {
namespace {

using namespace portal::html;

// libxml2 must be initialised once before threads parse at the same time;
// a function-local static makes that happen exactly once, race-free.
void ensure_initialized() {
    static const bool initialized = [] {
        xmlInitParser();
        return true;
    }();
    (void)initialized;
}

const char* as_chars(const xmlChar* text) { return reinterpret_cast<const char*>(text); }

// One element's attributes as libxml2's SAX interface hands them over: a
// null-terminated array of name, value pairs (a value is null for a bare
// attribute such as `<img alt>`, which counts as present and empty).
class Attributes {
public:
    explicit Attributes(const xmlChar** pairs) : pairs_(pairs) {}
    bool get(const char* name, std::string& value) const {
        for (const xmlChar** p = pairs_; p && p[0]; p += 2)
            if (std::strcmp(as_chars(p[0]), name) == 0) {
                value = p[1] ? as_chars(p[1]) : "";
                return true;
            }
        return false;
    }

private:
    const xmlChar** pairs_;
};

// Which attribute of which element loads or links a URL.
struct UrlAttribute {
    const char* element;
    const char* attribute;
    ReferenceKind kind;
};
constexpr UrlAttribute kUrlAttributes[] = {
    {"a", "href", ReferenceKind::link},          {"area", "href", ReferenceKind::link},
    {"img", "src", ReferenceKind::resource},     {"script", "src", ReferenceKind::resource},
    {"link", "href", ReferenceKind::resource},   {"source", "src", ReferenceKind::resource},
    {"video", "src", ReferenceKind::resource},   {"video", "poster", ReferenceKind::resource},
    {"audio", "src", ReferenceKind::resource},   {"track", "src", ReferenceKind::resource},
    {"iframe", "src", ReferenceKind::resource},  {"embed", "src", ReferenceKind::resource},
    {"object", "data", ReferenceKind::resource},
};

// What the SAX callbacks fill in while libxml2 reads one document.
struct ScanState {
    htmlParserCtxtPtr parser = nullptr;
    Document out;
    bool in_title = false;    // inside the first <title>, collecting its text
    bool title_done = false;
    std::string title_text;
};

int current_line(const ScanState& state) {
    const int line = state.parser && state.parser->input ? state.parser->input->line : 0;
    return line > 0 ? line : 0;
}

// The Reference::source whose element() is `element` (the scanner keeps its
// table to itself; only the name is compared, and printed).
std::uint8_t source_named(const char* element) {
    for (int i = 0; i < 256; ++i) {
        Reference probe;
        probe.source = static_cast<std::uint8_t>(i);
        if (probe.element() == element) return probe.source;
    }
    return 0;
}

void on_start_element(void* context, const xmlChar* raw_name, const xmlChar** raw_attributes) {
    auto& state = *static_cast<ScanState*>(context);
    const char* name = as_chars(raw_name);
    const Attributes attributes(raw_attributes);
    Document& out = state.out;
    std::string value;
    for (const auto& entry : kUrlAttributes) {
        if (std::strcmp(name, entry.element) != 0 || !attributes.get(entry.attribute, value)) continue;
        // The Document keeps the values its references view (libxml2's are decoded copies).
        Reference reference{entry.kind, source_named(entry.element), current_line(state), out.decoded.emplace_front(value), {}};
        if (std::string rel; std::strcmp(name, "link") == 0 && attributes.get("rel", rel))
            reference.rel = out.decoded.emplace_front(std::move(rel));
        out.references.push_back(reference);
    }
    if (attributes.get("id", value) && !value.empty()) out.ids.push_back(value);
    if (std::strcmp(name, "a") == 0 && attributes.get("name", value) && !value.empty()) out.ids.push_back(value);
    if (std::strcmp(name, "img") == 0) {
        Image image;
        attributes.get("src", image.src);
        image.has_alt = attributes.get("alt", value);
        image.line = current_line(state);
        out.images.push_back(std::move(image));
    }
    if (std::strcmp(name, "title") == 0 && !state.title_done) state.in_title = true;
}

void on_end_element(void* context, const xmlChar* name) {
    auto& state = *static_cast<ScanState*>(context);
    if (state.in_title && std::strcmp(as_chars(name), "title") == 0) {
        state.in_title = false;
        state.title_done = true;
    }
}

void on_characters(void* context, const xmlChar* text, int length) {
    auto& state = *static_cast<ScanState*>(context);
    if (state.in_title) state.title_text.append(as_chars(text), static_cast<std::size_t>(length));
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace

html::Document libxml2_scan(std::string_view html) {
    ensure_initialized();
    if (html.size() > static_cast<std::size_t>(INT_MAX)) return {};
    // libxml2's SAX interface: the parser reports elements as it meets them
    // and builds no tree, which halves the time of a scan against reading a
    // DOM and walking it (every generated page is scanned for the link check).
    htmlParserCtxtPtr parser = htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
    if (!parser) return {};
    if (xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8")) xmlSwitchToEncoding(parser, utf8);
    htmlSAXHandler handler{};
    handler.startElement = on_start_element;
    handler.endElement = on_end_element;
    handler.characters = on_characters;
    std::memcpy(parser->sax, &handler, sizeof handler);
    ScanState state;
    state.parser = parser;
    parser->userData = &state;
    htmlCtxtUseOptions(parser, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    htmlParseDocument(parser);
    htmlFreeParserCtxt(parser);
    Document out = std::move(state.out);
    out.title = collapse_whitespace(state.title_text);
    std::sort(out.ids.begin(), out.ids.end());
    out.ids.erase(std::unique(out.ids.begin(), out.ids.end()), out.ids.end());
    return out;
}

}  // namespace portal::test
