#include "diagnostics.h"

#include "base/diagnostic_catalog.h"

#include <algorithm>
#include <tuple>

namespace portal {

Diagnostic make_error(std::string path, int line, int col, std::string message, std::string hint) {
    return Diagnostic{std::move(path), line, col, Severity::error, std::move(message), std::move(hint), {}, {}};
}

Diagnostic make_warning(std::string path, int line, int col, std::string message, std::string hint) {
    return Diagnostic{std::move(path), line, col, Severity::warning, std::move(message), std::move(hint), {}, {}};
}

Diagnostic make_coded(std::string_view code, std::string path, int line, int col, DiagnosticArgs args) {
    Diagnostic d;
    d.path = std::move(path);
    d.line = line;
    d.col = col;
    d.code = std::string(code);
    d.severity = !code.empty() && code.front() == 'W' ? Severity::warning : Severity::error;
    d.args = std::move(args);
    d.message = diagnostic_catalog::message_in(d, "en");
    d.hint = diagnostic_catalog::hint_in(d, "en");
    if (d.message.empty()) d.message = d.code;  // an unknown code is a bug; still say something
    return d;
}

std::string format_diagnostic(const Diagnostic& d, const std::string& source_line, std::string_view lang) {
    std::string out;
    if (!d.path.empty()) {
        out += d.path;
        if (d.line > 0) {
            out += ':' + std::to_string(d.line);
            if (d.col > 0) out += ':' + std::to_string(d.col);
        }
        out += ": ";
    }
    out += d.severity == Severity::error ? "error: " : "warning: ";
    out += diagnostic_catalog::message_in(d, lang);
    // The code goes last, as GCC puts [-Wflag]: "file:line:col: error: message"
    // stays a prefix tools and people already match.
    if (!d.code.empty()) out += " [" + d.code + "]";
    out += '\n';
    if (!source_line.empty()) {
        out += "    " + source_line + '\n';
        if (d.col > 0) {
            // The caret must sit under the column in display terms; count UTF-8
            // code points before it (wide CJK glyphs take two cells).
            std::string pad;
            int byte = 0;
            for (unsigned char c : source_line) {
                if (byte >= d.col - 1) break;
                ++byte;
                if ((c & 0xC0) == 0x80) continue;
                pad += c >= 0xE3 ? "  " : " ";
            }
            out += "    " + pad + "^\n";
        }
    }
    const std::string hint = diagnostic_catalog::hint_in(d, lang);
    if (!hint.empty()) out += (lang == "ja" ? "  ヒント: " : "  hint: ") + hint + '\n';
    return out;
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
        [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.line, a.col, a.message) < std::tie(b.path, b.line, b.col, b.message);
    });
}

void Diagnostics::deduplicate() {
    auto same = [](const Diagnostic& a, const Diagnostic& b) {
        return a.path == b.path && a.line == b.line && a.col == b.col && a.message == b.message &&
               a.severity == b.severity;
    };
    items_.erase(std::unique(items_.begin(), items_.end(), same), items_.end());
}

void Diagnostics::promote_warnings() {
    for (auto& d : items_) d.severity = Severity::error;
}

}  // namespace portal
