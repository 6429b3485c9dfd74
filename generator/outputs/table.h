// A flat table of records written two ways, for open data: JSON (an array of
// objects, keys in column order) and CSV as the Digital Agency's rules for
// machine-readable data ask (UTF-8 with a BOM, one header row, one record per
// line, RFC 4180 quoting and CRLF line ends). Both come from the same cells, so
// the two files always hold the same records in the same order.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace portal::outputs {

// Absent (JSON null, empty CSV field), text, whole number or true/false.
using Cell = std::variant<std::monostate, std::string, std::int64_t, bool>;

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;  // each as long as `columns`
};

// A text cell: line breaks and tabs become spaces (one record per line, even
// in editors that do not follow RFC 4180); empty text is an absent cell.
Cell text_cell(const std::string& text);

// `[{"column": value, ...}, ...]`, two-space indented, non-ASCII kept as UTF-8.
std::string table_json(const Table& table);

// BOM, header, records; fields quoted only when they hold a comma, a quote or
// a line break; booleans as `true`/`false`.
std::string table_csv(const Table& table);

}  // namespace portal::outputs
