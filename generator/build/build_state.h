// The in-memory state of one build: its site model and, for `portal serve`,
// what the next build in the same process can start from instead of the
// sources (build/hot_rebuild.h). `portal build` keeps only the model.
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "build/asset_function.h"
#include "build/render_outputs.h"
#include "build/template_references.h"
#include "build/template_values.h"
#include "content/site.h"
#include "outputs/outputs.h"
#include "i18n/ui_strings.h"
#include "template/store.h"

namespace portal::build {

// A file copied as it is (theme and site static/, files beside content).
struct StaticFile {
    std::filesystem::path from;
    std::string to;  // relative to the output directory
    bool from_static_dir = false;  // themes/<theme>/static/ or static/ (not content/)
};

struct BuildState {
    content::Site site;  // read-only once assembled, but for a hot rebuild's edits

    // Kept only when the build was asked to (BuildOptions::hot); empty otherwise.
    // Members are destroyed in reverse order: the values, which refer to the
    // site, strings and asset URLs (t(), chart(), asset()), go first.
    bool kept = false;
    long long now = 0;            // the build time, Unix seconds
    std::string now_iso;
    std::chrono::steady_clock::time_point made;  // when this build ran (a hot rebuild reuses its build time)
    std::optional<i18n::UiStrings> strings;
    std::optional<tmpl::TemplateStore> templates;
    AssetUrls assets;
    std::vector<RenderedFile> asset_files;  // fingerprinted CSS and JS, with their bytes
    std::vector<StaticFile> statics;
    std::vector<std::string> template_dirs;
    // Built by the first hot rebuild, then reused (the templates do not change under it).
    std::optional<TemplateReferences> references;
    std::unordered_map<std::string, std::size_t> page_by_path;  // Page::source_path → index
    std::unordered_set<const void*> page_blocks;  // the shared blocks of the page values (they stay)
    SiteValues values;
    RenderPlan plan;  // every templated output, in the order of the published files
    // The extra outputs' paths by group (outputs::ExtraGroup): a hot rebuild
    // keeps the live tree's files of the groups an edit cannot change.
    std::array<std::vector<std::string>, outputs::extra_group_count> extra_paths;
};

}  // namespace portal::build
