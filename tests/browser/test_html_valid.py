"""Every HTML file of the real portal is valid HTML: the Nu Html Checker (vnu.jar from
the npm package vnu-jar, run by Debian's Java) reports no errors. One Java start for
all files: the checker is slow to start and fast per file.

And every page is ready for a strict Content-Security-Policy: no inline scripts, event
handler attributes, javascript: URLs, style attributes or <style> elements.
"""
import json
import subprocess
import unittest
from html.parser import HTMLParser
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


class InlineCode(HTMLParser):
    """Collects what a strict CSP (script-src 'self'; style-src 'self') would block."""

    def __init__(self):
        super().__init__()
        self.found, self.in_script = [], False

    def handle_starttag(self, tag, attrs):
        where = f"line {self.getpos()[0]}: <{tag}>"
        for name, value in attrs:
            if name == "style":
                self.found.append(f"{where} has a style attribute")
            elif name.startswith("on"):
                self.found.append(f"{where} has an event handler attribute {name}")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{where} has a javascript: URL")
        if tag == "style":
            self.found.append(f"{where} is an inline style sheet")
        if tag == "script":
            # A JSON data block (the seminar pages' schema.org data) is never run, and
            # a policy does not govern it.
            if dict(attrs).get("type") in ("application/ld+json", "application/json"):
                return
            self.in_script = True
            if not dict(attrs).get("src"):
                self.found.append(f"{where} is an inline script")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.found.append(f"line {self.getpos()[0]}: a script with both src and content")


class HtmlValidityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.missing = missing_tools(java=True)
        cls.portal = BuiltPortal()

    @classmethod
    def tearDownClass(cls):
        cls.portal.close()

    def setUp(self):
        self.assertEqual(self.portal.result.returncode, 0, "portal build failed:\n" + self.portal.result.stderr)
        self.files = self.portal.html_files()
        self.assertGreater(len(self.files), 20, "the portal has suspiciously few pages")

    def test_every_page_of_the_portal_is_valid_html(self):
        if self.missing:
            self.fail("HTML validation needs: " + "; ".join(self.missing) + f" — {SETUP_HINT}")
        run = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                              *map(str, self.files)], capture_output=True, text=True, errors="replace",
                             timeout=480)
        try:
            messages = json.loads(run.stderr or '{"messages": []}')["messages"]
        except (json.JSONDecodeError, KeyError):
            self.fail(f"vnu did not answer in JSON (exit {run.returncode}):\n{run.stderr[-5000:]}")
        errors = [m for m in messages if m.get("type") in ("error", "non-document-error")
                  or m.get("subType") == "fatal"]
        print(f"vnu checked {len(self.files)} files: {len(errors)} error(s)")
        self.assertFalse(errors, f"{len(errors)} HTML error(s):\n" + readable(errors, self.portal.out))
        self.assertEqual(run.returncode, 0, run.stderr[-5000:])

    def test_no_page_has_inline_scripts_or_styles(self):
        problems = []
        for path in self.files:
            parser = InlineCode()
            parser.feed(path.read_text(encoding="utf-8"))
            problems += [f"{path.relative_to(self.portal.out)}: {p}" for p in parser.found]
        self.assertFalse(problems, "a strict Content-Security-Policy would block:\n" + "\n".join(problems))


if __name__ == "__main__":
    unittest.main(verbosity=2)
