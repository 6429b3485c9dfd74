// The one tokeniser of search, run on normalised text (search/normalise.h) at
// build time and, ported to themes/default/static/js/search.js, at query time.
//
//   words    a run of letters, marks and digits of any script but the ones
//            below is one token: "telework", "2025", "ict"
//   CJK      a run of kana, kanji (and hangul) becomes overlapping bigrams:
//            "テレワーク" → テレ レワ ワー ーク; a run of one character is
//            that character: "県" → 県
//   other    spaces, punctuation and symbols separate tokens
//
// Japanese has no spaces between words, so bigrams find a word wherever it
// sits without a dictionary; a query's bigrams must all occur in a page.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portal::search {

// Whether every kana/kanji character is also a token on its own. Documents are
// indexed with `every_cjk_character` so one-character queries ("県") find
// the pages where that character sits inside a longer run.
enum class CjkUnigrams { single_character_runs, every_cjk_character };

// Tokens of `normalised` in text order, repeats kept (term frequency).
std::vector<std::string> tokenise(std::string_view normalised,
                                  CjkUnigrams unigrams = CjkUnigrams::single_character_runs);

// tokenise(normalise(text)): what a query or a page field becomes.
std::vector<std::string> analyse(std::string_view text, CjkUnigrams unigrams = CjkUnigrams::single_character_runs);

// True for code points tokenised as CJK bigrams (exposed for tests).
bool is_cjk(char32_t c);

}  // namespace portal::search
