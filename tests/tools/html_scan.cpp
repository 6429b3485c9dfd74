// html_scan: exposes the link checker's HTML scanner, and libxml2 read the
// same way, to tests/html/test_scan_oracle.py.
//
//   html_scan [--libxml2] < documents.json
//       reads a JSON array of HTML documents (strings), writes a JSON array
//       of {"references": [[kind, element, url, rel, line]...], "ids": [...],
//       "images": [[src, has_alt, line]...], "title": "..."} in the same order
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "html/scan.h"
#include "html_scan_libxml2.h"

namespace {

using nlohmann::json;
namespace html = portal::html;

json to_json(const html::Document& document) {
    json references = json::array();
    for (const auto& r : document.references)
        references.push_back({r.kind == html::ReferenceKind::link ? "link" : "resource", std::string(r.element()), r.url,
                              r.rel, r.line});
    json images = json::array();
    for (const auto& image : document.images) images.push_back({image.src, image.has_alt, image.line});
    return {{"references", references}, {"ids", document.ids}, {"images", images}, {"title", document.title}};
}

}  // namespace

int main(int argc, char** argv) {
    const bool use_libxml2 = argc > 1 && std::string(argv[1]) == "--libxml2";
    const json input = json::parse(std::cin);
    json output = json::array();
    for (const auto& document : input) {
        const auto text = document.get<std::string>();
        output.push_back(to_json(use_libxml2 ? portal::test::libxml2_scan(text) : html::scan(text)));
    }
    // Invalid UTF-8 in a URL is replaced rather than refused: the comparison
    // is between two scanners, not about the encoder.
    std::cout << output.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    return 0;
}
