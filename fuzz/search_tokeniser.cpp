// The search normaliser and tokeniser (search/normalise.h, search/tokenise.h)
// on any bytes, also invalid UTF-8. Every token is non-empty valid UTF-8 and
// normalising is idempotent. Seeds: tests/search/vectors.json's inputs.
#include <string>

#include "fuzz_input.h"
#include "search/normalise.h"
#include "search/tokenise.h"

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace portal::search;
    const std::string_view text = portal::fuzz::as_text(data, size);
    const std::string normalised = normalise(text);
    if (normalise(normalised) != normalised) __builtin_trap();
    for (auto unigrams : {CjkUnigrams::single_character_runs, CjkUnigrams::every_cjk_character}) {
        for (const std::string& token : tokenise(normalised, unigrams))
            if (token.empty() || !valid_utf8(token)) __builtin_trap();
        (void)tokenise(text, unigrams);  // not normalised: must not crash either
    }
    return 0;
}
