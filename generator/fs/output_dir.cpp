#include "fs/output_dir.h"

#include "fs/files.h"

#include <fcntl.h>
#include <stdio.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

namespace portal::fs {

namespace stdfs = std::filesystem;

namespace {

// Whether `inner` is `outer` or lies inside it (both absolute, normal).
bool is_within(const stdfs::path& inner, const stdfs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (o->empty()) continue;  // the trailing "" of "dir/"
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

stdfs::path resolved(const stdfs::path& path) {
    std::error_code ec;
    stdfs::path full = stdfs::weakly_canonical(stdfs::absolute(path), ec);
    if (ec) full = stdfs::absolute(path);
    full = full.lexically_normal();
    // "/a/b/" and "/a/b" name one folder.
    if (!full.has_filename() && full.has_parent_path() && full != full.root_path()) full = full.parent_path();
    return full;
}

}  // namespace

void remove_owned_tree(const stdfs::path& tree) {
    std::error_code ec;
    std::vector<stdfs::path> entries;
    for (stdfs::directory_iterator it(tree, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename() != output_marker) entries.push_back(it->path());
    for (const auto& entry : entries) stdfs::remove_all(entry, ec);
    stdfs::remove_all(tree, ec);
}

void remove_abandoned_staging(const stdfs::path& parent, const std::string& prefix) {
    std::error_code ec;
    for (stdfs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
        const std::string digits = name.substr(prefix.size());
        if (!std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }) ||
            digits.size() > 9)
            continue;
        const pid_t pid = static_cast<pid_t>(std::stol(digits));
        // A build still running (another `--no-cache` build) keeps its folder.
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
        std::error_code is_dir;
        if (it->is_directory(is_dir) && !it->is_symlink(is_dir) && is_replaceable(it->path()))
            remove_owned_tree(it->path());
    }
}

Result<bool> check_output_location(const stdfs::path& root, const stdfs::path& output) {
    const stdfs::path project = resolved(root);
    const stdfs::path out = resolved(output);
    const auto refuse = [&](std::string what_en, std::string what_ja) -> Result<bool> {
        // Inside the project: relative to it, like every other path; else as given.
        std::string shown = is_within(out, project) ? out.lexically_relative(project).generic_string()
                                                    : output.generic_string();
        return make_coded("E0802", shown, 0, 0, {{"what:en", std::move(what_en)}, {"what:ja", std::move(what_ja)}});
    };
    if (out == project) return refuse("the project folder itself", "プロジェクトのフォルダそのもの");
    if (is_within(project, out)) return refuse("a folder that contains the project", "プロジェクトを含むフォルダ");
    for (const char* source : {"content", "templates", "themes", "static", ".portal-cache", ".git"})
        if (is_within(out, project / source))
            return refuse(std::string("the project's ") + source + "/ folder or inside it",
                          std::string("プロジェクトの ") + source + "/ フォルダかその中");
    return true;
}

bool is_replaceable(const stdfs::path& output) {
    std::error_code ec;
    if (!stdfs::exists(output, ec)) return true;
    if (!stdfs::is_directory(output, ec)) return false;
    if (stdfs::exists(output / output_marker, ec)) return true;
    return stdfs::is_empty(output, ec);
}

StagingDir::StagingDir(stdfs::path output, stdfs::path staging)
    : output_(std::move(output)), staging_(std::move(staging)) {}

StagingDir::StagingDir(StagingDir&& other) noexcept
    : output_(std::move(other.output_)), staging_(std::move(other.staging_)), published_(other.published_) {
    other.published_ = true;  // the moved-from object owns nothing
}

StagingDir::~StagingDir() {
    if (published_ || staging_.empty()) return;
    remove_owned_tree(staging_);
}

Result<StagingDir> StagingDir::create(const stdfs::path& output) {
    const std::string shown = output.generic_string();
    if (!is_replaceable(output))
        return make_error(shown, 0, 0, "output directory exists and was not made by portal",
                          "choose another --out, or empty the directory first");
    stdfs::path parent = output.parent_path();
    std::error_code ec;
    stdfs::create_directories(parent, ec);
    const std::string prefix = std::string(".").append(output.filename().string()).append(".tmp-");
    remove_abandoned_staging(parent, prefix);
    stdfs::path staging = parent / (prefix + std::to_string(::getpid()));
    stdfs::remove_all(staging, ec);
    if (!stdfs::create_directory(staging, ec) || ec)
        return make_error(staging.generic_string(), 0, 0, "cannot create staging directory: " + ec.message());
    StagingDir dir(output, staging);
    if (auto marked = dir.write(std::string(output_marker), "built by portal\n"); !marked) return marked.errors();
    return dir;
}

Result<bool> StagingDir::write(const std::string& relative, std::string_view data) const {
    // The staging folder starts empty: each file's folder is new.
    if (const int error = write_whole_file(staging_ / relative, data, ParentFolder::probably_missing))
        return make_error(relative, 0, 0, std::string("cannot write output file: ") + std::strerror(error));
    return true;
}

Result<bool> StagingDir::copy(const stdfs::path& from, const std::string& relative) const {
    stdfs::path target = staging_ / relative;
    std::error_code ec;
    stdfs::create_directories(target.parent_path(), ec);
    stdfs::copy_file(from, target, stdfs::copy_options::overwrite_existing, ec);
    if (ec) return make_error(relative, 0, 0, "cannot copy file: " + ec.message());
    return true;
}

Result<bool> StagingDir::publish() {
    std::error_code ec;
    const std::string shown = output_.generic_string();
    if (!stdfs::exists(output_, ec)) {
        if (::rename(staging_.c_str(), output_.c_str()) != 0)
            return make_error(shown, 0, 0, std::string("cannot publish output: ") + std::strerror(errno));
        published_ = true;
        return true;
    }
    if (!is_replaceable(output_))
        return make_error(shown, 0, 0, "output directory changed during the build and was not made by portal");
    // One atomic exchange: readers see the old tree or the new one, never a mix.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, output_.c_str(), RENAME_EXCHANGE) != 0)
        return make_error(shown, 0, 0, std::string("cannot publish output: ") + std::strerror(errno));
    published_ = true;
    // staging_ now holds the previous site.
    remove_owned_tree(staging_);
    return true;
}

}  // namespace portal::fs
