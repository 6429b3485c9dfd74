// The summary of a page that has no `summary` in its front matter: the text
// of its first paragraph, cut to a number of characters (not bytes).
#pragma once

#include <string>

namespace portal::content {

// `summary_html` is markdown::Rendered::summary_html; `length` in characters.
std::string automatic_summary(const std::string& summary_html, int length);

}  // namespace portal::content
