// What render() reads from a parsed document besides its HTML: the headings,
// every link and image, and the plain text.
//
// Internal to generator/markdown.
#pragma once

#include <string_view>
#include <vector>

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "markdown/markdown.h"

namespace portal::markdown {

struct Collected {
    std::vector<Heading> toc;            // ids not yet assigned
    std::vector<cmark_node*> headings;   // the heading nodes, in toc order
    std::vector<Link> links;
    std::string plain_text;
};

// Walks `document` (parsed from `source`) once, iteratively: no recursion, so
// a 10,000-deep blockquote is as safe as cmark's own iterative renderer.
Collected collect(cmark_node* document, std::string_view source);

}  // namespace portal::markdown
