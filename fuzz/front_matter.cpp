// Front matter splitting (content/front_matter.h), then what page loading does
// with the parts: the TOML parse with positions shifted to file lines, and the
// shortcode scan of the body. Seeds: the portal's content files.
#include <string>

#include "config/toml_parse.h"
#include "content/front_matter.h"
#include "content/shortcodes.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = portal::fuzz::as_text(data, size);
    auto split = portal::content::split_front_matter(text, "content/fuzz.md");
    if (!split) return 0;
    // Both parts are pieces of `text`, front matter first.
    if (split->front_matter.size() + split->body.size() > text.size() || split->body_line < split->front_matter_line)
        __builtin_trap();
    auto table = portal::parse_toml(split->front_matter, "content/fuzz.md", split->front_matter_line - 1);
    (void)table;
    auto shortcodes = portal::content::extract_shortcodes(split->body, "content/fuzz.md", split->body_line);
    (void)shortcodes;
    return 0;
}
