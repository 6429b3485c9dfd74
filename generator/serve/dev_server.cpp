#include "serve/dev_server.h"

#include <httplib.h>

#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include "fs/files.h"
#include "serve/reload_script.h"

namespace portal::serve {

namespace stdfs = std::filesystem;

namespace {

std::string content_type(const stdfs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
        {".xml", "application/xml"}, {".svg", "image/svg+xml"}, {".ics", "text/calendar; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"}, {".csv", "text/csv; charset=utf-8"}, {".png", "image/png"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
        {".pdf", "application/pdf"}, {".woff2", "font/woff2"}, {".ico", "image/x-icon"}};
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

// The file a URL path names inside `site`, or nullopt for paths that would leave it.
std::optional<stdfs::path> file_for(const stdfs::path& site, const std::string& url_path) {
    stdfs::path relative = stdfs::path(url_path).relative_path().lexically_normal();
    for (const auto& part : relative)
        if (part == ".." || (!part.empty() && part.string().front() == '.')) return std::nullopt;  // no .portal-output
    return site / relative;
}

// One server-sent event.
std::string event(const std::string& name, const std::string& data) { return "event: " + name + "\ndata: " + data + "\n\n"; }

class HttplibDevServer final : public DevServer {
public:
    HttplibDevServer(stdfs::path site, const BuildStatus& status);
    Result<int> bind(int port) override;
    void run() override;
    void stop() override;

private:
    stdfs::path site_;
    const BuildStatus& status_;
    std::unique_ptr<httplib::Server> server_;
};

HttplibDevServer::HttplibDevServer(stdfs::path site, const BuildStatus& status)
    : site_(std::move(site)), status_(status), server_(std::make_unique<httplib::Server>()) {
    server_->Get(std::string(reload_script_url), [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::string(reload_script()), "text/javascript; charset=utf-8");
    });
    server_->Get(std::string(status_url), [this](const httplib::Request&, httplib::Response& res) {
        const BuildState state = status_.current();
        res.set_header("Cache-Control", "no-store");
        std::string json = state.ok ? std::string("{\"ok\":true,\"errors\":[]}") : state.errors_json;
        json.insert(1, "\"generation\":" + std::to_string(state.generation) + ",");
        res.set_content(json, "application/json");
    });
    server_->Get(std::string(events_url), [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        auto seen = std::make_shared<std::optional<std::uint64_t>>();
        res.set_chunked_content_provider("text/event-stream", [this, seen](std::size_t, httplib::DataSink& sink) {
            std::string message;
            if (!*seen) {  // first: the state now, so a tab opened on a broken build shows the errors
                const BuildState state = status_.current();
                *seen = state.generation;
                message = state.ok ? event("hello", std::to_string(state.generation)) : event("failed", state.errors_json);
            } else if (auto next = status_.wait_newer(**seen, std::chrono::seconds(10))) {
                *seen = next->generation;
                message = next->ok ? event("reload", std::to_string(next->generation)) : event("failed", next->errors_json);
            } else if (status_.stopped()) {
                sink.done();
                return false;
            } else {
                message = ": still here\n\n";  // keeps proxies and the browser from timing out
            }
            return sink.write(message.data(), message.size());
        });
    });
    server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
        auto file = file_for(site_, req.path);
        std::error_code ec;
        if (file && stdfs::is_directory(*file, ec)) {
            if (req.path.empty() || req.path.back() != '/') {
                res.set_redirect(req.path + "/");
                return;
            }
            *file /= "index.html";
        }
        auto text = file ? fs::read_file(*file, req.path) : Result<std::string>(make_error(req.path, 0, 0, "outside"));
        res.set_header("Cache-Control", "no-store");
        if (!text) {
            res.status = 404;
            auto page = fs::read_file(site_ / "404.html", "404.html");
            res.set_content(page ? inject_reload_script(*page) : std::string("Not found\n"),
                            page ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
            return;
        }
        const std::string type = content_type(*file);
        res.set_content(file->extension() == ".html" ? inject_reload_script(*text) : std::move(*text), type);
    });
}

Result<int> HttplibDevServer::bind(int port) {
    const int bound = port == 0 ? server_->bind_to_any_port("127.0.0.1") : (server_->bind_to_port("127.0.0.1", port) ? port : -1);
    if (bound <= 0)
        return make_error("", 0, 0, "cannot listen on 127.0.0.1:" + std::to_string(port),
                          "another program uses the port: choose another with --port");
    return bound;
}

void HttplibDevServer::run() { server_->listen_after_bind(); }

void HttplibDevServer::stop() {
    // stop() does nothing before listening has begun: wait for it (a signal can come that early).
    for (int tries = 0; tries < 400 && !server_->is_running(); ++tries)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server_->stop();
}

}  // namespace

std::unique_ptr<DevServer> make_dev_server(stdfs::path site, const BuildStatus& status) {
    return std::make_unique<HttplibDevServer>(std::move(site), status);
}

}  // namespace portal::serve
