#include "fs/files.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace portal::fs {

Result<std::string> read_file(const stdfs::path& path, const std::string& display_path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(display_path, 0, 0, "cannot read file", "check that it exists and is readable");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

Result<std::vector<std::string>> list_files(const stdfs::path& dir, const std::string& display_dir) {
    std::vector<std::string> files;
    std::vector<Diagnostic> errors;
    std::error_code ec;
    if (!stdfs::exists(dir, ec)) return files;
    stdfs::recursive_directory_iterator it(dir, stdfs::directory_options::none, ec), end;
    if (ec) return make_error(display_dir, 0, 0, "cannot list directory: " + ec.message());
    for (; it != end; it.increment(ec)) {
        if (ec) {
            errors.push_back(make_error(display_dir, 0, 0, "cannot list directory: " + ec.message()));
            break;
        }
        const auto& entry = *it;
        std::string rel = entry.path().lexically_relative(dir).generic_string();
        if (entry.is_symlink(ec)) {
            errors.push_back(make_error(display_dir + "/" + rel, 0, 0,
                "symbolic links are not allowed in the project",
                "replace the link by a copy of the file it points to"));
            continue;
        }
        if (entry.is_regular_file(ec)) files.push_back(std::move(rel));
    }
    if (!errors.empty()) return errors;
    std::sort(files.begin(), files.end());
    return files;
}

std::string display_path(const stdfs::path& root, const stdfs::path& path) {
    auto rel = path.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") return path.generic_string();
    return rel.generic_string();
}

}  // namespace portal::fs
