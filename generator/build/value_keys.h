// The names the site's template values are built under (`page.title`,
// `paginator.pages`, front matter fields), shared by every map instead of
// allocated once per entry: at N = 10,000 the values hold millions of
// entries under a few dozen names.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "template/value.h"

namespace portal::build {

using Entries = std::vector<std::pair<std::string, tmpl::Value>>;

// A map value whose known keys are shared (tmpl::KeyTable); other keys are
// allocated as usual, so any key works.
tmpl::Value make_map(Entries entries);

}  // namespace portal::build
