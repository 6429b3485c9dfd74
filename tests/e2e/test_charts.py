"""Charts on the statistics pages, checked against the data file.

Builds the real portal, reads content/data/stats.toml independently with
tomllib, and checks that every figure of a page's dataset is drawn where its
value says (bar ends and markers on the axis scale that the gridlines define),
labelled in the page's language, and repeated in the data table. Then the
error cases: an unknown or malformed dataset stops the build and says where."""
import html
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR, Site, page  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
STATS = SOURCE_DIR / "content" / "data" / "stats.toml"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WORDS = {
    "ja": {"unit": "単位：{}", "item": "項目", "target": "（目標）", "source": "出典："},
    "en": {"unit": "Unit: {}", "item": "Item", "target": " (target)", "source": "Source: "},
}


# --- what the data file says, computed here without the generator's code

def era_fiscal_year(year):
    if year >= 2019:
        n, era = year - 2018, "令和"
    elif year >= 1989:
        n, era = year - 1988, "平成"
    else:
        return f"{year}年度"
    return f"{era}{'元' if n == 1 else n}年度"


def display_label(point, period, lang):
    """(label shown on the axis and in the table, place in time or None)."""
    raw = str(point["label"])
    own = point.get(f"label_{lang}")
    shown, time = raw, None
    if period == "year" and re.fullmatch(r"\d{4}", raw):
        shown, time = (f"{raw}年" if lang == "ja" else raw), int(raw)
    elif period == "fiscal-year" and re.fullmatch(r"\d{4}", raw):
        shown = era_fiscal_year(int(raw)) if lang == "ja" else f"FY{raw}"
        time = int(raw) + 0.25
    elif period == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        y, m, d = (int(x) for x in raw.split("-"))
        shown = f"{y}年{m}月{d}日" if lang == "ja" else f"{d} {MONTHS[m - 1]} {y}"
        time = y + (m - 1) / 12 + (d - 1) / 372
    return (own or shown), time


def number_text(value):
    """47.3 → "47.3", 62.0 → "62.0", 500000 → "500,000"."""
    return f"{value:,}"


def expected_chart(dataset, lang):
    """The chart a dataset should give: series with their points, label order, units."""
    series, labels = [], []
    for s in dataset["series"]:
        unit = s.get(f"unit_{lang}", dataset.get("unit", ""))
        points = []
        for p in s["points"]:
            label, time = display_label(p, s.get("period", ""), lang)
            labels.append((label, time))
            points.append({"label": label, "value": p["value"], "target": p.get("kind") == "target"})
        series.append({"key": s["key"], "name": s[f"name_{lang}"], "unit": unit, "points": points})
    timed = sorted((t, i, label) for i, (label, t) in enumerate(labels) if t is not None)
    order = []
    for label in [label for _, _, label in timed] + [label for label, t in labels if t is None]:
        if label not in order:
            order.append(label)
    all_timed = all(t is not None for _, t in labels)
    kind = "line" if all_timed and all(len(s["points"]) >= 2 for s in series) else "bar"
    return {"title": dataset[f"title_{lang}"], "source": dataset.get(f"source_{lang}", ""),
            "series": series, "labels": order, "kind": kind}


# --- reading the output

def chart_fragment(page_html):
    start = page_html.index('<figure class="chart')
    end = page_html.index("</table>", start) + len("</table>")
    return page_html[start:end]


class TableReader(html.parser.HTMLParser):
    """caption, header cells and body rows of the first table, with scope attributes."""

    def __init__(self):
        super().__init__()
        self.caption, self.head, self.rows = "", [], []
        self._cell, self._in = None, []

    def handle_starttag(self, tag, attrs):
        self._in.append(tag)
        if tag == "tr":
            self.rows.append([])
        if tag in ("th", "td"):
            self._cell = {"tag": tag, "scope": dict(attrs).get("scope"), "text": ""}

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(self._cell)
            self._cell = None
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        elif self._in and self._in[-1] == "caption":
            self.caption += data


def text_of(element):
    """Text of an SVG <text>, its <tspan> lines joined without the wrap breaks."""
    return "".join(element.itertext())


def translate(element):
    m = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", element.get("transform", ""))
    return float(m.group(1)), float(m.group(2))


def luminance(hex_colour):
    def channel(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    h = hex_colour.lstrip("#")
    r, g, b = (channel(h[i:i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(hex_colour):
    return 1.05 / (luminance(hex_colour) + 0.05)


class PortalChartsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="portal-charts-"))
        cls.out = cls.tmp / "site"
        cls.result = subprocess.run([str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(cls.out)],
                                    capture_output=True, text=True, timeout=300)
        cls.stats = tomllib.loads(STATS.read_text(encoding="utf-8"))
        cls.pages = []  # (url path, lang, dataset key)
        for path in sorted((SOURCE_DIR / "content" / "statistics").glob("*.md")):
            text = path.read_text(encoding="utf-8")
            front = tomllib.loads(text.split("+++")[1])
            if "dataset" not in front or path.name.startswith("_index"):
                continue
            slug, lang = path.name[:-3].rsplit(".", 1) if path.name.count(".") == 2 else (path.stem, "ja")
            prefix = "" if lang == "ja" else f"{lang}/"
            cls.pages.append((f"{prefix}statistics/{slug}/index.html", lang, front["dataset"]))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)

    def each_chart(self):
        self.assertGreaterEqual(len(self.pages), 8, "statistics pages with a dataset")
        for url, lang, key in self.pages:
            fragment = chart_fragment((self.out / url).read_text(encoding="utf-8"))
            svg_text = fragment[fragment.index("<svg"):fragment.index("</svg>") + len("</svg>")]
            yield url, lang, expected_chart(self.stats["datasets"][key], lang), fragment, ET.fromstring(svg_text)

    def test_every_statistics_page_has_one_chart_with_accessible_name(self):
        for url, lang, want, fragment, svg in self.each_chart():
            with self.subTest(url):
                self.assertEqual(fragment.count("<svg"), 1)
                self.assertEqual(svg.get("role"), "img")
                ids = svg.get("aria-labelledby").split()
                title = svg.find(f"{SVG}title")
                desc = svg.find(f"{SVG}desc")
                self.assertEqual(ids, [title.get("id"), desc.get("id")])
                self.assertEqual(title.text, want["title"])
                shown = svg.find(f".//{SVG}text[@class='chart-title']")
                self.assertEqual(text_of(shown), want["title"])
                for s in want["series"]:
                    for p in s["points"]:
                        self.assertIn(f'{p["label"]} {number_text(p["value"])}', desc.text)
                source = re.search(r'<figcaption><p class="chart-source">(.*?)</p>', fragment).group(1)
                self.assertEqual(html.unescape(source), WORDS[lang]["source"] + want["source"])
                self.assertIn(f'class="chart chart-{want["kind"]}"', fragment)
                self.assertNotIn("<script", fragment)
                self.assertNotIn(" style=", fragment)

    def test_every_point_is_a_mark_at_its_value(self):
        for url, lang, want, fragment, svg in self.each_chart():
            with self.subTest(url):
                marks = {}
                for panel in svg.iter(f"{SVG}g"):
                    if panel.get("class") != "chart-panel":
                        continue
                    grid = [(float(line.get("data-value")), float(line.get("y1")))
                            for line in panel.iter(f"{SVG}line") if "chart-gridline" in line.get("class", "")]
                    self.assertGreaterEqual(len(grid), 3)
                    (v0, y0), (v1, y1) = grid[0], grid[-1]
                    scale = (y1 - y0) / (v1 - v0)
                    self.assertLess(scale, 0, "larger values are higher up")
                    y_of = lambda v: y0 + (v - v0) * scale  # noqa: E731
                    for v, y in grid:
                        self.assertAlmostEqual(y, y_of(v), delta=0.02, msg="gridlines are evenly spaced")
                    x_labels = {e.get("data-label"): float(e.get("x")) for e in panel.iter(f"{SVG}text")
                                if e.get("class") == "chart-x-label"}
                    for e in panel.iter():
                        if "chart-mark" not in e.get("class", "").split():
                            continue
                        value = float(e.get("data-value"))
                        label = e.get("data-label")
                        if e.tag == f"{SVG}rect":
                            top, height = float(e.get("y")), float(e.get("height"))
                            self.assertAlmostEqual(top + height, y_of(0), delta=0.02, msg="bars start at 0")
                            self.assertAlmostEqual(height, abs(value * scale), delta=0.02, msg=f"{label} {value}")
                            centre = float(e.get("x")) + float(e.get("width")) / 2
                        else:
                            centre, y = translate(e)
                            self.assertAlmostEqual(y, y_of(value), delta=0.02, msg=f"{label} {value}")
                        nearest = min(x_labels, key=lambda k: abs(x_labels[k] - centre))
                        self.assertEqual(nearest, label, "a mark stands over its own x label")
                        marks[(e.get("data-series"), label)] = (value, e.get("data-target"),
                                                                 panel.get("data-unit"))
                expected = {}
                for s in want["series"]:
                    for p in s["points"]:
                        expected[(s["key"], p["label"])] = (float(p["value"]), "true" if p["target"] else "false",
                                                            s["unit"])
                self.assertEqual(marks, expected)

    def test_axes_are_labelled_in_the_page_language(self):
        for url, lang, want, fragment, svg in self.each_chart():
            with self.subTest(url):
                panels = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "chart-panel"]
                units = []
                for s in want["series"]:
                    if s["unit"] not in units:
                        units.append(s["unit"])
                self.assertEqual([p.get("data-unit") for p in panels], units, "one panel per unit")
                for panel, unit in zip(panels, units):
                    titles = [text_of(t) for t in panel.iter(f"{SVG}text") if t.get("class") == "chart-axis-title"]
                    self.assertEqual(titles, [WORDS[lang]["unit"].format(unit)])
                    shown = [(t.get("data-label"), text_of(t)) for t in panel.iter(f"{SVG}text")
                             if t.get("class") == "chart-x-label"]
                    in_panel = [label for label in want["labels"]
                                if any(p["label"] == label for s in want["series"] if s["unit"] == unit
                                       for p in s["points"])]
                    self.assertEqual([label for label, _ in shown], in_panel)
                    for label, text in shown:
                        self.assertEqual(text.replace(" ", ""), label.replace(" ", ""))
                    ticks = [text_of(t) for t in panel.iter(f"{SVG}text") if t.get("class") == "chart-y-label"]
                    self.assertEqual(ticks[0], "0")
                legend = [text_of(g.find(f"{SVG}text")) for g in svg.iter(f"{SVG}g")
                          if g.get("class") == "chart-legend-item"]
                names = [s["name"] for s in want["series"]]
                self.assertEqual([n.replace(" ", "") for n in legend[:len(names)]],
                                 [n.replace(" ", "") for n in names])

    def test_table_rows_equal_the_data(self):
        for url, lang, want, fragment, svg in self.each_chart():
            with self.subTest(url):
                reader = TableReader()
                reader.feed(fragment[fragment.index("<table"):])
                self.assertTrue(reader.caption.startswith(want["title"]))
                head, *body = reader.rows
                self.assertEqual([c["scope"] for c in head], ["col"] * (len(want["series"]) + 1))
                self.assertEqual(head[0]["text"], WORDS[lang]["item"])
                for cell, s in zip(head[1:], want["series"]):
                    self.assertTrue(cell["text"].startswith(s["name"]), cell["text"])
                self.assertEqual([row[0]["text"] for row in body], want["labels"], "one row per label, in order")
                for row in body:
                    self.assertEqual(row[0]["scope"], "row")
                    cells = []
                    for s in want["series"]:
                        point = next((p for p in s["points"] if p["label"] == row[0]["text"]), None)
                        if point is None:
                            cells.append("—")
                        else:
                            cells.append(number_text(point["value"]) + (WORDS[lang]["target"] if point["target"]
                                                                       else ""))
                    self.assertEqual([c["text"] for c in row[1:]], cells)

    def test_colours_have_enough_contrast(self):
        for url, lang, want, fragment, svg in self.each_chart():
            with self.subTest(url):
                for e in svg.iter():
                    if e.tag == f"{SVG}text":
                        fill = e.get("fill") or svg.get("fill")
                        self.assertGreaterEqual(contrast_on_white(fill), 4.5, f"text {text_of(e)!r}")
                    elif "chart-mark" in e.get("class", "").split() or e.get("class") == "chart-marker":
                        shapes = [e] if e.tag == f"{SVG}rect" else list(e)
                        for shape in shapes:
                            self.assertGreaterEqual(contrast_on_white(shape.get("stroke")), 3.0)


STATS_PAGE = "+++\ntitle = \"{title}\"\ndataset = \"{key}\"\n+++\nBody.\n"


class ChartErrorsTest(unittest.TestCase):
    def site(self, key, stats=None):
        site = Site()
        site.write("content/data/stats.toml", stats if stats is not None else STATS.read_text(encoding="utf-8"))
        site.write("content/statistics/bad.md", STATS_PAGE.format(title="統計", key=key))
        self.addCleanup(site.cleanup)
        return site

    def test_unknown_dataset_stops_the_build_and_names_the_page_line(self):
        # The theme's schema (data = "stats.datasets") catches it before any template runs.
        site = self.site("no-such-data")
        result = site.build()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("content/statistics/bad.md:3:11: error: unknown dataset `no-such-data` [E0204]", result.stderr)
        self.assertIn("(from content/data/stats.toml): central-government-telework-2018, telework-adoption, "
                      "telework-days-2019, telework-targets", result.stderr)
        self.assertFalse(site.out.exists(), "nothing is written")

    def test_unknown_dataset_in_a_template_names_the_template(self):
        site = self.site("telework-adoption")
        site.write("templates/statistics/page.html", '{{ chart("no-such-data") }}\n')
        result = site.build()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r"templates/statistics/page\.html:\d+:\d+: error: ")
        self.assertIn("unknown dataset `no-such-data`", result.stderr)
        self.assertIn("content/data/stats.toml defines central-government-telework-2018", result.stderr)

    def test_value_that_is_not_a_number_names_the_data_file_line(self):
        stats = STATS.read_text(encoding="utf-8").replace("value = 47.3", 'value = "47.3"')
        line = next(i for i, text in enumerate(stats.splitlines(), 1) if 'value = "47.3"' in text)
        result = self.site("telework-adoption", stats).build()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(f"content/data/stats.toml:{line}: dataset `telework-adoption`, series `national`, "
                      "point `2024`: `value` must be a number, not a string", result.stderr)
        self.assertIn("content/statistics/bad.md", result.stderr)

    def test_missing_title_names_the_data_file_line(self):
        stats = '# figures\n\n[datasets.x]\ntitle_en = "Only English"\n[[datasets.x.series]]\nkey = "s"\n' \
                'name_ja = "系列"\npoints = [ { label = "a", value = 1 } ]\n'
        result = self.site("x", stats).build()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("content/data/stats.toml:3: dataset `x`: missing `title_ja`", result.stderr)

    def test_statistics_page_without_dataset_is_an_error(self):
        site = self.site("telework-adoption")
        site.write("content/statistics/bad.md", page("統計"))
        result = site.build()
        self.assertEqual(result.returncode, 1, result.stderr)
        # Required by the theme's schema: reported at the page before the chart is drawn.
        self.assertIn("content/statistics/bad.md:1:1: error: missing required field `dataset` [E0201]", result.stderr)
        self.assertIn('hint: add dataset = "telework-adoption" to the front matter', result.stderr)

    def test_chart_arguments_choose_kind_and_language(self):
        site = self.site("telework-targets")
        site.write("templates/statistics/page.html",
                   '{{ chart(page.params.dataset, kind="line", lang="en") }}\n')
        result = site.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        html = site.read("statistics/bad/index.html")
        self.assertIn('<figure class="chart chart-line"', html)
        self.assertIn("FY2021", html)
        self.assertNotIn("令和", html)

    def test_bad_kind_is_an_error(self):
        site = self.site("telework-targets")
        site.write("templates/statistics/page.html", '{{ chart(page.params.dataset, kind="pie") }}\n')
        result = site.build()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("templates/statistics/page.html:1:", result.stderr)
        self.assertIn("`kind` must be \"bar\" or \"line\"", result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
