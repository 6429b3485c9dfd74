"""--base-url with a sub-path (a pull request's preview): the real portal built
for https://example.org/pr/42/ passes `portal check`, and no URL in any HTML
attribute, feed, sitemap, calendar or JSON file leaves /pr/42/; every
site-relative one leads to a file of the build."""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from urllib.parse import urljoin, urlsplit, unquote

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR, Site  # noqa: E402

BASE = "https://example.org/pr/42/"
PREFIX = "/pr/42/"
NOW = "2026-12-01T12:00:00+09:00"


class Urls(html.parser.HTMLParser):
    """Every URL-holding attribute value of a page."""
    NAMES = {"href", "src", "action", "poster", "formaction", "cite", "srcset"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                self.urls += [part.strip().split()[0] for part in value.split(",") if part.strip()]
            elif name in self.NAMES or name.startswith("data-") and value.startswith("/"):
                self.urls.append(value)


def site_file(out, path):
    """The output file a path under PREFIX is served from, or None."""
    rel = unquote(path[len(PREFIX):])
    candidates = [rel + "index.html"] if rel == "" or rel.endswith("/") else [rel, rel + "/index.html"]
    for candidate in candidates:
        if (out / candidate).is_file():
            return out / candidate
    return None


class BaseUrlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="portal-base-url-"))
        cls.out = cls.tmp / "site"
        cls.build = subprocess.run([str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(cls.out), "--now",
                                    NOW, "--no-cache", "--base-url", BASE], capture_output=True, text=True, timeout=300)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_preview_passes_portal_check(self):
        self.assertEqual(self.build.returncode, 0, self.build.stderr)
        result = subprocess.run([str(PORTAL), "check", "--root", str(SOURCE_DIR), "--now", NOW,
                                 "--base-url", BASE], capture_output=True, text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(" 0 error(s)", result.stdout)

    def test_no_html_link_escapes_the_prefix(self):
        self.assertEqual(self.build.returncode, 0, self.build.stderr)
        pages = sorted(self.out.rglob("*.html"))
        self.assertGreater(len(pages), 150)
        checked = 0
        for page in pages:
            rel = page.relative_to(self.out).as_posix()
            page_url = BASE + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
            parser = Urls()
            parser.feed(page.read_text(encoding="utf-8"))
            for url in parser.urls:
                absolute = urljoin(page_url, url)
                parts = urlsplit(absolute)
                if parts.scheme not in ("http", "https") or parts.netloc != "example.org":
                    continue  # another site, mailto:
                checked += 1
                self.assertTrue(parts.path.startswith(PREFIX), f"{rel}: {url} leaves {PREFIX}")
                if url.startswith("/"):
                    self.assertIsNotNone(site_file(self.out, parts.path), f"{rel}: {url} leads nowhere")
        self.assertGreater(checked, 5000)

    def test_feeds_sitemap_calendars_and_json_stay_under_the_prefix(self):
        self.assertEqual(self.build.returncode, 0, self.build.stderr)
        files = [p for p in self.out.rglob("*") if p.suffix in (".xml", ".ics", ".json", ".txt", ".csv")]
        kinds = {p.suffix for p in files}
        self.assertTrue({".xml", ".ics", ".json", ".txt"} <= kinds, kinds)
        for path in files:
            text = path.read_bytes().decode("utf-8")  # keep CRLF: the .ics fold is CRLF + space
            if path.suffix == ".ics":
                # RFC 5545 folds lines at 75 octets, anywhere in a URL: read them unfolded, as a calendar does.
                text = re.sub(r"\r\n[ \t]", "", text)
            self.assertNotIn("telework-portal.example", text, f"{path}: config.toml's base_url was replaced")
            for url in re.findall(r"https?://example\.org[^\s\"'<>\\]*", text):
                self.assertTrue(url.startswith(BASE), f"{path.relative_to(self.out)}: {url}")
        # The search index's page URLs are site-relative, for search.js to link.
        fragment = (self.out / "search/pages/0.json").read_text(encoding="utf-8")
        url = re.search(r'"url":"([^"]+)"', fragment).group(1)
        self.assertTrue(url.startswith(PREFIX) and site_file(self.out, url), url)
        search = (self.out / "search/index.html").read_text(encoding="utf-8")
        self.assertIn(f'data-index="{PREFIX}search/index.json"', search)

    def test_markdown_text_and_code_keep_their_slashes_and_escapes_are_reported(self):
        site = Site('''
            -- content/_index.ja.md --
            +++
            title = "ホーム"
            +++
            [お知らせ](/news/a/) と `<a href="/x">` と

                <img src="/code.png">
            -- content/news/_index.ja.md --
            +++
            title = "お知らせ"
            +++
            -- content/news/a.ja.md --
            +++
            title = "A"
            +++
            [戻る](../../)
            ''')
        self.addCleanup(site.cleanup)
        result = site.build("--base-url", "https://example.org/pr/42")
        self.assertEqual(result.returncode, 0, result.stderr)
        home = site.read("index.html")
        self.assertIn('<a href="/pr/42/news/a/">お知らせ</a>', home)
        self.assertIn("<code>&lt;a href=&quot;/x&quot;&gt;</code>", home)
        self.assertIn('&lt;img src=&quot;/code.png&quot;&gt;', home)
        site.write("content/news/a.ja.md", '+++\ntitle = "A"\n+++\n本文\n\n[無い](/news/nope/)\n')
        result = site.run("check", "--root", str(site.root), "--base-url", "https://example.org/pr/42/")
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/news/a.ja.md:6:1: error: broken link: no page at /news/nope/", result.stderr,
                      "reported at the Markdown the editor wrote")
        site.write("content/news/a.ja.md", '+++\ntitle = "A"\n+++\n[外](../../../../outside/)\n')
        result = site.run("check", "--root", str(site.root), "--base-url", "https://example.org/pr/42/")
        self.assertEqual(result.returncode, 1)
        self.assertIn("link leaves the site: /outside/ is outside the base URL's path", result.stderr)
        self.assertIn("content/news/a.ja.md", result.stderr)
        self.assertEqual(site.run("build", "--root", str(site.root), "--base-url", "example.org/x/").returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
