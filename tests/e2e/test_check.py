"""`portal check` and the link checks of `portal build`.

A fixture site with planted faults of every kind the checker knows; each must
be reported at the file and line an editor fixes, with nothing else reported.
The real portal must come out clean."""
import http.server
import os
import re
import subprocess
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR, Site, page  # noqa: E402

# Every planted fault is marked in the files below; the comment says which line holds it.
FIXTURE = """\
-- config.toml --
base_url = "https://example.org/"
theme = "default"
[languages.ja]
title = "テスト"
[[languages.ja.menus.main]]
name = "お知らせ"
url = "/news/"
[[languages.ja.menus.main]]
name = "お問い合わせ"
url = "/contact/"
[languages.en]
title = "Test"
[[languages.en.menus.main]]
name = "News"
url = "/en/news/"
-- templates/partials/footer.html --
<footer class="site-footer">
  <p><img src="/logo.png"> <a href="/pages/sitemap/">{{ site.title }}</a> <img src="/pages/sitemap/" alt=""></p>
  <script src="/js/missing.js" defer></script>
</footer>
-- static/logo.png --
PNG
-- content/_index.ja.md --
+++
title = "ホーム"
+++
-- content/_index.en.md --
+++
title = "Home"
+++
-- content/news/_index.ja.md --
+++
title = "お知らせ"
+++
-- content/news/_index.en.md --
+++
title = "News"
+++
-- content/news/photo.png --
PNG
-- content/news/first.ja.md --
+++
title = "最初のお知らせ"
date = 2025-06-01
+++
存在しないページ：[なし](/news/nope/)

見出しのないアンカー：[二番目](/news/second/#no-such-heading)

ショートコード：{{< link "news/second" anchor="missing-anchor" >}}

画像がない：![グラフ](/images/chart.png)

代替テキストがない：![](/news/photo.png)

資料：[議事録](/docs/minutes.pdf)

正しいリンク：[二番目](/news/second/#概要) と [英語](/en/news/first/) と ![写真](/news/photo.png)
-- content/news/first.en.md --
+++
title = "First news"
date = 2025-06-01
+++
A page that does not exist: [none](/en/news/nope/)

A relative link: [up](../missing/)

A good one: [second](../second/#overview).
-- content/news/second.ja.md --
+++
title = "二番目のお知らせ"
date = 2025-06-02
+++
## 概要

本文。
-- content/news/second.en.md --
+++
title = "Second news"
date = 2025-06-02
+++
## Overview

Text.
-- content/news/third.ja.md --
+++
date = 2025-06-03
title = "二番目のお知らせ"
+++
英語版がなく、題名が重複しているページ。
-- content/orphan.ja.md --
+++
title = "孤立したページ"
+++
どこからもリンクされていない。
-- content/orphan.en.md --
+++
title = "Orphan"
+++
Not linked from anywhere.
"""

# (path, line, severity, message start): exactly what `portal check` must say.
EXPECTED = [
    ("config.toml", 10, "error", "broken link: no page at /contact/"),
    ("content/news/first.en.md", 5, "error", "broken link: no page at /en/news/nope/"),
    ("content/news/first.en.md", 7, "error", "broken link: no page at /en/news/missing/"),
    ("content/news/first.ja.md", 5, "error", "broken link: no page at /news/nope/"),
    ("content/news/first.ja.md", 7, "error", 'missing anchor: /news/second/ has no id "no-such-heading"'),
    ("content/news/first.ja.md", 9, "error", 'missing anchor: /news/second/ has no id "missing-anchor"'),
    ("content/news/first.ja.md", 11, "error", "missing file: /images/chart.png (img) is not in the output"),
    ("content/news/first.ja.md", 13, "error", "image without alt text: /news/photo.png"),
    ("content/news/first.ja.md", 15, "error", "missing file: /docs/minutes.pdf (a) is not in the output"),
    ("content/news/third.ja.md", 1, "warning", "missing translation: no en version of this page"),
    ("content/news/third.ja.md", 3, "warning",
     'duplicate title: "二番目のお知らせ" is also the title of content/news/second.ja.md'),
    ("content/orphan.en.md", 1, "warning", "unreachable page: no link leads to /en/orphan/ from the home page"),
    ("content/orphan.ja.md", 1, "warning", "unreachable page: no link leads to /orphan/ from the home page"),
    ("templates/partials/footer.html", 2, "error", "image without alt attribute: /logo.png"),
    ("templates/partials/footer.html", 2, "error", "broken link: no page at /pages/sitemap/"),
    # The same URL loaded as an image: a missing file, not a broken link (the
    # check remembers what a URL resolved to, by kind of reference).
    ("templates/partials/footer.html", 2, "error", "missing file: /pages/sitemap/ (img) is not in the output"),
    ("templates/partials/footer.html", 3, "error", "missing file: /js/missing.js (script) is not in the output"),
]

# The trailing diagnostic code (" [E0204]") is not part of the message.
DIAGNOSTIC = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+)(?::\d+)?: (?P<severity>error|warning): (?P<message>.*?)"
                        r"(?: \[[EW]\d{4}\])?$")


def reported(stderr):
    """(path, line, severity, message) of every diagnostic line in `stderr`."""
    found = []
    for line in stderr.splitlines():
        match = DIAGNOSTIC.match(line)
        if match:
            found.append((match["path"], int(match["line"]), match["severity"], match["message"]))
    return found


class PlantedFaultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = Site(FIXTURE)
        cls.check = cls.site.run("check", "--root", str(cls.site.root))

    @classmethod
    def tearDownClass(cls):
        cls.site.cleanup()

    def test_every_planted_fault_is_reported_at_its_line_and_nothing_else(self):
        found = sorted(reported(self.check.stderr))
        self.assertEqual(found, sorted(EXPECTED), self.check.stderr)
        self.assertEqual(self.check.returncode, 1, self.check.stderr)

    def test_every_diagnostic_line_is_understood(self):
        """No problem is printed without a file and line (the parser above would miss it)."""
        for line in self.check.stderr.splitlines():
            if line.startswith(("    ", "  hint: ")) or not line.strip():
                continue
            self.assertRegex(line, DIAGNOSTIC, self.check.stderr)

    def test_hints_name_the_output_page(self):
        self.assertIn("on /news/first/ (content/news/first.ja.md", self.check.stderr)

    def test_a_template_fault_is_reported_once_with_the_number_of_pages(self):
        self.assertEqual(self.check.stderr.count("broken link: no page at /pages/sitemap/"), 1)
        self.assertRegex(self.check.stderr, r"template themes/default/templates/[a-z/]+\.html\) and \d+ other pages")

    def test_the_report_is_the_same_with_one_thread(self):
        single = self.site.run("check", "--root", str(self.site.root), "--jobs", "1")
        self.assertEqual(single.stderr, self.check.stderr)

    def test_check_writes_nothing(self):
        self.assertFalse(self.site.out.exists())

    def test_summary_counts_errors_and_warnings(self):
        errors = sum(1 for e in EXPECTED if e[2] == "error")
        warnings = len(EXPECTED) - errors
        self.assertIn(f"{errors} error(s), {warnings} warning(s)", self.check.stdout)

    def test_build_fails_on_the_broken_links_only(self):
        """`portal build` runs the link checks: links, anchors, files; not alt text, titles or reachability."""
        result = self.site.build()
        self.assertEqual(result.returncode, 1, result.stderr)
        link_faults = sorted(e for e in EXPECTED
                             if e[3].startswith(("broken link", "missing anchor", "missing file")))
        self.assertEqual(sorted(reported(result.stderr)), link_faults, result.stderr)
        self.assertFalse(self.site.out.exists())

    def test_strict_makes_warnings_fail(self):
        result = self.site.run("check", "--root", str(self.site.root), "--strict")
        self.assertEqual(result.returncode, 1)
        self.assertNotIn(": warning: ", result.stderr)


class CleanSiteTest(unittest.TestCase):
    def test_a_site_with_good_links_passes_both_commands(self):
        site = Site("""
            -- content/_index.ja.md --
            +++
            title = "ホーム"
            +++
            [お知らせ](/news/) [英語](/en/)
            -- content/_index.en.md --
            +++
            title = "Home"
            +++
            -- content/news/_index.ja.md --
            +++
            title = "お知らせ"
            +++
            -- content/news/_index.en.md --
            +++
            title = "News"
            +++
            -- content/news/a.ja.md --
            +++
            title = "記事"
            +++
            ## 日本語の見出し

            [同じページ](#日本語の見出し)、[上へ](#top)、[相対](../)、[メール](mailto:a@example.org)、
            [外部](https://www.soumu.go.jp/)、[自サイトの絶対URL](https://example.org/anything/)
            -- content/news/a.en.md --
            +++
            title = "Article"
            +++
            See [the list](/en/news/?page=1#main).
            """)
        try:
            check = site.run("check", "--root", str(site.root))
            self.assertEqual(check.returncode, 0, check.stderr)
            self.assertEqual(check.stderr, "")
            self.assertEqual(site.build().returncode, 0)
        finally:
            site.cleanup()

    def test_a_shortcode_link_to_a_missing_page_stops_the_check_at_its_line(self):
        site = Site("""
            -- content/_index.ja.md --
            +++
            title = "ホーム"
            +++
            {{< link "news/none" >}}
            """)
        try:
            check = site.run("check", "--root", str(site.root))
            self.assertEqual(check.returncode, 1)
            self.assertIn("content/_index.ja.md:4:1: error: shortcode `link`: no ja page at content/news/none",
                          check.stderr)
        finally:
            site.cleanup()


class UnusedTaxonomyTest(unittest.TestCase):
    def test_a_taxonomy_list_nothing_links_is_reported_at_its_config_entry(self):
        site = Site("""
            -- config.toml --
            base_url = "https://example.org/"
            theme = "default"
            [languages.ja]
            title = "テスト"
            [languages.en]
            title = "Test"
            [[taxonomies]]
            name = "topic"
            data = "topics"
            -- content/data/topics.toml --
            [a]
            ja = "話題A"
            en = "Topic A"
            -- content/_index.ja.md --
            +++
            title = "ホーム"
            +++
            -- content/_index.en.md --
            +++
            title = "Home"
            +++
            """)
        try:
            check = site.run("check", "--root", str(site.root))
            self.assertEqual(check.returncode, 0, check.stderr)
            self.assertEqual(sorted(reported(check.stderr)), [
                ("config.toml", 8, "warning", "unreachable page: no link leads to /en/topic/ from the home page"),
                ("config.toml", 8, "warning", "unreachable page: no link leads to /topic/ from the home page"),
            ])
        finally:
            site.cleanup()


class OnlyOkPage(http.server.BaseHTTPRequestHandler):
    """A stand-in for another site: /ok exists, HEAD is refused on /no-head, everything else is 404."""

    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 405 if self.path == "/no-head" else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


class ExternalLinksTest(unittest.TestCase):
    def test_external_links_are_listed_and_requested_only_when_asked(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OnlyOkPage)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        site = Site(f"""
            -- content/_index.ja.md --
            +++
            title = "ホーム"
            +++
            [ある]({base}/ok) [HEAD不可]({base}/no-head)

            [ない]({base}/gone)、[自サイト](https://example.org/anything/)
            -- content/_index.en.md --
            +++
            title = "Home"
            +++
            -- i18n/ja.toml --
            licence_url = "{base}/ok"
            -- i18n/en.toml --
            licence_url = "{base}/ok"
            """)  # the theme's footer links the licence: keep the test off the network
        try:
            quiet = site.run("check", "--root", str(site.root))
            self.assertEqual(quiet.returncode, 0, quiet.stderr)
            self.assertEqual(quiet.stderr, "")
            self.assertNotIn(base, quiet.stdout)

            fetched = site.run("check", "--root", str(site.root), "--external", "--timeout", "5")
            self.assertEqual(fetched.returncode, 0, fetched.stderr)  # a failing external link is a warning
            self.assertIn(f"{base}/ok  content/_index.ja.md:4", fetched.stdout)
            self.assertIn(f"{base}/gone  content/_index.ja.md:6", fetched.stdout)
            self.assertNotIn("https://example.org/anything/", fetched.stdout)
            self.assertEqual(reported(fetched.stderr),
                             [("content/_index.ja.md", 6, "warning", f"external link fails: {base}/gone (HTTP 404)")])

            strict = site.run("check", "--root", str(site.root), "--external", "--strict")
            self.assertEqual(strict.returncode, 1)
        finally:
            server.shutdown()
            server.server_close()
            site.cleanup()


class RealPortalTest(unittest.TestCase):
    def test_the_portal_has_no_problems(self):
        result = subprocess.run([str(PORTAL), "check", "--root", str(SOURCE_DIR)], capture_output=True, text=True,
                                timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        self.assertRegex(result.stdout, r"checked \d+ pages, \d+ URLs in \d+ ms \(checks \d+ ms\): 0 error\(s\), 0 warning\(s\)")


if __name__ == "__main__":
    unittest.main(verbosity=2)
