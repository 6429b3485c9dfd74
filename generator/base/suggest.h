// "Did you mean ...?": the candidate closest to a misspelt word.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portal {

// Edit distance counting insertions, deletions, substitutions and swaps of two
// neighbouring characters (mhwl → mhlw is one edit), over bytes, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, or "" when none is close enough to be a
// plausible typo (at most one edit for short words, a third of the length for
// longer ones) or when `word` itself is a candidate.
std::string nearest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace portal
