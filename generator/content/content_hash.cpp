#include "content/content_hash.h"

#include <cstdio>

// Header-only use of Debian's libxxhash-dev: nothing to link.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace portal::content {

std::string content_hash(std::string_view file_text) {
    // Line endings do not make a new version: an editor on Windows saving CRLF
    // has not changed the page.
    std::string normalized;
    normalized.reserve(file_text.size());
    for (std::size_t i = 0; i < file_text.size(); ++i)
        if (!(file_text[i] == '\r' && i + 1 < file_text.size() && file_text[i + 1] == '\n')) normalized += file_text[i];
    char hex[24];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH64(normalized.data(), normalized.size(), 0)));
    return std::string("xxh64:") + hex;
}

}  // namespace portal::content
