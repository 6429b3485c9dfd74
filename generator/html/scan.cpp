#include "html/scan.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <optional>

#include "html/character_reference.h"

namespace portal::html {
namespace {

// The elements whose attributes matter to the link checker; every other
// element matters only for its `id`.
enum class Element { other, a, area, img, script, style, link, source, video, audio, track, iframe, embed, object, title };

struct NamedElement {
    std::string_view name;
    Element element;
};
constexpr NamedElement kElements[] = {
    {"a", Element::a},           {"area", Element::area},     {"img", Element::img},
    {"script", Element::script}, {"style", Element::style},   {"link", Element::link},
    {"source", Element::source}, {"video", Element::video},   {"audio", Element::audio},
    {"track", Element::track},   {"iframe", Element::iframe}, {"embed", Element::embed},
    {"object", Element::object}, {"title", Element::title},
};

// The attributes read; the first of each name counts (libxml2 ignores a
// repeated attribute, and so do browsers).
enum Attribute { href, src, poster, data, rel, id, name, alt, kAttributeCount };
constexpr std::string_view kAttributeNames[kAttributeCount] = {"href", "src", "poster", "data", "rel", "id", "name", "alt"};

// Which attribute of which element loads or links a URL, in the order the
// references of one element are listed.
struct UrlAttribute {
    Element element;
    std::string_view element_name;  // Reference::element()
    Attribute attribute;
    ReferenceKind kind;
};
constexpr UrlAttribute kUrlAttributes[] = {
    {Element::a, "a", href, ReferenceKind::link},
    {Element::area, "area", href, ReferenceKind::link},
    {Element::img, "img", src, ReferenceKind::resource},
    {Element::script, "script", src, ReferenceKind::resource},
    {Element::link, "link", href, ReferenceKind::resource},
    {Element::source, "source", src, ReferenceKind::resource},
    {Element::video, "video", src, ReferenceKind::resource},
    {Element::video, "video", poster, ReferenceKind::resource},
    {Element::audio, "audio", src, ReferenceKind::resource},
    {Element::track, "track", src, ReferenceKind::resource},
    {Element::iframe, "iframe", src, ReferenceKind::resource},
    {Element::embed, "embed", src, ReferenceKind::resource},
    {Element::object, "object", data, ReferenceKind::resource},
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// HTML names as libxml2 reads them: a letter, `_`, `:` or `.`, then also
// digits and `-`; compared in lower case.
bool is_name_start(char c) { return is_ascii_letter(c) || c == '_' || c == ':' || c == '.'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-'; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

bool equals_lowercase(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (to_lower(text[i]) != lower[i]) return false;
    return true;
}

Element element_named(std::string_view name) {
    if (name.size() > 6) return Element::other;
    for (const auto& entry : kElements)
        if (equals_lowercase(name, entry.name)) return entry.element;
    return Element::other;
}

int attribute_named(std::string_view name) {
    if (name.size() > 6) return -1;
    for (int i = 0; i < kAttributeCount; ++i)
        if (equals_lowercase(name, kAttributeNames[i])) return i;
    return -1;
}

// A view that a default construction leaves unset: the arrays below are made
// for every tag of every page, and zeroing their string_views (`rep stos`)
// was a quarter of the scan's time.
struct Span {
    const char* data;
    std::size_t size;
    std::string_view view() const { return {data, size}; }
};

// The attributes of one start tag that were present, with their values as
// written (decoded when recorded). `raw[a]` is set only where `present[a]`.
struct Attributes {
    std::array<bool, kAttributeCount> present{};
    std::array<Span, kAttributeCount> raw;
};

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (is_blank(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// One pass over a document. Text outside <title> is never looked at: the
// scanner jumps from `<` to `<` with memchr, and decodes only the attribute
// values it keeps.
class Scanner {
public:
    explicit Scanner(std::string_view html) : html_(html) {}

    Document run() {
        while (pos_ < html_.size()) {
            const void* found = std::memchr(html_.data() + pos_, '<', html_.size() - pos_);
            const std::size_t lt =
                found ? static_cast<std::size_t>(static_cast<const char*>(found) - html_.data()) : html_.size();
            if (in_title_) append_decoded(html_.substr(pos_, lt - pos_), title_text_, false);
            if (!found) break;
            pos_ = lt;
            const char next = at(pos_ + 1);
            if (next == '!')
                skip_markup_declaration();
            else if (next == '?')
                skip_past('>', pos_ + 2);  // a processing instruction ends at `>` in HTML
            else if (next == '/')
                skip_end_tag();
            else if (is_ascii_letter(next))  // names may start with `_`, `:`, `.`; tags may not
                read_start_tag();
            else
                read_lone_less_than();
        }
        out_.title = collapse_whitespace(title_text_);
        std::sort(out_.ids.begin(), out_.ids.end());
        out_.ids.erase(std::unique(out_.ids.begin(), out_.ids.end()), out_.ids.end());
        return std::move(out_);
    }

private:
    char at(std::size_t i) const { return i < html_.size() ? html_[i] : '\0'; }

    std::size_t skip_blanks(std::size_t i) const {
        while (i < html_.size() && is_blank(html_[i])) ++i;
        return i;
    }

    std::size_t skip_name(std::size_t i) const {
        while (i < html_.size() && is_name_char(html_[i])) ++i;
        return i;
    }

    void skip_past(char c, std::size_t from) {
        const std::size_t end = html_.find(c, from);
        pos_ = end == std::string_view::npos ? html_.size() : end + 1;
    }

    // The 1-based line of byte `offset`; offsets asked for only grow, so
    // each newline is counted once, as the scan moves on.
    int line_at(std::size_t offset) {
        offset = std::min(offset, html_.size());
        line_ += static_cast<int>(std::count(html_.begin() + static_cast<std::ptrdiff_t>(counted_to_),
                                             html_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
        counted_to_ = offset;
        return line_;
    }

    // `<!-- comment -->`, `<!DOCTYPE ...>`, or any other `<!...>`, which
    // libxml2 skips as a bogus comment up to the next `>`.
    void skip_markup_declaration() {
        if (html_.compare(pos_, 4, "<!--") != 0) return skip_past('>', pos_ + 2);
        const std::size_t end = html_.find("-->", pos_ + 4);
        pos_ = end == std::string_view::npos ? html_.size() : end + 3;
    }

    // A `<` that starts nothing is text.
    void read_lone_less_than() {
        if (in_title_) title_text_ += '<';
        ++pos_;
    }

    void skip_end_tag() {
        // `</` and no name: libxml2 drops the two characters and reads on.
        if (!is_name_start(at(pos_ + 2))) {
            pos_ += 2;
            return;
        }
        const std::size_t name_begin = pos_ + 2;
        const std::size_t name_end = skip_name(name_begin);
        if (in_title_ && equals_lowercase(html_.substr(name_begin, name_end - name_begin), "title")) in_title_ = false;
        skip_past('>', name_end);
    }

    // Reads a quoted or unquoted attribute value at `i`; keeps its text as
    // written when `keep`. Returns the position after it.
    std::size_t read_value(std::size_t i, std::string_view* keep) {
        const char quote = at(i);
        std::size_t begin = i;
        std::size_t end;
        std::size_t after;
        if (quote == '"' || quote == '\'') {
            begin = i + 1;
            end = html_.find(quote, begin);
            if (end == std::string_view::npos) end = html_.size();
            after = std::min(end + 1, html_.size());
        } else {
            // Unquoted: up to a blank or `>` (a `/` belongs to the value).
            end = i;
            while (end < html_.size() && !is_blank(html_[end]) && html_[end] != '>') ++end;
            after = end;
        }
        if (keep) *keep = html_.substr(begin, end - begin);
        return after;
    }

    bool at_tag_end(std::size_t i) const {
        return i >= html_.size() || html_[i] == '>' || (html_[i] == '/' && at(i + 1) == '>');
    }

    void read_start_tag() {
        const std::size_t name_begin = pos_ + 1;
        std::size_t i = skip_name(name_begin);
        const Element element = element_named(html_.substr(name_begin, i - name_begin));
        Attributes attributes;
        i = skip_blanks(i);
        while (!at_tag_end(i)) {
            if (is_name_start(html_[i])) {
                const std::size_t attribute_begin = i;
                i = skip_name(i);
                const int attribute = attribute_named(html_.substr(attribute_begin, i - attribute_begin));
                const bool first = attribute >= 0 && !attributes.present[static_cast<std::size_t>(attribute)];
                std::string_view value;  // empty unless written: `<a href>`
                i = skip_blanks(i);
                if (at(i) == '=') i = read_value(skip_blanks(i + 1), first ? &value : nullptr);
                if (first) {
                    attributes.present[static_cast<std::size_t>(attribute)] = true;
                    attributes.raw[static_cast<std::size_t>(attribute)] = {value.data(), value.size()};
                }
            } else {
                // Not an attribute name: skipped up to a blank or the tag's end.
                while (!at_tag_end(i) && !is_blank(html_[i])) ++i;
            }
            i = skip_blanks(i);
        }
        const bool self_closing = at(i) == '/';
        const int line = line_at(i);
        pos_ = std::min(i + (self_closing ? 2 : 1), html_.size());
        record(element, attributes, line);
        if (element == Element::title && !title_seen_) {
            title_seen_ = true;
            in_title_ = !self_closing;
        }
        if (self_closing) return;
        if (element == Element::script) pos_ = find_end_tag("script");
        if (element == Element::style) pos_ = find_end_tag("style");
    }

    // An attribute value decoded: a view of the HTML itself when it holds no
    // character reference (nearly every URL), else of a decoded copy the
    // Document keeps.
    std::string_view decoded(std::string_view raw) {
        if (raw.find('&') == std::string_view::npos) return raw;
        std::string& copy = out_.decoded.emplace_front();
        append_decoded(raw, copy, true);
        return copy;
    }

    void record(Element element, const Attributes& attributes, int line) {
        // Each attribute decoded once (an <img>'s src is both an image and a reference).
        std::array<Span, kAttributeCount> values;  // set where `done` says
        std::array<bool, kAttributeCount> done{};
        auto value = [&](Attribute attribute) {
            if (!attributes.present[attribute]) return std::string_view();  // <link> without rel
            if (!done[attribute]) {
                const std::string_view decoded_value = decoded(attributes.raw[attribute].view());
                values[attribute] = {decoded_value.data(), decoded_value.size()};
                done[attribute] = true;
            }
            return values[attribute].view();
        };
        if (element == Element::img)
            out_.images.push_back(Image{std::string(value(src)), attributes.present[alt], line});
        for (const auto& entry : kUrlAttributes) {
            if (entry.element != element || !attributes.present[entry.attribute]) continue;
            Reference reference{entry.kind, static_cast<std::uint8_t>(&entry - kUrlAttributes), line,
                                value(entry.attribute), {}};
            if (element == Element::link) reference.rel = value(rel);
            out_.references.push_back(reference);
        }
        if (attributes.present[id])
            if (const auto id_value = value(id); !id_value.empty()) out_.ids.emplace_back(id_value);
        if (element == Element::a && attributes.present[name])
            if (const auto name_value = value(name); !name_value.empty()) out_.ids.emplace_back(name_value);
    }

    // Script and style content is not markup: it runs to `</script` (or
    // `</style`) in any case followed by a blank, `/` or `>`, as a browser
    // reads it. (libxml2 stops at any `</` and a letter, so a "</div>" in a
    // script's string ended the script there.)
    std::size_t find_end_tag(std::string_view lower_name) const {
        for (std::size_t i = pos_; (i = html_.find("</", i)) != std::string_view::npos; i += 2) {
            if (!equals_lowercase(html_.substr(i + 2, lower_name.size()), lower_name)) continue;
            const std::size_t after = i + 2 + lower_name.size();
            if (after >= html_.size() || is_blank(html_[after]) || html_[after] == '/' || html_[after] == '>') return i;
        }
        return html_.size();
    }

    std::string_view html_;
    std::size_t pos_ = 0;
    std::size_t counted_to_ = 0;
    int line_ = 1;
    // The first <title>'s text: what is between its start and end tags
    // outside any tag, comment or script, character references decoded.
    bool title_seen_ = false;
    bool in_title_ = false;
    std::string title_text_;
    Document out_;
};

}  // namespace

Document scan(std::string_view html) { return Scanner(html).run(); }

std::string_view Reference::element() const {
    static_assert(std::size(kUrlAttributes) <= 256, "Reference::source is one byte");
    return source < std::size(kUrlAttributes) ? kUrlAttributes[source].element_name : std::string_view();
}

}  // namespace portal::html
