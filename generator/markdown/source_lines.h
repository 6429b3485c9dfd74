// Finding link syntax in the Markdown source, to correct the positions
// cmark-gfm reports for links.
//
// cmark-gfm 0.29 gives inline nodes a start line and column, but not always
// the right ones: a lazy continuation line ("> quote\nmore [x](/x)") or a
// footnote's continuation gets the container's indent added to its column,
// an extension autolink (`www.example.com`) starts one column early, and a
// bare URL or e-mail autolink has no position at all (0:0). The link checker
// reports `file:line:col`, so the renderer checks each position against the
// source and, when the text there is not the link's opening, looks for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portal::markdown {

struct SourcePos {
    int line = 0;  // 1-based; 0 = unknown
    int col = 0;   // 1-based, in bytes
};

// The lines of a Markdown document, split where cmark splits them (LF, CRLF
// or a lone CR).
class SourceLines {
public:
    explicit SourceLines(std::string_view text);

    // Line `line` (1-based) without its ending; empty when out of range.
    std::string_view line(int line) const;
    int count() const { return static_cast<int>(lines_.size()); }

    // True when one of `openers` starts at `pos`.
    bool starts_with_any(SourcePos pos, const std::vector<std::string>& openers) const;

    // The column on `line` where one of `openers` starts, the one nearest to
    // `hint` (the earlier one on a tie) and at most `window` bytes from it;
    // 0 when there is none. The window keeps a line of a million links from
    // costing a scan of the whole line per link.
    int nearest(int line, int hint, const std::vector<std::string>& openers, int window = 64) const;

    // The first place at or after `from`, up to the end of line `last_line`,
    // where one of `openers` starts; line 0 when there is none.
    SourcePos find_forward(SourcePos from, int last_line,
                           const std::vector<std::string>& openers) const;

private:
    std::vector<std::string_view> lines_;
};

}  // namespace portal::markdown
