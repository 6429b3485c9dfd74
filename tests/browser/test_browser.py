"""Browser tests of the real portal: builds it, serves it on 127.0.0.1 and runs
tests/browser/run.mjs (playwright-core driving Debian's Chromium, axe-core for WCAG 2.1
A/AA). Screenshots for review land in $PORTAL_BUILD_DIR/screenshots/.
"""
import os
import subprocess
import sys
import unittest

from browser_setup import BUILD_DIR, HERE, SETUP_HINT, BuiltPortal, missing_tools
from static_server import serve


class BrowserTest(unittest.TestCase):
    def test_every_kind_of_page_in_both_languages_passes_the_browser_checks(self):
        missing = missing_tools(chromium=True)
        if missing:
            self.fail("browser tests need: " + "; ".join(missing) + f" — {SETUP_HINT}")
        portal = BuiltPortal()
        try:
            self.assertEqual(portal.result.returncode, 0, "portal build failed:\n" + portal.result.stderr)
            env = {**os.environ, "SCREENSHOT_DIR": str(BUILD_DIR / "screenshots")}
            with serve(portal.out) as url:
                run = subprocess.run(["node", str(HERE / "run.mjs"), url, str(portal.out)],
                                     cwd=HERE, env=env, capture_output=True, text=True,
                                     errors="replace", timeout=480)
            sys.stdout.write(run.stdout)
            sys.stderr.write(run.stderr)
            self.assertEqual(run.returncode, 0, "browser checks failed: the list is printed above")
        finally:
            portal.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
