#include "content/content_hash.h"

#include <cstdio>

// Header-only use of Debian's libxxhash-dev: nothing to link.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace portal::content {

std::string content_hash(std::string_view file_text) {
    // Line endings do not make a new version: an editor on Windows saving CRLF
    // has not changed the page. The text is hashed as if every CR before an
    // LF were gone, in runs between those CRs (no copy: every content file
    // is hashed on every build).
    XXH64_state_t state;
    XXH64_reset(&state, 0);
    std::size_t run = 0;
    for (std::size_t cr = file_text.find('\r'); cr != std::string_view::npos; cr = file_text.find('\r', cr + 1)) {
        if (cr + 1 >= file_text.size() || file_text[cr + 1] != '\n') continue;  // a lone CR is kept
        XXH64_update(&state, file_text.data() + run, cr - run);
        run = cr + 1;
    }
    XXH64_update(&state, file_text.data() + run, file_text.size() - run);
    char hex[24];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH64_digest(&state)));
    return std::string("xxh64:") + hex;
}

}  // namespace portal::content
