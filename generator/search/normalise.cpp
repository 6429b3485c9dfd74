#include "search/normalise.h"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace portal::search {

std::string normalise(std::string_view utf8) {
    if (utf8.empty()) return {};
    constexpr auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                            UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                                 static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, options);
    // utf8proc allocates with malloc; hand the buffer to a unique_ptr at once.
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
    if (length < 0) return {};
    return std::string(reinterpret_cast<const char*>(owned.get()), static_cast<std::size_t>(length));
}

}  // namespace portal::search
