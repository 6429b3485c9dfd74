#include "build/template_references.h"

#include <cctype>

#include "build/value_hash.h"
#include "fs/files.h"

namespace portal::build {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Variable names and loaded template names of the tags of one template.
void scan_tag(std::string_view tag, std::set<std::string>& words, std::set<std::string>& loads, bool& computed) {
    bool loads_here = false, literal_here = false;
    for (std::size_t i = 0; i < tag.size();) {
        const char c = tag[i];
        if (c == '"' || c == '\'') {
            const std::size_t end = tag.find(c, i + 1);
            const std::size_t stop = end == std::string_view::npos ? tag.size() : end;
            if (loads_here) {
                loads.emplace(tag.substr(i + 1, stop - i - 1));
                literal_here = true;
            }
            i = stop + 1;
            continue;
        }
        if (!is_word_char(c)) { ++i; continue; }
        std::size_t end = i;
        while (end < tag.size() && is_word_char(tag[end])) ++end;
        const std::string word(tag.substr(i, end - i));
        if (word == "extends" || word == "include" || word == "import" || word == "from") loads_here = true;
        // `page.section` is an attribute, not the variable `section`.
        std::size_t before = i;
        while (before > 0 && std::isspace(static_cast<unsigned char>(tag[before - 1]))) --before;
        if (before == 0 || tag[before - 1] != '.') words.insert(word);
        i = end;
    }
    if (loads_here && !literal_here) computed = true;
}

}  // namespace

TemplateReferences::TemplateReferences(std::map<std::string, std::string> sources) {
    for (const auto& [name, text] : sources) {
        Scan scan;
        for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
            if (at + 1 >= text.size() || (text[at + 1] != '{' && text[at + 1] != '%')) continue;
            const char* closing = text[at + 1] == '{' ? "}}" : "%}";
            std::size_t end = text.find(closing, at + 2);
            if (end == std::string::npos) end = text.size();
            scan_tag(std::string_view(text).substr(at + 2, end - at - 2), scan.words, scan.loads, scan.loads_computed);
            at = end;
        }
        scan.text_hash = hash_bytes(text);
        scans_.emplace(name, std::move(scan));
    }
    for (const auto& [name, scan] : scans_) closures_.emplace(name, close(name));
}

TemplateReferences::Closure TemplateReferences::close(const std::string& template_name) const {
    Closure closure;
    std::set<std::string> seen;
    std::vector<std::string> todo{template_name};
    bool everything = false;
    while (!todo.empty()) {
        const std::string current = std::move(todo.back());
        todo.pop_back();
        if (!seen.insert(current).second) continue;
        auto it = scans_.find(current);
        if (it == scans_.end()) continue;
        everything |= it->second.loads_computed;
        closure.words.insert(it->second.words.begin(), it->second.words.end());
        for (const auto& loaded : it->second.loads) todo.push_back(loaded);
    }
    if (everything) {  // a computed name can load any template
        seen.clear();
        for (const auto& [name, scan] : scans_) {
            seen.insert(name);
            closure.words.insert(scan.words.begin(), scan.words.end());
        }
    }
    // `seen` is sorted: the same set of texts always hashes the same.
    std::string hashes;
    for (const auto& name : seen)
        if (auto it = scans_.find(name); it != scans_.end()) {
            hashes += name;
            hashes.append(reinterpret_cast<const char*>(&it->second.text_hash), sizeof it->second.text_hash);
        }
    closure.text_hash = hash_bytes(hashes);
    return closure;
}

std::uint64_t TemplateReferences::text_hash(const std::string& template_name) const {
    auto it = closures_.find(template_name);
    return it == closures_.end() ? 0 : it->second.text_hash;
}

bool TemplateReferences::may_read(const std::string& template_name, const std::string& name) const {
    auto it = closures_.find(template_name);
    return it == closures_.end() || it->second.words.count(name) > 0;
}

bool TemplateReferences::any_reads(const std::string& name) const {
    for (const auto& [template_name, scan] : scans_)
        if (scan.words.count(name)) return true;
    return false;
}

std::map<std::string, std::string> read_template_sources(const std::vector<std::filesystem::path>& directories) {
    std::map<std::string, std::string> sources;
    for (const auto& dir : directories) {
        auto names = fs::list_files(dir, dir.generic_string());
        if (!names) continue;  // the store reports it
        for (const auto& name : *names) {
            if (sources.count(name)) continue;
            if (auto text = fs::read_file(dir / name, name)) sources.emplace(name, std::move(*text));
        }
    }
    return sources;
}

}  // namespace portal::build
