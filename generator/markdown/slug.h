// Heading slugs: the `id` of each heading, as GitHub makes them.
//
// `slugify` turns a heading's plain text into an id; `Slugger` hands out ids
// for one document and makes repeats unique. Kept apart from the Markdown
// renderer because the rule is ours, not cmark-gfm's, and is tested on its own.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace portal::markdown {

// The slug of `text` (UTF-8): ASCII letters lowercased; letters, marks and
// digits of every script kept as they are ("導入事例" stays "導入事例");
// '-' and '_' kept; each space (ASCII or Unicode, e.g. U+3000) becomes '-';
// punctuation, symbols (emoji too) and invisible characters are dropped, as
// are invalid UTF-8 bytes. May return "" (e.g. for "!!!").
std::string slugify(std::string_view text);

// Unique ids within one document. The first "Intro" is "intro", the next
// ones "intro-1", "intro-2"; an empty slug counts as "section". A generated
// id is remembered too, so a later heading literally named "intro-1" becomes
// "intro-1-1" (github-slugger's rule: ids never collide).
class Slugger {
public:
    // The id for a heading whose plain text is `text`.
    std::string next(std::string_view text);

private:
    std::unordered_map<std::string, int> seen_;  // id -> last suffix tried
};

}  // namespace portal::markdown
