#include "outputs/ical.h"

#include "base/text.h"

namespace portal::outputs::ical {

namespace {

constexpr std::size_t max_octets = 75;  // per physical line, CRLF not counted

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }
bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                out += "\\n";
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                break;
            case '\t': out += c; break;
            default:
                if (!is_control(static_cast<unsigned char>(c))) out += c;
        }
    }
    return out;
}

std::string param_value(std::string_view text) {
    std::string out;
    bool needs_quotes = false;
    for (const char c : text) {
        if (c == '"' || (is_control(static_cast<unsigned char>(c)) && c != '\t')) continue;
        if (c == ',' || c == ';' || c == ':') needs_quotes = true;
        out += c;
    }
    return needs_quotes ? "\"" + out + "\"" : out;
}

std::string uri(std::string_view text) {
    static constexpr std::string_view unsafe = "\"<>\\^`{|} ";
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f || unsafe.find(c) != std::string_view::npos) {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        } else {
            out += c;
        }
    }
    return out;
}

std::string fold(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 64 * 3 + 2);
    std::size_t limit = max_octets;  // the first line has no leading space
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && is_continuation_byte(static_cast<unsigned char>(line[cut]))) --cut;
        if (cut == 0) cut = limit;  // not UTF-8 at all: split anyway rather than loop
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = max_octets - 1;
    }
    out.append(line);
    out += "\r\n";
    return out;
}

std::string date_value(const i18n::DateTime& date) {
    return text::zero_padded(date.year, 4) + text::zero_padded(date.month, 2) + text::zero_padded(date.day, 2);
}

std::string local_date_time_value(const i18n::DateTime& date) {
    return date_value(date) + "T" + text::zero_padded(date.hour, 2) + text::zero_padded(date.minute, 2) +
           text::zero_padded(date.second, 2);
}

std::string utc_date_time_value(std::int64_t unix_seconds) {
    return local_date_time_value(i18n::from_unix_seconds(unix_seconds, 0)) + "Z";
}

void Lines::add(std::string_view name, std::string_view value) {
    std::string line;
    line.reserve(name.size() + 1 + value.size());
    line.append(name);
    line += ':';
    line.append(value);
    text_ += fold(line);
}

}  // namespace portal::outputs::ical
