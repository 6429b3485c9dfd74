#include "outputs/minify.h"

#include <cstddef>

namespace portal::outputs {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Characters a space next to which never matters in CSS.
bool css_tight_before(char c) { return c == '{' || c == '}' || c == ';' || c == ',' || c == '>' || c == ':' || c == '('; }
bool css_tight_after(char c) { return c == '{' || c == '}' || c == ';' || c == ',' || c == '>' || c == ')'; }

}  // namespace

std::string minify_css(std::string_view css) {
    std::string out;
    out.reserve(css.size());
    bool pending_space = false;
    std::size_t i = 0;
    auto emit = [&](char c) {
        if (pending_space && !out.empty() && !css_tight_before(out.back()) && !css_tight_after(c)) out += ' ';
        pending_space = false;
        if (c == '}' && !out.empty() && out.back() == ';') out.pop_back();
        out += c;
    };
    while (i < css.size()) {
        const char c = css[i];
        if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
            const std::size_t end = css.find("*/", i + 2);
            i = end == std::string_view::npos ? css.size() : end + 2;
            pending_space = true;  // a comment separates tokens like a space does
            continue;
        }
        if (is_space(c)) {
            pending_space = true;
            ++i;
            continue;
        }
        if (c == '"' || c == '\'') {
            emit(c);
            for (++i; i < css.size(); ++i) {
                out += css[i];
                if (css[i] == '\\' && i + 1 < css.size()) out += css[++i];
                else if (css[i] == c) break;
            }
            ++i;
            continue;
        }
        if (c == '\\' && i + 1 < css.size()) {  // an escape in an identifier: `.md\:flex`
            emit(c);
            out += css[i + 1];
            i += 2;
            continue;
        }
        emit(c);
        ++i;
    }
    if (!out.empty()) out += '\n';
    return out;
}

std::string minify_js(std::string_view js) {
    if (js.find('`') != std::string_view::npos) return std::string(js);
    std::string out;
    out.reserve(js.size());
    std::size_t start = 0;
    while (start < js.size()) {
        std::size_t end = js.find('\n', start);
        if (end == std::string_view::npos) end = js.size();
        std::string_view line = js.substr(start, end - start);
        start = end + 1;
        while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
        while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
        if (!line.empty() && line.back() == '\\') return std::string(js);
        if (line.empty()) continue;
        // A line that is only a `//` comment; unless it closes a block comment it is in.
        if (line.substr(0, 2) == "//" && line.find("*/") == std::string_view::npos) continue;
        out += line;
        out += '\n';
    }
    return out;
}

}  // namespace portal::outputs
