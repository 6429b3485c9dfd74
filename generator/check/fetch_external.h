// `portal check --external`: asks every external URL's server whether the
// page is there (HEAD, or GET when a server refuses HEAD), with a timeout, and
// reports the ones that fail. Never part of `portal build` or CI: their result
// depends on other sites being up.
#pragma once

#include <vector>

#include "base/diagnostics.h"
#include "check/check.h"

namespace portal::check {

struct FetchOptions {
    int timeout_seconds = 10;   // for connecting and for each read
    unsigned connections = 8;   // requests at once: the work is waiting, not computing
};

// A warning at the link's place for every URL that answers 4xx/5xx or not at all.
std::vector<Diagnostic> fetch_external(const std::vector<ExternalLink>& links, const FetchOptions& options);

}  // namespace portal::check
