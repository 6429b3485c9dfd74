"""Section features of the default theme: shortcodes, related pages, seminar
lists by build date, the case-study database (its no-JavaScript structure;
the filtering itself is tested in the browser)."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import Site, page  # noqa: E402

CONFIG = """\
base_url = "https://example.org/"
theme = "default"
[languages.ja]
title = "テスト"
[languages.en]
title = "Test"
[[taxonomies]]
name = "ministry"
data = "ministries"
[[taxonomies]]
name = "topic"
data = "topics"
[[taxonomies]]
name = "prefecture"
data = "prefectures"
[[taxonomies]]
name = "industry"
data = "industries"
"""

DATA = """
-- content/data/ministries.toml --
[soumu]
ja = "総務省"
en = "MIC"
[mhlw]
ja = "厚生労働省"
en = "MHLW"
-- content/data/topics.toml --
[a]
ja = "話題A"
en = "Topic A"
[b]
ja = "話題B"
en = "Topic B"
[c]
ja = "話題C"
en = "Topic C"
-- content/data/prefectures.toml --
[ishikawa]
ja = "石川県"
en = "Ishikawa"
region = "hokuriku"
[tokyo]
ja = "東京都"
en = "Tokyo"
region = "kanto"
-- content/data/regions.toml --
[hokuriku]
ja = "北陸"
en = "Hokuriku"
[kanto]
ja = "関東"
en = "Kanto"
-- content/data/industries.toml --
[manufacturing]
ja = "製造業"
en = "Manufacturing"
[it]
ja = "情報通信業"
en = "IT"
"""


def site_with(block=""):
    site = Site(DATA + block)
    site.write("config.toml", CONFIG)
    return site


class ShortcodeTest(unittest.TestCase):
    BLOCK = """
-- content/measures/m.ja.md --
+++
title = "施策M"
+++
本文。
-- content/measures/m.en.md --
+++
title = "Measure M"
+++
Body.
-- content/cases/photo.png --
PNG
-- content/cases/c.ja.md --
+++
title = "事例"
+++
前文 {{< link "measures/m" >}} と {{< link "measures/m" text="こちら" >}}。

{{< figure src="photo.png" alt="工場の写真" caption="作業の様子" >}}

{{< note type="warning" >}}
**重要な**お知らせです。
{{< /note >}}

`{{< link "nowhere" >}}` はコードなので展開しない。
-- content/cases/c.en.md --
+++
title = "Case"
+++
See {{< link "measures/m" >}}.
"""

    def test_shortcodes_render_in_both_languages(self):
        site = site_with(self.BLOCK)
        try:
            result = site.build()
            self.assertEqual(result.returncode, 0, result.stderr)
            ja = site.read("cases/c/index.html")
            self.assertIn('<p>前文 <a href="/measures/m/">施策M</a> と <a href="/measures/m/">こちら</a>。</p>', ja)
            self.assertIn('<figure class="figure">\n<img src="/cases/photo.png" alt="工場の写真" loading="lazy">\n'
                          '<figcaption>作業の様子</figcaption>\n</figure>', ja)
            self.assertIn('<aside class="note note-warning" aria-label="注意">', ja)
            self.assertIn("<p><strong>重要な</strong>お知らせです。</p>", ja)
            self.assertIn('<code>{{&lt; link &quot;nowhere&quot; &gt;}}</code>', ja)
            self.assertNotIn("PORTALSHORTCODE", ja)
            self.assertIn('<a href="/en/measures/m/">Measure M</a>', site.read("en/cases/c/index.html"))
        finally:
            site.cleanup()

    def check_error(self, body, *fragments):
        site = site_with(self.BLOCK)
        try:
            site.write("content/cases/bad.ja.md", "+++\ntitle = \"x\"\n+++\n\n" + body)
            result = site.build()
            self.assertEqual(result.returncode, 1, result.stdout)
            for fragment in fragments:
                self.assertIn(fragment, result.stderr)
        finally:
            site.cleanup()

    def test_link_to_a_missing_page_is_an_error_at_its_line(self):
        self.check_error("text\n\n{{< link \"measures/gone\" >}}\n",
                         "content/cases/bad.ja.md:7:1: error: shortcode `link`: no ja page at content/measures/gone")

    def test_figure_without_alt_is_an_error(self):
        self.check_error('{{< figure src="photo.png" >}}\n', "content/cases/bad.ja.md:5:1: error: shortcode `figure`: figure needs alt")

    def test_figure_with_missing_file_is_an_error(self):
        self.check_error('{{< figure src="nope.png" alt="x" >}}\n', "file content/cases/nope.png does not exist")

    def test_unknown_shortcode_lists_the_known_ones(self):
        self.check_error("{{< gallery >}}\n", "content/cases/bad.ja.md:5:1: error: unknown shortcode `gallery`",
                         "chart, figure, link, note")

    def test_unclosed_tag_and_stray_closing_tag(self):
        self.check_error('{{< note type="info"\n', "content/cases/bad.ja.md:5:1: error: shortcode `note` is never closed")
        self.check_error('{{< /note >}}\n', "content/cases/bad.ja.md:5:1: error: closing tag `{{< /note >}}` without an opening one")


class RelatedPagesTest(unittest.TestCase):
    def test_related_pages_share_terms_same_language_at_most_five(self):
        block = ""
        for i in range(12):
            topics = '["a", "b"]' if i < 3 else ('["a"]' if i < 8 else '["c"]')
            for lang in ("ja", "en"):
                block += (f'-- content/measures/m{i:02d}.{lang}.md --\n+++\ntitle = "{lang}{i:02d}"\n'
                          f'date = 2025-0{1 + i % 9}-01\ntopic = {topics}\nministry = "soumu"\n+++\nx\n')
        site = site_with(block)
        try:
            self.assertEqual(site.build().returncode, 0)
            html = site.read("measures/m00/index.html")
            related = re.findall(r'<li><a href="(/measures/m\d\d/)">', html.split('id="related-title"')[1].split("</aside>")[0])
            self.assertEqual(len(related), 5)
            self.assertNotIn("/measures/m00/", related)
            # m01 and m02 share both topics with m00: they come first.
            self.assertEqual(set(related[:2]), {"/measures/m01/", "/measures/m02/"})
            en = site.read("en/measures/m00/index.html")
            self.assertIn('href="/en/measures/m01/"', en.split('id="related-title"')[1])
            self.assertNotIn('href="/measures/', en.split('id="related-title"')[1].split("</aside>")[0])
        finally:
            site.cleanup()


class SeminarTest(unittest.TestCase):
    BLOCK = """
-- content/seminars/_index.ja.md --
+++
title = "セミナー"
+++
-- content/seminars/past.ja.md --
+++
title = "過去のセミナー"
date = 2025-01-10
start = 2025-02-01T14:00:00+09:00
end = 2025-02-01T16:00:00+09:00
venue = "東京都千代田区"
online = false
+++
-- content/seminars/soon.ja.md --
+++
title = "今後のセミナー"
date = 2025-05-01
start = 2025-07-01T13:30:00+09:00
end = 2025-07-01T15:00:00+09:00
venue = ""
online = true
registration_url = "https://example.org/register"
+++
"""

    def test_upcoming_and_past_by_build_date_with_era_and_times(self):
        site = site_with(self.BLOCK)
        try:
            result = site.build("--now", "2025-06-01T00:00:00+09:00")
            self.assertEqual(result.returncode, 0, result.stderr)
            html = site.read("seminars/index.html")
            upcoming, past = html.split('id="upcoming"')[1].split('id="past"')
            self.assertIn("今後のセミナー", upcoming)
            self.assertNotIn("過去のセミナー", upcoming)
            self.assertIn("過去のセミナー", past)
            page_html = site.read("seminars/soon/index.html")
            self.assertIn('<time datetime="2025-07-01T13:30:00+09:00">2025年7月1日（火） 13:30</time>', page_html)
            self.assertIn("（令和7年7月1日）", page_html)
            self.assertIn("オンライン", page_html)
            self.assertIn('<a class="button" href="https://example.org/register">参加申込み</a>', page_html)
            self.assertIn('href="/seminars/soon/soon.ics"', page_html)
            # After the event, the same page lists it as past and drops the registration link.
            self.assertEqual(site.build("--now", "2025-08-01T00:00:00+09:00").returncode, 0)
            self.assertNotIn("今後のセミナー", site.read("seminars/index.html").split('id="past"')[0])
            self.assertNotIn("参加申込み", site.read("seminars/soon/index.html"))
        finally:
            site.cleanup()


class CaseDatabaseTest(unittest.TestCase):
    BLOCK = """
-- content/cases/_index.ja.md --
+++
title = "導入事例"
+++
-- content/cases/a.ja.md --
+++
title = "事例A"
organization = "A社"
prefecture = "ishikawa"
industry = "manufacturing"
award = "大臣賞"
+++
-- content/cases/b.ja.md --
+++
title = "事例B"
organization = "B社"
prefecture = "tokyo"
industry = "it"
size = "small"
+++
"""

    def test_every_case_with_filter_attributes_and_term_links(self):
        site = site_with(self.BLOCK)
        try:
            self.assertEqual(site.build().returncode, 0)
            html = site.read("cases/index.html")
            self.assertIn('<form class="case-filter" id="case-filter" hidden>', html)
            self.assertIn('data-prefecture="ishikawa"\n      data-region="hokuriku "\n      data-industry="manufacturing"\n'
                          '      data-size=""\n      data-award="yes"', html)
            self.assertIn('data-prefecture="tokyo"\n      data-region="kanto "\n      data-industry="it"\n'
                          '      data-size="small"\n      data-award="no"', html)
            self.assertIn('<a href="/prefecture/ishikawa/">石川県</a>', html)
            self.assertIn('<a href="/industry/it/">情報通信業</a>', html)
            script = re.search(r'<script src="/(js/case-filter\.[0-9a-f]{8}\.js)" defer></script>', html)
            self.assertIsNotNone(script, "the filter script, fingerprinted")
            self.assertTrue((site.out / script.group(1)).is_file())
        finally:
            site.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2)
