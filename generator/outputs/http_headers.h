// The site's security headers: `_headers` at the output root, in the format
// Netlify and Cloudflare Pages read (a path pattern, then indented
// `Name: value` lines), and the Content-Security-Policy as a page's
// <meta http-equiv> can carry it. See docs/security.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/site.h"
#include "outputs/outputs.h"

namespace portal::outputs {

// `policy` without the directives browsers ignore (and complain about) in a
// <meta> tag: frame-ancestors, report-uri, report-to, sandbox. Directives
// keep their order, joined by "; ".
std::string meta_content_security_policy(std::string_view policy);

// Adds `_headers`: for every path, the site's Content-Security-Policy (when
// config.toml has one), X-Content-Type-Options: nosniff and a Referrer-Policy.
void add_http_headers(const content::Site& site, std::vector<OutputFile>& files);

}  // namespace portal::outputs
