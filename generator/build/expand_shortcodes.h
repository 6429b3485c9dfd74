// Expanding shortcodes: each placeholder left in a page's HTML by
// content/shortcodes.h is replaced by the output of
// `templates/shortcodes/<name>.html`, rendered with
//   args   the named arguments (a map) — `args.src`
//   params the positional arguments (a list) — `params[0]`
//   body   the paired shortcode's inner Markdown, rendered (safe HTML)
//   page   {title, url, lang, section, slug} of the page
// and the functions t, t_in, data, lang, chart, plus
//   ref("measures/x")  {url, title} of the page at that content path, in the
//                      page's language — an error if there is none
//   asset("photo.jpg") URL of a file beside the page in content/ — an error if absent
//   fail("message")    stops the build with this message at the shortcode's line
#pragma once

#include <cstddef>
#include <vector>

#include "base/diagnostics.h"
#include "base/parallel.h"
#include "content/site.h"
#include "i18n/ui_strings.h"
#include "template/store.h"

namespace portal::build {

// Rewrites the HTML of every page that has shortcodes (with `only`, of those
// pages: a hot rebuild's reloaded ones). Errors carry the content file and
// the shortcode's line.
Result<bool> expand_shortcodes(content::Site& site, const tmpl::TemplateStore& templates,
                               const i18n::UiStrings& strings, const WorkerPool& pool,
                               const std::vector<std::size_t>* only = nullptr);

}  // namespace portal::build
