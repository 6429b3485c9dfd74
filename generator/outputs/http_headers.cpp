#include "outputs/http_headers.h"

#include "base/text.h"

namespace portal::outputs {

std::string meta_content_security_policy(std::string_view policy) {
    static constexpr std::string_view header_only[] = {"frame-ancestors", "report-uri", "report-to", "sandbox"};
    std::string out;
    while (!policy.empty()) {
        const std::size_t semicolon = policy.find(';');
        const std::string_view directive = text::trim(policy.substr(0, semicolon));
        policy = semicolon == std::string_view::npos ? std::string_view() : policy.substr(semicolon + 1);
        if (directive.empty()) continue;
        const std::string_view name = directive.substr(0, directive.find_first_of(" \t"));
        bool keep = true;
        for (std::string_view dropped : header_only)
            if (text::equals_ignoring_ascii_case(name, dropped)) keep = false;
        if (!keep) continue;
        if (!out.empty()) out += "; ";
        out += directive;
    }
    return out;
}

void add_http_headers(const content::Site& site, std::vector<OutputFile>& files) {
    std::string text = "/*\n";
    if (!site.config.content_security_policy.empty())
        text += "  Content-Security-Policy: " + site.config.content_security_policy + "\n";
    // nosniff: a file is only ever what its Content-Type says (a user's JSON is
    // never run as a script); the referrer keeps the path on the site only.
    text += "  X-Content-Type-Options: nosniff\n";
    text += "  Referrer-Policy: strict-origin-when-cross-origin\n";
    files.push_back({"_headers", std::move(text)});
}

}  // namespace portal::outputs
