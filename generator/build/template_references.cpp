#include "build/template_references.h"

#include <cctype>

#include "build/value_hash.h"
#include "fs/files.h"

namespace portal::build {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Dict methods: `page.items` names the method, which reads every entry.
bool is_dict_method(std::string_view name) {
    return name == "items" || name == "keys" || name == "values" || name == "get";
}

struct TagWords {
    std::set<std::string>& words;
    std::set<std::string>& whole;
    std::map<std::string, std::set<std::string>>& attributes;
};

std::size_t skip_spaces(std::string_view tag, std::size_t at) {
    while (at < tag.size() && std::isspace(static_cast<unsigned char>(tag[at]))) ++at;
    return at;
}

// Records how the variable `word`, ending at `end`, is used: `word.attr` not
// followed by `(` reads one attribute; anything else reads it whole.
void record_use(std::string_view tag, const std::string& word, std::size_t end, TagWords& into) {
    std::size_t at = skip_spaces(tag, end);
    if (at < tag.size() && tag[at] == '.') {
        const std::size_t attr_start = skip_spaces(tag, at + 1);
        std::size_t attr_end = attr_start;
        while (attr_end < tag.size() && is_word_char(tag[attr_end])) ++attr_end;
        const std::string_view attribute = tag.substr(attr_start, attr_end - attr_start);
        const std::size_t after = skip_spaces(tag, attr_end);
        const bool called = after < tag.size() && tag[after] == '(';
        if (!attribute.empty() && !called && !is_dict_method(attribute)) {
            into.attributes[word].emplace(attribute);
            return;
        }
    }
    into.whole.insert(word);
}

// Variable names and loaded template names of the tags of one template.
void scan_tag(std::string_view tag, TagWords into, std::set<std::string>& loads, bool& computed) {
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
        if (before == 0 || tag[before - 1] != '.') {
            into.words.insert(word);
            record_use(tag, word, end, into);
        }
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
            scan_tag(std::string_view(text).substr(at + 2, end - at - 2), {scan.words, scan.whole, scan.attributes},
                     scan.loads, scan.loads_computed);
            at = end;
        }
        scan.text_hash = hash_bytes(text);
        scans_.emplace(name, std::move(scan));
    }
    for (const auto& [name, scan] : scans_) {
        Closure closure = close(name);
        // use_of() is asked for every context name of every output (28,000 at
        // N = 10,000): answer from a table, without copying attribute sets.
        for (const auto& word : closure.words) {
            Use use;
            use.read = true;
            use.whole = closure.whole.count(word) > 0;
            if (!use.whole)
                if (auto attributes = closure.attributes.find(word); attributes != closure.attributes.end())
                    use.attributes = attributes->second;
            closure.uses.emplace(word, std::move(use));
        }
        closures_.emplace(name, std::move(closure));
    }
}

void TemplateReferences::add_scan(const Scan& scan, Closure& closure) {
    closure.words.insert(scan.words.begin(), scan.words.end());
    closure.whole.insert(scan.whole.begin(), scan.whole.end());
    for (const auto& [word, attributes] : scan.attributes)
        closure.attributes[word].insert(attributes.begin(), attributes.end());
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
        add_scan(it->second, closure);
        for (const auto& loaded : it->second.loads) todo.push_back(loaded);
    }
    if (everything) {  // a computed name can load any template
        seen.clear();
        for (const auto& [name, scan] : scans_) {
            seen.insert(name);
            add_scan(scan, closure);
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
    return use_of(template_name, name).read;
}

const TemplateReferences::Use& TemplateReferences::use_of(const std::string& template_name, const std::string& name) const {
    return reads_of(template_name).of(name);
}

TemplateReferences::Reads TemplateReferences::reads_of(const std::string& template_name) const {
    auto it = closures_.find(template_name);
    return Reads(it == closures_.end() ? nullptr : &it->second.uses);
}

const TemplateReferences::Use& TemplateReferences::Reads::of(std::string_view name) const {
    static const Use not_read{};
    static const Use whole{true, true, {}};
    if (!uses_) return whole;  // an unknown template: it may read anything
    auto use = uses_->find(name);
    return use == uses_->end() ? not_read : use->second;
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
