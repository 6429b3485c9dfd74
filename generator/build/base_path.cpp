#include "build/base_path.h"

#include <array>
#include <cctype>

#include "base/text.h"

namespace portal::build {

namespace {

bool url_attribute(std::string_view name) {
    static constexpr std::array<std::string_view, 10> names = {
        "href", "src", "action", "poster", "formaction", "cite", "data", "srcset", "background", "manifest"};
    for (auto n : names)
        if (name == n) return true;
    return name.rfind("data-", 0) == 0;  // data-index of the search form and the like
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view word) {
    return text.size() - at >= word.size() && text::equals_ignoring_ascii_case(text.substr(at, word.size()), word);
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A value with the prefix before each root-relative URL; srcset holds a
// comma-separated list of "url width" candidates.
std::string prefixed(std::string_view value, std::string_view base_path, bool list) {
    std::string out;
    std::size_t i = 0;
    while (i <= value.size()) {
        std::size_t start = i;
        while (start < value.size() && space(value[start])) ++start;
        out.append(value.substr(i, start - i));
        std::size_t end = list ? value.find(',', start) : std::string_view::npos;
        if (end == std::string_view::npos) end = value.size();
        std::string_view item = value.substr(start, end - start);
        if (item.size() >= 1 && item[0] == '/' && (item.size() == 1 || item[1] != '/')) out.append(base_path);
        out.append(item);
        if (end == value.size()) break;
        out += ',';
        i = end + 1;
    }
    return out;
}

}  // namespace

std::string add_base_path(std::string_view html, std::string_view base_path) {
    if (base_path.empty()) return std::string(html);
    std::string out;
    out.reserve(html.size() + html.size() / 50);
    std::size_t i = 0;
    while (i < html.size()) {
        const std::size_t lt = html.find('<', i);
        if (lt == std::string_view::npos) break;
        out.append(html.substr(i, lt - i));
        i = lt;
        if (html.compare(i, 4, "<!--") == 0) {  // comments are copied as they are
            std::size_t end = html.find("-->", i + 4);
            end = end == std::string_view::npos ? html.size() : end + 3;
            out.append(html.substr(i, end - i));
            i = end;
            continue;
        }
        if (i + 1 >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
            out += html[i++];
            continue;
        }
        // A start tag: its name, then attributes up to '>'.
        std::size_t p = i + 1;
        while (p < html.size() && !space(html[p]) && html[p] != '>' && html[p] != '/') ++p;
        std::string tag(html.substr(i + 1, p - i - 1));
        for (char& c : tag) c = text::ascii_lower(c);
        out.append(html.substr(i, p - i));
        while (p < html.size() && html[p] != '>') {
            if (space(html[p]) || html[p] == '/') {
                out += html[p++];
                continue;
            }
            std::size_t name_end = p;
            while (name_end < html.size() && !space(html[name_end]) && html[name_end] != '=' && html[name_end] != '>' &&
                   html[name_end] != '/')
                ++name_end;
            std::string name(html.substr(p, name_end - p));
            for (char& c : name) c = text::ascii_lower(c);
            out.append(html.substr(p, name_end - p));
            p = name_end;
            if (p >= html.size() || html[p] != '=') continue;
            out += html[p++];
            std::size_t value_start = p, value_end;
            char quote = 0;
            if (p < html.size() && (html[p] == '"' || html[p] == '\'')) {
                quote = html[p];
                value_start = p + 1;
                value_end = html.find(quote, value_start);
                if (value_end == std::string_view::npos) value_end = html.size();
            } else {
                value_end = value_start;
                while (value_end < html.size() && !space(html[value_end]) && html[value_end] != '>') ++value_end;
            }
            const std::string_view value = html.substr(value_start, value_end - value_start);
            if (quote) out += quote;
            out += url_attribute(name) ? prefixed(value, base_path, name == "srcset") : std::string(value);
            p = value_end;
            if (quote && p < html.size()) out += html[p++];
        }
        if (p < html.size()) out += html[p++];
        i = p;
        // Script and style contents are not HTML: copy them up to their end tag.
        if (tag == "script" || tag == "style") {
            std::size_t end = i;
            while ((end = html.find("</", end)) != std::string_view::npos && !starts_with_ci(html, end + 2, tag)) end += 2;
            if (end == std::string_view::npos) end = html.size();
            out.append(html.substr(i, end - i));
            i = end;
        }
    }
    if (i < html.size()) out.append(html.substr(i));
    return out;
}

}  // namespace portal::build
