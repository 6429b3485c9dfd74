"""Every HTML file of the real portal is valid HTML: the Nu Html Checker (vnu.jar from
the npm package vnu-jar, run by Debian's Java) reports no errors. One Java start for
all files: the checker is slow to start and fast per file.
"""
import json
import subprocess
import sys
import unittest
from pathlib import Path

from browser_setup import SETUP_HINT, VNU_JAR, BuiltPortal, missing_tools


def readable(messages, root):
    """vnu's JSON messages as `path:line:col: error: message` with the extract below."""
    lines = []
    for m in messages:
        url = m.get("url", "")
        path = url[len("file:"):] if url.startswith("file:") else url
        try:
            path = str(Path(path).relative_to(root))
        except ValueError:
            pass
        line = m.get("lastLine", m.get("firstLine", "?"))
        col = m.get("firstColumn", m.get("lastColumn", "?"))
        lines.append(f"{path}:{line}:{col}: {m.get('type')}: {m.get('message')}")
        if m.get("extract"):
            lines.append("    " + m["extract"].replace("\n", "↵"))
    return "\n".join(lines)


class HtmlValidityTest(unittest.TestCase):
    def test_every_page_of_the_portal_is_valid_html(self):
        missing = missing_tools(java=True)
        if missing:
            self.fail("HTML validation needs: " + "; ".join(missing) + f" — {SETUP_HINT}")
        portal = BuiltPortal()
        try:
            self.assertEqual(portal.result.returncode, 0, "portal build failed:\n" + portal.result.stderr)
            files = portal.html_files()
            self.assertGreater(len(files), 20, "the portal has suspiciously few pages")
            run = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                                  *map(str, files)], capture_output=True, text=True, errors="replace",
                                 timeout=480)
            try:
                messages = json.loads(run.stderr or '{"messages": []}')["messages"]
            except (json.JSONDecodeError, KeyError):
                self.fail(f"vnu did not answer in JSON (exit {run.returncode}):\n{run.stderr[-5000:]}")
            errors = [m for m in messages if m.get("type") in ("error", "non-document-error")
                      or m.get("subType") == "fatal"]
            print(f"vnu checked {len(files)} files: {len(errors)} error(s)")
            self.assertFalse(errors, f"{len(errors)} HTML error(s):\n" + readable(errors, portal.out))
            self.assertEqual(run.returncode, 0, run.stderr[-5000:])
        finally:
            portal.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
