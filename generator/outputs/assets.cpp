#include "outputs/assets.h"

#include <algorithm>
#include <cstdio>

#include "outputs/minify.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace portal::outputs {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

bool is_fingerprinted(std::string_view path) {
    return path.substr(0, 4) == "css/" || path.substr(0, 3) == "js/";
}

std::string content_hash(std::string_view data) {
    const XXH64_hash_t hash = XXH3_64bits(data.data(), data.size());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::string(hex, 8);
}

std::string fingerprinted_path(std::string_view path, std::string_view hash) {
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    const bool has_extension = dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash + 1);
    if (!has_extension) return std::string(path) + "." + std::string(hash);
    return std::string(path.substr(0, dot)) + "." + std::string(hash) + std::string(path.substr(dot));
}

AssetManifest fingerprint_assets(const std::vector<AssetSource>& sources) {
    AssetManifest manifest;
    for (const auto& source : sources) {
        std::string data = ends_with(source.path, ".css")  ? minify_css(source.data)
                           : ends_with(source.path, ".js") ? minify_js(source.data)
                                                           : source.data;
        const std::string published = fingerprinted_path(source.path, content_hash(data));
        manifest.urls["/" + source.path] = "/" + published;
        manifest.bytes_before += source.data.size();
        manifest.bytes_after += data.size();
        manifest.files.push_back({published, std::move(data)});
    }
    std::sort(manifest.files.begin(), manifest.files.end(),
              [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
    return manifest;
}

}  // namespace portal::outputs
