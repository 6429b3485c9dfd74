#include "html/scan.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

namespace portal::html {
namespace {

struct DocFree { void operator()(xmlDoc* d) const { xmlFreeDoc(d); } };
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// libxml2 must be initialised once before threads parse at the same time;
// a function-local static makes that happen exactly once, race-free.
void ensure_initialized() {
    static const bool initialized = [] {
        xmlInitParser();
        return true;
    }();
    (void)initialized;
}

bool has_name(const xmlNode* node, const char* name) {
    return std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

// The attribute's value with entities decoded, or nullptr-like "absent".
bool attribute(const xmlNode* node, const char* name, std::string& value) {
    xmlChar* raw = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!raw) return false;
    value = reinterpret_cast<const char*>(raw);
    xmlFree(raw);
    return true;
}

std::string collapsed_text(const xmlNode* node) {
    xmlChar* raw = xmlNodeGetContent(node);
    if (!raw) return {};
    std::string out;
    bool space = false;
    for (const char* p = reinterpret_cast<const char*>(raw); *p; ++p) {
        const bool blank = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (blank) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += *p;
    }
    xmlFree(raw);
    return out;
}

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

int line_of(const xmlNode* node) {
    const long line = xmlGetLineNo(node);
    return line > 0 && line < INT_MAX ? static_cast<int>(line) : 0;
}

void visit_element(const xmlNode* node, Document& out) {
    std::string value;
    for (const auto& entry : kUrlAttributes) {
        if (!has_name(node, entry.element) || !attribute(node, entry.attribute, value)) continue;
        Reference reference{entry.kind, entry.element, value, {}, line_of(node)};
        if (has_name(node, "link")) attribute(node, "rel", reference.rel);
        out.references.push_back(std::move(reference));
    }
    if (attribute(node, "id", value) && !value.empty()) out.ids.push_back(value);
    if (has_name(node, "a") && attribute(node, "name", value) && !value.empty()) out.ids.push_back(value);
    if (has_name(node, "img")) {
        Image image;
        attribute(node, "src", image.src);
        image.has_alt = attribute(node, "alt", value);
        image.line = line_of(node);
        out.images.push_back(std::move(image));
    }
    if (has_name(node, "title") && out.title.empty()) out.title = collapsed_text(node);
}

}  // namespace

Document scan(std::string_view html) {
    ensure_initialized();
    Document out;
    if (html.size() > static_cast<std::size_t>(INT_MAX)) return out;
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
    if (!doc) return out;
    // Iterative walk: generated pages nest deeply only by mistake, but a
    // mistake must not overflow the stack.
    for (const xmlNode* node = xmlDocGetRootElement(doc.get()); node;) {
        if (node->type == XML_ELEMENT_NODE) visit_element(node, out);
        if (node->children && node->type == XML_ELEMENT_NODE) {
            node = node->children;
            continue;
        }
        while (node && !node->next) {
            node = node->parent;
            if (node && node->type == XML_DOCUMENT_NODE) node = nullptr;
            if (node == nullptr) break;
        }
        if (node) node = node->next;
    }
    std::sort(out.ids.begin(), out.ids.end());
    out.ids.erase(std::unique(out.ids.begin(), out.ids.end()), out.ids.end());
    return out;
}

}  // namespace portal::html
