#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "fs/files.h"
#include "fs/incremental_publish.h"
#include "fs/output_dir.h"

namespace stdfs = std::filesystem;
using portal::fs::StagingDir;

namespace {
stdfs::path fresh_dir(const char* name) {
    auto dir = stdfs::temp_directory_path() / (std::string("portal-unit-") + name + "-" + std::to_string(::getpid()));
    stdfs::remove_all(dir);
    stdfs::create_directories(dir);
    return dir;
}
std::string slurp(const stdfs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("fs::StagingDir publishes atomically and only replaces its own output") {
    auto dir = fresh_dir("staging");
    auto out = dir / "site";

    SUBCASE("first build creates the output; second replaces it whole") {
        {
            auto staging = StagingDir::create(out);
            REQUIRE(staging.ok());
            REQUIRE(staging->write("a/index.html", "one").ok());
            REQUIRE(staging->publish().ok());
        }
        CHECK(slurp(out / "a/index.html") == "one");
        {
            auto staging = StagingDir::create(out);
            REQUIRE(staging.ok());
            REQUIRE(staging->write("b/index.html", "two").ok());
            REQUIRE(staging->publish().ok());
        }
        CHECK_FALSE(stdfs::exists(out / "a"));
        CHECK(slurp(out / "b/index.html") == "two");
    }
    SUBCASE("an abandoned build leaves no staging folder and no change") {
        {
            auto staging = StagingDir::create(out);
            REQUIRE(staging.ok());
            REQUIRE(staging->write("x.html", "x").ok());
        }
        CHECK_FALSE(stdfs::exists(out));
        int entries = 0;
        for ([[maybe_unused]] auto& e : stdfs::directory_iterator(dir)) ++entries;
        CHECK(entries == 0);
    }
    SUBCASE("a folder with someone's files is refused") {
        stdfs::create_directories(out);
        std::ofstream(out / "notes.txt") << "keep";
        auto staging = StagingDir::create(out);
        CHECK_FALSE(staging.ok());
        CHECK(slurp(out / "notes.txt") == "keep");
    }
    stdfs::remove_all(dir);
}

TEST_CASE("fs::check_output_location refuses the project, its parents and its sources") {
    auto dir = fresh_dir("location");
    auto root = dir / "project";
    stdfs::create_directories(root / "content" / "news");
    stdfs::create_directories(root / "themes" / "default");
    auto refused = [&](const stdfs::path& out) {
        auto result = portal::fs::check_output_location(root, out);
        return !result.ok() && result.errors().front().code == "E0802";
    };
    CHECK(refused(root));
    CHECK(refused(root / "."));
    CHECK(refused(dir));
    CHECK(refused("/"));
    CHECK(refused(root / "content"));
    CHECK(refused(root / "content" / "news" / "site"));
    CHECK(refused(root / "themes" / "default"));
    CHECK(refused(root / ".git"));
    CHECK(refused(root / "site" / ".." / "content"));
    // Through a symbolic link too.
    stdfs::create_directory_symlink(root / "content", dir / "link-to-content");
    CHECK(refused(dir / "link-to-content"));
    CHECK_FALSE(refused(root / "site"));
    CHECK_FALSE(refused(root / "content-preview"));  // a sibling whose name starts the same
    CHECK_FALSE(refused(dir / "elsewhere"));
    stdfs::remove_all(dir);
}

TEST_CASE("fs::remove_owned_tree deletes the marker last and abandoned staging folders go") {
    auto dir = fresh_dir("owned");
    auto tree = dir / ".site.tmp-999999999";
    stdfs::create_directories(tree / "a" / "b");
    std::ofstream(tree / std::string(portal::fs::output_marker)) << "built by portal\n";
    std::ofstream(tree / "a" / "b" / "index.html") << "x";
    // Staging folders of a process that no longer runs are removed; folders
    // without the marker and other names are left alone.
    auto foreign = dir / ".site.tmp-999999998";
    stdfs::create_directories(foreign);
    std::ofstream(foreign / "mine.txt") << "keep";
    portal::fs::remove_abandoned_staging(dir, ".site.tmp-");
    CHECK_FALSE(stdfs::exists(tree));
    CHECK(slurp(foreign / "mine.txt") == "keep");

    auto owned = dir / "owned";
    stdfs::create_directories(owned / "x");
    std::ofstream(owned / std::string(portal::fs::output_marker)) << "built by portal\n";
    portal::fs::remove_owned_tree(owned);
    CHECK_FALSE(stdfs::exists(owned));
    stdfs::remove_all(dir);
}

TEST_CASE("fs::start_new_spare: files written early are published, and a lost one is an error") {
    using namespace portal::fs;
    const portal::WorkerPool pool(2);
    auto dir = fresh_dir("early");
    const auto out = dir / "site";
    const ManifestStore manifests(dir / "cache");
    auto early_file = [](const char* path) {
        PublishedFile file;
        file.path = path;
        file.entry.content = 42;
        file.in_spare = true;
        return file;
    };
    auto written_file = [](const char* path, std::string_view data) {
        PublishedFile file;
        file.path = path;
        file.entry.content = 7;
        file.data = data;
        return file;
    };

    // A build that started the spare: update it as new, then make it live.
    auto publish_started = [&](const std::vector<PublishedFile>& files) -> portal::Result<PublishStats> {
        auto updated = update_spare(out, manifests, files, pool, nullptr, true);
        if (!updated) return updated.errors();
        return swap_in_spare(out, std::move(*updated));
    };

    auto started = start_new_spare(out, manifests);
    REQUIRE(started.ok());
    REQUIRE(*started);
    // What a render worker does: write into the new spare tree at once.
    REQUIRE(write_whole_file(spare_tree_path(out) / "a/index.html", "early", ParentFolder::probably_missing) == 0);
    const std::vector<PublishedFile> files = {early_file("a/index.html"), written_file("feed.xml", "later")};
    auto published = publish_started(files);
    REQUIRE(published.ok());
    CHECK(slurp(out / "a/index.html") == "early");
    CHECK(slurp(out / "feed.xml") == "later");
    CHECK(published->written == 2);

    SUBCASE("a spare with a manifest is updated, not started again") {
        auto again = start_new_spare(out, manifests);
        REQUIRE(again.ok());
        REQUIRE(*again);  // a first publish renames its spare into place: none is left
        REQUIRE(publish_started({written_file("a/index.html", "second")}).ok());
        CHECK(slurp(out / "a/index.html") == "second");
        auto third = start_new_spare(out, manifests);
        REQUIRE(third.ok());
        CHECK_FALSE(*third);  // the previous live tree, with its manifest
    }
    SUBCASE("an early file the spare lost is reported, not published missing") {
        std::error_code ec;
        stdfs::remove_all(spare_tree_path(out), ec);
        auto lost = update_spare(out, manifests, {early_file("b/index.html")}, pool);  // not started_new: a new tree
        CHECK_FALSE(lost.ok());
    }
    stdfs::remove_all(dir);
}
