// Finding where an editor wrote a URL that appears in a generated page, so a
// problem is reported at the line to fix rather than in the output HTML:
//   1. a Markdown link or image, or a shortcode, of the page's content
//      (positions collected by markdown::render and expand_shortcodes);
//   2. the page's content file (front matter: `documents`, `links`, ...);
//   3. the page's template, then any template or config.toml (menus);
//   4. otherwise the page's template with no line.
// Only used on the error path; not thread-safe (it caches files it reads).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "check/check.h"

namespace portal::check {

struct Origin {
    std::string path;
    int line = 0;
    int col = 0;
    std::string where() const;  // "content/x.ja.md:12", or the path alone without a line
};

// The position of the first `needle` in `text` as an Origin in `path`; line 0 when absent.
Origin find_literal(const std::string& path, std::string_view text, std::string_view needle);

class OriginFinder {
public:
    explicit OriginFinder(const CheckInput& input) : input_(input) {}

    // Where `url` (as written in the HTML attribute) on `output` came from.
    Origin find(const HtmlOutput& output, std::string_view url);

    // The first line of project file `path` that contains `needle`; line 0 when none.
    Origin find_in_file(const std::string& path, std::string_view needle) { return find_literal(path, file_text(path), needle); }

    // "on /cases/x/ (content/cases/x.ja.md, template themes/default/templates/cases/page.html)".
    static std::string page_note(const HtmlOutput& output);

private:
    Origin find_written(const HtmlOutput& output, std::string_view url);
    const std::string& file_text(const std::string& path);  // project-relative; empty when unreadable
    const CheckInput& input_;
    std::map<std::string, std::string> files_;
};

}  // namespace portal::check
