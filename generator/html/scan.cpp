#include "html/scan.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>

#include "base/text.h"
#include "html/character_reference.h"

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

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

// The classes of a byte the scan asks about, one table lookup each (the
// comparisons they replace were a fifth of the scan's instructions).
enum ByteClass : unsigned char { blank = 1, ascii_letter = 2, name_start = 4, name_char = 8 };
constexpr std::array<unsigned char, 256> kByteClasses = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        // HTML names as libxml2 reads them: a letter, `_`, `:` or `.`, then
        // also digits and `-`; compared in lower case.
        const bool starts_name = letter || c == '_' || c == ':' || c == '.';
        const bool continues_name = starts_name || (c >= '0' && c <= '9') || c == '-';
        table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(
            (c == ' ' || c == '\t' || c == '\n' || c == '\r' ? blank : 0) | (letter ? ascii_letter : 0) |
            (starts_name ? name_start : 0) | (continues_name ? name_char : 0));
    }
    return table;
}();
bool has_class(char c, ByteClass byte_class) {
    return (kByteClasses[static_cast<unsigned char>(c)] & byte_class) != 0;
}
bool is_blank(char c) { return has_class(c, blank); }
bool is_ascii_letter(char c) { return has_class(c, ascii_letter); }
bool is_name_start(char c) { return has_class(c, name_start); }
bool is_name_char(char c) { return has_class(c, name_char); }

// A name of at most eight bytes, lower-cased, as one number: the element and
// attribute names the scan knows are compared with each tag's and
// attribute's name in one comparison each (0 for a longer name: none is).
constexpr std::uint64_t packed_lowercase(std::string_view name) {
    if (name.size() > 8) return 0;
    std::uint64_t packed = 0;
    for (std::size_t i = 0; i < name.size(); ++i)
        packed |= static_cast<std::uint64_t>(static_cast<unsigned char>(text::ascii_lower(name[i]))) << (8 * i);
    return packed;
}

constexpr auto kPackedElements = [] {
    std::array<std::uint64_t, std::size(kElements)> packed{};
    for (std::size_t i = 0; i < packed.size(); ++i) packed[i] = packed_lowercase(kElements[i].name);
    return packed;
}();
constexpr auto kPackedAttributes = [] {
    std::array<std::uint64_t, kAttributeCount> packed{};
    for (std::size_t i = 0; i < packed.size(); ++i) packed[i] = packed_lowercase(kAttributeNames[i]);
    return packed;
}();

Element element_named(std::string_view name) {
    if (name.size() > 6) return Element::other;
    const std::uint64_t packed = packed_lowercase(name);
    for (std::size_t i = 0; i < kPackedElements.size(); ++i)
        if (kPackedElements[i] == packed) return kElements[i].element;
    return Element::other;
}

int attribute_named(std::string_view name) {
    if (name.size() > 6) return -1;
    const std::uint64_t packed = packed_lowercase(name);
    for (std::size_t i = 0; i < kPackedAttributes.size(); ++i)
        if (kPackedAttributes[i] == packed) return static_cast<int>(i);
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
        line_ += static_cast<int>(count_newlines(html_.substr(counted_to_, offset - counted_to_)));
        counted_to_ = offset;
        return line_;
    }

    // std::count went a byte at a time: a quarter of the scan's instructions,
    // as every byte of a page is counted. Sixteen bytes at a time with SSE2
    // (every x86-64 has it): a compare gives 0xFF (-1) in each byte lane
    // holding a newline, subtracted from per-lane counters that are added up
    // (psadbw) before any can pass 255. Elsewhere std::count (no machine
    // the project builds on runs that path, so it is kept plain).
    static std::size_t count_newlines(std::string_view text) {
        std::size_t count = 0;
        std::size_t i = 0;
#if defined(__SSE2__) && defined(__x86_64__)
        const __m128i newline = _mm_set1_epi8('\n');
        while (i + 16 <= text.size()) {
            __m128i lanes = _mm_setzero_si128();
            for (int rounds = 0; rounds < 255 && i + 16 <= text.size(); ++rounds, i += 16) {
                const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
                lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(bytes, newline));
            }
            const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());  // two 64-bit sums
            count += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
                     static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
        }
#endif
        return count + static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), '\n'));
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
        // Names hold no `>`: outside <title> the name need not be read at all
        // (half of all tags are end tags).
        const std::size_t name_begin = pos_ + 2;
        if (!in_title_) return skip_past('>', name_begin);
        const std::size_t name_end = skip_name(name_begin);
        if (text::equals_ignoring_ascii_case(html_.substr(name_begin, name_end - name_begin), "title")) in_title_ = false;
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
        pos_ = std::min(i + (self_closing ? 2 : 1), html_.size());
        record(element, attributes, i);
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

    // `tag_end`: where the tag's attributes end, whose line a reference or
    // image reports (counted only for those: most tags have none).
    void record(Element element, const Attributes& attributes, std::size_t tag_end) {
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
        if (element == Element::other) {
            record_ids(element, attributes, value);
            return;
        }
        const int line = line_at(tag_end);
        if (element == Element::img)
            out_.images.push_back(Image{std::string(value(src)), attributes.present[alt], line});
        for (const auto& entry : kUrlAttributes) {
            if (entry.element != element || !attributes.present[entry.attribute]) continue;
            Reference reference{entry.kind, static_cast<std::uint8_t>(&entry - kUrlAttributes), line,
                                value(entry.attribute), {}};
            if (element == Element::link) reference.rel = value(rel);
            out_.references.push_back(reference);
        }
        record_ids(element, attributes, value);
    }

    template <class DecodedValue>
    void record_ids(Element element, const Attributes& attributes, DecodedValue& value) {
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
            if (!text::equals_ignoring_ascii_case(html_.substr(i + 2, lower_name.size()), lower_name)) continue;
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
