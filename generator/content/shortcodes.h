// Shortcodes: small template calls editors write in Markdown, Hugo's way.
//
//   {{< figure src="photo.jpg" alt="説明" caption="..." >}}
//   {{< note type="warning" >}}Markdown **inside**{{< /note >}}
//   {{< link "measures/telework-month-2025" >}}
//
// Parsing happens while pages load: each call is replaced by a placeholder
// token that Markdown passes through untouched, and recorded with its source
// position. Expansion happens later (build/expand_shortcodes.h), when the site
// model is known, by rendering `templates/shortcodes/<name>.html`.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostics.h"

namespace portal::content {

struct ShortcodeCall {
    std::string name;
    std::vector<std::string> positional;                       // {{< link "a/b" >}}
    std::vector<std::pair<std::string, std::string>> named;    // {{< figure src="x" >}}
    std::string body_markdown;   // between opening and closing tags ("" when self-closing)
    bool paired = false;
    bool block = false;          // alone on its line(s): replaces a whole paragraph
    int line = 0;                // file line of the opening `{{<`
    int col = 0;
    std::string token;           // the placeholder left in the Markdown
};

struct ShortcodeText {
    // The body with placeholders; empty when there is no call, the body then
    // being rendered as it is (most pages have none: no copy of their text).
    std::string markdown;
    std::vector<ShortcodeCall> calls;   // in order of appearance
    std::string_view markdown_of(std::string_view body) const { return calls.empty() ? body : markdown; }
};

// The placeholder of call `index`: letters and digits only, so Markdown
// leaves it alone, and unlikely to be typed by anyone.
std::string shortcode_token(std::size_t index);

// Finds shortcodes in `markdown` (which starts at file line `first_line`),
// skipping fenced code blocks and inline code. Errors: unclosed `{{<`,
// malformed arguments, a paired shortcode never closed, a closing tag without
// an opening one.
Result<ShortcodeText> extract_shortcodes(std::string_view markdown, const std::string& path, int first_line);

}  // namespace portal::content
