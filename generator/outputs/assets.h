// Fingerprinted assets (docs/outputs.md): every static file under css/ and
// js/ is published as `<name>.<hash>.<ext>`, where <hash> is taken from the
// bytes published, after minification. A changed file gets a new URL, so
// the server may tell browsers to cache these files for ever. Templates find
// the URL with `asset("/css/main.css")` (build/asset_function.h); the plain
// name is not published, so a reference that bypasses asset() breaks visibly.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "outputs/outputs.h"

namespace portal::outputs {

struct AssetSource {
    std::string path;  // output-relative: "css/main.css"
    std::string data;
};

struct AssetManifest {
    std::map<std::string, std::string> urls;  // "/css/main.css" → "/css/main.1a2b3c4d.css"
    std::vector<OutputFile> files;            // the minified, renamed files, in path order
    std::size_t bytes_before = 0;             // sizes of all sources and of what is published
    std::size_t bytes_after = 0;
};

// True for the output paths that are fingerprinted: under css/ or js/.
bool is_fingerprinted(std::string_view path);

// 8 hex digits of the XXH3 64-bit hash of `data`: stable across machines and builds.
std::string content_hash(std::string_view data);

// "css/main.css" + "1a2b3c4d" → "css/main.1a2b3c4d.css" (before the last extension).
std::string fingerprinted_path(std::string_view path, std::string_view hash);

// Minifies .css and .js sources (other files pass unchanged), hashes and renames them.
AssetManifest fingerprint_assets(const std::vector<AssetSource>& sources);

}  // namespace portal::outputs
