// Diagnostics: errors and warnings as values that carry their source position.
//
// Every stage of the pipeline reports problems as `Diagnostic`s instead of
// throwing, so a build can list all of them together ("file:line:col: error:
// message") and the CLI decides the exit code. `Result<T>` is a value or a list
// of diagnostics; `Diagnostics` collects many from independent work.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace portal {

enum class Severity { error, warning };

// Named values a catalogued message is filled with ("field" → "ministry").
// A name may carry a language ("description:ja"); see diagnostic_catalog.h.
using DiagnosticArgs = std::vector<std::pair<std::string, std::string>>;

struct Diagnostic {
    std::string path;   // project-relative file path ("content/cases/x.ja.md"); empty if none
    int line = 0;       // 1-based; 0 when the problem has no position
    int col = 0;        // 1-based; 0 when unknown
    Severity severity = Severity::error;
    std::string message;  // one line, says what is wrong
    std::string hint;     // optional: what to do about it
    // Stable code from base/diagnostic_catalog.inc ("E0204"); empty for the few
    // diagnostics that have none yet (cli gives those a code by origin).
    std::string code;
    DiagnosticArgs args;  // what the catalogue's message and hint are filled with
};

// Makes an error diagnostic; `hint` may be empty.
Diagnostic make_error(std::string path, int line, int col, std::string message,
                      std::string hint = {});
Diagnostic make_warning(std::string path, int line, int col, std::string message,
                        std::string hint = {});

// A diagnostic from the catalogue: severity, message and hint (in English) come
// from entry `code` filled with `args`. Other languages are rendered when printed.
Diagnostic make_coded(std::string_view code, std::string path, int line, int col, DiagnosticArgs args = {});

// "path:line:col: error: message [E0204]", the source line (when given) with a
// caret at `col`, then "  hint: ...". `lang` picks the catalogue's language
// ("en" or "ja"); messages without a catalogue entry stay as written.
std::string format_diagnostic(const Diagnostic& d, const std::string& source_line = {},
                              std::string_view lang = "en");

// A value or the diagnostics that explain why there is none.
template <typename T>
class Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(Diagnostic error) : data_(std::vector<Diagnostic>{std::move(error)}) {}
    Result(std::vector<Diagnostic> errors) : data_(std::move(errors)) {}

    bool ok() const { return data_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(data_); }
    const T& value() const { return std::get<0>(data_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    const std::vector<Diagnostic>& errors() const { return std::get<1>(data_); }
    std::vector<Diagnostic>&& take_errors() { return std::get<1>(std::move(data_)); }

private:
    std::variant<T, std::vector<Diagnostic>> data_;
};

// Collects diagnostics from many sources; errors decide failure, warnings do not
// (unless the build is strict, which the caller decides).
class Diagnostics {
public:
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void add_all(const std::vector<Diagnostic>& ds) { items_.insert(items_.end(), ds.begin(), ds.end()); }
    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    // Sorts by path, line, column, message so output is deterministic
    // whatever order parallel stages reported in.
    void sort();
    // Drops repeats of one problem (same place, same message): a template
    // error shows once, not once per page rendered with that template.
    void deduplicate();
    // --strict: every warning becomes an error.
    void promote_warnings();

private:
    std::vector<Diagnostic> items_;
};

}  // namespace portal
