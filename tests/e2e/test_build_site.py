"""Building fixture sites end to end with the real binary and the default theme."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import Site, page  # noqa: E402

BILINGUAL = """
-- content/_index.md --
+++
title = "ホーム"
+++
ようこそ。
-- content/_index.en.md --
+++
title = "Home"
+++
Welcome.
-- content/cases/_index.ja.md --
+++
title = "導入事例"
+++
-- content/cases/_index.en.md --
+++
title = "Case studies"
+++
-- content/cases/yamagishi.ja.md --
+++
title = "株式会社山岸製作所"
date = 2025-06-20
summary = "石川県の製造業の事例"
+++
## 取り組みの概要

本文です。

## 成果

| 指標 | 値 |
|---|---|
| 残業 | 減少 |
-- content/cases/yamagishi.en.md --
+++
title = "Yamagishi Seisakusho"
date = 2025-06-20
+++
## Overview

Body.
-- content/cases/only-ja.md --
+++
title = "日本語だけ"
date = 2024-01-10
+++
本文。
-- content/cases/draft.md --
+++
title = "下書き"
draft = true
+++
-- content/cases/photo.png --
PNGDATA
-- themes/default/static/extra.txt --
from the theme
"""


class BuildSiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = Site(BILINGUAL)
        cls.result = cls.site.build()

    @classmethod
    def tearDownClass(cls):
        cls.site.cleanup()

    def test_build_succeeds_and_reports_counts(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertRegex(self.result.stdout, r"built \d+ pages, \d+ files in \d+ ms")

    def test_home_pages_exist_in_both_languages(self):
        self.assertIn('<html lang="ja">', self.site.read("index.html"))
        self.assertIn('<html lang="en">', self.site.read("en/index.html"))

    def test_every_content_file_appears_at_its_pretty_url(self):
        for path in ["cases/index.html", "en/cases/index.html", "cases/yamagishi/index.html",
                     "en/cases/yamagishi/index.html", "cases/only-ja/index.html"]:
            self.assertTrue((self.site.out / path).is_file(), path)

    def test_page_links_its_translation_and_declares_hreflang(self):
        ja = self.site.read("cases/yamagishi/index.html")
        self.assertIn('href="/en/cases/yamagishi/" hreflang="en"', ja)
        self.assertIn('<link rel="alternate" hreflang="en" href="https://example.org/en/cases/yamagishi/">', ja)
        self.assertIn('<link rel="alternate" hreflang="x-default" href="https://example.org/cases/yamagishi/">', ja)
        en = self.site.read("en/cases/yamagishi/index.html")
        self.assertIn('href="/cases/yamagishi/" hreflang="ja"', en)
        self.assertIn('<link rel="alternate" hreflang="x-default" href="https://example.org/cases/yamagishi/">', en)

    def test_untranslated_page_links_other_language_section_and_says_so_in_that_language(self):
        html = self.site.read("cases/only-ja/index.html")
        self.assertIn('<a href="/en/cases/" hreflang="en" lang="en">English</a>', html)
        self.assertIn('<span class="no-translation" lang="en">(This page is not available in English; '
                      'this link goes to “Case studies”.)</span>', html)
        self.assertNotIn('hreflang="en" href=', html, "no hreflang alternate for a missing translation")

    def test_headings_have_ids_and_table_of_contents(self):
        html = self.site.read("cases/yamagishi/index.html")
        self.assertIn('<h2 id="取り組みの概要">取り組みの概要</h2>', html)
        self.assertIn('<a href="#成果">成果</a>', html)
        self.assertIn("<table>", html)

    def test_dates_are_formatted_per_language(self):
        self.assertIn('<time datetime="2025-06-20">2025年6月20日</time>', self.site.read("cases/yamagishi/index.html"))
        self.assertIn('<time datetime="2025-06-20">20 June 2025</time>', self.site.read("en/cases/yamagishi/index.html"))

    def test_section_lists_pages_newest_first_without_drafts(self):
        html = self.site.read("cases/index.html")
        self.assertLess(html.index("株式会社山岸製作所"), html.index("日本語だけ"))
        self.assertNotIn("下書き", html)
        self.assertFalse((self.site.out / "cases/draft/index.html").exists())

    def test_static_files_are_copied(self):
        self.assertEqual((self.site.out / "cases/photo.png").read_text(), "PNGDATA\n")
        self.assertEqual((self.site.out / "extra.txt").read_text(), "from the theme\n")
        # Theme CSS is published fingerprinted (main.<hash>.css), not under its own name.
        self.assertEqual(len(list((self.site.out / "css").glob("main.*.css"))), 1)
        self.assertFalse((self.site.out / "css/main.css").exists())

    def test_values_from_front_matter_are_escaped(self):
        site = Site('-- content/x.md --\n+++\ntitle = "<script>alert(1)</script>"\n+++\n')
        try:
            self.assertEqual(site.build().returncode, 0)
            html = site.read("x/index.html")
            self.assertNotIn("<script>alert(1)", html)
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        finally:
            site.cleanup()

    def test_raw_html_in_markdown_is_omitted_unless_config_allows_it(self):
        body = '+++\ntitle = "x"\n+++\n<div class="raw">raw</div>\n'
        site = Site("-- content/x.md --\n" + body)
        try:
            self.assertEqual(site.build().returncode, 0)
            self.assertNotIn('<div class="raw">', site.read("x/index.html"))
            site.write("config.toml", site.root.joinpath("config.toml").read_text() + "[markdown]\nunsafe_html = true\n")
            self.assertEqual(site.build().returncode, 0)
            self.assertIn('<div class="raw">', site.read("x/index.html"))
        finally:
            site.cleanup()


class CommandLineTest(unittest.TestCase):
    def test_drafts_flag_includes_drafts(self):
        site = Site(BILINGUAL)
        try:
            self.assertEqual(site.build("--drafts").returncode, 0)
            self.assertTrue((site.out / "cases/draft/index.html").is_file())
        finally:
            site.cleanup()

    def test_out_writes_elsewhere_and_rebuild_replaces(self):
        site = Site(BILINGUAL)
        try:
            out = site.root / "public"
            self.assertEqual(site.build("--out", str(out)).returncode, 0)
            self.assertTrue((out / "index.html").is_file())
            (site.root / "content/cases/only-ja.md").unlink()
            self.assertEqual(site.build("--out", str(out)).returncode, 0)
            self.assertFalse((out / "cases/only-ja").exists(), "removed page must disappear")
        finally:
            site.cleanup()

    def test_output_is_identical_whatever_the_thread_count(self):
        site = Site(BILINGUAL)
        try:
            hashes = set()
            for jobs in ("1", "2", "8"):
                self.assertEqual(site.build("--jobs", jobs).returncode, 0)
                hashes.add(site.tree_hash())
            self.assertEqual(len(hashes), 1)
        finally:
            site.cleanup()

    def test_files_saved_with_crlf_and_a_bom_build_like_their_lf_versions(self):
        """Editors on Windows save CRLF (and some tools a BOM): the same pages, byte for byte."""
        lf = Site(BILINGUAL)
        crlf = Site(BILINGUAL)
        try:
            for path in sorted((crlf.root / "content").rglob("*.md")):
                text = path.read_text(encoding="utf-8")
                path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
            for site in (lf, crlf):
                result = site.build()
                self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("<h2 id=", crlf.read("cases/yamagishi/index.html"))
            for page_path in ("cases/yamagishi/index.html", "en/cases/yamagishi/index.html", "index.html"):
                self.assertEqual(crlf.read(page_path), lf.read(page_path), page_path)
        finally:
            lf.cleanup()
            crlf.cleanup()

    def test_help_version_and_usage_errors(self):
        site = Site("")
        try:
            self.assertEqual(site.run("--help").returncode, 0)
            version = site.run("--version")
            self.assertEqual(version.returncode, 0)
            self.assertRegex(version.stdout, r"portal \d+\.\d+\.\d+")
            self.assertEqual(site.run("build", "--no-such-flag").returncode, 2)
            self.assertEqual(site.run().returncode, 2)
            self.assertEqual(site.run("build", "--jobs", "many").returncode, 2)
        finally:
            site.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2)
