// Reading one content file into a Page: encoding checks, front matter split
// and parse, field validation, Markdown rendering.
#pragma once

#include <cstdint>

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "content/markdown_memo.h"
#include "content/page.h"

namespace portal::content {

// Content files larger than this are refused before they are read (E0108).
// Decision (docs/reliability.md): the portal's largest page is under 100 KB;
// a 50 MB file took 35 s and 530 MB of memory to build, and can only be
// pasted data or a mistake. 5 MB is some 1.7 million Japanese characters.
inline constexpr std::uintmax_t max_page_bytes = 5 * 1024 * 1024;

struct PageSource {
    std::string path;     // project-relative display path
    std::string section;  // folder under content/
    std::string file_name;// "yamagishi.ja.md"
    std::string text;     // raw file bytes
};

struct LoadOptions {
    bool unsafe_html = false;
    std::vector<std::string> languages;  // valid language codes; first is the default
    int summary_length = 120;            // characters of an automatic summary
    const MarkdownMemo* markdown_memo = nullptr;  // renders of unchanged bodies (portal build with the cache)
    // The body's plain text (markdown::Rendered::plain_text) is for the search
    // index only; without it the page keeps none (it is measured for the
    // reading time first). At N = 10,000 the texts are ~90 MB.
    bool keep_plain_text = true;
};

// Errors are all problems found in the file, each with its line.
// `front_matter_text`, when given: set to the TOML text it parsed (a BOM
// dropped, newlines normalised), for the page cache (content/page_cache.h).
Result<Page> load_page(const PageSource& source, const LoadOptions& options, std::string* front_matter_text = nullptr);

}  // namespace portal::content
