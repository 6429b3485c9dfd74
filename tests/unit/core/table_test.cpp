#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "outputs/table.h"

using namespace portal::outputs;

TEST_CASE("outputs::table_csv and table_json") {
    Table table;
    table.columns = {"id", "name", "count", "online", "note"};
    table.rows.push_back({std::string("a"), text_cell("株式会社, \"山岸\""), std::int64_t{15}, true, Cell{}});
    table.rows.push_back({std::string("b"), text_cell("two\nlines"), Cell{}, false, text_cell("")});

    SUBCASE("CSV: BOM, header, CRLF, RFC 4180 quoting") {
        CHECK(table_csv(table) ==
              "\xEF\xBB\xBFid,name,count,online,note\r\n"
              "a,\"株式会社, \"\"山岸\"\"\",15,true,\r\n"
              "b,two lines,,false,\r\n");
    }
    SUBCASE("JSON: the same records, typed, keys in column order") {
        CHECK(table_json(table) ==
              "[\n"
              "  {\n    \"id\": \"a\",\n    \"name\": \"株式会社, \\\"山岸\\\"\",\n    \"count\": 15,\n"
              "    \"online\": true,\n    \"note\": null\n  },\n"
              "  {\n    \"id\": \"b\",\n    \"name\": \"two lines\",\n    \"count\": null,\n"
              "    \"online\": false,\n    \"note\": null\n  }\n"
              "]\n");
    }
    SUBCASE("an empty table is a header and an empty array") {
        Table empty{{"id"}, {}};
        CHECK(table_csv(empty) == "\xEF\xBB\xBFid\r\n");
        CHECK(table_json(empty) == "[]\n");
    }
}

namespace {

// What table_json wrote with nlohmann::ordered_json before it was written by
// hand: the oracle for the format.
std::string nlohmann_table_json(const Table& table) {
    nlohmann::ordered_json records = nlohmann::ordered_json::array();
    for (const auto& row : table.rows) {
        nlohmann::ordered_json record = nlohmann::ordered_json::object();
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const Cell& cell = c < row.size() ? row[c] : Cell{};
            auto& field = record[table.columns[c]];
            if (const auto* text = std::get_if<std::string>(&cell)) field = *text;
            else if (const auto* number = std::get_if<std::int64_t>(&cell)) field = *number;
            else if (const auto* flag = std::get_if<bool>(&cell)) field = *flag;
            else field = nullptr;
        }
        records.push_back(std::move(record));
    }
    return records.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_CASE("outputs::table_json writes what nlohmann::json's dump(2) writes") {
    // Every byte below 0x80 (controls, quote, backslash, slash, DEL) and
    // Japanese text, in random cells of random tables; fixed seed.
    const std::vector<std::string> pieces = {"テレワーク", "株式会社", "é", "😀", "/", "\\", "\"", " ", "a,b", "\u007f"};
    std::mt19937 random(20261206);
    auto text = [&] {
        std::string out;
        const int length = static_cast<int>(random() % 12);
        for (int i = 0; i < length; ++i) {
            if (random() % 2) out += static_cast<char>(random() % 0x80);
            else out += pieces[random() % pieces.size()];
        }
        return out;
    };
    const std::int64_t numbers[] = {0, -1, 42, std::numeric_limits<std::int64_t>::min(),
                                    std::numeric_limits<std::int64_t>::max()};
    for (int round = 0; round < 500; ++round) {
        Table table;
        const std::size_t columns = random() % 6;
        for (std::size_t c = 0; c < columns; ++c) table.columns.push_back("c" + std::to_string(c) + text());
        const std::size_t rows = random() % 5;
        for (std::size_t r = 0; r < rows; ++r) {
            std::vector<Cell> row;
            const std::size_t cells = random() % (columns + 2);  // short rows and rows longer than the columns
            for (std::size_t c = 0; c < cells; ++c) {
                switch (random() % 4) {
                    case 0: row.emplace_back(text()); break;
                    case 1: row.emplace_back(numbers[random() % 5]); break;
                    case 2: row.emplace_back(random() % 2 == 0); break;
                    default: row.emplace_back(); break;
                }
            }
            table.rows.push_back(std::move(row));
        }
        INFO("round " << round);
        REQUIRE(table_json(table) == nlohmann_table_json(table));
    }
}
