"""The bilingual site model end to end: translations, taxonomies, pagination,
drafts, future and expired pages, menus, UI strings, Japanese dates.

The fixture: 45 Japanese news pages (44 translated), 2 drafts, one future and
one expired page, three taxonomies (two from data files, one of fiscal years)."""
import os
import re
import sys
import unittest
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import Site, page  # noqa: E402

CONFIG = """\
base_url = "https://example.org/"
theme = "default"
paginate_by = 10

[languages.ja]
title = "テスト"
[[languages.ja.menus.main]]
name = "お知らせ"
url = "/news/"
[languages.en]
title = "Test"
[[languages.en.menus.main]]
name = "News"
url = "/en/news/"

[[taxonomies]]
name = "ministry"
data = "ministries"
[[taxonomies]]
name = "prefecture"
data = "prefectures"
[[taxonomies]]
name = "fiscal_year"
kind = "fiscal_year"
"""

DATA = {
    "content/data/ministries.toml": '[soumu]\nja = "総務省"\nen = "Ministry of Internal Affairs and Communications"\n'
                                    '[mhlw]\nja = "厚生労働省"\nen = "Ministry of Health, Labour and Welfare"\n'
                                    '[cao]\nja = "内閣府"\nen = "Cabinet Office"\n',
    "content/data/prefectures.toml": '[ishikawa]\nja = "石川県"\nen = "Ishikawa"\n[tokyo]\nja = "東京都"\nen = "Tokyo"\n',
}

MINISTRIES = ["soumu", "mhlw", "cao"]
NOW = "2026-01-15T12:00:00+09:00"
N = 45


def news(i, lang):
    ministry = MINISTRIES[i % 3]
    fy = 2024 if i <= 20 else 2025
    prefecture = '\nprefecture = ["ishikawa", "tokyo"]' if i % 5 == 0 else ""
    title = f"お知らせ{i:02d}" if lang == "ja" else f"News {i:02d}"
    day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return page(title, f'date = {day}\nministry = "{ministry}"\nfiscal_year = {fy}{prefecture}\n',
                "## 見出し\n\n本文。\n" if lang == "ja" else "## Heading\n\nBody.\n")


def make_site():
    site = Site("")
    site.write("config.toml", CONFIG)
    for path, text in DATA.items():
        site.write(path, text)
    site.write("content/_index.ja.md", page("ホーム"))
    site.write("content/_index.en.md", page("Home"))
    site.write("content/news/_index.ja.md", page("お知らせ"))
    site.write("content/news/_index.en.md", page("News"))
    for i in range(1, N + 1):
        site.write(f"content/news/n{i:02d}.ja.md", news(i, "ja"))
        if i != 7:  # n07 has no English version
            site.write(f"content/news/n{i:02d}.en.md", news(i, "en"))
    site.write("content/news/draft-a.ja.md", page("下書きA", "draft = true\ndate = 2025-05-05\n"))
    site.write("content/news/draft-b.en.md", page("Draft B", "draft = true\ndate = 2025-05-05\n"))
    site.write("content/news/future.ja.md", page("未来", "date = 2026-03-01\n"))
    site.write("content/news/expired.ja.md", page("期限切れ", "date = 2025-01-01\nexpiry_date = 2025-12-31\n"))
    return site


def expected_urls():
    urls = {"/", "/en/", "/news/", "/en/news/"}
    for i in range(1, N + 1):
        urls.add(f"/news/n{i:02d}/")
        if i != 7:
            urls.add(f"/en/news/n{i:02d}/")
    # 45 ja pages → 5 list pages; 44 en pages → 5.
    urls |= {f"/news/page/{k}/" for k in range(2, 6)} | {f"/en/news/page/{k}/" for k in range(2, 6)}
    for prefix in ("", "/en"):
        for taxonomy in ("ministry", "prefecture", "fiscal-year"):
            urls.add(f"{prefix}/{taxonomy}/")
        for m in MINISTRIES:  # 15 pages each (ja) / 14 or 15 (en): 2 list pages
            urls |= {f"{prefix}/ministry/{m}/", f"{prefix}/ministry/{m}/page/2/"}
        urls |= {f"{prefix}/prefecture/ishikawa/", f"{prefix}/prefecture/tokyo/"}
        urls |= {f"{prefix}/fiscal-year/2024/", f"{prefix}/fiscal-year/2024/page/2/",
                 f"{prefix}/fiscal-year/2025/", f"{prefix}/fiscal-year/2025/page/2/",
                 f"{prefix}/fiscal-year/2025/page/3/"}
    return urls


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append((a.get("hreflang"), a.get("type"), a["href"]))
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])


class SiteModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = make_site()
        cls.result = cls.site.build("--now", NOW)

    @classmethod
    def tearDownClass(cls):
        cls.site.cleanup()

    def html(self, url):
        return (self.site.out / url.lstrip("/") / "index.html").read_text(encoding="utf-8")

    def test_builds(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)

    def test_exact_set_of_output_urls(self):
        produced = {"/" + str(p.parent.relative_to(self.site.out)).replace(".", "").strip("/") + "/"
                    for p in self.site.out.rglob("index.html")}
        produced = {u.replace("//", "/") for u in produced}
        self.assertEqual(produced, expected_urls())

    def test_every_alternate_and_internal_link_points_at_an_existing_file(self):
        for path in self.site.out.rglob("*.html"):
            parser = Links()
            parser.feed(path.read_text(encoding="utf-8"))
            for lang, mime, href in parser.alternates:
                self.assertTrue(href.startswith("https://example.org/"), href)
                # A translation is a page (a folder's index.html); the Atom feed a file.
                target = self.site.out / href[len("https://example.org/"):]
                if mime is None:
                    target = target / "index.html"
                else:
                    self.assertEqual(mime, "application/atom+xml", href)
                self.assertTrue(target.is_file(), f"{path}: alternate {lang or mime} {href} missing")
            for href in parser.hrefs:
                if href.startswith("/") and not href.startswith("//"):
                    target = self.site.out / href.split("#")[0].lstrip("/")
                    if href.split("#")[0].endswith("/"):
                        target = target / "index.html"
                    self.assertTrue(target.is_file(), f"{path}: link {href} is broken")

    def test_translations_are_paired_and_x_default_is_japanese(self):
        ja = self.html("/news/n03/")
        self.assertIn('<link rel="alternate" hreflang="en" href="https://example.org/en/news/n03/">', ja)
        en = self.html("/en/news/n03/")
        self.assertIn('<link rel="alternate" hreflang="ja" href="https://example.org/news/n03/">', en)
        self.assertIn('<link rel="alternate" hreflang="x-default" href="https://example.org/news/n03/">', en)

    def test_missing_translation_is_summarised_and_links_the_section(self):
        self.assertIn("missing translations: news [ja]: 1 of 46 pages have no en translation (n07)", self.result.stdout)
        html = self.html("/news/n07/")
        self.assertIn('<a href="/en/news/" hreflang="en" lang="en">English</a>', html)
        self.assertNotIn('hreflang="en" href=', html)

    def test_strict_turns_missing_translations_into_errors(self):
        site = make_site()
        try:
            result = site.build("--now", NOW, "--strict")
            self.assertEqual(result.returncode, 1)
            self.assertIn("content/news/n07.ja.md: error: no en translation", result.stderr)
        finally:
            site.cleanup()

    def test_drafts_future_and_expired_pages_are_left_out_unless_asked(self):
        for slug in ("draft-a", "future", "expired"):
            self.assertFalse((self.site.out / "news" / slug).exists(), slug)
        site = make_site()
        try:
            self.assertEqual(site.build("--now", NOW, "--drafts", "--future", "--expired").returncode, 0)
            for slug in ("news/draft-a", "en/news/draft-b", "news/future", "news/expired"):
                self.assertTrue((site.out / slug / "index.html").is_file(), slug)
        finally:
            site.cleanup()

    def test_pagination_pages_and_links(self):
        first = self.html("/news/")
        self.assertIn('<a href="/news/page/2/" rel="next">次のページ</a>', first)
        self.assertIn("45件中 1〜10件を表示", first)
        last = self.html("/news/page/5/")
        self.assertIn('<a href="/news/page/4/" rel="prev">前のページ</a>', last)
        self.assertIn("45件中 41〜45件を表示", last)
        self.assertEqual(last.count('<li>\n    <a href="/news/n'), 5)
        self.assertIn("Showing 41–44 of 44", self.html("/en/news/page/5/"))

    def test_term_counts(self):
        index = self.html("/ministry/")
        for key, name in (("soumu", "総務省"), ("mhlw", "厚生労働省"), ("cao", "内閣府")):
            self.assertIn(f'<a href="/ministry/{key}/">{name}</a> <span class="count">15件</span>', index)
        en = self.html("/en/ministry/")
        # n07 (7 % 3 == 1 → mhlw) has no English version.
        self.assertIn('<a href="/en/ministry/mhlw/">Ministry of Health, Labour and Welfare</a> '
                      '<span class="count">14 pages</span>', en)
        self.assertIn('<span class="count">15 pages</span>', en)
        years = self.html("/fiscal-year/")
        self.assertLess(years.index("令和7年度"), years.index("令和6年度"), "newest fiscal year first")
        self.assertIn('<a href="/fiscal-year/2025/">令和7年度</a> <span class="count">25件</span>', years)
        self.assertIn('<a href="/en/fiscal-year/2024/">FY2024</a> <span class="count">19 pages</span>',
                      self.html("/en/fiscal-year/"))
        self.assertIn('<a href="/prefecture/tokyo/">東京都</a> <span class="count">9件</span>', self.html("/prefecture/"))

    def test_page_shows_its_terms_with_names_per_language(self):
        ja = self.html("/news/n10/")
        self.assertIn('<dt>府省庁</dt>', ja)
        self.assertIn('<a href="/ministry/mhlw/">厚生労働省</a>', ja)
        self.assertIn('<a href="/prefecture/ishikawa/">石川県</a>、<a href="/prefecture/tokyo/">東京都</a>', ja)
        self.assertIn('<a href="/fiscal-year/2024/">令和6年度</a>', ja)
        en = self.html("/en/news/n10/")
        self.assertIn('<a href="/en/ministry/mhlw/">Ministry of Health, Labour and Welfare</a>', en)
        self.assertIn('<a href="/en/fiscal-year/2024/">FY2024</a>', en)

    def test_menu_marks_current_section(self):
        self.assertIn('<a href="/news/" aria-current="page">お知らせ</a>', self.html("/news/"))
        self.assertIn('<a href="/news/" class="ancestor">お知らせ</a>', self.html("/news/n01/"))

    def test_breadcrumbs_and_neighbours(self):
        html = self.html("/news/n10/")
        self.assertIn('<li><a href="/">ホーム</a></li>\n    <li><a href="/news/">お知らせ</a></li>', html)
        self.assertRegex(html, r'rel="prev">前の記事: お知らせ\d\d</a>')
        self.assertRegex(html, r'rel="next">次の記事: お知らせ\d\d</a>')

    def test_reading_time_and_dates_per_language(self):
        self.assertIn("約1分で読めます", self.html("/news/n01/"))
        self.assertIn("About 1 minute to read", self.html("/en/news/n01/"))
        self.assertIn('<time datetime="2025-02-02">2025年2月2日</time>', self.html("/news/n01/"))
        self.assertIn('<time datetime="2025-02-02">2 February 2025</time>', self.html("/en/news/n01/"))

    def test_output_is_valid_utf8_everywhere(self):
        for path in self.site.out.rglob("*.html"):
            path.read_bytes().decode("utf-8", errors="strict")


class WindowedPaginationTest(unittest.TestCase):
    """The default theme's pager: the first and last page, five numbers
    around the current one and gaps between, not every number of the list."""

    @classmethod
    def setUpClass(cls):
        cls.site = make_site()
        cls.site.write("config.toml", CONFIG.replace("paginate_by = 10", "paginate_by = 3"))
        cls.result = cls.site.build("--now", NOW)

    @classmethod
    def tearDownClass(cls):
        cls.site.cleanup()

    def pager(self, url):
        """The pager's items in order: page numbers, "…" for a gap, [n] for the current page."""
        html = (self.site.out / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
        items = []
        for item in re.findall(r"<li[^>]*>(.*?)</li>", nav, re.S):
            if "…" in item:
                items.append("…")
            elif 'aria-current="page"' in item:
                items.append("[" + re.sub(r"<[^>]+>", "", item) + "]")
            elif 'rel="' not in item:
                items.append(re.sub(r"<[^>]+>", "", item))
        return items

    def test_window_first_last_and_gaps(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        # 45 Japanese news, 3 a page: 15 list pages.
        self.assertEqual(self.pager("/news/"), ["[1]", "2", "3", "4", "5", "…", "15"])
        self.assertEqual(self.pager("/news/page/4/"), ["1", "2", "3", "[4]", "5", "6", "…", "15"])
        self.assertEqual(self.pager("/news/page/5/"), ["1", "…", "3", "4", "[5]", "6", "7", "…", "15"])
        self.assertEqual(self.pager("/news/page/8/"), ["1", "…", "6", "7", "[8]", "9", "10", "…", "15"])
        self.assertEqual(self.pager("/news/page/12/"), ["1", "…", "10", "11", "[12]", "13", "14", "15"])
        self.assertEqual(self.pager("/news/page/15/"), ["1", "…", "13", "14", "[15]"])

    def test_links_lead_to_their_pages_and_gaps_are_hidden(self):
        html = (self.site.out / "news/page/8/index.html").read_text(encoding="utf-8")
        self.assertIn('<a href="/news/" aria-label="1 / 15 ページ">1</a>', html)
        self.assertIn('<a href="/news/page/15/" aria-label="15 / 15 ページ">15</a>', html)
        self.assertIn('<a href="/news/page/6/" aria-label="6 / 15 ページ">6</a>', html)
        self.assertEqual(html.count('<li class="pagination-gap" aria-hidden="true">…</li>'), 2)
        en = (self.site.out / "en/news/page/8/index.html").read_text(encoding="utf-8")
        self.assertIn('<a href="/en/news/page/15/" aria-label="Page 15 of 15">15</a>', en)


class SiteModelErrorsTest(unittest.TestCase):
    def build_with(self, path, text, *args):
        site = make_site()
        try:
            self.assertEqual(site.build("--now", NOW).returncode, 0)
            before = site.tree_hash()
            site.write(path, text)
            result = site.build("--now", NOW, *args)
            self.assertEqual(site.tree_hash(), before, "site/ must be left as it was")
            return result
        finally:
            site.cleanup()

    def test_unknown_term_names_file_line_and_valid_values(self):
        result = self.build_with("content/news/bad.ja.md", page("x", 'date = 2025-01-01\nministry = "somu"\n'))
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/news/bad.ja.md:4:12: error: unknown ministry `somu`", result.stderr)
        self.assertIn("valid values (from content/data/ministries.toml): cao, mhlw, soumu", result.stderr)

    def test_unknown_term_in_a_list(self):
        result = self.build_with("content/news/bad.ja.md", page("x", 'prefecture = ["tokyo", "osaka"]\n'))
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/news/bad.ja.md:3:24: error: unknown prefecture `osaka`", result.stderr)

    def test_bad_fiscal_year(self):
        result = self.build_with("content/news/bad.ja.md", page("x", 'fiscal_year = "令和7年度"\n'))
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/news/bad.ja.md:3:15: error: `fiscal_year` must be a year such as 2025", result.stderr)

    def test_bad_date(self):
        result = self.build_with("content/news/bad.ja.md", page("x", 'date = 2025-13-01\n'))
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/news/bad.ja.md:3:", result.stderr)
        self.assertIn("invalid TOML", result.stderr)

    def test_expiry_date_as_text(self):
        result = self.build_with("content/news/bad.ja.md", page("x", 'expiry_date = "next year"\n'))
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/news/bad.ja.md:3:15: error: `expiry_date` must be a TOML date", result.stderr)

    def test_missing_ui_string_names_key_and_language(self):
        result = self.build_with("templates/page.html", '<p>{{ t("no.such.key") }}</p>\n')
        self.assertEqual(result.returncode, 1)
        self.assertIn("templates/page.html:1:", result.stderr)
        self.assertIn("UI string `no.such.key` is not defined for language `ja`", result.stderr)

    def test_ui_string_missing_in_one_language(self):
        result = self.build_with("i18n/en.toml", 'only_english = "Only here"\n')
        self.assertEqual(result.returncode, 1)
        self.assertIn("UI string `only_english` is missing in language `ja`", result.stderr)
        self.assertIn("i18n/en.toml:1", result.stderr)

    def test_malformed_data_file(self):
        result = self.build_with("content/data/ministries.toml", '[soumu]\nja = "総務省\n')
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/data/ministries.toml:2:", result.stderr)

    def test_site_ui_strings_override_the_theme(self):
        site = make_site()
        try:
            site.write("i18n/ja.toml", 'skip_to_content = "本文へ"\n')
            self.assertEqual(site.build("--now", NOW).returncode, 0)
            self.assertIn('<a class="skip-link" href="#main">本文へ</a>', site.read("index.html"))
        finally:
            site.cleanup()

    def test_data_files_are_available_to_templates(self):
        site = make_site()
        try:
            site.write("templates/index.html", "{{ data.ministries.soumu[lang] }}|{{ data.prefectures | length }}")
            self.assertEqual(site.build("--now", NOW).returncode, 0)
            self.assertEqual(site.read("index.html"), "総務省|2")
            self.assertEqual(site.read("en/index.html"), "Ministry of Internal Affairs and Communications|2")
        finally:
            site.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2)
