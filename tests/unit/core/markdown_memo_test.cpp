#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "base/parallel.h"
#include "content/markdown_memo.h"

namespace stdfs = std::filesystem;
using portal::WorkerPool;
using portal::content::MarkdownMemo;

namespace {

stdfs::path fresh_memo_dir() {
    auto dir = stdfs::temp_directory_path() / ("portal-unit-memo-" + std::to_string(::getpid()));
    stdfs::remove_all(dir);
    return dir;
}

// Every byte of every file in `dir`, and how many files are not shards.
struct Folder {
    std::string bytes;
    int shards = 0;
    int others = 0;
};

Folder read_folder(const stdfs::path& dir) {
    Folder folder;
    for (const auto& entry : stdfs::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        folder.bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        (entry.path().extension() == ".memo" ? folder.shards : folder.others)++;
    }
    return folder;
}

// A body whose render is recognisable in the shard files.
std::string body(int i) { return "Body number " + std::to_string(i) + " with **bold** text.\n"; }
std::string rendered_body(int i) { return "<p>Body number " + std::to_string(i) + " with <strong>bold</strong> text.</p>"; }

// How many of bodies first..last (inclusive) a new memo over `dir` reads
// back rather than renders; the memo is not saved, so `dir` stays as it was.
std::size_t reused_of(const stdfs::path& dir, int first, int last) {
    const MarkdownMemo memo(dir);
    for (int i = first; i <= last; ++i) CHECK(memo.render(body(i), {}).rendered.html.find(rendered_body(i)) == 0);
    return memo.reused();
}

}  // namespace

TEST_CASE("MarkdownMemo keeps every new render in its shards, and only the used ones when told to drop") {
    const stdfs::path dir = fresh_memo_dir();
    const WorkerPool pool(2);
    constexpr int pages = 300;  // several entries per shard: written out as they come
    {
        const MarkdownMemo memo(dir);
        for (int i = 0; i < pages; ++i) CHECK(memo.render(body(i), {}).rendered.html.find(rendered_body(i)) == 0);
        memo.save(MarkdownMemo::Unused::drop, pool);
    }
    Folder first = read_folder(dir);
    CHECK(first.others == 0);  // no temporary file left behind
    CHECK(first.shards > 1);
    CHECK(reused_of(dir, 0, pages - 1) == pages);
    CHECK(reused_of(dir, pages, pages + 9) == 0);

    SUBCASE("a second build that asks for half of them, keeping the unused") {
        {
            const MarkdownMemo memo(dir);
            for (int i = 0; i < pages; i += 2) CHECK(memo.render(body(i), {}).rendered.html.find(rendered_body(i)) == 0);
            CHECK(memo.render(body(pages), {}).rendered.html.find(rendered_body(pages)) == 0);  // one new
            memo.save(MarkdownMemo::Unused::keep, pool);
        }
        CHECK(read_folder(dir).others == 0);
        CHECK(reused_of(dir, 0, pages) == pages + 1);
    }
    SUBCASE("a second build that asks for half of them, dropping the unused") {
        {
            const MarkdownMemo memo(dir);
            for (int i = 0; i < pages; i += 2) CHECK(memo.render(body(i), {}).rendered.html.find(rendered_body(i)) == 0);
            CHECK(memo.render(body(pages), {}).rendered.html.find(rendered_body(pages)) == 0);
            memo.save(MarkdownMemo::Unused::drop, pool);
        }
        CHECK(read_folder(dir).others == 0);
        for (int i = 0; i <= pages; ++i) CHECK(reused_of(dir, i, i) == (i % 2 == 0 || i == pages ? 1 : 0));
    }
    SUBCASE("a damaged entry is rendered again, the others read back") {
        stdfs::path shard;
        for (const auto& entry : stdfs::directory_iterator(dir)) shard = entry.path();
        {
            std::fstream file(shard, std::ios::binary | std::ios::in | std::ios::out);
            const auto at = static_cast<std::streamoff>(stdfs::file_size(shard) - 3);  // in the last entry
            file.seekg(at);
            const char byte = static_cast<char>(file.get());
            file.seekp(at);
            file.put(static_cast<char>(~byte));
        }
        const std::size_t reused = reused_of(dir, 0, pages - 1);  // every render still right (reused_of checks)
        CHECK(reused < pages);
        CHECK(reused >= pages - 10);
    }
    SUBCASE("a build that stops before saving leaves the shards as they were") {
        {
            const MarkdownMemo memo(dir);
            for (int i = pages; i < 2 * pages; ++i) memo.render(body(i), {});
        }
        const Folder after = read_folder(dir);
        CHECK(after.others == 0);
        CHECK(after.bytes == first.bytes);
    }
    stdfs::remove_all(dir);
}

TEST_CASE("MarkdownMemo keeps the reading time, and the plain text only when asked") {
    const stdfs::path dir = fresh_memo_dir();
    const WorkerPool pool(2);
    std::string long_body;
    for (int i = 0; i < 300; ++i) long_body += "テレワークは通勤の時間を減らし、災害の時にも仕事を続けられるようにします。\n\n";
    const auto fresh_with = MarkdownMemo::render_fresh(long_body, {}, true);
    const auto fresh_without = MarkdownMemo::render_fresh(long_body, {}, false);
    REQUIRE(fresh_with.reading_minutes > 1);
    CHECK(fresh_with.rendered.plain_text.find("テレワーク") == 0);
    CHECK(fresh_without.rendered.plain_text.empty());
    CHECK(fresh_without.reading_minutes == fresh_with.reading_minutes);
    {
        const MarkdownMemo memo(dir);
        memo.render(long_body, {}, true);
        memo.render(long_body, {}, false);
        memo.save(MarkdownMemo::Unused::drop, pool);
    }
    const MarkdownMemo memo(dir);
    const auto kept_with = memo.render(long_body, {}, true);
    const auto kept_without = memo.render(long_body, {}, false);
    CHECK(memo.reused() == 2);  // one entry for each choice
    CHECK(kept_with.reading_minutes == fresh_with.reading_minutes);
    CHECK(kept_without.reading_minutes == fresh_with.reading_minutes);
    CHECK(kept_with.rendered.plain_text == fresh_with.rendered.plain_text);
    CHECK(kept_without.rendered.plain_text.empty());
    CHECK(kept_with.rendered.html == fresh_with.rendered.html);
    stdfs::remove_all(dir);
}
