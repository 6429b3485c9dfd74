#include "check/fetch_external.h"

#include <optional>
#include <string>

#include <httplib.h>

#include "base/parallel.h"

namespace portal::check {
namespace {

// "https://host:8080/a/b?q#f" → {"https://host:8080", "/a/b?q"}; "//host/x" is https.
std::pair<std::string, std::string> split_url(std::string url) {
    if (url.rfind("//", 0) == 0) url = "https:" + url;
    if (const auto hash = url.find('#'); hash != std::string::npos) url.resize(hash);
    const auto authority = url.find("://");
    const auto path = url.find('/', authority == std::string::npos ? 0 : authority + 3);
    if (path == std::string::npos) return {url, "/"};
    return {url.substr(0, path), url.substr(path)};
}

// What went wrong with `url`, or nothing when it answered below 400.
std::optional<std::string> probe(const std::string& url, const FetchOptions& options) {
    const auto [origin, path] = split_url(url);
    httplib::Client client(origin);
    if (!client.is_valid()) return "not a URL this checker can fetch";
    client.set_connection_timeout(options.timeout_seconds);
    client.set_read_timeout(options.timeout_seconds);
    client.set_follow_location(true);
    int status = 0;
    if (auto head = client.Head(path)) status = head->status;
    else return "no answer (" + httplib::to_string(head.error()) + ")";
    if (status == 405 || status == 501 || status == 403) {
        // Some servers refuse HEAD; ask for the page and stop after its status line.
        client.Get(
            path,
            [&status](const httplib::Response& response) {
                status = response.status;
                return false;
            },
            [](const char*, std::size_t) { return false; });
    }
    if (status >= 400) return "HTTP " + std::to_string(status);
    return std::nullopt;
}

}  // namespace

std::vector<Diagnostic> fetch_external(const std::vector<ExternalLink>& links, const FetchOptions& options) {
    std::vector<std::optional<std::string>> failures(links.size());
    const WorkerPool pool(options.connections);
    pool.for_each_index(links.size(), [&](std::size_t i) { failures[i] = probe(links[i].url, options); });
    std::vector<Diagnostic> problems;
    for (std::size_t i = 0; i < links.size(); ++i)
        if (failures[i])
            problems.push_back(make_warning(links[i].path, links[i].line, links[i].col,
                                            "external link fails: " + links[i].url + " (" + *failures[i] + ")",
                                            "check the address in a browser; if the page moved, link its new address"));
    return problems;
}

}  // namespace portal::check
