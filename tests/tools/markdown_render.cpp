// markdown_render: exposes portal::markdown::render to test scripts.
//
// Reads a JSON array of Markdown strings (from FILE, or stdin) and writes a
// JSON array of results in the same order, so a script renders a whole test
// suite with one process.
//
//   markdown_render [--unsafe] [--no-ids] [--full] [--threads N] [FILE]
//
//   --unsafe     Options::unsafe_html = true
//   --no-ids     Options::heading_ids = false
//   --full       each result is an object {html, toc, links, summary_html,
//                plain_text} instead of the HTML string
//   --threads N  render on N threads at once (exercises thread safety; the
//                output order does not change)
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "markdown/markdown.h"

namespace {

using nlohmann::json;
namespace md = portal::markdown;

json to_json(const md::Rendered& r) {
    json toc = json::array();
    for (const md::Heading& h : r.toc) toc.push_back({{"level", h.level}, {"id", h.id}, {"text", h.text}});
    json links = json::array();
    for (const md::Link& l : r.links) {
        links.push_back({{"url", l.url}, {"line", l.line}, {"col", l.col},
                         {"is_image", l.is_image}, {"alt", l.alt}});
    }
    return {{"html", r.html}, {"toc", toc}, {"links", links},
            {"summary_html", r.summary_html}, {"plain_text", r.plain_text}};
}

int usage() {
    std::cerr << "usage: markdown_render [--unsafe] [--no-ids] [--full] [--threads N] [FILE]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    md::Options options;
    bool full = false;
    unsigned threads = 1;
    std::string path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--unsafe") options.unsafe_html = true;
        else if (arg == "--no-ids") options.heading_ids = false;
        else if (arg == "--full") full = true;
        else if (arg == "--threads" && i + 1 < argc) threads = static_cast<unsigned>(std::stoul(argv[++i]));
        else if (!arg.empty() && arg[0] == '-') return usage();
        else if (path.empty()) path = arg;
        else return usage();
    }

    std::string input;
    if (path.empty()) {
        input.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            std::cerr << "markdown_render: cannot read " << path << "\n";
            return 1;
        }
        input.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }

    std::vector<std::string> sources;
    try {
        sources = json::parse(input).get<std::vector<std::string>>();
    } catch (const json::exception& e) {
        std::cerr << "markdown_render: input must be a JSON array of strings: " << e.what() << "\n";
        return 1;
    }

    // Each thread takes every `threads`-th document and writes into its own
    // slots, so the output order is the input order.
    std::vector<md::Rendered> results(sources.size());
    std::vector<std::thread> workers;
    if (threads == 0) threads = 1;
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (std::size_t i = t; i < sources.size(); i += threads) {
                results[i] = md::render(sources[i], options);
            }
        });
    }
    for (std::thread& worker : workers) worker.join();

    json out = json::array();
    for (const md::Rendered& r : results) out.push_back(full ? to_json(r) : json(r.html));
    std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    return 0;
}
