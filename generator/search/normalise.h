// The one text normaliser of search: the index is built with it and
// themes/default/static/js/search.js ports it for queries, so a query matches
// whatever way the same words were typed.
//
//   NFKC            full-width ＩＣＴ → ICT, half-width ﾃﾚﾜｰｸ → テレワーク,
//                   full-width digits １２３ → 123, ㈱ → (株)
//   case folding    ICT → ict, Straße → strasse (Unicode full folding)
//   ignorables      soft hyphens, zero-width joiners and the like are dropped
//
// Done by Debian's libutf8proc (utf8proc_map with STABLE | COMPAT | COMPOSE |
// CASEFOLD | IGNORE); tests/search/ checks the JavaScript port against it.
#pragma once

#include <string>
#include <string_view>

namespace portal::search {

// Normalised copy of `utf8`. Invalid UTF-8 (never in a page: content loading
// rejects it) gives an empty string rather than a partial one.
std::string normalise(std::string_view utf8);

}  // namespace portal::search
