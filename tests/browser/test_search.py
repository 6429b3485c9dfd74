"""Site search in the browser: builds the search fixture (tests/search/fixture/,
with this repository's theme) and the real portal, serves both on 127.0.0.1
and runs tests/browser/search.mjs in Debian's headless Chromium."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from browser_setup import HERE, PORTAL, SETUP_HINT, SOURCE_DIR, BuiltPortal, missing_tools
from static_server import serve

FIXTURE = SOURCE_DIR / "tests" / "search" / "fixture"


class SearchInTheBrowser(unittest.TestCase):
    def test_queries_find_the_right_pages_in_both_languages(self):
        missing = missing_tools(chromium=True)
        if missing:
            self.fail("search browser tests need: " + "; ".join(missing) + f" — {SETUP_HINT}")
        tmp = Path(tempfile.mkdtemp(prefix="portal-search-"))
        portal = BuiltPortal()
        try:
            root = tmp / "fixture"
            shutil.copytree(FIXTURE, root)
            shutil.copytree(SOURCE_DIR / "themes" / "default", root / "themes" / "default")
            built = subprocess.run([str(PORTAL), "build", "--root", str(root), "--out", str(root / "site")],
                                   capture_output=True, text=True, errors="replace", timeout=300)
            self.assertEqual(built.returncode, 0, "fixture build failed:\n" + built.stderr)
            self.assertEqual(portal.result.returncode, 0, "portal build failed:\n" + portal.result.stderr)
            with serve(root / "site") as fixture_url, serve(portal.out) as portal_url:
                run = subprocess.run(["node", str(HERE / "search.mjs"), fixture_url, portal_url],
                                     cwd=HERE, capture_output=True, text=True, errors="replace", timeout=480)
            sys.stdout.write(run.stdout)
            sys.stderr.write(run.stderr)
            self.assertEqual(run.returncode, 0, "search checks failed: the list is printed above")
        finally:
            portal.close()
            if not os.environ.get("PORTAL_KEEP_TMP"):
                shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
