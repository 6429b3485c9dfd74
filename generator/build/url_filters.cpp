#include "build/url_filters.h"

namespace portal::build {

using tmpl::CallArgs;
using tmpl::Value;

namespace {

bool is_control_or_space(char c) { return static_cast<unsigned char>(c) <= 0x20; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string safe_href(std::string_view url) {
    // What the URL parser sees (WHATWG URL: strip C0 controls and spaces at
    // both ends, remove tab, CR and LF everywhere).
    while (!url.empty() && is_control_or_space(url.front())) url.remove_prefix(1);
    while (!url.empty() && is_control_or_space(url.back())) url.remove_suffix(1);
    std::string seen;
    for (char c : url)
        if (c != '\t' && c != '\n' && c != '\r') seen += c;
    // A scheme is letters, digits, + - . before the first ':', starting with a
    // letter; a ':' after '/', '?' or '#' belongs to a path, query or fragment.
    std::size_t i = 0;
    if (!seen.empty() && is_alpha(seen[0])) {
        while (i < seen.size() && (is_alpha(seen[i]) || (seen[i] >= '0' && seen[i] <= '9') || seen[i] == '+' ||
                                   seen[i] == '-' || seen[i] == '.'))
            ++i;
    }
    if (i == 0 || i >= seen.size() || seen[i] != ':') return std::string(url);  // no scheme: relative
    std::string scheme;
    for (std::size_t k = 0; k < i; ++k) scheme += lower(seen[k]);
    static constexpr std::string_view allowed[] = {"http", "https", "mailto", "tel"};
    for (std::string_view s : allowed)
        if (scheme == s) return std::string(url);
    return {};
}

const tmpl::HostFilters& url_filters() {
    static const tmpl::HostFilters filters = [] {  // immutable after first use
        tmpl::HostFilters f;
        f["href"] = [](const Value& input, const CallArgs&) -> Result<Value> {
            // The result is a plain string: autoescaping still escapes it for the attribute.
            return Value::string(safe_href(input.to_string()));
        };
        return f;
    }();
    return filters;
}

}  // namespace portal::build
