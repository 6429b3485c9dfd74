// Diagnostics: errors and warnings as values that carry their source position.
//
// Every stage of the pipeline reports problems as `Diagnostic`s instead of
// throwing, so a build can list all of them together ("file:line:col: error:
// message") and the CLI decides the exit code. `Result<T>` is a value or a list
// of diagnostics; `Diagnostics` collects many from independent work.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace portal {

enum class Severity { error, warning };

struct Diagnostic {
    std::string path;   // project-relative file path ("content/cases/x.ja.md"); empty if none
    int line = 0;       // 1-based; 0 when the problem has no position
    int col = 0;        // 1-based; 0 when unknown
    Severity severity = Severity::error;
    std::string message;  // one line, says what is wrong
    std::string hint;     // optional: what to do about it
};

// Makes an error diagnostic; `hint` may be empty.
Diagnostic make_error(std::string path, int line, int col, std::string message,
                      std::string hint = {});
Diagnostic make_warning(std::string path, int line, int col, std::string message,
                        std::string hint = {});

// "path:line:col: error: message" followed by "  hint: ..." when there is a hint.
// `source_line` (optional) is printed under it with a caret at `col`.
std::string format_diagnostic(const Diagnostic& d, const std::string& source_line = {});

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
