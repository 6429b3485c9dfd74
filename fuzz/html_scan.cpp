// The link checker's HTML scanner (html/scan.h) on any bytes: it reads every
// generated page, and pages carry editors' raw HTML. Never crashes or hangs;
// lines lie within the input and never go back; ids are sorted, unique and
// non-empty; every <img> with a src is both a reference and an image.
// Seeds: the theme's templates.
#include <algorithm>

#include "fuzz_input.h"
#include "html/scan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view html = portal::fuzz::as_text(data, size);
    const portal::html::Document document = portal::html::scan(html);
    const int last_line = 1 + static_cast<int>(std::count(html.begin(), html.end(), '\n'));
    int previous = 1;
    std::size_t img_references = 0;
    for (const auto& reference : document.references) {
        if (reference.line < previous || reference.line > last_line) __builtin_trap();
        previous = reference.line;
        if (reference.element() == "img") ++img_references;
        if (!reference.rel.empty() && reference.element() != "link") __builtin_trap();
    }
    if (img_references > document.images.size()) __builtin_trap();
    for (const auto& image : document.images)
        if (image.line < 1 || image.line > last_line) __builtin_trap();
    if (!std::is_sorted(document.ids.begin(), document.ids.end())) __builtin_trap();
    if (std::adjacent_find(document.ids.begin(), document.ids.end()) != document.ids.end()) __builtin_trap();
    for (const auto& id : document.ids)
        if (id.empty()) __builtin_trap();
    return 0;
}
