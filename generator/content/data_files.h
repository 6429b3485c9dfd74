// content/data/*.toml: structured data every template can read as
// `data.<file stem>` (data.ministries, data.stats, ...), and the source of
// taxonomy term names.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <toml++/toml.h>

#include "base/diagnostics.h"

namespace portal::content {

struct DataFile {
    std::string path;   // "content/data/ministries.toml"
    toml::table table;
};

using DataFiles = std::map<std::string, DataFile>;  // by file stem

// Parses every `.toml` file directly under `<root>/content/data`. All
// malformed files are reported, each at its line.
Result<DataFiles> load_data_files(const std::filesystem::path& root);

// The same, keeping what could be read: the build goes on to check pages
// against the good files, and does not report a broken file as missing too.
struct LoadedDataFiles {
    DataFiles files;
    std::vector<std::string> broken;  // names (no .toml) of files that exist but could not be read
    std::vector<Diagnostic> errors;
};
LoadedDataFiles read_data_files(const std::filesystem::path& root);

// The name of entry `key` of a data file in `lang` (the entry's `lang`
// field), falling back to the `ja` name, then the key itself.
std::string entry_name(const DataFile& file, const std::string& key, const std::string& lang);

}  // namespace portal::content
