"""Calendar files (docs/calendar.md): every .ics the real binary writes must be
RFC 5545 as Python's `icalendar` reads it (Debian's python3-icalendar), with
start and end landing on the right Asia/Tokyo times."""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR, Site, page  # noqa: E402

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = "2025-06-20T09:00:00+09:00"           # build time given with --now
# DTSTAMP is the page's last change: `date = 2025-06-01` is midnight in Tokyo
DATE_UTC_STAMP = "20250531T150000Z"


def tokyo(*fields):
    return datetime.datetime(*fields, tzinfo=TOKYO)


LONG_TITLE = "地方公共団体・中小企業向けテレワーク導入支援セミナー（北陸地域、石川県・富山県・福井県合同開催、第二回）"

FIXTURE = f"""
-- config.toml --
base_url = "https://portal.example.org/"
theme = "default"
[languages.ja]
title = "テスト"
[languages.en]
title = "Test"
-- content/data/ministries.toml --
[soumu]
ja = "総務省"
en = "Ministry of Internal Affairs and Communications"
[mhlw]
ja = "厚生労働省"
en = "Ministry of Health, Labour and Welfare"
-- content/_index.md --
+++
title = "ホーム"
+++
-- content/_index.en.md --
+++
title = "Home"
+++
-- content/seminars/_index.ja.md --
+++
title = "セミナー・イベント"
+++
-- content/seminars/_index.en.md --
+++
title = "Seminars and events"
+++
-- content/seminars/briefing.ja.md --
+++
title = "{LONG_TITLE}"
date = 2025-06-01
summary = "導入手順、労務管理; セキュリティを説明します。"
start = 2025-11-12T14:00:00+09:00
end = 2025-11-12T16:30:00+09:00
venue = "金沢市; 会議室A, 3階"
online = false
organizer = "soumu"
registration_url = "https://example.jp/apply?event=briefing&lang=ja"
+++
本文。
-- content/seminars/briefing.en.md --
+++
title = "Briefing for local governments, SMEs; Hokuriku"
date = 2025-06-01
start = 2025-11-12T05:00:00Z
end = 2025-11-12T07:30:00Z
venue = "Kanazawa"
online = false
organizer = "soumu"
+++
Body.
-- content/seminars/month.ja.md --
+++
title = "テレワーク月間"
date = 2025-06-01
start = 2025-11-01T00:00:00+09:00
end = 2025-11-30T23:59:59+09:00
all_day = true
venue = "全国"
organizer = "soumu"
+++
本文。
-- content/seminars/month.en.md --
+++
title = "Telework Month"
date = 2025-06-01
start = 2025-11-01T00:00:00+09:00
end = 2025-11-30T23:59:59+09:00
all_day = true
venue = "Nationwide"
organizer = "soumu"
+++
Body.
-- content/seminars/webinar.ja.md --
+++
title = "オンライン説明会"
date = 2025-06-01
start = 2025-12-03T01:00:00Z
end = 2025-12-03T11:30:00+09:00
online = true
organizer = "mhlw"
+++
本文。
-- content/seminars/webinar.en.md --
+++
title = "Online briefing"
date = 2025-06-01
lastmod = 2025-07-01T10:00:00+09:00
start = 2025-12-03T10:00:00
end = 2025-12-03T11:30:00
online = true
organizer = "mhlw"
+++
Body.
-- content/seminars/only-ja.ja.md --
+++
title = "日本語のみの催し"
date = 2025-06-01
start = 2025-12-03T10:00:00+09:00
end = 2025-12-04T17:00:00+09:00
venue = "東京"
+++
本文。
-- content/seminars/draft.ja.md --
+++
title = "下書きの催し"
draft = true
start = 2025-12-05T10:00:00+09:00
end = 2025-12-05T11:00:00+09:00
+++
本文。
"""

# page (url path) → what its calendar must say
EXPECTED = {
    "seminars/briefing/": dict(lang="ja", summary=LONG_TITLE, location="金沢市; 会議室A, 3階",
                               start=tokyo(2025, 11, 12, 14, 0), end=tokyo(2025, 11, 12, 16, 30)),
    "en/seminars/briefing/": dict(lang="en", summary="Briefing for local governments, SMEs; Hokuriku",
                                  location="Kanazawa",
                                  start=tokyo(2025, 11, 12, 14, 0), end=tokyo(2025, 11, 12, 16, 30)),
    "seminars/month/": dict(lang="ja", summary="テレワーク月間", location="全国",
                            start=datetime.date(2025, 11, 1), end=datetime.date(2025, 12, 1)),
    "en/seminars/month/": dict(lang="en", summary="Telework Month", location="Nationwide",
                               start=datetime.date(2025, 11, 1), end=datetime.date(2025, 12, 1)),
    "seminars/webinar/": dict(lang="ja", summary="オンライン説明会", location="オンライン",
                              start=tokyo(2025, 12, 3, 10, 0), end=tokyo(2025, 12, 3, 11, 30)),
    "en/seminars/webinar/": dict(lang="en", summary="Online briefing", location="Online",
                                 start=tokyo(2025, 12, 3, 10, 0), end=tokyo(2025, 12, 3, 11, 30),
                                 stamp="20250701T010000Z"),  # its lastmod
    "seminars/only-ja/": dict(lang="ja", summary="日本語のみの催し", location="東京",
                              start=tokyo(2025, 12, 3, 10, 0), end=tokyo(2025, 12, 4, 17, 0)),
}


def check_octets(test, path, data):
    """RFC 5545 §3.1 on the raw bytes: CRLF only, 75-octet lines, folds between characters."""
    data.decode("utf-8")
    test.assertTrue(data.endswith(b"\r\n"), path)
    test.assertNotIn(b"\r\n\r\n", data, path)
    body = data[:-2]
    test.assertNotRegex(body.replace(b"\r\n", b""), rb"[\r\n]", f"{path}: bare CR or LF")
    for number, line in enumerate(body.split(b"\r\n"), 1):
        test.assertLessEqual(len(line), 75, f"{path}:{number}: {len(line)} octets")
        line.decode("utf-8")  # raises if a fold split a character
        # A content line starts with a name; a continuation with one space (folds may fall
        # before a space of the text, so a second space is content).
        test.assertRegex(line, rb"^([A-Z][A-Z0-9-]*[;:]| )", f"{path}:{number}")


def parse(test, path):
    data = Path(path).read_bytes()
    check_octets(test, path, data)
    calendar = icalendar.Calendar.from_ical(data)
    for name, value in [("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH"),
                        ("X-WR-TIMEZONE", "Asia/Tokyo")]:
        test.assertEqual(str(calendar.get(name)), value, f"{path}: {name}")
    test.assertTrue(str(calendar.get("PRODID")).startswith("-//portal//"), path)
    test.assertTrue(str(calendar.get("X-WR-CALNAME")), path)
    zones = calendar.walk("VTIMEZONE")
    test.assertEqual(len(zones), 1, path)
    test.assertEqual(str(zones[0]["TZID"]), "Asia/Tokyo")
    standard = zones[0].walk("STANDARD")[0]
    test.assertEqual(standard.decoded("TZOFFSETTO"), datetime.timedelta(hours=9))
    test.assertEqual(standard.decoded("TZOFFSETFROM"), datetime.timedelta(hours=9))
    test.assertEqual(str(standard["TZNAME"]), "JST")
    return calendar


def as_tokyo(value):
    """A decoded DTSTART/DTEND: dates stay dates, date-times become Tokyo time."""
    if isinstance(value, datetime.datetime):
        assert value.tzinfo is not None, "date-time without a zone"
        return value.astimezone(TOKYO)
    return value


class CalendarFixtureTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = Site(FIXTURE)
        cls.result = cls.site.build("--now", NOW)

    @classmethod
    def tearDownClass(cls):
        cls.site.cleanup()

    def setUp(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)

    def ics_files(self):
        return sorted(p.relative_to(self.site.out).as_posix() for p in self.site.out.rglob("*.ics"))

    def test_one_file_per_published_seminar_and_one_feed_per_language(self):
        expected = sorted([url + url.rstrip("/").rsplit("/", 1)[1] + ".ics" for url in EXPECTED]
                          + ["seminars/seminars.ics", "en/seminars/seminars.ics"])
        self.assertEqual(self.ics_files(), expected)

    def test_every_file_parses_and_round_trips_in_tokyo(self):
        for path in self.ics_files():
            with self.subTest(path):
                calendar = parse(self, self.site.out / path)
                events = calendar.walk("VEVENT")
                if not path.endswith("seminars.ics"):
                    self.assertEqual(len(events), 1)
                zone = calendar.walk("VTIMEZONE")[0].to_tz()
                for event in events:
                    url = str(event["URL"])
                    self.assertTrue(url.startswith("https://portal.example.org/"), url)
                    want = EXPECTED[url[len("https://portal.example.org/"):]]
                    self.assertEqual(as_tokyo(event.decoded("DTSTART")), want["start"])
                    self.assertEqual(as_tokyo(event.decoded("DTEND")), want["end"])
                    self.assertEqual(str(event["SUMMARY"]), want["summary"])
                    self.assertEqual(str(event["LOCATION"]), want["location"])
                    self.assertEqual(event["DTSTAMP"].to_ical().decode(), want.get("stamp", DATE_UTC_STAMP))
                    self.assertIn(url, str(event["DESCRIPTION"]))
                    if isinstance(want["start"], datetime.datetime):
                        # The file's own VTIMEZONE gives the same instant as the tz database.
                        self.assertEqual(event["DTSTART"].params["TZID"], "Asia/Tokyo")
                        naive = event.decoded("DTSTART").replace(tzinfo=None)
                        self.assertEqual(zone.localize(naive), want["start"])
                    else:
                        self.assertEqual(event["DTSTART"].params["VALUE"], "DATE")
                        self.assertEqual(str(event["TRANSP"]), "TRANSPARENT")

    def test_uids_are_unique_per_language_page_and_stable_across_files(self):
        uid_of = {}
        for path in self.ics_files():
            for event in parse(self, self.site.out / path).walk("VEVENT"):
                uid = str(event["UID"])
                self.assertTrue(uid.endswith("@portal.example.org"), uid)
                self.assertEqual(uid_of.setdefault(str(event["URL"]), uid), uid,
                                 "one page, one UID in its own file and the feed")
        self.assertEqual(len(uid_of), len(EXPECTED))
        self.assertEqual(len(set(uid_of.values())), len(EXPECTED), "UIDs collide")

    def test_feed_holds_every_seminar_of_its_language_in_start_order(self):
        for lang, feed in [("ja", "seminars/seminars.ics"), ("en", "en/seminars/seminars.ics")]:
            with self.subTest(feed):
                calendar = parse(self, self.site.out / feed)
                urls = [str(e["URL"])[len("https://portal.example.org/"):] for e in calendar.walk("VEVENT")]
                self.assertEqual(sorted(urls), sorted(u for u, w in EXPECTED.items() if w["lang"] == lang))
                starts = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")]
                keys = [(s if isinstance(s, datetime.datetime) else
                         datetime.datetime.combine(s, datetime.time(), TOKYO)) for s in starts]
                self.assertEqual(keys, sorted(keys))
        ja = parse(self, self.site.out / "seminars/seminars.ics")
        self.assertEqual(str(ja["X-WR-CALNAME"]), "テスト: セミナー・イベント")
        self.assertNotIn("下書き", (self.site.out / "seminars/seminars.ics").read_text(encoding="utf-8"))

    def test_text_fields_keep_their_punctuation_and_organizer_and_registration(self):
        raw = (self.site.out / "seminars/briefing/briefing.ics").read_bytes()
        self.assertIn(b"LOCATION:\xe9\x87\x91\xe6\xb2\xa2\xe5\xb8\x82\\; ", raw)  # 金沢市\;
        event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
        description = str(event["DESCRIPTION"])
        self.assertTrue(description.startswith("導入手順、労務管理; セキュリティを説明します。\n\n"), description)
        self.assertIn("主催：総務省\n", description)
        self.assertIn("申込：https://example.jp/apply?event=briefing&lang=ja\n", description)
        self.assertNotIn("ORGANIZER", event)  # no address in the data: no ORGANIZER
        en = icalendar.Calendar.from_ical((self.site.out / "en/seminars/webinar/webinar.ics").read_bytes())
        self.assertIn("Organizer: Ministry of Health, Labour and Welfare",
                      str(en.walk("VEVENT")[0]["DESCRIPTION"]))

    def test_the_page_links_its_calendar_file(self):
        html = self.site.read("seminars/month/index.html")
        self.assertIn('href="/seminars/month/month.ics"', html)

    def test_rebuild_at_another_time_is_byte_identical(self):
        # No event changed, so no calendar file changes: a later build (say the
        # next day's) rewrites none of them (docs/calendar.md, DTSTAMP).
        out = Path(tempfile.mkdtemp(prefix="portal-ics-"))
        try:
            again = self.site.build("--now", "2025-06-21T12:00:00+09:00", "--out", str(out / "site"))
            self.assertEqual(again.returncode, 0, again.stderr)
            for path in self.ics_files():
                self.assertEqual((out / "site" / path).read_bytes(), (self.site.out / path).read_bytes(), path)
        finally:
            shutil.rmtree(out, ignore_errors=True)


class CalendarErrorTest(unittest.TestCase):
    def test_end_before_start_names_file_and_line_and_leaves_site_unchanged(self):
        site = Site(FIXTURE)
        try:
            first = site.build("--now", NOW)
            self.assertEqual(first.returncode, 0, first.stderr)
            before = site.tree_hash()
            site.write("content/seminars/backwards.ja.md", page("逆順", (
                "date = 2025-06-01\n"
                "start = 2025-11-12T14:00:00+09:00\n"
                "end = 2025-11-12T13:00:00+09:00\n")))
            site.write("content/seminars/no-start.en.md", page("No start", (
                "date = 2025-06-01\n"
                "end = 2025-11-12T13:00:00+09:00\n")))
            site.write("content/seminars/text-end.en.md", page("Text end", (
                "start = 2025-11-12T14:00:00+09:00\n"
                'end = "2025-11-12 15:00"\n')))
            result = site.build("--now", NOW)
            self.assertEqual(result.returncode, 1, result.stderr)
            for fragment in [
                "content/seminars/backwards.ja.md:5:7: error: `end` (2025-11-12T13:00:00+09:00) is before "
                "`start` (2025-11-12T14:00:00+09:00)",
                # The theme's schema requires start and end (one message each, before the calendar stage).
                "content/seminars/no-start.en.md:1:1: error: missing required field `start` [E0201]",
                "content/seminars/text-end.en.md:4:7: error: `end` must be a TOML date, not the text",
                "the output directory was not changed",
            ]:
                self.assertIn(fragment, result.stderr)
            self.assertEqual(site.tree_hash(), before, "site/ changed")
        finally:
            site.cleanup()


class RealPortalCalendarTest(unittest.TestCase):
    def test_every_calendar_of_the_portal_parses(self):
        out = Path(tempfile.mkdtemp(prefix="portal-ics-"))
        try:
            result = subprocess.run([str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(out / "site")],
                                    capture_output=True, text=True, timeout=300)
            self.assertEqual(result.returncode, 0, result.stderr)
            site = out / "site"
            files = sorted(site.rglob("*.ics"))
            self.assertIn(site / "seminars" / "seminars.ics", files)
            self.assertIn(site / "en" / "seminars" / "seminars.ics", files)
            uids = {}
            for path in files:
                with self.subTest(str(path.relative_to(site))):
                    calendar = parse(self, path)
                    for event in calendar.walk("VEVENT"):
                        url = str(event["URL"])
                        local = url.split("://", 1)[1].split("/", 1)[1]
                        self.assertTrue((site / local / "index.html").exists(), url)
                        self.assertTrue((site / local / (local.rstrip("/").rsplit("/", 1)[1] + ".ics")).exists())
                        self.assertEqual(uids.setdefault(url, str(event["UID"])), str(event["UID"]))
                        start, end = as_tokyo(event.decoded("DTSTART")), as_tokyo(event.decoded("DTEND"))
                        self.assertLess(start, end)
                        self.assertTrue(str(event["SUMMARY"]))
            self.assertEqual(len(set(uids.values())), len(uids))
            feeds = [p for p in files if p.name == "seminars.ics"]
            per_page = [p for p in files if p.name != "seminars.ics"]
            in_feeds = sum(len(parse(self, p).walk("VEVENT")) for p in feeds)
            self.assertEqual(in_feeds, len(per_page), "every seminar is in its language's feed")
        finally:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
