// The Markdown memo: renders kept between builds, written out block by block
// as they are made.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/parallel.h"
#include "content/markdown_memo.h"
#include "markdown/markdown.h"

namespace stdfs = std::filesystem;
using portal::content::MarkdownMemo;

namespace {

stdfs::path fresh_memo_dir(const char* name) {
    auto dir = stdfs::temp_directory_path() / (std::string("portal-unit-memo-") + name + "-" + std::to_string(::getpid()));
    stdfs::remove_all(dir);
    return dir;
}

// Distinct bodies of about a kilobyte, with a heading and a link each.
std::vector<std::string> bodies(std::size_t count) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::string body = "## 施策 " + std::to_string(i) + "\n\n";
        for (int line = 0; line < 12; ++line)
            body += "テレワークの導入事例 " + std::to_string(i) + " の説明。 [リンク](/cases/case-" + std::to_string(i) + "/)\n";
        out.push_back(std::move(body));
    }
    return out;
}

std::size_t files_named(const stdfs::path& dir, std::string_view part) {
    std::size_t n = 0;
    for (const auto& entry : stdfs::directory_iterator(dir))
        n += entry.path().filename().string().find(part) != std::string::npos;
    return n;
}

bool same(const portal::markdown::Rendered& a, const portal::markdown::Rendered& b) {
    return a.html == b.html && a.plain_text == b.plain_text && a.summary_html == b.summary_html &&
           a.toc.size() == b.toc.size() && a.links.size() == b.links.size() &&
           (a.toc.empty() || a.toc[0].id == b.toc[0].id) && (a.links.empty() || a.links[0].url == b.links[0].url);
}

}  // namespace

TEST_CASE("content::MarkdownMemo writes full blocks as it goes and reads every render back in the next build") {
    const auto dir = fresh_memo_dir("blocks");
    const portal::WorkerPool pool(2);
    const portal::markdown::Options options;
    const auto texts = bodies(1500);  // ~1.5 MB of entries: every shard fills several 4 KB blocks
    {
        MarkdownMemo first(dir, 4096);
        pool.for_each_index(texts.size(), [&](std::size_t i) {
            CHECK(same(first.render(texts[i], options), portal::markdown::render(texts[i], options)));
        });
        CHECK(first.reused() == 0);
        // Blocks already written wait beside the shards until save() puts them in place.
        CHECK(files_named(dir, ".tmp-") == MarkdownMemo::shard_count);
        first.save(MarkdownMemo::Unused::drop, pool);
    }
    CHECK(files_named(dir, ".tmp-") == 0);
    CHECK(files_named(dir, ".memo") == MarkdownMemo::shard_count);

    MarkdownMemo second(dir, 4096);
    for (std::size_t i = 0; i < texts.size(); ++i)
        REQUIRE(same(second.render(texts[i], options), portal::markdown::render(texts[i], options)));
    CHECK(second.reused() == texts.size());
    stdfs::remove_all(dir);
}

TEST_CASE("content::MarkdownMemo leaves no partial shard behind when the build stops before saving") {
    const auto dir = fresh_memo_dir("unsaved");
    const portal::markdown::Options options;
    const auto texts = bodies(600);
    {
        MarkdownMemo stopped(dir, 4096);
        for (const auto& text : texts) stopped.render(text, options);
        CHECK(files_named(dir, ".tmp-") > 0);
    }  // no save(): a content error, say
    CHECK(files_named(dir, ".tmp-") == 0);
    CHECK(files_named(dir, ".memo") == 0);
    MarkdownMemo next(dir, 4096);
    next.render(texts[0], options);
    CHECK(next.reused() == 0);
    stdfs::remove_all(dir);
}
