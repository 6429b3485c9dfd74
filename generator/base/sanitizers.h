// Whether this binary was built with AddressSanitizer (GCC says so with
// __SANITIZE_ADDRESS__, clang with __has_feature): it brings its own
// allocator, and its leak check reports memory left to the process's exit.
#pragma once

namespace portal {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool address_sanitizer = true;
#else
inline constexpr bool address_sanitizer = false;
#endif
#else
inline constexpr bool address_sanitizer = false;
#endif

}  // namespace portal
