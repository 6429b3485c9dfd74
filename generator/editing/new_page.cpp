#include "editing/new_page.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/suggest.h"
#include "config/config.h"
#include "content/data_files.h"
#include "content/schema.h"
#include "editing/archetype.h"
#include "editing/front_matter_text.h"
#include "editing/translate_page.h"
#include "fs/files.h"

namespace portal::editing {

namespace stdfs = std::filesystem;

namespace {

Diagnostic error(std::string_view code, const std::string& path, DiagnosticArgs args) {
    return make_coded(code, path, 0, 0, std::move(args));
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

// O_EXCL: the file is created only if nothing, not even a file made a moment
// ago by another editor's command, has that name.
Result<std::string> write_new_file(const stdfs::path& root, const std::string& rel, const std::string& text) {
    std::error_code ec;
    stdfs::create_directories((root / rel).parent_path(), ec);
    const int fd = ::open((root / rel).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST) return std::vector{error("E0601", rel, {})};
        return std::vector{error("E0001", rel, {{"detail", std::string("cannot create the file: ") + std::strerror(errno)}})};
    }
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int saved = errno;
            ::close(fd);
            stdfs::remove(root / rel, ec);
            return std::vector{error("E0001", rel, {{"detail", std::string("cannot write the file: ") + std::strerror(saved)}})};
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return rel;
}

bool exists(const stdfs::path& root, const std::string& rel) {
    std::error_code ec;
    return stdfs::exists(root / rel, ec);
}

std::string file_of(const std::string& section, const std::string& slug, const std::string& lang) {
    return "content/" + section + "/" + slug + "." + lang + ".md";
}

Result<std::string> translate(const NewPageRequest& request, const config::Config& config,
                              const content::Schema& schema, const content::SectionSchema& section) {
    std::vector<std::string> present, missing;
    for (const auto& language : config.languages)
        (exists(request.root, file_of(section.name, request.slug, language.code)) ? present : missing)
            .push_back(language.code);
    if (present.empty())
        return std::vector{error("E0602", file_of(section.name, request.slug, config.default_language),
                                 {{"kind", request.kind}, {"slug", request.slug}})};
    std::string lang = request.lang;
    if (lang.empty()) {
        if (missing.empty())
            return std::vector{error("E0601", file_of(section.name, request.slug, present.back()), {})};
        lang = missing.front();
    }
    const std::string target = file_of(section.name, request.slug, lang);
    if (exists(request.root, target)) return std::vector{error("E0601", target, {})};
    // The original: the default language's page when there is one (the
    // outdated-translation check compares against it), else any other.
    std::string from = present.front();
    for (const auto& code : present)
        if (code == config.default_language) from = code;
    const std::string source = file_of(section.name, request.slug, from);
    auto text = fs::read_file(request.root / source, source);
    if (!text) return text.errors();
    auto translated = translation_text({source, *text, section.name}, schema, lang);
    if (!translated) return translated.errors();
    return write_new_file(request.root, target, *translated);
}

}  // namespace

bool valid_new_slug(const std::string& slug) {
    if (slug.empty() || slug.size() > 100 || slug.front() == '-' || slug.back() == '-') return false;
    for (std::size_t i = 0; i < slug.size(); ++i) {
        const char c = slug[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && slug[i + 1] == '-')) return false;
    }
    return true;
}

Result<std::string> create_page(const NewPageRequest& request) {
    auto config = config::load_config(request.root);
    if (!config) return config.errors();
    auto schema = content::load_schema(request.root, config->theme);
    if (!schema) return schema.errors();
    const content::SectionSchema* section = schema->section_of_kind(request.kind);
    if (!section) {
        std::vector<std::string> kinds;
        for (const auto& s : schema->sections)
            if (!s.kind.empty()) kinds.push_back(s.kind);
        return std::vector{error("E0603", "", {{"kind", request.kind}, {"suggestion", nearest_match(request.kind, kinds)},
                                               {"kinds", join(kinds)}})};
    }
    if (!valid_new_slug(request.slug))
        return std::vector{error("E0604", "", {{"slug", request.slug}})};
    if (!request.lang.empty() && !config->language(request.lang)) {
        std::vector<std::string> codes;
        for (const auto& language : config->languages) codes.push_back(language.code);
        return std::vector{error("E0106", "", {{"suffix", request.lang}, {"languages", join(codes)}})};
    }
    if (request.translate) return translate(request, *config, *schema, *section);

    const std::string lang = request.lang.empty() ? config->default_language : request.lang;
    const std::string target = file_of(section->name, request.slug, lang);
    if (exists(request.root, target)) return std::vector{error("E0601", target, {})};
    auto data = content::load_data_files(request.root);
    if (!data) return data.errors();
    const std::string front_matter = new_front_matter(*schema, *section, *data, lang, request.today);
    auto text = render_archetype(request.root, config->theme, request.kind, lang,
                                 {{"front_matter", front_matter}, {"slug", request.slug}, {"lang", lang},
                                  {"kind", request.kind}, {"section", section->name}, {"date", request.today}});
    if (!text) return text.errors();
    return write_new_file(request.root, target, *text);
}

}  // namespace portal::editing
