#include "content/front_matter.h"

#include "base/text.h"

namespace portal::content {

namespace {

// A fence is a line holding exactly "+++" (trailing spaces tolerated).
bool is_fence(std::string_view line) { return text::trim(line) == "+++" && text::starts_with(line, "+++"); }

}  // namespace

Result<SplitFile> split_front_matter(std::string_view text, const std::string& path) {
    std::size_t first_end = text.find('\n');
    std::string_view first_line = text.substr(0, first_end);
    if (!is_fence(first_line))
        return make_coded("E0103", path, 1, 1);
    if (first_end == std::string_view::npos)
        return make_coded("E0104", path, 1, 1);
    SplitFile split;
    std::size_t start = first_end + 1;
    std::size_t pos = start;
    int line = 2;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view current = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (is_fence(current)) {
            split.front_matter = text.substr(start, pos - start);
            split.front_matter_line = 2;
            split.body = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
            split.body_line = line + 1;
            return split;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
        ++line;
    }
    return make_coded("E0104", path, 1, 1);
}

}  // namespace portal::content
