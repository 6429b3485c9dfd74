// Printing diagnostics for people and for machines: "file:line:col:
// error: message [E0204]", the source line with a caret under the column and the
// hint, in English or Japanese; or one JSON document; plus GitHub Actions
// workflow commands so errors show on a pull request's lines.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "base/diagnostics.h"

namespace portal::cli {

enum class DiagnosticsFormat { text, json };

struct PrintOptions {
    std::string lang = "en";                  // "en" or "ja" (--message-lang)
    DiagnosticsFormat format = DiagnosticsFormat::text;
    bool github_annotations = false;          // GITHUB_ACTIONS=true: also `::error file=...::`
};

// Text goes to `out`; JSON and workflow commands go to `machine` (stdout).
// Reads each diagnostic's file (relative to `root`) to show its source line.
void print_diagnostics(std::ostream& out, const Diagnostics& diagnostics, const std::filesystem::path& root,
                       const PrintOptions& options = {});
void print_diagnostics(std::ostream& out, std::ostream& machine, const Diagnostics& diagnostics,
                       const std::filesystem::path& root, const PrintOptions& options);

// The language for messages when --message-lang is not given: `message_lang`
// in <root>/config.toml, else "en".
std::string default_message_lang(const std::filesystem::path& root);

}  // namespace portal::cli
