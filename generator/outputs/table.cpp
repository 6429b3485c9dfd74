#include "outputs/table.h"

#include <nlohmann/json.hpp>

namespace portal::outputs {

namespace {

std::string cell_text(const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) return *text;
    if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
    if (const auto* flag = std::get_if<bool>(&cell)) return *flag ? "true" : "false";
    return {};
}

void append_csv_field(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

Cell text_cell(const std::string& text) {
    if (text.empty()) return std::monostate{};
    std::string flat = text;
    for (char& c : flat)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return flat;
}

std::string table_json(const Table& table) {
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
    // Content is checked UTF-8 when loaded; `replace` only guards against a throw.
    return records.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string table_csv(const Table& table) {
    std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read UTF-8, not Shift_JIS
    auto append_row = [&out](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i) out += ',';
            append_csv_field(out, fields[i]);
        }
        out += "\r\n";
    };
    append_row(table.columns);
    for (const auto& row : table.rows) {
        std::vector<std::string> fields;
        for (std::size_t c = 0; c < table.columns.size(); ++c) fields.push_back(c < row.size() ? cell_text(row[c]) : "");
        append_row(fields);
    }
    return out;
}

}  // namespace portal::outputs
