"""No script injection: builds the real portal with every payload of xss_payloads.py
added in both languages (xss_site.py), serves it on 127.0.0.1 with its _headers, and
loads every generated HTML page in Debian's Chromium (xss.mjs): no dialog, no injected
element or attribute, every hostile title shown as text, and under the site's
Content-Security-Policy no violation and no console error.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from browser_setup import HERE, PORTAL, SETUP_HINT, SOURCE_DIR, missing_tools
from static_server import serve
from xss_payloads import ALL, TEXT_PAYLOADS
from xss_site import write_fixture


class XssTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="portal-xss-"))

    def tearDown(self):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(self.tmp, ignore_errors=True)

    def test_no_payload_runs_and_the_theme_needs_no_inline_script_or_style(self):
        missing = missing_tools(chromium=True)
        if missing:
            self.fail("browser tests need: " + "; ".join(missing) + f" — {SETUP_HINT}")
        self.assertGreaterEqual(len(ALL), 30)
        project = write_fixture(SOURCE_DIR, self.tmp / "project")
        out = self.tmp / "site"
        build = subprocess.run([str(PORTAL), "build", "--root", str(project), "--out", str(out)],
                               capture_output=True, text=True, errors="replace", timeout=300)
        self.assertEqual(build.returncode, 0, "the hostile portal must build:\n" + build.stderr[-6000:])
        titles = {}
        for n, payload in enumerate(TEXT_PAYLOADS):
            for prefix in ("", "/en"):
                titles[f"{prefix}/news/xss-{n:02d}/"] = payload
        titles_file = self.tmp / "titles.json"
        titles_file.write_text(json.dumps(titles), encoding="utf-8")
        with serve(out, headers=True, cache=True) as url:
            run = subprocess.run(["node", str(HERE / "xss.mjs"), url, str(out), str(titles_file)],
                                 cwd=HERE, capture_output=True, text=True, errors="replace", timeout=900)
        sys.stdout.write(f"{len(ALL)} payloads ({len(TEXT_PAYLOADS)} in text, {len(ALL) - len(TEXT_PAYLOADS)} as URLs)\n")
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        self.assertEqual(run.returncode, 0, "XSS checks failed: the list is printed above")


if __name__ == "__main__":
    unittest.main(verbosity=2)
