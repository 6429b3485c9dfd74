#include "daemon/protocol.h"

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace portal {
// A stage's times as the reply carries them (found by argument-dependent lookup).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StageTime, name, milliseconds, cpu_milliseconds)
}  // namespace portal

namespace portal::daemon {

namespace {

using nlohmann::json;

json options_json(const build::BuildOptions& options) {
    return {{"root", options.root.string()},     {"out", options.out.string()},
            {"drafts", options.include_drafts},  {"future", options.include_future},
            {"expired", options.include_expired}, {"now", options.now},
            {"strict", options.strict},           {"base_url", options.base_url},
            {"jobs", options.jobs}};
}

build::BuildOptions options_from(const json& j) {
    build::BuildOptions options;
    options.root = j.at("root").get<std::string>();
    options.out = j.at("out").get<std::string>();
    options.include_drafts = j.at("drafts").get<bool>();
    options.include_future = j.at("future").get<bool>();
    options.include_expired = j.at("expired").get<bool>();
    options.now = j.at("now").get<std::string>();
    options.strict = j.at("strict").get<bool>();
    options.base_url = j.at("base_url").get<std::string>();
    options.jobs = j.at("jobs").get<unsigned>();
    return options;
}

json diagnostic_json(const Diagnostic& d) {
    return {{"path", d.path},
            {"line", d.line},
            {"col", d.col},
            {"error", d.severity == Severity::error},
            {"message", d.message},
            {"hint", d.hint},
            {"code", d.code},
            {"args", d.args}};
}

Diagnostic diagnostic_from(const json& j) {
    Diagnostic d;
    d.path = j.at("path").get<std::string>();
    d.line = j.at("line").get<int>();
    d.col = j.at("col").get<int>();
    d.severity = j.at("error").get<bool>() ? Severity::error : Severity::warning;
    d.message = j.at("message").get<std::string>();
    d.hint = j.at("hint").get<std::string>();
    d.code = j.at("code").get<std::string>();
    d.args = j.at("args").get<DiagnosticArgs>();
    return d;
}

json summary_json(const build::BuildSummary& s) {
    return {{"pages", s.pages},
            {"outputs", s.outputs},
            {"rendered", s.rendered},
            {"written", s.written},
            {"references", s.references},
            {"milliseconds", s.milliseconds},
            {"check_milliseconds", s.check_milliseconds},
            {"hot", s.hot},
            {"stages", s.stages},
            {"missing_translations", s.missing_translations}};
}

build::BuildSummary summary_from(const json& j) {
    build::BuildSummary s;
    s.pages = j.at("pages").get<std::size_t>();
    s.outputs = j.at("outputs").get<std::size_t>();
    s.rendered = j.at("rendered").get<std::size_t>();
    s.written = j.at("written").get<std::size_t>();
    s.references = j.at("references").get<std::size_t>();
    s.milliseconds = j.at("milliseconds").get<double>();
    s.check_milliseconds = j.at("check_milliseconds").get<double>();
    s.hot = j.at("hot").get<bool>();
    s.stages = j.at("stages").get<std::vector<StageTime>>();
    s.missing_translations = j.at("missing_translations").get<std::vector<std::string>>();
    return s;
}

}  // namespace

std::string encode(const Request& request) {
    return json{{"kind", request.kind == Request::Kind::stop ? "stop" : "build"},
                {"identity", request.identity},
                {"options", options_json(request.options)}}
        .dump();
}

std::string encode(const Reply& reply) {
    json diagnostics = json::array();
    for (const auto& d : reply.diagnostics.items()) diagnostics.push_back(diagnostic_json(d));
    return json{{"ok", reply.ok},
                {"restart", reply.restart},
                {"note", reply.note},
                {"diagnostics", diagnostics},
                {"summary", summary_json(reply.summary)}}
        .dump();
}

std::optional<Request> decode_request(const std::string& text) {
    try {
        const json j = json::parse(text);
        Request request;
        const std::string kind = j.at("kind").get<std::string>();
        if (kind != "build" && kind != "stop") return std::nullopt;
        request.kind = kind == "stop" ? Request::Kind::stop : Request::Kind::build;
        request.identity = j.at("identity").get<std::string>();
        request.options = options_from(j.at("options"));
        return request;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

std::optional<Reply> decode_reply(const std::string& text) {
    try {
        const json j = json::parse(text);
        Reply reply;
        reply.ok = j.at("ok").get<bool>();
        reply.restart = j.at("restart").get<bool>();
        reply.note = j.at("note").get<std::string>();
        for (const auto& d : j.at("diagnostics")) reply.diagnostics.add(diagnostic_from(d));
        reply.summary = summary_from(j.at("summary"));
        return reply;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

std::string identity_of_this_binary() {
    std::string identity = PORTAL_VERSION;
    char path[4096];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (length > 0) identity += ' ' + std::string(path, static_cast<std::size_t>(length));
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0)
        identity += ' ' + std::to_string(st.st_ino) + ' ' + std::to_string(st.st_mtim.tv_sec) + '.' +
                    std::to_string(st.st_mtim.tv_nsec);
    return identity;
}

std::string kept_build_key(const build::BuildOptions& options) {
    json j = options_json(options);
    j.erase("jobs");
    return j.dump();
}

}  // namespace portal::daemon
