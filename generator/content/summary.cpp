#include "content/summary.h"

#include <string_view>
#include <utility>

#include "i18n/text_measure.h"

namespace portal::content {

namespace {

// Text of the first paragraph of `html`: tags removed, cmark's entities decoded.
std::string first_paragraph_text(const std::string& html) {
    std::size_t start = html.find("<p>");
    if (start == std::string::npos) return {};
    std::size_t end = html.find("</p>", start);
    std::string_view inner = std::string_view(html).substr(start + 3, end == std::string::npos ? std::string::npos : end - start - 3);
    std::string text;
    bool in_tag = false;
    for (std::size_t i = 0; i < inner.size(); ++i) {
        const char c = inner[i];
        if (in_tag) {
            in_tag = c != '>';
            continue;
        }
        if (c == '<') {
            in_tag = true;
            continue;
        }
        if (c == '\n') {
            text += ' ';
            continue;
        }
        if (c == '&') {
            static constexpr std::pair<std::string_view, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool decoded = false;
            for (const auto& [entity, ch] : entities)
                if (inner.substr(i, entity.size()) == entity) {
                    text += ch;
                    i += entity.size() - 1;
                    decoded = true;
                    break;
                }
            if (decoded) continue;
        }
        text += c;
    }
    return text;
}

}  // namespace

std::string automatic_summary(const std::string& summary_html, int length) {
    return i18n::truncate_chars(first_paragraph_text(summary_html), static_cast<std::size_t>(length));
}

}  // namespace portal::content
