// Template filters for text that mixes Japanese and English:
//   {{ page.summary | truncate_chars(80) }}   at most 80 characters, "…" included
//   {{ page.summary | truncate_chars(80, "...") }}
//   {{ text | char_count }}                   characters, not bytes
// (Jinja's own `truncate` cuts at spaces, which Japanese text does not have.)
#pragma once

#include "template/store.h"

namespace portal::build {

const tmpl::HostFilters& text_filters();

}  // namespace portal::build
