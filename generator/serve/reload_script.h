// What `portal serve` adds to the pages it serves: one external script (the
// theme runs under a strict Content-Security-Policy, so no inline code) that
// listens to the server's build events, reloads the tab after a good build and
// shows an overlay with file, line and message after a failed one. Built
// files are never changed: the tag is added as a page is served.
#pragma once

#include <string>
#include <string_view>

namespace portal::serve {

inline constexpr std::string_view reload_script_url = "/__portal/reload.js";
inline constexpr std::string_view events_url = "/__portal/events";
inline constexpr std::string_view status_url = "/__portal/status";

// The script served at reload_script_url.
std::string_view reload_script();

// `html` with `<script src="/__portal/reload.js" defer></script>` before
// `</head>` (or `</body>`, or at the end).
std::string inject_reload_script(std::string_view html);

}  // namespace portal::serve
