#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

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
