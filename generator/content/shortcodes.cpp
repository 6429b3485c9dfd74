#include "content/shortcodes.h"

#include <cstdio>

#include "base/text.h"

namespace portal::content {

namespace {

// Byte ranges of code (fenced blocks and inline code spans): shortcodes in
// them are shown, not run, so documentation can quote them.
std::vector<std::pair<std::size_t, std::size_t>> code_ranges(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    std::size_t pos = 0;
    std::string fence;  // the open fence ("```" or "~~~~"), empty outside a block
    std::size_t fence_start = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        std::size_t indent = line.find_first_not_of(' ');
        std::string_view stripped = indent == std::string_view::npos || indent > 3 ? std::string_view{} : line.substr(indent);
        auto fence_of = [](std::string_view s) {
            std::size_t n = 0;
            const char c = s.empty() ? 0 : s[0];
            if (c != '`' && c != '~') return std::string();
            while (n < s.size() && s[n] == c) ++n;
            return n >= 3 ? std::string(n, c) : std::string();
        };
        if (fence.empty()) {
            std::string opened = fence_of(stripped);
            if (!opened.empty()) {
                fence = opened;
                fence_start = pos;
            } else {
                // Inline code: a run of backticks closed by a run of the same length on this line.
                for (std::size_t i = 0; i < line.size();) {
                    if (line[i] != '`') {
                        ++i;
                        continue;
                    }
                    std::size_t run = 0;
                    while (i + run < line.size() && line[i + run] == '`') ++run;
                    const std::string ticks(run, '`');
                    std::size_t close = line.find(ticks, i + run);
                    while (close != std::string_view::npos && close + run < line.size() && line[close + run] == '`')
                        close = line.find(ticks, close + run + 1);
                    if (close == std::string_view::npos) {
                        i += run;
                        continue;
                    }
                    ranges.emplace_back(pos + i, pos + close + run);
                    i = close + run;
                }
            }
        } else {
            std::string closing = fence_of(stripped);
            if (!closing.empty() && closing[0] == fence[0] && closing.size() >= fence.size() &&
                text::trim(stripped.substr(closing.size())).empty()) {
                ranges.emplace_back(fence_start, end);
                fence.clear();
            }
        }
        pos = end + 1;
    }
    if (!fence.empty()) ranges.emplace_back(fence_start, text.size());
    return ranges;
}

struct Tag {
    bool closing = false;
    std::string name;
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> named;
    std::size_t begin = 0, end = 0;  // byte range of the whole tag
};

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

class TagParser {
public:
    TagParser(std::string_view text, std::size_t at) : text_(text), pos_(at + 3) {}

    // Parses the tag that starts at `at` ("{{<"); on error sets `error` and the offset.
    bool parse(Tag& tag, std::string& error, std::size_t& error_at) {
        tag.begin = pos_ - 3;
        skip_space();
        if (peek() == '/') {
            tag.closing = true;
            ++pos_;
            skip_space();
        }
        const std::size_t name_start = pos_;
        while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
        tag.name = std::string(text_.substr(name_start, pos_ - name_start));
        if (tag.name.empty()) return fail("expected a shortcode name after `{{<`", name_start, error, error_at);
        for (;;) {
            skip_space();
            if (text_.substr(pos_, 3) == ">}}") {
                pos_ += 3;
                tag.end = pos_;
                return true;
            }
            if (pos_ >= text_.size()) return fail("shortcode `" + tag.name + "` is never closed with `>}}`", tag.begin, error, error_at);
            if (tag.closing) return fail("a closing shortcode tag takes no arguments", pos_, error, error_at);
            if (peek() == '"') {
                std::string value;
                if (!quoted(value, error, error_at)) return false;
                tag.positional.push_back(std::move(value));
                continue;
            }
            const std::size_t key_start = pos_;
            while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
            std::string key(text_.substr(key_start, pos_ - key_start));
            if (key.empty()) return fail("unexpected character in shortcode arguments", pos_, error, error_at);
            if (peek() != '=') {
                tag.positional.push_back(std::move(key));  // a bare word
                continue;
            }
            ++pos_;
            std::string value;
            if (peek() != '"') return fail("the value of `" + key + "` must be in double quotes", pos_, error, error_at);
            if (!quoted(value, error, error_at)) return false;
            tag.named.emplace_back(std::move(key), std::move(value));
        }
    }

private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n')) ++pos_;
    }
    bool quoted(std::string& value, std::string& error, std::size_t& error_at) {
        const std::size_t start = pos_++;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
            if (text_[pos_] == '\n') return fail("a quoted shortcode argument must end on its line", start, error, error_at);
            value += text_[pos_++];
        }
        if (pos_ >= text_.size()) return fail("unterminated quoted argument", start, error, error_at);
        ++pos_;
        return true;
    }
    static bool fail(std::string message, std::size_t at, std::string& error, std::size_t& error_at) {
        error = std::move(message);
        error_at = at;
        return false;
    }

    std::string_view text_;
    std::size_t pos_;
};

bool only_space_between(std::string_view text, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
        if (text[i] != ' ' && text[i] != '\t') return false;
    return true;
}

}  // namespace

std::string shortcode_token(std::size_t index) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "PORTALSHORTCODE%06zuZ", index);
    return buffer;
}

Result<ShortcodeText> extract_shortcodes(std::string_view markdown, const std::string& path, int first_line) {
    ShortcodeText result;
    if (markdown.find("{{<") == std::string_view::npos) return result;  // fast path: most pages have none
    const auto code = code_ranges(markdown);
    auto in_code = [&](std::size_t at) {
        for (const auto& [b, e] : code)
            if (at >= b && at < e) return true;
        return false;
    };
    std::vector<Diagnostic> errors;
    auto error_at = [&](std::size_t offset, std::string message, std::string hint = {}) {
        auto pos = text::position_of(markdown, offset);
        errors.push_back(make_coded("E0302", path, pos.line + first_line - 1, pos.col,
                                    {{"detail", std::move(message)}, {"hint", std::move(hint)}}));
    };

    // All tags first, in order.
    std::vector<Tag> tags;
    for (std::size_t at = markdown.find("{{<"); at != std::string_view::npos; at = markdown.find("{{<", at + 3)) {
        if (in_code(at)) continue;
        Tag tag;
        std::string message;
        std::size_t bad = 0;
        if (!TagParser(markdown, at).parse(tag, message, bad)) {
            error_at(bad, message, "write shortcodes as {{< name key=\"value\" >}}");
            continue;
        }
        tags.push_back(std::move(tag));
        at = tags.back().end - 3;
    }

    std::size_t copied = 0;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const Tag& open = tags[i];
        if (open.closing) {
            error_at(open.begin, "closing tag `{{< /" + open.name + " >}}` without an opening one");
            continue;
        }
        ShortcodeCall call;
        call.name = open.name;
        call.positional = open.positional;
        call.named = open.named;
        auto pos = text::position_of(markdown, open.begin);
        call.line = pos.line + first_line - 1;
        call.col = pos.col;
        std::size_t end = open.end;
        if (i + 1 < tags.size() && tags[i + 1].closing && tags[i + 1].name == open.name) {
            call.paired = true;
            call.body_markdown = std::string(markdown.substr(open.end, tags[i + 1].begin - open.end));
            end = tags[i + 1].end;
            ++i;
        }
        const std::size_t line_start = markdown.rfind('\n', open.begin == 0 ? 0 : open.begin - 1);
        const std::size_t from = line_start == std::string_view::npos || open.begin == 0 ? 0 : line_start + 1;
        std::size_t line_end = markdown.find('\n', end);
        if (line_end == std::string_view::npos) line_end = markdown.size();
        call.block = only_space_between(markdown, from, open.begin) && only_space_between(markdown, end, line_end);
        call.token = shortcode_token(result.calls.size());
        // Keep the line count: later Markdown positions (links) must stay right.
        result.markdown.append(markdown.substr(copied, open.begin - copied));
        result.markdown += call.token;
        for (std::size_t k = open.begin; k < end; ++k)
            if (markdown[k] == '\n') result.markdown += '\n';
        copied = end;
        result.calls.push_back(std::move(call));
    }
    if (!result.calls.empty()) result.markdown.append(markdown.substr(copied));  // else the body is used as it is
    if (!errors.empty()) return errors;
    return result;
}

}  // namespace portal::content
