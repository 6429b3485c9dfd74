"""The portal itself: the repository's content/ built with its theme.
Every content file must appear at its URL and link its translation."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR  # noqa: E402

LANGS = ("ja", "en")


def url_of(rel):
    """content-relative .md path → site URL, as the generator assigns it."""
    parts = rel[:-3].split("/")
    name = parts[-1]
    lang = "ja"
    if "." in name:
        name, lang = name.rsplit(".", 1)
    prefix = "" if lang == "ja" else "/" + lang
    section = "/".join(parts[:-1])
    url = prefix + "/" + (section + "/" if section else "")
    if name != "_index":
        url += name + "/"
    return url, lang, section, name


class PortalContentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = Path(tempfile.mkdtemp(prefix="portal-site-")) / "site"
        cls.result = subprocess.run([str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(cls.out)],
                                    capture_output=True, text=True, timeout=300)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out.parent, ignore_errors=True)

    def test_portal_builds_cleanly(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertEqual(self.result.stderr, "", "the portal's own build must not warn")

    def test_home_pages(self):
        self.assertTrue((self.out / "index.html").is_file())
        self.assertTrue((self.out / "en/index.html").is_file())

    def test_every_content_file_is_at_its_url_and_links_its_translation(self):
        content = SOURCE_DIR / "content"
        files = sorted(str(p.relative_to(content)) for p in content.rglob("*.md") if "data" not in p.parts)
        self.assertGreater(len(files), 10)
        by_key = {}
        for rel in files:
            text = (content / rel).read_text(encoding="utf-8")
            if re.search(r"^draft\s*=\s*true", text, re.M):
                continue
            url, lang, section, name = url_of(rel)
            by_key.setdefault((section, name), {})[lang] = url
        for (section, name), urls in by_key.items():
            for lang, url in urls.items():
                html_path = self.out / url.lstrip("/") / "index.html"
                self.assertTrue(html_path.is_file(), f"{url} missing")
                html = html_path.read_text(encoding="utf-8")
                for other, other_url in urls.items():
                    if other != lang:
                        self.assertIn(f'href="{other_url}" hreflang="{other}"', html,
                                      f"{url} does not link its {other} translation")


if __name__ == "__main__":
    unittest.main(verbosity=2)
