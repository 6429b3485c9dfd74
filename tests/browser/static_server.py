"""A small static file server for the browser tests: 127.0.0.1 only, a free port.

    with serve(site_dir) as url:   # url is "http://127.0.0.1:<port>/"
        ...

Run alone to look at a built site: `python3 tests/browser/static_server.py site/`.
"""
import contextlib
import functools
import http.server
import sys
import threading


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

    def end_headers(self):
        # Every load comes from disk: a rebuilt site is never served from cache.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # quiet: failures are reported by the tests
        pass


@contextlib.contextmanager
def serve(directory):
    """Serves `directory` on 127.0.0.1 with a port the system picks; yields the base URL."""
    handler = functools.partial(Handler, directory=str(directory))
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
