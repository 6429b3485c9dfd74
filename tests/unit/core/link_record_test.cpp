// The link check's records of a page's internal targets: encoded once, each
// target once, and read back as they were written.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "check/link_record.h"

using portal::check::for_each_target;
using portal::check::LinkTarget;
using portal::check::TargetListWriter;

namespace {

struct Owned {
    std::string path, fragment;
    bool has_fragment = false, outside_base = false;
    bool operator==(const Owned&) const = default;
};

std::vector<Owned> read(std::string_view encoded, bool* readable = nullptr) {
    std::vector<Owned> out;
    const bool ok = for_each_target(encoded, [&](const LinkTarget& t) {
        out.push_back({std::string(t.path), std::string(t.fragment), t.has_fragment, t.outside_base});
    });
    if (readable) *readable = ok;
    return out;
}

}  // namespace

TEST_CASE("check::TargetListWriter keeps each target once, in the order first seen") {
    TargetListWriter writer(2);  // fewer than are added: the table of seen targets grows
    const std::vector<Owned> added = {
        {"/cases/a/", "", false, false}, {"/cases/b/", "", false, false}, {"/cases/a/", "", false, false},
        {"/cases/a/", "", true, false},   // "#" differs from no fragment
        {"/cases/a/", "top", true, false}, {"/cases/a/", "top", true, false},
        {"/cases/a/", "", false, true},   // outside the base path differs
        {"/テ/", "見出し", true, false},
    };
    for (std::size_t i = 0; i < 40; ++i)
        for (const Owned& t : added) writer.add({t.path, t.fragment, t.has_fragment, t.outside_base});
    for (int i = 0; i < 100; ++i) writer.add({"/p" + std::to_string(i) + "/", "", false, false});
    const std::string encoded = writer.finish();

    bool readable = false;
    const std::vector<Owned> targets = read(encoded, &readable);
    REQUIRE(readable);
    REQUIRE(targets.size() == 6 + 100);
    CHECK(targets[0] == Owned{"/cases/a/", "", false, false});
    CHECK(targets[1] == Owned{"/cases/b/", "", false, false});
    CHECK(targets[2] == Owned{"/cases/a/", "", true, false});
    CHECK(targets[3] == Owned{"/cases/a/", "top", true, false});
    CHECK(targets[4] == Owned{"/cases/a/", "", false, true});
    CHECK(targets[5] == Owned{"/テ/", "見出し", true, false});
    CHECK(targets[6].path == "/p0/");
    CHECK(targets[105].path == "/p99/");
    CHECK(encoded.capacity() - encoded.size() < 64);  // held to the end of a build: no room left over

    // The writer then makes a new list, which knows nothing of the first.
    writer.add({"/cases/a/", "", false, false});
    writer.add({"/new/", "", false, false});
    writer.add({"/new/", "", false, false});
    const std::vector<Owned> second = read(writer.finish(), &readable);
    REQUIRE(readable);
    CHECK(second == std::vector<Owned>{{"/cases/a/", "", false, false}, {"/new/", "", false, false}});
}

TEST_CASE("check::for_each_target reads an empty list and rejects damaged bytes") {
    CHECK(read("").empty());
    TargetListWriter none(0);
    bool readable = false;
    CHECK(read(none.finish(), &readable).empty());
    CHECK(readable);

    TargetListWriter writer(1);
    writer.add({"/a/", "x", true, false});
    const std::string encoded = writer.finish();
    read(encoded.substr(0, encoded.size() - 1), &readable);  // cut short
    CHECK_FALSE(readable);
    read(encoded + "?", &readable);  // trailing bytes
    CHECK_FALSE(readable);
}

TEST_CASE("check link records keep their targets through the cache file") {
    portal::check::LinkRecords records;
    records.base_url = "https://example.org/";
    TargetListWriter writer(2);
    writer.add({"/b/", "", false, false});
    writer.add({"/c/", "top", true, false});
    portal::check::StoredLinkRecord stored;
    stored.content = 42;
    stored.record.ids = {"a", "b"};
    stored.record.targets = writer.finish();
    records.by_output.emplace("a/index.html", stored);

    const auto bytes = std::make_shared<std::string>(portal::check::serialize(records));
    auto parsed = portal::check::parse_link_records(*bytes, bytes);
    REQUIRE(parsed);
    auto& read_back = parsed->by_output.at("a/index.html");
    CHECK(read_back.content == 42);
    CHECK(read_back.record.ids == std::vector<std::string>{"a", "b"});
    CHECK(read_back.record.targets.empty());  // read only when needed
    REQUIRE(portal::check::decode_targets(read_back));
    CHECK(read(read_back.record.targets) ==
          std::vector<Owned>{{"/b/", "", false, false}, {"/c/", "top", true, false}});
    // Saved again without being decoded: the same bytes.
    auto again = portal::check::parse_link_records(*bytes, bytes);
    REQUIRE(again);
    CHECK(portal::check::serialize(*again) == *bytes);
}
