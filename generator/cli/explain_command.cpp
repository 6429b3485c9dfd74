#include "cli/explain_command.h"

#include <ostream>

#include "base/diagnostic_catalog.h"

namespace portal::cli {

bool explain(std::ostream& out, const std::string& code, const std::string& lang) {
    if (code.empty()) {
        for (const auto& entry : diagnostic_catalog::all())
            out << entry.code << "  " << entry.title.in(lang) << '\n';
        return true;
    }
    const auto* entry = diagnostic_catalog::find(code);
    if (!entry) return false;
    out << entry->code << ": " << entry->title.in(lang) << "\n\n"
        << entry->explanation.in(lang) << '\n';
    return true;
}

}  // namespace portal::cli
