// Rendered Markdown kept between builds (`portal build` with the cache, see
// docs/incremental.md). Rendering the bodies is most of what loading content
// costs; a body whose text did not change renders the same, so each render is
// kept in <cache>/markdown/ as one file named by the hash of the body's text,
// the render options and the identity of the portal binary (a rebuilt
// generator renders everything again). An incremental build renders only
// the bodies that changed and reads the others back.
//
// Entries carry a checksum: a damaged or half-written one is rendered again.
// Entries no build used last are removed by forget_unused().
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "markdown/markdown.h"

namespace portal::content {

class MarkdownMemo {
public:
    // Keeps entries in `dir` (created when needed).
    explicit MarkdownMemo(std::filesystem::path dir);

    // markdown::render(text, options), read from the memo when this text was
    // rendered before with these options; a new render is added. Thread-safe.
    markdown::Rendered render(std::string_view text, const markdown::Options& options) const;

    // Removes the entries that no render() of this object asked for: bodies
    // that were edited or deleted since. Call after the content is loaded.
    void forget_unused() const;

private:
    std::filesystem::path dir_;
    std::uint64_t seed_ = 0;  // the binary's identity and the memo format
    mutable std::mutex mutex_;
    mutable std::unordered_set<std::string> used_;  // entry names asked for
};

}  // namespace portal::content
