#include "content/markdown_memo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <vector>

// Header-only use of Debian's libxxhash-dev: nothing to link.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/binary_io.h"
#include "fs/files.h"

namespace portal::content {

namespace stdfs = std::filesystem;

namespace {

constexpr std::string_view magic = "portal-markdown 1\n";

// The serialized form below names every field: a field added to these
// structs must be added there too, or the memo would silently drop it.
static_assert(sizeof(markdown::Rendered) == 3 * sizeof(std::string) + 2 * sizeof(std::vector<int>),
              "markdown::Rendered changed: update serialize_rendered and parse_rendered");
static_assert(sizeof(markdown::Heading) == 2 * sizeof(std::string) + sizeof(std::size_t),
              "markdown::Heading changed: update serialize_rendered and parse_rendered");
static_assert(sizeof(markdown::Link) == 2 * sizeof(std::string) + 2 * sizeof(std::size_t),
              "markdown::Link changed: update serialize_rendered and parse_rendered");

std::string serialize_rendered(const markdown::Rendered& r) {
    std::string out;
    out.reserve(r.html.size() + r.summary_html.size() + r.plain_text.size() + 64 * (r.toc.size() + r.links.size()) + 32);
    binary::put_text(out, r.html);
    binary::put_u32(out, static_cast<std::uint32_t>(r.toc.size()));
    for (const auto& h : r.toc) {
        binary::put_u32(out, static_cast<std::uint32_t>(h.level));
        binary::put_text(out, h.id);
        binary::put_text(out, h.text);
    }
    binary::put_u32(out, static_cast<std::uint32_t>(r.links.size()));
    for (const auto& l : r.links) {
        binary::put_text(out, l.url);
        binary::put_u32(out, static_cast<std::uint32_t>(l.line));
        binary::put_u32(out, static_cast<std::uint32_t>(l.col));
        binary::put_u32(out, l.is_image ? 1 : 0);
        binary::put_text(out, l.alt);
    }
    binary::put_text(out, r.summary_html);
    binary::put_text(out, r.plain_text);
    return out;
}

std::optional<markdown::Rendered> parse_rendered(std::string_view bytes) {
    binary::Reader in(bytes);
    markdown::Rendered r;
    r.html = in.text();
    const auto headings = in.number<std::uint32_t>();
    for (std::uint32_t i = 0; i < headings && in.ok(); ++i) {
        markdown::Heading h;
        h.level = static_cast<int>(in.number<std::uint32_t>());
        h.id = in.text();
        h.text = in.text();
        r.toc.push_back(std::move(h));
    }
    const auto links = in.number<std::uint32_t>();
    for (std::uint32_t i = 0; i < links && in.ok(); ++i) {
        markdown::Link l;
        l.url = in.text();
        l.line = static_cast<int>(in.number<std::uint32_t>());
        l.col = static_cast<int>(in.number<std::uint32_t>());
        l.is_image = in.number<std::uint32_t>() != 0;
        l.alt = in.text();
        r.links.push_back(std::move(l));
    }
    r.summary_html = in.text();
    r.plain_text = in.text();
    if (!in.ok() || !in.done()) return std::nullopt;
    return r;
}

// What tells this binary from any other: a rebuilt generator may render
// differently, so its memo starts empty.
std::uint64_t binary_identity() {
    std::string key = std::string("portal ") + PORTAL_VERSION;
    struct stat info {};
    if (::stat("/proc/self/exe", &info) == 0)
        key += ' ' + std::to_string(info.st_size) + ' ' + std::to_string(info.st_mtim.tv_sec) + '.' +
               std::to_string(info.st_mtim.tv_nsec) + ' ' + std::to_string(info.st_ino);
    key += magic;
    return XXH3_64bits(key.data(), key.size());
}

std::string entry_name(std::uint64_t seed, std::string_view text, const markdown::Options& options) {
    const std::uint64_t flags = (options.unsafe_html ? 1 : 0) | (options.heading_ids ? 2 : 0);
    const std::uint64_t h = XXH3_64bits_withSeed(text.data(), text.size(), seed ^ (flags * 0x9E3779B97F4A7C15ull));
    char name[17];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(h));
    return name;
}

// An entry: magic, XXH3 of the payload, payload. The file is written in place
// (no rename): a half-written one fails its checksum and is rendered again.
void write_entry(const stdfs::path& file, const std::string& payload) {
    std::string bytes(magic);
    binary::put_u64(bytes, XXH3_64bits(payload.data(), payload.size()));
    bytes += payload;
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;  // no memo entry: the next build renders this body again
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (wrote <= 0) break;
        done += static_cast<std::size_t>(wrote);
    }
    ::close(fd);
}

std::optional<markdown::Rendered> read_entry(const stdfs::path& file) {
    auto bytes = fs::read_file(file, file.filename().string());
    if (!bytes) return std::nullopt;
    std::string_view view = *bytes;
    if (view.substr(0, magic.size()) != magic || view.size() < magic.size() + 8) return std::nullopt;
    view.remove_prefix(magic.size());
    binary::Reader header(view.substr(0, 8));
    const auto checksum = header.number<std::uint64_t>();
    view.remove_prefix(8);
    if (XXH3_64bits(view.data(), view.size()) != checksum) return std::nullopt;
    return parse_rendered(view);
}

}  // namespace

MarkdownMemo::MarkdownMemo(stdfs::path dir) : dir_(std::move(dir)), seed_(binary_identity()) {
    std::error_code ec;
    stdfs::create_directories(dir_, ec);
}

markdown::Rendered MarkdownMemo::render(std::string_view text, const markdown::Options& options) const {
    std::string name = entry_name(seed_, text, options);
    const stdfs::path file = dir_ / name;
    {
        const std::lock_guard lock(mutex_);
        used_.insert(std::move(name));
    }
    if (auto kept = read_entry(file)) return std::move(*kept);
    markdown::Rendered rendered = markdown::render(text, options);
    write_entry(file, serialize_rendered(rendered));
    return rendered;
}

void MarkdownMemo::forget_unused() const {
    const std::lock_guard lock(mutex_);
    std::error_code ec;
    std::vector<stdfs::path> unused;
    for (stdfs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
        if (!used_.count(it->path().filename().string())) unused.push_back(it->path());
    for (const auto& file : unused) stdfs::remove(file, ec);
}

}  // namespace portal::content
