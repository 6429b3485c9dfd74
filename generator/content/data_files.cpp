#include "content/data_files.h"

#include "base/text.h"
#include "config/toml_parse.h"
#include "fs/files.h"

namespace portal::content {

namespace stdfs = std::filesystem;

LoadedDataFiles read_data_files(const stdfs::path& root) {
    LoadedDataFiles loaded;
    auto files = fs::list_files(root / "content" / "data", "content/data");
    if (!files) {
        loaded.errors = files.errors();
        return loaded;
    }
    DataFiles& data = loaded.files;
    std::vector<Diagnostic>& errors = loaded.errors;
    for (const std::string& rel : *files) {
        if (!text::ends_with(rel, ".toml") || rel.find('/') != std::string::npos) continue;
        const std::string path = "content/data/" + rel;
        loaded.broken.push_back(rel.substr(0, rel.size() - 5));  // until it is read
        auto text = fs::read_file(root / path, path);
        if (!text) {
            errors.insert(errors.end(), text.errors().begin(), text.errors().end());
            continue;
        }
        if (auto bad = text::find_invalid_utf8(*text)) {
            auto pos = text::position_of(*text, *bad);
            errors.push_back(make_coded("E0101", path, pos.line, pos.col));
            continue;
        }
        auto table = parse_toml(*text, path, 0);
        if (!table) {
            errors.insert(errors.end(), table.errors().begin(), table.errors().end());
            continue;
        }
        loaded.broken.pop_back();
        data.emplace(rel.substr(0, rel.size() - 5), DataFile{path, std::move(*table)});
    }
    return loaded;
}

Result<DataFiles> load_data_files(const stdfs::path& root) {
    auto loaded = read_data_files(root);
    if (!loaded.errors.empty()) return std::move(loaded.errors);
    return std::move(loaded.files);
}

std::string entry_name(const DataFile& file, const std::string& key, const std::string& lang) {
    const auto* entry = file.table[key].as_table();
    if (!entry) return key;
    if (const auto* name = (*entry)[lang].as_string()) return name->get();
    if (const auto* name = (*entry)["ja"].as_string()) return name->get();
    return key;
}

}  // namespace portal::content
