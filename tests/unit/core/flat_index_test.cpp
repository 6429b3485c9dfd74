#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "base/flat_index.h"

using portal::FlatIndex;

TEST_CASE("FlatIndex finds what was inserted, keeps the first value, and finds nothing else") {
    FlatIndex index;  // grows from its smallest table
    // Keys that look like output paths, some differing only at the end or in
    // length, and the empty key.
    std::vector<std::string> keys{""};
    for (int i = 0; i < 5000; ++i) {
        keys.push_back("cases/case-" + std::to_string(i) + "/index.html");
        keys.push_back("cases/case-" + std::to_string(i));
    }
    std::map<std::string, std::uint32_t> oracle;
    std::mt19937 random(7);
    for (std::size_t round = 0; round < 2; ++round)
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const auto value = static_cast<std::uint32_t>(random());
            const bool fresh = oracle.emplace(keys[i], value).second;
            CHECK(index.insert(keys[i], value) == fresh);
        }
    CHECK(index.size() == oracle.size());
    for (const auto& [key, value] : oracle) {
        const auto found = index.find(key);
        REQUIRE(found);
        CHECK(found->value == value);
        CHECK(found->key == key);
    }
    // The index's view is of the inserted bytes, not a copy.
    CHECK(index.find(keys[1])->key.data() == keys[1].data());
    for (const std::string missing : {"cases/case-5000", "cases/case-1/index.htm", "cases/case-1/", "x"})
        CHECK_FALSE(index.find(missing));
}
