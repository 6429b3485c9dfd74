#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "base/progress.h"

#include "build/build.h"
#include "cli/editing_commands.h"
#include "cli/explain_command.h"
#include "cli/print_diagnostics.h"
#include "daemon/build_daemon.h"
#include "daemon/daemon_client.h"
#include "serve/http_module.h"
#include "serve/serve.h"

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

// --base-url: publish somewhere else than config.toml's base_url, such as a
// pull request's preview under a sub-path; every site link keeps the path.
void add_base_url_option(CLI::App* command, build::BuildOptions& options) {
    command->add_option("--base-url", options.base_url,
                        "Replace config.toml's base_url, e.g. https://owner.github.io/repo/pr/42/ (links keep the path)")
        ->check([](const std::string& url) -> std::string {
            if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
                return "must start with https:// or http://";
            if (url.find_first_of(" \t\"'<>?#") != std::string::npos) return "must be a plain URL without spaces, ? or #";
            return {};
        })
        ->transform([](std::string url) { return url.back() == '/' ? url : url + "/"; });
}

// How diagnostics are printed: --message-lang, --diagnostics, and GitHub
// Actions workflow commands when GITHUB_ACTIONS=true.
struct ReportFlags {
    std::string message_lang;  // "" = message_lang of config.toml, else English
    std::string format = "text";

    PrintOptions options(const std::filesystem::path& root) const {
        PrintOptions print;
        print.lang = message_lang.empty() ? default_message_lang(root) : message_lang;
        print.format = format == "json" ? DiagnosticsFormat::json : DiagnosticsFormat::text;
        const char* actions = std::getenv("GITHUB_ACTIONS");
        print.github_annotations = actions && std::string(actions) == "true";
        return print;
    }
    // In JSON mode stdout holds only the JSON document; status lines go to stderr.
    std::ostream& status() const { return format == "json" ? std::cerr : std::cout; }
};

void add_report_options(CLI::App* command, ReportFlags& flags) {
    command->add_option("--message-lang", flags.message_lang,
                        "Language of error messages: ja or en (default: message_lang in config.toml, else en)")
        ->check(CLI::IsMember({"ja", "en"}));
    command->add_option("--diagnostics", flags.format, "How to print problems: text (default) or json (on stdout)")
        ->check(CLI::IsMember({"text", "json"}));
}

void print_missing_translations(std::ostream& out, const build::BuildSummary& summary) {
    for (const auto& line : summary.missing_translations) out << "missing translations: " << line << '\n';
}

// `auto`: only where someone watches: stderr is a terminal and CI is unset
// (GitHub Actions and most CI services set CI=true), and only for a build
// still running after half a second. `always` draws from the start
// (tests), `never` not at all. JSON diagnostics mean a tool reads stderr.
ProgressLine progress_line(const std::string& mode, const ReportFlags& flags) {
    using std::chrono::milliseconds;
    if (mode == "always") return ProgressLine(stderr, milliseconds(0));
    const char* ci = std::getenv("CI");
    const bool watched = mode == "auto" && flags.format != "json" && ::isatty(STDERR_FILENO) && !(ci && *ci);
    return ProgressLine(watched ? stderr : nullptr, milliseconds(500));
}

// `build --daemon`: the build runs in the project's build daemon
// (daemon/build_daemon.h), started when none runs. Nullopt when it could not
// be reached: the build then runs here, after a note saying why.
std::optional<daemon::Reply> build_through_daemon(const build::BuildOptions& options) {
    auto reply = daemon::build_with_daemon(options);
    if (reply) return std::move(*reply);
    std::cerr << "note: building without the daemon: " << reply.errors().front().message;
    if (!reply.errors().front().hint.empty()) std::cerr << " (" << reply.errors().front().hint << ")";
    std::cerr << '\n';
    return std::nullopt;
}

void add_build_command(CLI::App& app, build::BuildOptions& options, std::string& out, ReportFlags& flags,
                       bool& verbose, std::string& progress, bool& use_daemon, int& result) {
    CLI::App* command = app.add_subcommand("build", "Build the portal into the output directory");
    add_site_options(command, options);
    add_report_options(command, flags);
    command->add_option("--out", out, "Output directory (default: <root>/site)");
    add_base_url_option(command, options);
    auto* no_cache = command->add_flag("--no-cache{false}", options.use_cache,
                                       "Render and write everything from scratch; ignore and do not keep .portal-cache/");
    command->add_flag("--daemon", use_daemon,
                      "Build in the project's build daemon, which keeps the last build in memory (started if none "
                      "runs; stops after 30 idle minutes or `portal daemon stop`)")
        ->excludes(no_cache);
    command->add_flag("--verbose,-v", verbose, "Also print the wall and CPU time of each stage");
    command->add_option("--progress", progress,
                        "A status line while the build runs: auto (default: on a terminal, not when CI is set), "
                        "always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    command->callback([&] {
        if (!out.empty()) options.out = out;
        Diagnostics diagnostics;
        build::BuildSummary summary;
        bool ok = false;
        auto by_daemon = use_daemon ? build_through_daemon(options) : std::nullopt;
        if (by_daemon) {
            ok = by_daemon->ok;
            diagnostics = std::move(by_daemon->diagnostics);
            summary = std::move(by_daemon->summary);
        } else {
            ProgressLine line = progress_line(progress, flags);
            options.progress = &line;
            options.leave_memory_to_exit = true;  // this process ends after the build
            ok = build::run_build(options, diagnostics, summary);
            line.clear();
            options.progress = nullptr;
        }
        print_diagnostics(std::cerr, diagnostics, options.root, flags.options(options.root));
        if (!ok)
            std::cerr << "build failed: " << diagnostics.error_count() << " error(s), " << diagnostics.warning_count()
                      << " warning(s); the output directory was not changed\n";
        print_missing_translations(flags.status(), summary);
        if (ok)
            flags.status() << "built " << summary.pages << " pages, " << summary.outputs << " files in "
                           << static_cast<long>(summary.milliseconds) << " ms (" << summary.rendered << " rendered, "
                           << summary.written << " written" << (by_daemon ? (summary.hot ? "; build daemon, hot rebuild" : "; build daemon") : "")
                           << ")\n";
        if (verbose) build::print_stage_times(flags.status(), summary);
        result = ok ? exit_ok : exit_content_error;
    });
}

void add_check_command(CLI::App& app, build::BuildOptions& options, bool& external, check::FetchOptions& fetch,
                       ReportFlags& flags, int& result) {
    CLI::App* command =
        app.add_subcommand("check", "Build in memory and report broken links, missing files, alt text, "
                                    "translations, unreachable pages and duplicate titles; writes nothing");
    add_site_options(command, options);
    add_report_options(command, flags);
    add_base_url_option(command, options);
    command->add_flag("--external", external,
                      "Also request every external URL (HEAD, with a timeout) and list them; off by default and in CI");
    command->add_option("--timeout", fetch.timeout_seconds, "Seconds to wait for an external server (default: 10)")
        ->check(CLI::PositiveNumber);
    command->callback([&] {
        Diagnostics diagnostics;
        build::BuildSummary summary;
        std::vector<check::ExternalLink> links;
        build::FetchExternal fetcher;
        if (external) {
            auto http = serve::load_http_module();
            if (!http) {
                diagnostics.add_all(http.errors());
                print_diagnostics(std::cerr, diagnostics, options.root, flags.options(options.root));
                result = exit_content_error;
                return;
            }
            fetcher = [fetch_external = http->fetch_external, &fetch](const std::vector<check::ExternalLink>& all) {
                return fetch_external(all, fetch);
            };
        }
        const bool ok = build::run_check(options, fetcher, diagnostics, summary, links);
        print_diagnostics(std::cerr, diagnostics, options.root, flags.options(options.root));
        if (external) {
            flags.status() << links.size() << " external URLs:\n";
            for (const auto& link : links) flags.status() << "  " << link.url << "  " << link.where() << '\n';
        }
        flags.status() << "checked " << summary.pages << " pages, " << summary.references << " URLs in "
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
    command->add_flag("--verbose,-v", options.verbose, "Also print the wall and CPU time of each stage of every rebuild");
    command->callback([&] {
        if (!out.empty()) options.build.out = out;
        result = serve::run_serve(options, std::cout, [&](const Diagnostics& diagnostics) {
            PrintOptions print;
            print.lang = default_message_lang(options.build.root);
            print_diagnostics(std::cerr, diagnostics, options.build.root, print);
        });
    });
}

// `portal daemon run` (what `build --daemon` starts; in the foreground,
// logging to stdout) and `portal daemon stop`.
void add_daemon_command(CLI::App& app, daemon::DaemonOptions& options, long& idle_seconds, int& result) {
    CLI::App* command = app.add_subcommand("daemon", "The build daemon of `portal build --daemon` (docs/daemon.md)");
    command->require_subcommand(1);
    CLI::App* run = command->add_subcommand("run", "Run the project's build daemon in the foreground");
    run->add_option("--root", options.root, "Project folder (holds config.toml)")->check(CLI::ExistingDirectory);
    run->add_option("--idle", idle_seconds, "Seconds without a build before it stops (default: 1800)")
        ->check(CLI::PositiveNumber);
    run->add_option("--log", options.log,
                    "Write to this file (emptied once the daemon holds the project's lock) instead of stdout");
    run->callback([&] {
        options.idle = std::chrono::seconds(idle_seconds);
        result = daemon::run_build_daemon(options, std::cout);
    });
    CLI::App* stop = command->add_subcommand("stop", "Stop the project's build daemon, if one runs");
    stop->add_option("--root", options.root, "Project folder (holds config.toml)")->check(CLI::ExistingDirectory);
    stop->callback([&options] {
        std::cout << (daemon::stop_daemon(options.root) ? "build daemon stopped\n" : "no build daemon was running\n");
    });
}

void add_explain_command(CLI::App& app, std::string& code, std::string& lang, int& result) {
    CLI::App* command = app.add_subcommand("explain", "Explain a diagnostic code (E0204) with an example fix; "
                                                      "without a code, list them all");
    command->add_option("code", code, "The code, e.g. E0204");
    command->add_option("--message-lang", lang, "ja or en (default: message_lang in config.toml, else en)")
        ->check(CLI::IsMember({"ja", "en"}));
    command->callback([&] {
        if (lang.empty()) lang = default_message_lang(".");
        if (explain(std::cout, code, lang)) return;
        std::cerr << "error: unknown code `" << code << "`; `portal explain` lists them all\n";
        result = exit_usage_error;
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
    ReportFlags build_flags, check_flags;
    std::string explain_code, explain_lang;
    bool verbose = false;
    bool use_daemon = false;
    std::string progress = "auto";
    add_build_command(app, build_options, out, build_flags, verbose, progress, use_daemon, result);
    add_check_command(app, check_options, external, fetch, check_flags, result);
    serve::ServeOptions serve_options;
    std::string serve_out;
    add_serve_command(app, serve_options, serve_out, result);
    daemon::DaemonOptions daemon_options;
    daemon_options.root = ".";
    long daemon_idle_seconds = daemon_options.idle.count();
    add_daemon_command(app, daemon_options, daemon_idle_seconds, result);
    add_explain_command(app, explain_code, explain_lang, result);
    NewCommandOptions new_options;
    add_new_command(app, new_options, result);
    SchemaCommandOptions schema_options;
    add_schema_command(app, schema_options, result);
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
