#include "serve/reload_script.h"

namespace portal::serve {

std::string_view reload_script() {
    // Styles are set through the DOM (allowed by a strict CSP, unlike style attributes in markup).
    static constexpr std::string_view script = R"js(// portal serve: live reload and build errors.
(function () {
  "use strict";
  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(status) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "portal-build-errors";
    overlay.setAttribute("role", "alert");
    var s = overlay.style;
    s.position = "fixed"; s.left = "0"; s.top = "0"; s.right = "0"; s.bottom = "0";
    s.zIndex = "2147483647"; s.overflow = "auto"; s.padding = "2rem";
    s.background = "rgba(24, 24, 24, 0.96)"; s.color = "#fff"; s.font = "15px/1.5 monospace";
    var title = document.createElement("h2");
    title.textContent = "Build failed (" + status.errors.length + " error" + (status.errors.length === 1 ? "" : "s") +
      "). The last good version of the site is still served; fix the file and save.";
    overlay.appendChild(title);
    status.errors.forEach(function (e) {
      var item = document.createElement("pre");
      item.style.whiteSpace = "pre-wrap";
      item.style.color = "#ffb4b4";
      var where = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      item.textContent = where + ": error: " + e.message + (e.hint ? "\n  hint: " + e.hint : "");
      overlay.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }
  var events = new EventSource("/__portal/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("failed", function (event) { show(JSON.parse(event.data)); });
})();
)js";
    return script;
}

std::string inject_reload_script(std::string_view html) {
    static constexpr std::string_view tag = "<script src=\"/__portal/reload.js\" defer></script>";
    std::size_t at = html.find("</head>");
    if (at == std::string_view::npos) at = html.find("</body>");
    if (at == std::string_view::npos) at = html.size();
    std::string out;
    out.reserve(html.size() + tag.size());
    out.append(html.substr(0, at)).append(tag).append(html.substr(at));
    return out;
}

}  // namespace portal::serve
