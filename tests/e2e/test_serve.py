"""`portal serve`: the dev server on a temporary copy of a small site.

It serves the built pages with the live-reload script, rebuilds when a content
file changes, and after a broken edit keeps serving the last good page while
reporting the error (file and line) to open tabs. The time from save to served
page is measured by bench/, not asserted here: the bounds below are only
generous timeouts."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, Site, page  # noqa: E402

TIMEOUT = 10  # seconds; generous on a loaded machine


def get(url):
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")


def wait_for(condition, what):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"not within {TIMEOUT} s: {what}")


class ServeTest(unittest.TestCase):
    def setUp(self):
        self.site = Site()
        self.site.write("content/_index.ja.md", page("ホーム"))
        self.site.write("content/_index.en.md", page("Home"))
        self.site.write("content/news/hello.en.md", page("Hello", 'date = 2025-06-20\n', "First version of the text.\n"))
        self.server = subprocess.Popen([str(PORTAL), "serve", "--root", str(self.site.root), "--port", "0", "--verbose"],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(self.stop_server)
        line = ""
        deadline = time.monotonic() + 60
        while "serving http://" not in line and time.monotonic() < deadline:
            line = self.server.stdout.readline()
            if not line and self.server.poll() is not None:
                self.fail("portal serve exited: " + self.server.stderr.read())
        self.base = line.split("serving ")[1].split()[0].rstrip("/")
        self.assertTrue(self.base.startswith("http://127.0.0.1:"), "serves on the loopback address only")

    def stop_server(self):
        if self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server.stdout.close()
        self.server.stderr.close()
        self.site.cleanup()

    def test_serves_pages_with_the_reload_script_only(self):
        status, kind, html = get(self.base + "/en/news/hello/")
        self.assertEqual(status, 200)
        self.assertIn("text/html", kind)
        self.assertIn("First version of the text.", html)
        self.assertIn('<script src="/__portal/reload.js" defer></script></head>', html)
        self.assertNotIn("reload.js", self.site.read("en/news/hello/index.html"), "built files stay as built")
        status, kind, script = get(self.base + "/__portal/reload.js")
        self.assertIn("javascript", kind)
        self.assertIn('new EventSource("/__portal/events")', script)
        with self.assertRaises(urllib.error.HTTPError) as missing:
            get(self.base + "/no/such/page/")
        self.assertEqual(missing.exception.code, 404)
        with self.assertRaises(urllib.error.HTTPError):
            get(self.base + "/.portal-output")

    def test_edit_is_served_after_the_rebuild(self):
        self.site.write("content/news/hello.en.md", page("Hello", 'date = 2025-06-20\n', "Second version.\n"))
        wait_for(lambda: "Second version." in get(self.base + "/en/news/hello/")[2], "the edited page is served")

    def test_broken_edit_keeps_the_last_good_page_and_reports_file_and_line(self):
        events = urllib.request.urlopen(self.base + "/__portal/events", timeout=TIMEOUT)
        self.addCleanup(events.close)
        self.assertEqual(events.readline().decode(), "event: hello\n")
        self.site.write("content/news/hello.en.md", '+++\ntitle = "Hello"\ndate = 2025-13-45\n+++\nBroken.\n')

        def failed_status():
            status = json.loads(get(self.base + "/__portal/status")[2])
            return status if not status["ok"] else None
        status = wait_for(failed_status, "the build fails")
        error = status["errors"][0]
        self.assertEqual(error["file"], "content/news/hello.en.md")
        self.assertEqual(error["line"], 3)
        self.assertTrue(error["message"])
        self.assertIn("First version of the text.", get(self.base + "/en/news/hello/")[2], "the last good page")
        # Open tabs get the same errors as an event (the reload script shows them as an overlay).
        lines = []
        while not (lines and lines[-1].startswith("data: ") and "errors" in lines[-1]):
            lines.append(events.readline().decode().rstrip("\n"))
        self.assertIn("event: failed", lines)
        self.assertEqual(json.loads(lines[-1][len("data: "):])["errors"][0]["line"], 3)

        self.site.write("content/news/hello.en.md", page("Hello", 'date = 2025-06-20\n', "Fixed.\n"))
        wait_for(lambda: "Fixed." in get(self.base + "/en/news/hello/")[2], "the fixed page is served")
        while "event: reload" not in lines:
            lines.append(events.readline().decode().rstrip("\n"))

    def test_new_folder_is_watched(self):
        self.site.write("content/guides/first.en.md", page("Guide", "", "In a new folder.\n"))
        wait_for(lambda: self.site.out.joinpath("en/guides/first/index.html").exists(), "the new page is built")
        self.site.write("content/guides/first.en.md", page("Guide", "", "Edited in the new folder.\n"))
        wait_for(lambda: "Edited in the new folder." in get(self.base + "/en/guides/first/")[2],
                 "an edit in the new folder is seen")

    def test_deleted_page_is_no_longer_served(self):
        self.site.root.joinpath("content/news/hello.en.md").unlink()

        def gone():
            try:
                get(self.base + "/en/news/hello/")
            except urllib.error.HTTPError as error:
                return error.code == 404
            return False
        wait_for(gone, "the deleted page is gone")

    def test_verbose_prints_the_stages_of_every_rebuild(self):
        self.site.write("content/news/hello.en.md", page("Hello", 'date = 2025-06-20\n', "Third version.\n"))
        wait_for(lambda: "Third version." in get(self.base + "/en/news/hello/")[2], "the edited page is served")
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=TIMEOUT), 0)
        log = self.server.stdout.read()
        rebuild = log[log.index("changed: content/news/hello.en.md"):]
        # A body edit: the hot rebuild's stages (test_serve_hot.py).
        self.assertRegex(rebuild, r"hot rebuild: \d+ pages in \d+ ms")
        for stage in ("reload edited pages", "find outputs to render", "render", "link checks", "write"):
            self.assertRegex(rebuild, rf"\n  {stage}: \d+ ms \(CPU \d+ ms\)\n")

    def test_stops_cleanly_on_sigterm(self):
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=TIMEOUT), 0)


class HttpModuleTest(unittest.TestCase):
    """The dev server is in libportal_http.so beside the binary (serve/http_module.h):
    a binary without it says so, names the file and exits 1; building needs no module."""

    def test_a_binary_without_its_http_module_says_which_file_is_missing(self):
        site = Site("-- content/_index.md --\n" + page("Home"))
        self.addCleanup(site.cleanup)
        alone = site.root.parent / (site.root.name + "-bin")
        alone.mkdir()
        self.addCleanup(shutil.rmtree, alone, True)
        shutil.copy(PORTAL, alone / "portal")
        served = subprocess.run([str(alone / "portal"), "serve", "--root", str(site.root), "--port", "0"],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(served.returncode, 1, served.stdout + served.stderr)
        self.assertIn("cannot load portal's HTTP module", served.stderr)
        self.assertIn("libportal_http.so", served.stderr)
        checked = subprocess.run([str(alone / "portal"), "check", "--root", str(site.root), "--external"],
                                 capture_output=True, text=True, timeout=60)
        self.assertEqual(checked.returncode, 1, checked.stdout + checked.stderr)
        self.assertIn("libportal_http.so", checked.stderr)
        built = subprocess.run([str(alone / "portal"), "build", "--root", str(site.root)],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(built.returncode, 0, built.stderr)


if __name__ == "__main__":
    unittest.main()
