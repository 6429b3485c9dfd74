#include "charts/text_layout.h"

#include <cstdint>

namespace portal::charts {

namespace {

// One UTF-8 character of `text` at `i`: its code point and byte length.
// Invalid bytes count as one character each (content is checked earlier).
std::uint32_t decode(std::string_view text, std::size_t i, std::size_t& length) {
    const auto b = static_cast<unsigned char>(text[i]);
    length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b < 0x80 || b < 0xC0 || i + length > text.size()) {
        length = 1;
        return b;
    }
    std::uint32_t cp = b & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return cp;
}

bool is_wide(std::uint32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
}

double em_width(std::uint32_t cp) {
    if (is_wide(cp)) return 1.0;
    if (cp == ' ' || cp == '.' || cp == ',' || cp == ':' || cp == ';' || cp == '\'' || cp == '|' || cp == 'i' ||
        cp == 'l' || cp == 'j' || cp == '!')
        return 0.3;
    if (cp >= 'A' && cp <= 'Z') return cp == 'M' || cp == 'W' ? 0.9 : 0.68;
    if (cp == 'm' || cp == 'w') return 0.85;
    if (cp == '%') return 0.9;
    return 0.58;
}

// No line may start with these (closing brackets, Japanese punctuation).
bool no_break_before(std::uint32_t cp) {
    switch (cp) {
        case 0x3001: case 0x3002: case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0xFF0C:
        case 0xFF0E: case 0x30FC: case 0x30FB: case 0xFF1A: case 0x3063: case 0x30C3: case 0xFF05:
        case ')': case ',': case '.': case '%':
            return true;
        default:
            return false;
    }
}

// No line may end with these (opening brackets).
bool no_break_after(std::uint32_t cp) {
    return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == '(';
}

struct Token {
    std::string text;
    double width = 0;
    bool space_before = false;  // a Latin space separated it from the previous token
};

// Break opportunities: a run of Latin characters is one token, each wide
// character its own, with kinsoku rules gluing punctuation to its neighbour.
std::vector<Token> tokenize(std::string_view text, double font_size) {
    std::vector<Token> tokens;
    bool pending_space = false;
    bool glue_next = false;  // previous character forbids a break after it
    bool in_latin = false;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 0;
        const std::uint32_t cp = decode(text, i, length);
        const std::string_view piece = text.substr(i, length);
        i += length;
        if (cp == ' ' || cp == '\n' || cp == '\t') {
            pending_space = !tokens.empty();
            in_latin = false;
            glue_next = false;
            continue;
        }
        const bool wide = is_wide(cp);
        const double w = em_width(cp) * font_size;
        const bool join = !tokens.empty() && !pending_space &&
                          (glue_next || no_break_before(cp) || (!wide && in_latin));
        if (join) {
            tokens.back().text += piece;
            tokens.back().width += w;
        } else {
            tokens.push_back(Token{std::string(piece), w, pending_space});
        }
        pending_space = false;
        in_latin = !wide;
        glue_next = no_break_after(cp);
    }
    return tokens;
}

}  // namespace

double text_width(std::string_view text, double font_size) {
    double width = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 0;
        width += em_width(decode(text, i, length)) * font_size;
        i += length;
    }
    return width;
}

std::vector<std::string> wrap_text(std::string_view text, double max_width, double font_size) {
    std::vector<std::string> lines;
    std::string line;
    double width = 0;
    const double space = em_width(' ') * font_size;
    for (const Token& token : tokenize(text, font_size)) {
        const double gap = token.space_before && !line.empty() ? space : 0;
        if (!line.empty() && width + gap + token.width > max_width) {
            lines.push_back(std::move(line));
            line.clear();
            width = 0;
        }
        if (!line.empty() && token.space_before) {
            line += ' ';
            width += space;
        }
        line += token.text;
        width += token.width;
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    return lines;
}

}  // namespace portal::charts
