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
