// What the link checker needs from a generated HTML file: every URL it
// refers to (links, images, stylesheets, scripts, embedded media), every
// fragment target (`id`, `<a name>`), every image's alt attribute, and the
// <title>.
//
// A scanner, not a parser: it builds no tree and knows no content model, and
// any text is some HTML to it. It reads what libxml2's HTML parser reads
// (tests/html/test_scan_oracle.py holds it to that) except where a browser
// reads otherwise (docs/check.md, "How pages are read"). Whether the
// generator's HTML is valid is the Nu Html Checker's job in the tests.
#pragma once

#include <cstdint>
#include <forward_list>
#include <string>
#include <string_view>
#include <vector>

namespace portal::html {

enum class ReferenceKind : std::uint8_t {
    link,       // <a href>, <area href>: something a reader follows
    resource,   // <img src>, <script src>, <link href>, <source src>, ...: loaded with the page
};

struct Reference {
    ReferenceKind kind = ReferenceKind::link;
    // Which element and attribute it comes from (an index into scan's own
    // table): 1 byte where a view of the name took 16 (40 bytes a
    // reference, not 64: a link check of a 20,000-page site reads ~1.7 million).
    std::uint8_t source = 0;
    int line = 0;           // 1-based line in the HTML
    // The attribute value, entities decoded, and <link rel> (for messages:
    // "stylesheet", "alternate"): views into the scanned HTML, or into the
    // Document's `decoded` when a character reference had to be decoded. As
    // strings they were the link check's largest allocation (~110 MB at
    // 20,000 pages per language, held while every page is checked).
    std::string_view url;
    std::string_view rel;

    // "a", "img", "link", ...
    std::string_view element() const;
};

struct Image {
    std::string src;
    bool has_alt = false;   // alt="" counts: it marks a decorative image
    int line = 0;
};

struct Document {
    std::vector<Reference> references;  // in document order
    std::vector<std::string> ids;       // every id and <a name>, sorted, unique
    std::vector<Image> images;
    std::string title;                  // text of <title>, whitespace collapsed
    // Attribute values that differ from their HTML text once decoded; the
    // references' views point here. A list: its strings never move, not even
    // when the Document does, and an empty one allocates nothing (a deque
    // allocated for each of the 28,000 Documents of a link check).
    std::forward_list<std::string> decoded;

    Document() = default;
    Document(Document&&) = default;
    Document& operator=(Document&&) = default;
    Document(const Document&) = delete;  // a copy's views would point into the original
    Document& operator=(const Document&) = delete;
};

// Parses `html` (UTF-8). Never fails: any text is some HTML. Safe to call
// from many threads at once. The references view `html`: keep it while the
// Document is used.
Document scan(std::string_view html);

}  // namespace portal::html
