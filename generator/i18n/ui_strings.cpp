#include "i18n/ui_strings.h"

#include <set>

#include "config/toml_parse.h"
#include "fs/files.h"

namespace portal::i18n {

namespace stdfs = std::filesystem;

namespace {

bool is_plural_table(const toml::table& table) {
    if (table.empty()) return false;
    for (const auto& [key, value] : table) {
        const std::string_view k = key.str();
        if ((k != "zero" && k != "one" && k != "other") || !value.is_string()) return false;
    }
    return true;
}

void flatten(const toml::table& table, const std::string& prefix, const std::string& path,
             std::map<std::string, UiString>& out, std::vector<Diagnostic>& errors) {
    for (const auto& [key, value] : table) {
        const std::string name = prefix + std::string(key.str());
        const int line = static_cast<int>(value.source().begin.line);
        UiString entry;
        entry.source = path + ":" + std::to_string(line);
        if (const auto* s = value.as_string()) {
            entry.forms["other"] = s->get();
        } else if (const auto* t = value.as_table(); t && is_plural_table(*t)) {
            for (const auto& [form, text] : *t) entry.forms[std::string(form.str())] = *text.value<std::string>();
            if (!entry.forms.count("other")) {
                errors.push_back(make_error(path, line, 1, "plural string `" + name + "` needs an `other` form"));
                continue;
            }
        } else if (t) {
            flatten(*t, name + ".", path, out, errors);
            continue;
        } else {
            errors.push_back(make_error(path, line, static_cast<int>(value.source().begin.column),
                                        "UI string `" + name + "` must be text or a table of plural forms"));
            continue;
        }
        out[name] = std::move(entry);
    }
}

Result<bool> load_file(const stdfs::path& root, const std::string& rel, std::map<std::string, UiString>& out) {
    std::error_code ec;
    if (!stdfs::exists(root / rel, ec)) return false;
    auto text = fs::read_file(root / rel, rel);
    if (!text) return text.errors();
    auto table = parse_toml(*text, rel, 0);
    if (!table) return table.errors();
    std::vector<Diagnostic> errors;
    flatten(*table, "", rel, out, errors);
    if (!errors.empty()) return errors;
    return true;
}

}  // namespace

Result<UiStrings> UiStrings::load(const stdfs::path& root, const std::string& theme,
                                  const std::vector<std::string>& languages) {
    UiStrings strings;
    std::vector<Diagnostic> errors;
    for (const auto& lang : languages) {
        auto& table = strings.by_language_[lang];
        // Theme first, then the site's file overrides key by key.
        for (const std::string& rel : {"themes/" + theme + "/i18n/" + lang + ".toml", "i18n/" + lang + ".toml"}) {
            auto loaded = load_file(root, rel, table);
            if (!loaded) errors.insert(errors.end(), loaded.errors().begin(), loaded.errors().end());
        }
    }
    // Every language must have every key: a gap would only show when a page
    // in that language is rendered, so report it up front, where it is.
    std::set<std::string> all_keys;
    for (const auto& [lang, table] : strings.by_language_)
        for (const auto& [key, value] : table) all_keys.insert(key);
    for (const auto& [lang, table] : strings.by_language_)
        for (const auto& key : all_keys)
            if (!table.count(key)) {
                std::string defined_in;
                for (const auto& [other_lang, other] : strings.by_language_)
                    if (auto it = other.find(key); it != other.end()) {
                        defined_in = it->second.source;
                        break;
                    }
                errors.push_back(make_error("themes/" + theme + "/i18n/" + lang + ".toml", 0, 0,
                                            "UI string `" + key + "` is missing in language `" + lang + "`",
                                            "it is defined at " + defined_in + "; add it to this file or to i18n/" +
                                                lang + ".toml"));
            }
    if (!errors.empty()) return errors;
    return strings;
}

UiStrings UiStrings::from_map(std::map<std::string, std::map<std::string, UiString>> by_language) {
    UiStrings strings;
    strings.by_language_ = std::move(by_language);
    return strings;
}

bool UiStrings::has(const std::string& lang, const std::string& key) const {
    auto it = by_language_.find(lang);
    return it != by_language_.end() && it->second.count(key);
}

Result<std::string> UiStrings::translate(const std::string& lang, const std::string& key,
                                         const std::map<std::string, std::string>& args, const long long* count) const {
    auto table = by_language_.find(lang);
    if (table == by_language_.end())
        return make_error("", 0, 0, "no UI strings for language `" + lang + "`");
    auto it = table->second.find(key);
    if (it == table->second.end())
        return make_error("", 0, 0, "UI string `" + key + "` is not defined for language `" + lang + "`",
                          "add it to the theme's i18n/" + lang + ".toml or the site's i18n/" + lang + ".toml");
    const auto& forms = it->second.forms;
    std::string form = "other";
    if (count) {
        if (*count == 0 && forms.count("zero")) form = "zero";
        else if (*count == 1 && lang == "en" && forms.count("one")) form = "one";
    }
    const std::string& pattern = forms.at(form);
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            std::size_t close = pattern.find('}', i);
            if (close != std::string::npos) {
                const std::string name = pattern.substr(i + 1, close - i - 1);
                if (auto arg = args.find(name); arg != args.end()) {
                    out += arg->second;
                    i = close;
                    continue;
                }
                if (name == "count" && count) {
                    out += std::to_string(*count);
                    i = close;
                    continue;
                }
                return make_error("", 0, 0, "UI string `" + key + "` (" + lang + ") needs the argument `" + name + "`",
                                  "call it as t(\"" + key + "\", " + name + "=...)");
            }
        }
        out += pattern[i];
    }
    return out;
}

}  // namespace portal::i18n
