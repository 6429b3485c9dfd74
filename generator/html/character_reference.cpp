#include "html/character_reference.h"

#include <cstring>

#include "base/text.h"
#include "html/entities.h"

namespace portal::html {
namespace {

struct DecodedReference {
    std::size_t length = 1;  // bytes of the input it covers (at least the `&`)
    bool invalid = false;    // a numeric reference to no allowed character
};

// XML 1.0's Char production, which libxml2 applies to numeric references.
bool is_allowed_character(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

int digit_value(char c, int base) {
    if (c >= '0' && c <= '9') return c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_ascii_alphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

DecodedReference decode_numeric(std::string_view input, std::string& out) {
    const bool hex = input.size() > 2 && (input[2] == 'x' || input[2] == 'X');
    const int base = hex ? 16 : 10;
    std::size_t i = hex ? 3 : 2;
    char32_t value = 0;
    for (int digit; i < input.size() && (digit = digit_value(input[i], base)) >= 0; ++i)
        if (value < 0x110000) value = value * static_cast<char32_t>(base) + static_cast<char32_t>(digit);
    if (i < input.size() && input[i] == ';') ++i;
    if (!is_allowed_character(value)) return {i, true};
    text::append_utf8(out, value);
    return {i, false};
}

// `input` starts at a `&`. Appends what the reference stands for to `out`
// (nothing when it is invalid).
DecodedReference decode_reference(std::string_view input, std::string& out) {
    if (input.size() > 1 && input[1] == '#') return decode_numeric(input, out);
    // Entity names are ASCII letters and digits; a name followed by anything
    // but `;` is text, as is an unknown one (libxml2 reads a longer XML name
    // there, but then keeps it as text too, so the output is the same).
    std::size_t end = 1;
    while (end < input.size() && is_ascii_alphanumeric(input[end])) ++end;
    if (end > 1 && end < input.size() && input[end] == ';')
        if (const auto c = named_character(input.substr(1, end - 1))) {
            text::append_utf8(out, *c);
            return {end + 1, false};
        }
    out += '&';
    return {1, false};
}

}  // namespace

void append_decoded(std::string_view text, std::string& out, bool stop_at_invalid) {
    while (!text.empty()) {
        const void* found = std::memchr(text.data(), '&', text.size());
        if (!found) {
            out.append(text);
            return;
        }
        const auto amp = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
        out.append(text.substr(0, amp));
        const DecodedReference reference = decode_reference(text.substr(amp), out);
        if (reference.invalid && stop_at_invalid) return;
        text.remove_prefix(amp + reference.length);
    }
}

}  // namespace portal::html
