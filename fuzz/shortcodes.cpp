// Shortcode parsing (content/shortcodes.h): tags, quoted arguments, pairs,
// code spans and fences skipped. Every call's placeholder must be in the
// result. Seeds: the portal's content files and the docs' examples.
#include <string>

#include "content/shortcodes.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto result = portal::content::extract_shortcodes(portal::fuzz::as_text(data, size), "content/fuzz.md", 1);
    if (!result) return 0;
    for (const auto& call : result->calls) {
        if (call.line < 1 || call.col < 1) __builtin_trap();
        if (result->markdown.find(call.token) == std::string::npos) __builtin_trap();
    }
    return 0;
}
