// Minifiers for the theme's static CSS and JavaScript. Both are conservative
// by design: they only remove what cannot change meaning, and a file they
// cannot read safely is returned unchanged.
#pragma once

#include <string>
#include <string_view>

namespace portal::outputs {

// Removes comments and collapses whitespace outside strings: no space next to
// `{ } ; , >` or after `:`, no `;` before `}`. Spaces that can carry meaning
// stay: before `(` (`and (min-width…)` is not `and(`), before `:` (`a :hover`
// is not `a:hover`), around `+`, `-`, `~` and `*` (calc(), combinators).
std::string minify_css(std::string_view css);

// Whitespace only: strips indentation, trailing spaces, blank lines and lines
// that are only a `//` comment. Line breaks stay, so automatic semicolon
// insertion sees the same program. A script with a template literal (`) or a
// line ending in a backslash (a string continued on the next line) is returned
// unchanged: there, leading whitespace can be part of a string. A full
// minifier (renaming, removing every line break) needs a complete JavaScript
// parser to tell regular expressions from division; we do not write one.
std::string minify_js(std::string_view js);

}  // namespace portal::outputs
