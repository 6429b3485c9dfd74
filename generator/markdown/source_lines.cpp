#include "markdown/source_lines.h"

#include <algorithm>
#include <cstdlib>

namespace portal::markdown {

SourceLines::SourceLines(std::string_view text) {
    // Line ends found with find() (memchr): the content stage calls this for
    // every page, and a byte loop showed in profiles of large sites.
    const bool has_cr = text.find('\r') != std::string_view::npos;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = has_cr ? text.find_first_of("\r\n", start) : text.find('\n', start);
        if (end == std::string_view::npos) break;
        lines_.push_back(text.substr(start, end - start));
        start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    }
    if (start < text.size()) lines_.push_back(text.substr(start));
}

std::string_view SourceLines::line(int line) const {
    if (line < 1 || line > count()) return {};
    return lines_[static_cast<std::size_t>(line - 1)];
}

bool SourceLines::starts_with_any(SourcePos pos, const std::vector<std::string>& openers) const {
    const std::string_view text = line(pos.line);
    if (pos.col < 1 || static_cast<std::size_t>(pos.col) > text.size()) return false;
    const std::string_view rest = text.substr(static_cast<std::size_t>(pos.col - 1));
    for (const std::string& opener : openers) {
        if (!opener.empty() && rest.substr(0, opener.size()) == opener) return true;
    }
    return false;
}

int SourceLines::nearest(int line_number, int hint, const std::vector<std::string>& openers,
                         int window) const {
    const std::string_view text = line(line_number);
    const std::size_t first = static_cast<std::size_t>(std::max(hint - 1 - window, 0));
    const std::size_t last = static_cast<std::size_t>(std::max(hint - 1 + window, 0));  // last start
    int best = 0;
    for (const std::string& opener : openers) {
        if (opener.empty()) continue;
        for (std::size_t at = text.find(opener, first); at != std::string_view::npos && at <= last;
             at = text.find(opener, at + 1)) {
            const int col = static_cast<int>(at) + 1;
            const int distance = std::abs(col - hint);
            if (best == 0 || distance < std::abs(best - hint) ||
                (distance == std::abs(best - hint) && col < best))
                best = col;
        }
    }
    return best;
}

SourcePos SourceLines::find_forward(SourcePos from, int last_line,
                                    const std::vector<std::string>& openers) const {
    for (int l = std::max(from.line, 1); l <= std::min(last_line, count()); ++l) {
        const std::string_view text = line(l);
        const std::size_t start = l == from.line && from.col > 1 ? static_cast<std::size_t>(from.col - 1) : 0;
        std::size_t found = std::string_view::npos;
        for (const std::string& opener : openers) {
            if (opener.empty() || start > text.size()) continue;
            found = std::min(found, text.find(opener, start));
        }
        if (found != std::string_view::npos) return {l, static_cast<int>(found) + 1};
    }
    return {};
}

}  // namespace portal::markdown
