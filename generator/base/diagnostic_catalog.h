// The catalogue of diagnostic codes (diagnostic_catalog.inc): for each stable
// code a title, a one-line message, a hint and a long explanation with an
// example fix, in English and Japanese. It lives in `base` because every layer
// reports diagnostics; the CLI picks the language when it prints them.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/diagnostics.h"

namespace portal::diagnostic_catalog {

struct Text {
    std::string_view en;
    std::string_view ja;
    std::string_view in(std::string_view lang) const { return lang == "ja" ? ja : en; }
};

struct Entry {
    std::string_view code;  // "E0204"; a `W` code is a warning
    Text title;             // a few words, for tables ("unknown value")
    Text message;           // one line with {placeholders}
    Text hint;              // what to do, with {placeholders}
    Text explanation;       // several lines with an example fix (`portal explain`)
};

// Every entry, in code order.
std::span<const Entry> all();

// The entry for `code` (case-insensitive), or nullptr.
const Entry* find(std::string_view code);

// Fills `{name}` from `args` (preferring `name:<lang>`); drops a `[[...]]` part
// whose arguments are missing or empty.
std::string fill(std::string_view pattern, const DiagnosticArgs& args, std::string_view lang);

// The message and hint of `d` in `lang`: the catalogue's text when `d` has a
// code, else the text it was made with.
std::string message_in(const Diagnostic& d, std::string_view lang);
std::string hint_in(const Diagnostic& d, std::string_view lang);

// Gives a diagnostic made without a code the code of where it came from (a
// template, config.toml, a data file, ...), its message kept as `detail`.
void assign_code_by_origin(Diagnostic& d);

}  // namespace portal::diagnostic_catalog
