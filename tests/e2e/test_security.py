"""No script injection and a strict Content-Security-Policy, in the built files
(docs/security.md). tests/browser/test_xss.py checks the same in Chromium with 63 payloads;
these tests say what the files contain, so a failure names the construct."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import MINIMAL_CONFIG, PORTAL, RealPortalBuild, SOURCE_DIR, Site, page  # noqa: E402

DEFAULT_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                  "object-src 'none'; base-uri 'self'; form-action 'self'")
META_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def meta_policies(html):
    return [unescape(value) for value in META_TAG.findall(html)]


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, <style>, style="" and on*=""."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script":
            self.in_script = attrs
            if "src" not in attrs and attrs.get("type") != "application/ld+json":
                self.found.append("inline <script>")

    def handle_endtag(self, tag):
        self.in_script = None if tag == "script" else self.in_script


class RealPortalTest(RealPortalBuild):
    def test_headers_file_at_the_root_sends_the_policy_to_every_path(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertEqual((self.out / "_headers").read_text(), (
            "/*\n"
            f"  Content-Security-Policy: {DEFAULT_POLICY}; frame-ancestors 'none'\n"
            "  X-Content-Type-Options: nosniff\n"
            "  Referrer-Policy: strict-origin-when-cross-origin\n"))

    def test_every_page_declares_the_policy_and_has_no_inline_script_or_style(self):
        pages = sorted(self.out.rglob("*.html"))
        self.assertGreater(len(pages), 100)
        for path in pages:
            html = path.read_text(encoding="utf-8")
            with self.subTest(page=str(path.relative_to(self.out))):
                self.assertEqual(meta_policies(html), [DEFAULT_POLICY])
                # Before anything the policy governs: right after <meta charset>.
                self.assertLess(html.index("Content-Security-Policy"), html.index("<link"))
                parser = InlineCode()
                parser.feed(html)
                self.assertEqual(parser.found, [])

    def test_a_seminar_page_carries_its_event_data_as_json(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        html = (self.out / "en" / "seminars" / "telework-day-2017" / "index.html").read_text(encoding="utf-8")
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        self.assertIsNotNone(block)
        event = json.loads(block.group(1))
        self.assertEqual((event["@type"], event["name"], event["startDate"], event["inLanguage"]),
                         ("Event", "Telework Day 2017", "2017-07-24T00:00:00+09:00", "en"))
        self.assertTrue(event["url"].endswith("/en/seminars/telework-day-2017/"))


SEMINAR = """\
+++
title = "</script><!--<script>alert(1)</script> & 'x'"
summary = "\\u2028</SCRIPT>"
start = 2099-01-01T10:00:00+09:00
end = 2099-01-01T12:00:00+09:00
venue = "<img src=x onerror=alert(2)>"
registration_url = "{url}"
+++
Body.
"""


class HostileFieldsTest(unittest.TestCase):
    def build(self, block):
        site = Site(block)
        self.addCleanup(site.cleanup)
        result = site.build()
        return site, result

    def test_front_matter_in_json_cannot_end_the_script_or_open_a_comment(self):
        site, result = self.build("-- content/seminars/s.en.md --\n" + SEMINAR.format(url="https://example.org/r"))
        self.assertEqual(result.returncode, 0, result.stderr)
        html = site.read("en/seminars/s/index.html")
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        self.assertNotIn("<", block)
        event = json.loads(block)
        self.assertEqual(event["name"], "</script><!--<script>alert(1)</script> & 'x'")
        self.assertEqual(event["description"], "\u2028</SCRIPT>")
        self.assertEqual(event["location"]["name"], "<img src=x onerror=alert(2)>")
        # In text and attributes the same values are escaped.
        self.assertIn("<h1>&lt;/script&gt;&lt;!--&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;</h1>", html)
        self.assertIn('content="\u2028&lt;/SCRIPT&gt;"', html)
        self.assertIn('href="https://example.org/r"', html)

    def test_a_registration_url_with_a_dangerous_scheme_becomes_an_empty_link(self):
        for url in ("javascript:alert(1)", " JavaScript:alert(1)", "java\\tscript:alert(1)", "vbscript:x",
                    "data:text/html,<script>alert(1)</script>"):
            with self.subTest(url=url):
                site, result = self.build("-- content/seminars/s.en.md --\n" + SEMINAR.format(url=url))
                self.assertEqual(result.returncode, 0, result.stderr)
                html = site.read("en/seminars/s/index.html")
                self.assertIn('<a class="button" href="">', html)

    def test_menu_urls_from_config_are_checked_too(self):
        config = MINIMAL_CONFIG.replace('title = "Test"\n', 'title = "Test"\n[[languages.en.menus.main]]\n'
                                        'name = "<b>x</b>"\nurl = "javascript:alert(1)"\n')
        site, result = self.build(f"-- config.toml --\n{config}-- content/_index.en.md --\n" + page("Home"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('<li><a href="">&lt;b&gt;x&lt;/b&gt;</a></li>', site.read("en/index.html"))

    def test_raw_html_in_markdown_is_omitted_unless_the_config_allows_it(self):
        body = '<div onmouseover="alert(1)">hi</div>\n\nText <span onclick=alert(2)>x</span> and [a](javascript:alert(3)).\n'
        site, result = self.build("-- content/pages/p.en.md --\n" + page("P", body=body))
        self.assertEqual(result.returncode, 0, result.stderr)
        html = site.read("en/pages/p/index.html")
        self.assertIn("<!-- raw HTML omitted -->", html)
        self.assertNotIn("onmouseover", html)
        self.assertNotIn("onclick", html)
        self.assertIn('<a href="">a</a>', html)
        config = MINIMAL_CONFIG + "[markdown]\nunsafe_html = true\n"
        site, result = self.build(f"-- config.toml --\n{config}-- content/pages/p.en.md --\n" + page("P", body=body))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('<div onmouseover="alert(1)">hi</div>', site.read("en/pages/p/index.html"))


class PolicySettingTest(unittest.TestCase):
    def build(self, security):
        site = Site(f"-- config.toml --\n{MINIMAL_CONFIG}{security}-- content/_index.en.md --\n" + page("Home"))
        self.addCleanup(site.cleanup)
        return site, site.build()

    def test_a_site_sets_its_own_policy(self):
        site, result = self.build("[security]\ncontent_security_policy = \"default-src 'none'; "
                                  "frame-ancestors 'self'; img-src https:\"\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(meta_policies(site.read("en/index.html")), ["default-src 'none'; img-src https:"])
        self.assertIn("  Content-Security-Policy: default-src 'none'; frame-ancestors 'self'; img-src https:\n",
                      site.read("_headers"))

    def test_an_empty_policy_sends_none(self):
        site, result = self.build('[security]\ncontent_security_policy = ""\n')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("Content-Security-Policy", site.read("en/index.html"))
        self.assertNotIn("Content-Security-Policy", site.read("_headers"))
        self.assertIn("X-Content-Type-Options: nosniff", site.read("_headers"))

    def test_a_policy_on_two_lines_is_an_error_at_its_line(self):
        site, result = self.build('[security]\ncontent_security_policy = """\ndefault-src \'self\';\n'
                                  'script-src \'self\'"""\n')
        self.assertEqual(result.returncode, 1)
        self.assertIn("config.toml:8:", result.stderr)
        self.assertIn("`content_security_policy` must be one line", result.stderr)
        self.assertFalse(site.out.exists())


if __name__ == "__main__":
    unittest.main(verbosity=2)
