// The benchmark's floor: libcmark-gfm parsing and rendering the Markdown of
// every page in one process, one thread, nothing else (no front matter, no
// templates, no output files). `portal build` cannot beat the work in here;
// bench/run.py reports how far above it we are.
//
//     bench_floor CONTENT_DIR [OUT_DIR]    prints the number of pages and bytes of HTML
//
// With OUT_DIR, each page's HTML is also written to OUT_DIR/<path>/index.html
// (one folder and one file per page, as a site's pages are): the floor plus
// the file system's share of a build, which on this kind of machine is a
// large part of writing a site (see bench/README.md).
//
// Same extensions and options as generator/markdown (the cmark-gfm CLI's
// `-e table -e strikethrough -e autolink -e tagfilter -e tasklist -e footnotes`).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace {

// The Markdown after the closing `+++` of the front matter.
std::string body_of(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.rfind("+++\n", 0) != 0) return text;
    const auto end = text.find("\n+++\n", 3);
    return end == std::string::npos ? text : text.substr(end + 5);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: bench_floor CONTENT_DIR [OUT_DIR]\n");
        return 2;
    }
    const std::filesystem::path content = argv[1];
    const std::filesystem::path out = argc == 3 ? argv[2] : "";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(content))
        if (entry.is_regular_file() && entry.path().extension() == ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    cmark_gfm_core_extensions_ensure_registered();
    const char* names[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
    const int options = CMARK_OPT_FOOTNOTES;
    std::size_t html_bytes = 0;
    for (const auto& path : files) {
        const std::string markdown = body_of(path);
        cmark_parser* parser = cmark_parser_new(options);
        for (const char* name : names) cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
        cmark_parser_feed(parser, markdown.data(), markdown.size());
        cmark_node* document = cmark_parser_finish(parser);
        char* html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        const std::size_t length = std::char_traits<char>::length(html);
        html_bytes += length;
        if (!out.empty()) {
            std::filesystem::path page = out / std::filesystem::relative(path, content);
            page.replace_extension();  // case-00001.ja.md -> case-00001.ja
            std::filesystem::create_directories(page);
            std::ofstream(page / "index.html", std::ios::binary).write(html, static_cast<std::streamsize>(length));
        }
        free(html);
        cmark_node_free(document);
        cmark_parser_free(parser);
    }
    std::printf("%zu pages, %zu bytes of HTML\n", files.size(), html_bytes);
    return 0;
}
