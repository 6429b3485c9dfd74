#include "outputs/table.h"

#include <string>
#include <vector>

namespace portal::outputs {

namespace {

std::string cell_text(const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) return *text;
    if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
    if (const auto* flag = std::get_if<bool>(&cell)) return *flag ? "true" : "false";
    return {};
}

// A JSON string as nlohmann's dump writes it without ensure_ascii: the two
// short escapes JSON has for quote and backslash, \b \f \n \r \t, other
// control characters as \u00xx, everything else (UTF-8 too) as it is.
void append_json_string(std::string& out, const std::string& text) {
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (byte < 0x20) {
                    constexpr char hex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[byte >> 4];
                    out += hex[byte & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
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
    // Written by hand: building an nlohmann::ordered_json object per row and
    // dumping it was 40 % of making the case studies' dataset (42 of 97 ms at
    // N = 10,000), which a hot rebuild in portal serve makes again after a
    // case study's front matter edit. The format is nlohmann's dump(2) with
    // UTF-8 kept (tests/unit/core/table_test.cpp compares the two); cells are
    // valid UTF-8 (TOML strings and data names, checked when read).
    if (table.rows.empty()) return "[]\n";
    std::vector<std::string> keys;  // `    "column": `
    keys.reserve(table.columns.size());
    for (const auto& column : table.columns) {
        std::string key = "    ";
        append_json_string(key, column);
        key += ": ";
        keys.push_back(std::move(key));
    }
    std::string out = "[\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        if (keys.empty()) {
            out += "  {}";
        } else {
            out += "  {\n";
            for (std::size_t c = 0; c < keys.size(); ++c) {
                out += keys[c];
                const Cell& cell = c < row.size() ? row[c] : Cell{};
                if (const auto* text = std::get_if<std::string>(&cell)) append_json_string(out, *text);
                else if (const auto* number = std::get_if<std::int64_t>(&cell)) out += std::to_string(*number);
                else if (const auto* flag = std::get_if<bool>(&cell)) out += *flag ? "true" : "false";
                else out += "null";
                out += c + 1 < keys.size() ? ",\n" : "\n";
            }
            out += "  }";
        }
        out += r + 1 < table.rows.size() ? ",\n" : "\n";
    }
    out += "]\n";
    return out;
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
