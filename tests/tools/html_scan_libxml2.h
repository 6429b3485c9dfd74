// libxml2's HTML parser read into an html::Document: the oracle the link
// checker's own scanner is tested against.
#pragma once

#include <string_view>

#include "html/scan.h"

namespace portal::test {

html::Document libxml2_scan(std::string_view html);

}  // namespace portal::test
