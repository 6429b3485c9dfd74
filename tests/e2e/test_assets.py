"""Fingerprinted, minified CSS and JS, the asset() template function, and the 404 pages."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, RealPortalBuild, SOURCE_DIR, Site, page  # noqa: E402

FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{8}(?P<ext>\.[a-z]+)$")
# Every URL in an attribute or CSS url() that points into /css/ or /js/.
ASSET_REFERENCE = re.compile(r"""(?:href|src)=["'](/(?:css|js)/[^"']+)["']""")
THEME_STATIC = SOURCE_DIR / "themes" / "default" / "static"


class PortalAssetsTest(RealPortalBuild):
    def html_files(self):
        return sorted(self.out.rglob("*.html"))

    def test_build(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)

    def test_every_css_and_js_reference_is_fingerprinted_and_resolves(self):
        seen = set()
        for path in self.html_files():
            html = path.read_text(encoding="utf-8")
            for url in ASSET_REFERENCE.findall(html):
                with self.subTest(page=str(path.relative_to(self.out)), url=url):
                    self.assertRegex(Path(url).name, FINGERPRINTED, "no unfingerprinted reference")
                    self.assertTrue((self.out / url.lstrip("/")).is_file())
                    seen.add(url)
        self.assertTrue(any(u.startswith("/css/main.") for u in seen))
        self.assertTrue(any(u.startswith("/css/print.") for u in seen))
        self.assertTrue(any(u.startswith("/js/case-filter.") for u in seen))

    def test_every_theme_css_and_js_file_is_published_fingerprinted_only(self):
        for folder in ("css", "js"):
            sources = sorted(p.relative_to(THEME_STATIC / folder) for p in (THEME_STATIC / folder).rglob("*")
                             if p.is_file())
            published = sorted(p.relative_to(self.out / folder) for p in (self.out / folder).rglob("*") if p.is_file())
            self.assertEqual(len(published), len(sources), folder)
            for name in published:
                match = FINGERPRINTED.match(str(name))
                self.assertIsNotNone(match, f"{folder}/{name} is fingerprinted")
                self.assertIn(Path(match["stem"] + match["ext"]), sources)

    def test_css_is_minified_and_smaller(self):
        source = (THEME_STATIC / "css/main.css").read_text(encoding="utf-8")
        published = next((self.out / "css").glob("main.*.css")).read_text(encoding="utf-8")
        self.assertNotIn("/*", published)
        self.assertLess(len(published), len(source) * 0.85)
        # Every custom property and selector keyword survives.
        for token in re.findall(r"--[a-z-]+:", source):
            self.assertIn(token.replace(" ", ""), published)
        script = next((self.out / "js").glob("case-filter.*.js")).read_text(encoding="utf-8")
        self.assertLess(len(script), (THEME_STATIC / "js/case-filter.js").stat().st_size)

    def test_not_found_pages_per_language(self):
        for path, lang, other, other_lang in (("404.html", "ja", "/en/404.html", "en"),
                                              ("en/404.html", "en", "/404.html", "ja")):
            with self.subTest(path):
                html = (self.out / path).read_text(encoding="utf-8")
                self.assertIn(f'<html lang="{lang}">', html)
                self.assertIn('<meta name="robots" content="noindex">', html)
                self.assertNotIn('rel="canonical"', html)
                self.assertIn(f'href="{other}" hreflang="{other_lang}"', html, "link to the other language")
                self.assertIn("site-header", html, "the theme's look")
                prefix = "/en" if lang == "en" else ""
                for section in ("cases", "measures", "seminars", "news"):
                    self.assertIn(f'href="{prefix}/{section}/"', html)
                    self.assertTrue((self.out / f"{prefix.lstrip('/')}/{section}/index.html".lstrip("/")).is_file())
                for url in re.findall(r'href="(/[^"]*)"', html):
                    self.assertFalse(url.startswith("//"))
                    target = self.out / url.lstrip("/")
                    self.assertTrue(target.is_file() or (target / "index.html").is_file(), url)
        self.assertIn("ページが見つかりません", (self.out / "404.html").read_text(encoding="utf-8"))
        self.assertIn("Page not found", (self.out / "en/404.html").read_text(encoding="utf-8"))
        self.assertNotIn("404", (self.out / "sitemap.xml").read_text(encoding="utf-8"))


class AssetBehaviourTest(unittest.TestCase):
    def site(self, extra=""):
        site = Site("\n".join(["-- content/_index.md --", page("Home", "date = 2025-01-01\n"), extra]))
        self.addCleanup(site.cleanup)
        return site

    def published(self, site, folder, stem):
        return sorted(p.name for p in (site.out / folder).glob(f"{stem}.*"))

    def test_the_name_changes_when_the_content_changes_and_only_then(self):
        site = self.site()
        self.assertEqual(site.build().returncode, 0)
        css_before = self.published(site, "css", "main")
        js_before = self.published(site, "js", "case-filter")
        html_before = site.read("index.html")
        again = site.build()
        self.assertEqual(again.returncode, 0)
        self.assertEqual(self.published(site, "css", "main"), css_before, "same content, same name")
        css = site.root / "themes/default/static/css/main.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n.new-rule { color: red; }\n", encoding="utf-8")
        self.assertEqual(site.build().returncode, 0)
        css_after = self.published(site, "css", "main")
        self.assertEqual(len(css_after), 1)
        self.assertNotEqual(css_after, css_before)
        self.assertIn(".new-rule{color:red}", (site.out / "css" / css_after[0]).read_text(encoding="utf-8"))
        self.assertIn(f'href="/css/{css_after[0]}"', site.read("index.html"))
        self.assertNotIn(css_before[0], site.read("index.html"))
        self.assertNotEqual(site.read("index.html"), html_before)
        self.assertEqual(self.published(site, "js", "case-filter"), js_before, "an unchanged script keeps its name")

    def test_site_static_overrides_the_theme_and_new_files_are_covered(self):
        site = self.site("\n".join([
            "-- static/css/main.css --", "body { color: black; }",
            "-- static/js/search.js --", "  // search\n  run();",
            "-- static/favicon.svg --", "<svg/>",
            "-- templates/index.html --",
            '<link href="{{ asset(\'/css/main.css\') }}"><script src="{{ asset(\'/js/search.js\') }}"></script>'
            '<link rel="icon" href="{{ asset(\'/favicon.svg\') }}">',
        ]))
        result = site.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        html = site.read("index.html")
        css, js = self.published(site, "css", "main"), self.published(site, "js", "search")
        self.assertEqual(len(css), 1)
        self.assertEqual((site.out / "css" / css[0]).read_text(), "body{color:black}\n", "the site's file won")
        self.assertEqual((site.out / "js" / js[0]).read_text(), "run();\n")
        self.assertIn(f'href="/css/{css[0]}"', html)
        self.assertIn(f'src="/js/{js[0]}"', html)
        self.assertIn('href="/favicon.svg"', html, "other static files keep their name")
        self.assertTrue((site.out / "favicon.svg").is_file())

    def test_asset_of_a_missing_file_is_an_error_at_the_template_line(self):
        site = self.site("\n".join([
            "-- templates/index.html --", "<p>home</p>\n<link href=\"{{ asset('/css/mian.css') }}\">",
        ]))
        before = site.tree_hash()
        result = site.build()
        self.assertEqual(result.returncode, 1)
        self.assertIn("templates/index.html:2:", result.stderr)
        self.assertIn('asset("/css/mian.css"): no such static file', result.stderr)
        self.assertEqual(site.tree_hash(), before)

    def test_a_plain_reference_to_theme_css_fails_the_build_and_names_asset(self):
        site = self.site("\n".join([
            "-- templates/index.html --", '<p>home</p>\n<script src="/js/case-filter.js"></script>',
        ]))
        result = site.build()
        self.assertEqual(result.returncode, 1)
        self.assertIn("templates/index.html:2:", result.stderr)
        self.assertIn("missing file: /js/case-filter.js", result.stderr)
        self.assertIn('asset("/js/case-filter.js")', result.stderr)

    def test_output_is_identical_whatever_the_number_of_jobs(self):
        site = self.site()
        self.assertEqual(site.build("--jobs", "1").returncode, 0)
        one = site.tree_hash()
        self.assertEqual(site.build("--jobs", "4").returncode, 0)
        self.assertEqual(site.tree_hash(), one)


if __name__ == "__main__":
    unittest.main(verbosity=2)
