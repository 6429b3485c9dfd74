"""`portal serve` under the theme's strict Content-Security-Policy, in Chromium
(serve_csp.mjs): live reload and the build-error overlay work with no violation."""
import signal
import subprocess
import sys
import time
import unittest

from browser_setup import HERE, SETUP_HINT, SOURCE_DIR, missing_tools

sys.path.insert(0, str(SOURCE_DIR / "tests" / "e2e"))
from sitekit import PORTAL, Site, page  # noqa: E402


class ServeUnderPolicyTest(unittest.TestCase):
    def test_live_reload_and_error_overlay_cause_no_violation(self):
        missing = missing_tools(chromium=True)
        if missing:
            self.fail("browser tests need: " + "; ".join(missing) + f" — {SETUP_HINT}")
        site = Site()
        self.addCleanup(site.cleanup)
        site.write("content/_index.en.md", page("Home"))
        source = site.write("content/news/hello.en.md", page("Hello", "date = 2025-06-20\n", "First version.\n"))
        server = subprocess.Popen([str(PORTAL), "serve", "--root", str(site.root), "--port", "0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

        def stop():
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            server.stdout.close()
            server.stderr.close()
        self.addCleanup(stop)
        line, deadline = "", time.monotonic() + 120
        while "serving http://" not in line and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line and server.poll() is not None:
                self.fail("portal serve exited: " + server.stderr.read())
        base = line.split("serving ")[1].split()[0].rstrip("/")
        run = subprocess.run(["node", str(HERE / "serve_csp.mjs"), base + "/en/news/hello/", str(source), "First version."],
                             cwd=HERE, capture_output=True, text=True, errors="replace", timeout=300)
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        self.assertEqual(run.returncode, 0, "the list is printed above")


if __name__ == "__main__":
    unittest.main(verbosity=2)
