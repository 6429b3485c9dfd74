#include "base/diagnostic_catalog.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "base/text.h"

namespace portal::diagnostic_catalog {

namespace {

constexpr Entry entries[] = {
#include "base/diagnostic_catalog.inc"
};

bool same_code(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
}

const std::string* argument(const DiagnosticArgs& args, std::string_view name, std::string_view lang) {
    const std::string localized = std::string(name) + ":" + std::string(lang);
    for (const auto& [key, value] : args)
        if (key == localized) return &value;
    for (const auto& [key, value] : args)
        if (key == name) return &value;
    return nullptr;
}

// Fills placeholders in `pattern`; `complete` turns false when one is missing or empty.
std::string fill_plain(std::string_view pattern, const DiagnosticArgs& args, std::string_view lang, bool& complete) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
        // `{{<` is shortcode syntax shown to editors, never a placeholder.
        if (pattern[i] == '{' && pattern.substr(i, 2) != "{{" && (i == 0 || pattern[i - 1] != '{')) {
            std::size_t end = pattern.find('}', i);
            if (end != std::string_view::npos) {
                const std::string* value = argument(args, pattern.substr(i + 1, end - i - 1), lang);
                if (!value || value->empty()) complete = false;
                else out += *value;
                i = end + 1;
                continue;
            }
        }
        out += pattern[i++];
    }
    return out;
}

}  // namespace

std::span<const Entry> all() { return entries; }

const Entry* find(std::string_view code) {
    for (const Entry& entry : entries)
        if (same_code(entry.code, code)) return &entry;
    return nullptr;
}

std::string fill(std::string_view pattern, const DiagnosticArgs& args, std::string_view lang) {
    std::string out;
    std::size_t i = 0;
    bool complete = true;
    while (i < pattern.size()) {
        std::size_t open = pattern.find("[[", i);
        if (open == std::string_view::npos) open = pattern.size();
        out += fill_plain(pattern.substr(i, open - i), args, lang, complete);
        if (open == pattern.size()) break;
        std::size_t close = pattern.find("]]", open);
        if (close == std::string_view::npos) close = pattern.size();
        bool part_complete = true;
        std::string part = fill_plain(pattern.substr(open + 2, close - open - 2), args, lang, part_complete);
        if (part_complete) out += part;
        i = close == pattern.size() ? close : close + 2;
    }
    return out;
}

std::string message_in(const Diagnostic& d, std::string_view lang) {
    const Entry* entry = d.code.empty() ? nullptr : find(d.code);
    if (!entry) return d.message;
    std::string text = fill(entry->message.in(lang), d.args, lang);
    return text.empty() ? d.message : text;
}

std::string hint_in(const Diagnostic& d, std::string_view lang) {
    const Entry* entry = d.code.empty() ? nullptr : find(d.code);
    if (!entry || entry->hint.en.empty()) return d.hint;
    std::string text = fill(entry->hint.in(lang), d.args, lang);
    return text.empty() ? d.hint : text;
}

void assign_code_by_origin(Diagnostic& d) {
    if (!d.code.empty()) return;
    const std::string& path = d.path;
    const auto has = [&](std::string_view part) { return path.find(part) != std::string::npos; };
    if (text::starts_with(path, "templates/") || has("/templates/")) d.code = "E0701";
    else if (has("/i18n/")) d.code = "E0702";
    else if (text::ends_with(path, "config.toml")) d.code = "E0501";
    else if (text::ends_with(path, "schema.toml")) d.code = "E0504";
    else if (text::starts_with(path, "content/data/")) d.code = "E0503";
    else if (text::starts_with(path, "content/") || path.empty()) d.code = "E0001";
    else d.code = "E0801";
    d.args = {{"detail", d.message}};
    if (!d.hint.empty()) d.args.emplace_back("hint", d.hint);
}

}  // namespace portal::diagnostic_catalog
