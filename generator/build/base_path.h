// Publishing under a sub-path (`--base-url https://owner.github.io/repo/pr/42/`):
// the site model, templates and content keep writing site-relative URLs
// ("/cases/x/"), and each rendered HTML page gets the base URL's path put in
// front of them as its last step. One rewrite covers every source of URLs
// (templates, Markdown links, shortcodes, menus, asset()) instead of each
// having to remember the prefix.
#pragma once

#include <string>
#include <string_view>

namespace portal::build {

// `html` with `base_path` (Config::base_path()) before every root-relative URL ("/x", not "//host")
// in the attributes that hold URLs (href, src, action, poster, srcset, data-*,
// ...). Text, comments, scripts and styles are left alone.
std::string add_base_path(std::string_view html, std::string_view base_path);

}  // namespace portal::build
