// UI strings: the words a theme prints around content ("本文へ移動",
// "Skip to main content"), per language, from
//   themes/<theme>/i18n/<lang>.toml   (the theme's strings)
//   i18n/<lang>.toml                  (the site's overrides, key by key)
//
// A value is a string with `{name}` placeholders, or a table of plural forms
// `{ one = "{count} minute", other = "{count} minutes" }` chosen by `count`
// (English: one for 1, other otherwise; Japanese has only `other`). Tables
// nest: `[nav] home = "..."` is the key "nav.home".
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace portal::i18n {

struct UiString {
    std::map<std::string, std::string> forms;  // "other" always; "one", "zero" optional
    std::string source;                        // "themes/default/i18n/en.toml:12"
};

class UiStrings {
public:
    // Loads the theme's and the site's files for every language in `languages`.
    // Errors: malformed files, a key one language has and another lacks.
    static Result<UiStrings> load(const std::filesystem::path& root, const std::string& theme,
                                  const std::vector<std::string>& languages);

    // Builds from already parsed strings (tests).
    static UiStrings from_map(std::map<std::string, std::map<std::string, UiString>> by_language);

    // The string `key` in `lang` with `{name}` replaced from `args`; `count`
    // (if given, also available as `{count}`) picks the plural form. Errors
    // name the key and the language.
    Result<std::string> translate(const std::string& lang, const std::string& key,
                                  const std::map<std::string, std::string>& args, const long long* count) const;

    bool has(const std::string& lang, const std::string& key) const;

private:
    std::map<std::string, std::map<std::string, UiString>> by_language_;
};

}  // namespace portal::i18n
