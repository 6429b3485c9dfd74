#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "build/build.h"
#include "serve/serve.h"
#include "cli/print_diagnostics.h"

namespace portal::cli {

namespace {

constexpr int exit_ok = 0;
constexpr int exit_content_error = 1;
constexpr int exit_usage_error = 2;

// The options `build` and `check` share: what to build, how.
void add_site_options(CLI::App* command, build::BuildOptions& options) {
    command->add_option("--root", options.root, "Project folder (holds config.toml)")->check(CLI::ExistingDirectory);
    command->add_flag("--drafts", options.include_drafts, "Include pages with draft = true");
    command->add_flag("--future", options.include_future, "Include pages whose date is after the build time");
    command->add_flag("--expired", options.include_expired, "Include pages past their expiry_date");
    command->add_option("--now", options.now, "Build as if it were this date/time (ISO 8601), for previews and tests");
    command->add_flag("--strict", options.strict, "Treat undefined template variables and warnings as errors");
    command->add_option("--jobs,-j", options.jobs, "Worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
}

void print_missing_translations(const build::BuildSummary& summary) {
    for (const auto& line : summary.missing_translations) std::cout << "missing translations: " << line << '\n';
}

void add_build_command(CLI::App& app, build::BuildOptions& options, std::string& out, int& result) {
    CLI::App* command = app.add_subcommand("build", "Build the portal into the output directory");
    add_site_options(command, options);
    command->add_option("--out", out, "Output directory (default: <root>/site)");
    command->add_flag("--no-cache{false}", options.use_cache,
                      "Render and write everything from scratch; ignore and do not keep .portal-cache/");
    command->callback([&] {
        if (!out.empty()) options.out = out;
        Diagnostics diagnostics;
        build::BuildSummary summary;
        const bool ok = build::run_build(options, diagnostics, summary);
        print_diagnostics(std::cerr, diagnostics, options.root);
        if (!ok)
            std::cerr << "build failed: " << diagnostics.error_count() << " error(s), " << diagnostics.warning_count()
                      << " warning(s); the output directory was not changed\n";
        print_missing_translations(summary);
        if (ok)
            std::cout << "built " << summary.pages << " pages, " << summary.outputs << " files in "
                      << static_cast<long>(summary.milliseconds) << " ms (" << summary.rendered << " rendered, "
                      << summary.written << " written)\n";
        result = ok ? exit_ok : exit_content_error;
    });
}

void add_check_command(CLI::App& app, build::BuildOptions& options, bool& external, check::FetchOptions& fetch,
                       int& result) {
    CLI::App* command =
        app.add_subcommand("check", "Build in memory and report broken links, missing files, alt text, "
                                    "translations, unreachable pages and duplicate titles; writes nothing");
    add_site_options(command, options);
    command->add_flag("--external", external,
                      "Also request every external URL (HEAD, with a timeout) and list them; off by default and in CI");
    command->add_option("--timeout", fetch.timeout_seconds, "Seconds to wait for an external server (default: 10)")
        ->check(CLI::PositiveNumber);
    command->callback([&] {
        Diagnostics diagnostics;
        build::BuildSummary summary;
        std::vector<check::ExternalLink> links;
        const bool ok = build::run_check(options, external ? std::optional(fetch) : std::nullopt, diagnostics,
                                         summary, links);
        print_diagnostics(std::cerr, diagnostics, options.root);
        if (external) {
            std::cout << links.size() << " external URLs:\n";
            for (const auto& link : links) std::cout << "  " << link.url << "  " << link.where() << '\n';
        }
        std::cout << "checked " << summary.pages << " pages, " << summary.references << " URLs in "
                  << static_cast<long>(summary.milliseconds) << " ms (checks "
                  << static_cast<long>(summary.check_milliseconds) << " ms): " << diagnostics.error_count() << " error(s), "
                  << diagnostics.warning_count() << " warning(s)\n";
        result = ok ? exit_ok : exit_content_error;
    });
}

void add_serve_command(CLI::App& app, serve::ServeOptions& options, std::string& out, int& result) {
    CLI::App* command = app.add_subcommand(
        "serve", "Build, serve the site on 127.0.0.1 and rebuild on every change, reloading open tabs (Ctrl-C stops)");
    add_site_options(command, options.build);
    command->add_option("--out", out, "Output directory (default: <root>/site)");
    command->add_option("--port", options.port, "Port on 127.0.0.1 (default: 1313; 0: any free port)")
        ->check(CLI::Range(0, 65535));
    command->callback([&] {
        if (!out.empty()) options.build.out = out;
        result = serve::run_serve(options, std::cout, [&](const Diagnostics& diagnostics) {
            print_diagnostics(std::cerr, diagnostics, options.build.root);
        });
    });
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"portal: the telework portal's static site generator"};
    app.set_version_flag("--version", std::string("portal ") + PORTAL_VERSION);
    app.require_subcommand(1);
    build::BuildOptions build_options;
    build::BuildOptions check_options;
    std::string out;
    bool external = false;
    check::FetchOptions fetch;
    int result = exit_ok;
    add_build_command(app, build_options, out, result);
    add_check_command(app, check_options, external, fetch, result);
    serve::ServeOptions serve_options;
    std::string serve_out;
    add_serve_command(app, serve_options, serve_out, result);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with exit code 0 in CLI11.
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage_error;
    }
    return result;
}

}  // namespace portal::cli
