"""Open data of the real portal: /data/{cases,seminars,measures}.{json,csv}.

The oracle is Python's csv and json modules: the CSV must open as the Digital Agency's
rules ask (UTF-8 with BOM, header row, one record per CRLF line) and hold exactly the
JSON's records, and every case, seminar and measure page of the site must be in them.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, RealPortalBuild, SOURCE_DIR, Site, page  # noqa: E402

BASE = "https://telework-portal.example/"
DATASETS = {"cases": ("url_ja", "url_en"), "seminars": ("URL", "URL_英語"), "measures": ("url_ja", "url_en")}


def csv_text(value):
    """How a JSON value reads in the CSV: null empty, booleans true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class OpenDataTest(RealPortalBuild):
    def records(self, name):
        return json.loads((self.out / "data" / f"{name}.json").read_text(encoding="utf-8"))

    def test_build(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)

    def test_csv_is_utf8_with_bom_header_and_one_crlf_line_per_record(self):
        for name in DATASETS:
            with self.subTest(name):
                raw = (self.out / "data" / f"{name}.csv").read_bytes()
                self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "BOM")
                text = raw[3:].decode("utf-8")
                self.assertTrue(text.endswith("\r\n"))
                self.assertNotIn("\n", text.replace("\r\n", ""), "every line ends in CRLF, no line breaks in values")
                lines = text.split("\r\n")[:-1]
                self.assertEqual(len(lines), len(self.records(name)) + 1, "header + one line per record")

    def test_csv_matches_json_record_for_record(self):
        for name in DATASETS:
            with self.subTest(name):
                records = self.records(name)
                self.assertGreater(len(records), 0)
                with open(self.out / "data" / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
                    reader = csv.reader(f, strict=True)
                    header = next(reader)
                    rows = list(reader)
                self.assertEqual(header, list(records[0].keys()))
                self.assertEqual(len(rows), len(records))
                for row, record in zip(rows, records):
                    self.assertEqual(list(record.keys()), header, "every JSON record has the same fields")
                    self.assertEqual(row, [csv_text(v) for v in record.values()])
                ids = [r.get("id", r.get("NO")) for r in records]
                self.assertEqual(len(ids), len(set(ids)), "ids are unique")

    def test_every_case_seminar_and_measure_page_is_in_its_dataset(self):
        for name, url_fields in DATASETS.items():
            with self.subTest(name):
                listed = {r[f] for r in self.records(name) for f in url_fields if r[f]}
                pages = set()
                for prefix in ("", "en/"):
                    for index in (self.out / prefix / name).glob("*/index.html"):
                        if index.parent.name != "page":  # /cases/page/2/ is a list page
                            pages.add(f"{BASE}{prefix}{name}/{index.parent.name}/")
                self.assertGreater(len(pages), 0)
                self.assertEqual(listed, pages)

    def test_records_hold_both_languages(self):
        yamagishi = next(r for r in self.records("cases") if r["id"] == "yamagishi")
        self.assertEqual(yamagishi["organization_ja"], "株式会社山岸製作所")
        self.assertTrue(yamagishi["organization_en"])
        self.assertEqual(yamagishi["prefecture_code"], "17")
        self.assertEqual(yamagishi["prefecture_ja"], "石川県")
        self.assertEqual(yamagishi["prefecture_en"], "Ishikawa")
        self.assertIn("15名", yamagishi["outcomes_ja"])
        measure = next(r for r in self.records("measures") if r["id"] == "telework-month-2025")
        self.assertEqual(measure["fiscal_year"], 2025)
        self.assertEqual(measure["ministry_ja"], "総務省")
        self.assertEqual(measure["ministry_en"], "Ministry of Internal Affairs and Communications")
        years = [r["fiscal_year"] for r in self.records("measures")]
        self.assertEqual(years, sorted(years, reverse=True), "newest fiscal year first")

    def test_seminars_use_the_standard_event_list_field_names(self):
        records = self.records("seminars")
        for field in ("NO", "イベント名", "イベント名_英語", "開始日", "終了日", "開始時間", "終了時間", "説明",
                      "主催者", "場所名称", "住所", "定員", "URL"):
            self.assertIn(field, records[0])
        month = next(r for r in records if r["NO"] == "telework-month-2025")
        self.assertEqual((month["開始日"], month["終了日"]), ("2025-11-01", "2025-11-30"))
        self.assertEqual(month["開始日時特記事項"], "終日")
        self.assertIsNone(month["開始時間"])
        self.assertEqual(month["イベント名"], "テレワーク月間 2025")
        self.assertEqual(month["主催者"], "総務省")
        starts = [r["開始日"] for r in records]
        self.assertEqual(starts, sorted(starts))

    def test_open_data_page_links_every_file_and_states_licence_and_encoding(self):
        for lang, path, licence in (("ja", "pages/open-data/index.html", "政府標準利用規約（第2.0版）"),
                                    ("en", "en/pages/open-data/index.html", "Standard Terms of Use (Version 2.0)")):
            with self.subTest(lang):
                html = (self.out / path).read_text(encoding="utf-8")
                for name in DATASETS:
                    for ext in ("csv", "json"):
                        self.assertIn(f'href="/data/{name}.{ext}"', html)
                        self.assertTrue((self.out / "data" / f"{name}.{ext}").is_file())
                self.assertIn(licence, html)
                self.assertIn("CC BY 4.0", html)
                self.assertIn("UTF-8", html)
                self.assertIn("BOM", html)
        footer = (self.out / "index.html").read_text(encoding="utf-8")
        self.assertIn('href="/pages/open-data/"', footer)

    def test_data_files_are_identical_across_builds_and_job_counts(self):
        again = self.tmp / "again"
        subprocess.run([str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(again), "--jobs", "1",
                        "--now", "2027-01-01T12:00:00+09:00"], check=True, capture_output=True)
        for name in DATASETS:
            for ext in ("csv", "json"):
                path = f"data/{name}.{ext}"
                self.assertEqual((self.out / path).read_bytes(), (again / path).read_bytes(), path)


class OpenDataInputTest(unittest.TestCase):
    def test_a_field_of_the_wrong_type_is_an_error_at_its_line(self):
        site = Site("\n".join([
            "-- content/_index.md --", page("Home", "date = 2025-01-01\n"),
            "-- content/measures/_index.md --", page("Measures", "date = 2025-01-01\n"),
            "-- content/measures/a.md --", page("A", 'date = 2025-01-01\nfiscal_year = 2025\nbudget_yen = "lots"\n'),
        ]))
        self.addCleanup(site.cleanup)
        before = site.tree_hash()
        result = site.build()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("content/measures/a.md:5:", result.stderr)
        self.assertIn("`budget_yen` must be a whole number", result.stderr)
        self.assertEqual(site.tree_hash(), before, "no site/ written")

    def test_a_value_with_commas_quotes_and_line_breaks_survives_the_csv(self):
        summary = 'Say \\"hi\\", then\\nleave'
        site = Site("\n".join([
            "-- content/_index.md --", page("Home", "date = 2025-01-01\n"),
            "-- content/cases/_index.md --", page("Cases", "date = 2025-01-01\n"),
            "-- content/cases/a.md --", page("A, B", f'date = 2025-01-01\nsummary = "{summary}"\n'),
        ]))
        self.addCleanup(site.cleanup)
        result = site.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        records = json.loads(site.read("data/cases.json"))
        with open(site.out / "data/cases.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(records[0]["title_ja"], "A, B")
        self.assertEqual(records[0]["summary_ja"], 'Say "hi", then leave', "line break flattened")
        self.assertEqual(rows[0]["title_ja"], "A, B")
        self.assertEqual(rows[0]["summary_ja"], records[0]["summary_ja"])
        self.assertIsNone(records[0]["title_en"], "no English page: null")


if __name__ == "__main__":
    unittest.main(verbosity=2)
