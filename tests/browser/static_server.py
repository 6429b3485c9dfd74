"""A small static file server for the browser tests: 127.0.0.1 only, a free port.

    with serve(site_dir) as url:   # url is "http://127.0.0.1:<port>/"
        ...
    with serve(site_dir, headers=True) as url:   # also sends the site's _headers
        ...

Run alone to look at a built site: `python3 tests/browser/static_server.py site/`.
"""
import contextlib
import functools
import http.server
import sys
import threading
from pathlib import Path


def read_headers_file(path):
    """`_headers` (Netlify / Cloudflare Pages): a URL pattern on its own line, then its
    headers indented, `Name: value`. Returns [(pattern, [(name, value)])]; a pattern may
    end in `*` (a prefix)."""
    rules = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            raise ValueError(f"{path}:{number}: not a header line: {line!r}")
    return rules


def headers_for(rules, url_path):
    out = []
    for pattern, headers in rules:
        if pattern == url_path or (pattern.endswith("*") and url_path.startswith(pattern[:-1])):
            out.extend(headers)
    return out


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".ics": "text/calendar; charset=utf-8",
        ".xml": "application/xml",
        ".csv": "text/csv; charset=utf-8",
    }

    header_rules = []  # from the site's _headers when serve(headers=True)
    no_store = True

    def end_headers(self):
        # Every load comes from disk: a rebuilt site is never served from cache.
        if self.no_store:
            self.send_header("Cache-Control", "no-store")
        else:  # a site that does not change: its stylesheets and scripts load once
            self.send_header("Cache-Control", "max-age=3600")
        for name, value in headers_for(self.header_rules, self.path.split("?", 1)[0]):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # quiet: failures are reported by the tests
        pass


@contextlib.contextmanager
def serve(directory, headers=False, cache=False):
    """Serves `directory` on 127.0.0.1 with a port the system picks; yields the base URL.
    With `headers`, every response carries the headers `directory/_headers` gives its path;
    with `cache`, the browser may keep files for an hour (for a site that does not change)."""
    rules = read_headers_file(Path(directory) / "_headers") if headers else []
    handler = functools.partial(type("SiteHandler", (Handler,), {"header_rules": rules, "no_store": not cache}),
                                directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: static_server.py SITE_DIR")
    with serve(sys.argv[1]) as url:
        print(f"serving {sys.argv[1]} at {url} (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
