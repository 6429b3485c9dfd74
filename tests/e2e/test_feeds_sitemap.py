"""Atom feeds (parsed with feedparser), sitemap.xml and robots.txt of the real portal."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, RealPortalBuild, SOURCE_DIR, Site, page  # noqa: E402

SCHEMAS = Path(__file__).parent / "schemas"

BASE = "https://telework-portal.example/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class FeedsAndSitemapTest(RealPortalBuild):
    def test_build(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)

    def test_feeds_parse_without_errors_and_have_stable_absolute_ids(self):
        feeds = ["atom.xml", "en/atom.xml"] + [f"{p}{s}/atom.xml" for p in ("", "en/")
                                               for s in ("news", "seminars", "measures")]
        for path in feeds:
            with self.subTest(path):
                parsed = feedparser.parse(str(self.out / path))
                self.assertFalse(parsed.bozo, f"{path}: {parsed.get('bozo_exception')}")
                self.assertTrue(parsed.feed.title)
                self.assertTrue(parsed.feed.updated)
                self.assertGreater(len(parsed.entries), 0)
                ids = [e.id for e in parsed.entries]
                self.assertEqual(len(ids), len(set(ids)))
                for entry in parsed.entries:
                    self.assertTrue(entry.id.startswith(BASE), entry.id)
                    self.assertTrue(entry.link.startswith(BASE))
                    target = self.out / entry.link[len(BASE):] / "index.html"
                    self.assertTrue(target.is_file(), entry.link)
                    self.assertTrue(entry.updated_parsed)
                updated = [e.updated_parsed for e in parsed.entries]
                self.assertEqual(updated, sorted(updated, reverse=True), "newest first")
        en = feedparser.parse(str(self.out / "en/news/atom.xml"))
        self.assertEqual(en.feed.language, "en")
        self.assertTrue(all("/en/news/" in e.link for e in en.entries))

    def test_feeds_are_identical_across_builds(self):
        again = self.tmp / "again"
        subprocess.run([str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(again),
                        "--now", "2026-11-23T12:00:00+09:00"], check=True, capture_output=True)
        for path in ("atom.xml", "en/news/atom.xml", "sitemap.xml"):
            self.assertEqual((self.out / path).read_bytes(), (again / path).read_bytes(), path)

    def test_sitemap_is_well_formed_and_lists_every_page_with_alternates(self):
        xmllint = subprocess.run(["xmllint", "--noout", str(self.out / "sitemap.xml")], capture_output=True, text=True)
        self.assertEqual(xmllint.returncode, 0, xmllint.stderr)
        root = ET.parse(self.out / "sitemap.xml").getroot()
        urls = {}
        for url in root.findall("s:url", NS):
            loc = url.find("s:loc", NS).text
            urls[loc] = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", NS)}
        pages = {BASE + str(p.parent.relative_to(self.out)).strip(".") + "/" for p in self.out.rglob("index.html")}
        # Pagination pages (/page/2/) repeat their first page's content: not listed.
        pages = {p.replace(BASE + "/", BASE) for p in pages if "/page/" not in p}
        self.assertEqual(set(urls), pages)
        yamagishi = urls[BASE + "cases/yamagishi/"]
        self.assertEqual(yamagishi, {"ja": BASE + "cases/yamagishi/", "en": BASE + "en/cases/yamagishi/",
                                     "x-default": BASE + "cases/yamagishi/"})
        # Alternates are reciprocal.
        for loc, alternates in urls.items():
            for lang, href in alternates.items():
                self.assertIn(href, urls)
                self.assertEqual(urls[href], alternates, f"{loc} ↔ {href}")

    def test_sitemap_validates_against_the_sitemaps_org_schema(self):
        # sitemap-hreflang.xsd = the vendored sitemaps.org schema + a declaration of
        # <xhtml:link>, which the schema's strict wildcard demands (schemas/README.md).
        xmllint = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(SCHEMAS / "sitemap-hreflang.xsd"),
                                  str(self.out / "sitemap.xml")], capture_output=True, text=True)
        self.assertEqual(xmllint.returncode, 0, xmllint.stderr)
        self.assertIn("validates", xmllint.stderr)

    def test_schema_rejects_a_broken_sitemap(self):
        # The oracle has teeth: a bad lastmod and a bad hreflang are both refused.
        text = (self.out / "sitemap.xml").read_text(encoding="utf-8")
        for broken in (text.replace("<lastmod>", "<lastmod>yesterday ", 1),
                       text.replace('hreflang="ja"', 'hreflang="ja_JP"', 1)):
            bad = self.tmp / "bad-sitemap.xml"
            bad.write_text(broken, encoding="utf-8")
            xmllint = subprocess.run(["xmllint", "--noout", "--nonet", "--schema",
                                      str(SCHEMAS / "sitemap-hreflang.xsd"), str(bad)], capture_output=True, text=True)
            self.assertNotEqual(xmllint.returncode, 0)

    def test_robots_points_to_the_sitemap(self):
        self.assertIn(f"Sitemap: {BASE}sitemap.xml", (self.out / "robots.txt").read_text())


class LastmodTest(unittest.TestCase):
    """<lastmod> and Atom <updated> come from front matter `lastmod`, else `updated`, else `date`."""

    def test_lastmod_prefers_lastmod_then_updated_then_date(self):
        site = Site("\n".join([
            "-- content/_index.md --", page("Home", "date = 2025-01-01\n"),
            "-- content/news/_index.md --", page("News", "date = 2025-01-01\n"),
            "-- content/news/a.md --", page("A", "date = 2025-01-01\nlastmod = 2025-03-03\nupdated = 2025-02-02\n"),
            "-- content/news/b.md --", page("B", "date = 2025-01-01\nupdated = 2025-02-02T10:00:00+09:00\n"),
            "-- content/news/c.md --", page("C", "date = 2025-01-01\n"),
        ]))
        self.addCleanup(site.cleanup)
        result = site.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        root = ET.parse(site.out / "sitemap.xml").getroot()
        lastmod = {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)
                   if u.find("s:lastmod", NS) is not None}
        self.assertEqual(lastmod["https://example.org/news/a/"], "2025-03-03")
        self.assertEqual(lastmod["https://example.org/news/b/"], "2025-02-02T10:00:00+09:00")
        self.assertEqual(lastmod["https://example.org/news/c/"], "2025-01-01")
        feed = feedparser.parse(str(site.out / "news/atom.xml"))
        updated = {e.link: e.updated for e in feed.entries}
        self.assertTrue(updated["https://example.org/news/a/"].startswith("2025-03-03"))
        self.assertTrue(updated["https://example.org/news/b/"].startswith("2025-02-02T10:00:00"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
