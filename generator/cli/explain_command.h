// `portal explain E0204`: the long explanation of a diagnostic code with an
// example fix; `portal explain` alone lists every code.
#pragma once

#include <iosfwd>
#include <string>

namespace portal::cli {

// Prints the explanation of `code` in `lang` ("en"/"ja"), or the table of all
// codes when `code` is empty. Returns false for an unknown code.
bool explain(std::ostream& out, const std::string& code, const std::string& lang);

}  // namespace portal::cli
