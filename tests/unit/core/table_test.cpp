#include <doctest/doctest.h>

#include <string>

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
