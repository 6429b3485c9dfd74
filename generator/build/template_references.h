// Which names a template can read, found from its text (and the text of every
// template it extends, includes or imports). The build cache uses it to leave
// out of a page's fingerprint what its templates never mention: page
// templates that do not name `section` do not depend on their section's list
// of pages (see docs/incremental.md).
//
// The scan is conservative: a name counts as used when it appears as a word
// inside any `{{ }}` or `{% %}` tag (not after a `.`: `page.section` is an
// attribute; templates cannot name a variable in a string), and a template
// that loads another by a computed name is taken to use every template.
//
// It also records how a name is used: only through constant attributes
// (`section.title`, `section.content`) or whole (`section` alone, passed to a
// macro or filter, looped over, subscripted, a method called on it). A list
// page whose templates only say `section.content` then does not depend on
// `section.pages`, every page of the section: the paginator's slice is what
// it shows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "template/store.h"

namespace portal::build {

class TemplateReferences {
public:
    // `sources`: template name → text, as the store loaded them.
    explicit TemplateReferences(std::map<std::string, std::string> sources);

    // Whether rendering `template_name` may read the variable `name`.
    bool may_read(const std::string& template_name, const std::string& name) const;

    // How rendering `template_name` may read the variable `name`: not at all,
    // whole, or only through these attributes (sorted).
    struct Use {
        bool read = false;
        bool whole = false;
        std::set<std::string> attributes;  // when read and not whole
    };
    // The reference stays valid as long as this object.
    const Use& use_of(const std::string& template_name, const std::string& name) const;

    // How rendering one template reads each name, for the many names of one
    // output's context: the template is looked up once (`use_of` looks it up
    // again per name, which for every entry of every output showed in the
    // fingerprints and the hot rebuild's search for affected outputs).
    class Reads {
    public:
        const Use& of(std::string_view name) const;
        // The same for every output of one template: usable as a memo key.
        const void* identity() const { return uses_; }

    private:
        friend class TemplateReferences;
        explicit Reads(const std::map<std::string, Use, std::less<>>* uses) : uses_(uses) {}
        const std::map<std::string, Use, std::less<>>* uses_;  // null: an unknown template, may read anything
    };
    Reads reads_of(const std::string& template_name) const;

    // Whether any template mentions `name`.
    bool any_reads(const std::string& name) const;

    // Hash of the text of `template_name` and of every template it loads.
    std::uint64_t text_hash(const std::string& template_name) const;

private:
    struct Scan {
        std::set<std::string> words;   // identifiers used inside tags
        std::set<std::string> whole;   // of those, the ones used other than through a constant attribute
        std::map<std::string, std::set<std::string>> attributes;  // word → attributes read from it
        std::set<std::string> loads;   // templates named by string literals in extends/include/import/from
        bool loads_computed = false;   // a load with a computed name
        std::uint64_t text_hash = 0;
    };
    struct Closure {
        std::set<std::string> words;   // of the template and all it loads
        std::set<std::string> whole;
        std::map<std::string, std::set<std::string>> attributes;
        std::map<std::string, Use, std::less<>> uses;  // by word: what use_of answers, built once
        std::uint64_t text_hash = 0;
    };
    static void add_scan(const Scan& scan, Closure& closure);
    Closure close(const std::string& template_name) const;
    std::map<std::string, Scan> scans_;
    std::map<std::string, Closure> closures_;  // by template name, computed once
};

// Template name → text of every template below `directories`, earlier
// directories winning (the store's lookup order).
std::map<std::string, std::string> read_template_sources(const std::vector<std::filesystem::path>& directories);

}  // namespace portal::build
