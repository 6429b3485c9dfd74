// The site model: every page and section of every language, their URLs and
// translations. Built once, then read-only: rendering runs on many threads.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "base/parallel.h"
#include "config/config.h"
#include "content/data_files.h"
#include "content/page.h"

namespace portal::content {

struct Section {
    std::string path;   // "cases"; "" for the home section
    std::string lang;
    std::size_t index_page = no_page;   // its _index page, if any
    std::vector<std::size_t> pages;     // regular pages, newest first (then weight, title)
    std::vector<std::size_t> subsections;  // indices into Site::sections
    std::string url;    // "/cases/", "/en/cases/"
};

struct Term {
    std::string key;    // "soumu", "2025"
    std::string name;   // 総務省 / Ministry of Internal Affairs and Communications / 令和7年度
    std::string url;    // "/ministry/soumu/", "/en/ministry/soumu/"
    std::vector<std::size_t> pages;  // in list order
};

// One taxonomy in one language: its index page lists the terms.
struct TaxonomyIndex {
    std::string name;   // "ministry"
    std::string lang;
    std::string url;    // "/ministry/", "/en/ministry/"
    std::vector<Term> terms;  // by key; fiscal years newest first
};

struct Site {
    config::Config config;
    std::vector<Page> pages;        // sorted by source path: stable order for every stage
    std::vector<Section> sections;  // sorted by (path, language order)
    std::vector<std::string> static_files;  // content-relative non-Markdown files to copy
    std::vector<TaxonomyIndex> taxonomies;  // config order, then language order
    std::vector<Diagnostic> warnings;       // found while building the model (unknown fields, outdated translations)
    DataFiles data;                         // content/data/*.toml by stem
    // Whether pages carry their plain text (LoadOptions::keep_plain_text), as
    // the site builder chose: a page reloaded later (portal serve) must match.
    bool keeps_plain_text = true;

    // The section of `path` in `lang`, or nullptr.
    const Section* find_section(const std::string& path, const std::string& lang) const;
};

// Frees what only rendering reads of each page: its body HTML, summary,
// plain text and table of contents. Links stay (the link check points at
// them). Called once every output is built, so the check's own data can use
// the room (docs/performance.md, pass 4); pages are freed side by side, as
// the template values are (build/assemble.cpp).
void release_rendered_text(Site& site, const WorkerPool& pool);

// URL of `section_path` in the language with `url_prefix`: "/en" + "/cases/".
std::string section_url(const std::string& url_prefix, const std::string& section_path);

}  // namespace portal::content
