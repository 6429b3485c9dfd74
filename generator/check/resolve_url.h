// Where a URL written in a generated page leads: a file of this site (its
// output path and fragment), an external address, or nowhere we can check
// (mailto:, tel:, data:, javascript:).
#pragma once

#include <string>
#include <string_view>

#include "check/link_record.h"

namespace portal::check {

struct Target {
    enum class Kind { internal, external, unchecked } kind = Kind::unchecked;
    std::string path;      // internal: decoded URL path from the site root, "/cases/x/"; external: the URL
    std::string fragment;  // decoded, without '#'; empty when none
    bool has_fragment = false;
    bool outside_base = false;  // internal, but not under the base URL's path (ScannedSite::resolve)
};

// Resolves `url` as a browser would on the page at `page_url` ("/cases/x/").
// Root-relative ("/cases/") and relative ("../x/") URLs are internal. A URL
// under the site's `base_url` is unchecked: the generator writes those
// (canonical, alternates, feeds) from the same model as the relative ones,
// and the portal may share its host with other systems, whose pages an
// editor can link absolutely. Any other URL with a scheme or host is
// external. A path that climbs above the site root stays as written so it
// is reported as broken.
Target resolve_url(std::string_view url, std::string_view page_url, std::string_view base_url);

// The same for a site served under `base_path` (Config::base_path(): "" or
// "/pr/42"): a root-relative URL must stay under base_path to reach this
// site (else the target is `outside_base`), and the path of an internal
// target is given without base_path, as a site path. `served_page_url` is
// where the page is served: base_path + its site URL (made once per page by
// the caller, not once per URL: a page has ~60).
Target resolve_on_site(std::string_view url, std::string_view served_page_url, std::string_view base_url,
                       std::string_view base_path);

// An internal target as a link record holds it: views into `target`.
inline LinkTarget link_target_of(const Target& target) {
    return {target.path, target.fragment, target.has_fragment, target.outside_base};
}

// The output file a site path is served from: "/x/" → "x/index.html";
// "/x.pdf" → "x.pdf"; "/x" → "x", else "x/index.html" (static servers
// redirect a folder without its slash). `find(rel)` gives the known file
// named `rel` (a view that outlives the call) or an empty view; the result is
// one of those, empty when none. `scratch` holds the names looked up: reused,
// it spares an allocation per link (1.7 million at N = 10,000).
template <typename Find>
std::string_view output_file_for(std::string_view path, std::string& scratch, const Find& find) {
    if (path.empty() || path.front() != '/') return {};
    scratch.assign(path.substr(1));
    if (scratch.empty() || scratch.back() == '/') {
        scratch += "index.html";
        return find(std::string_view(scratch));
    }
    if (const std::string_view found = find(std::string_view(scratch)); !found.empty()) return found;
    scratch += "/index.html";
    return find(std::string_view(scratch));
}

// The URL of the page written to `output_path`: "cases/x/index.html" → "/cases/x/".
std::string url_of_output(std::string_view output_path);

// "%E3%83%86" → the bytes it encodes; malformed escapes stay as they are.
std::string percent_decode(std::string_view text);

}  // namespace portal::check
