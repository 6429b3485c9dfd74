"""`portal new` on a copy of the real portal: a page of every kind builds
after only its title is written, its comments name the valid values from the
data files, `--translate` makes a translation that builds and whose original's
later edit `portal check` lists and the translated page announces, and no
existing file is ever replaced."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR  # noqa: E402

KINDS = {"measure": "measures", "case": "cases", "seminar": "seminars", "meeting": "meetings", "news": "news",
         "page": "pages"}


def front_matter(text):
    match = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n", text, re.S)
    return tomllib.loads(match.group(1))


def set_title(path, title):
    text = path.read_text(encoding="utf-8")
    assert 'title = ""' in text, text
    path.write_text(text.replace('title = ""', f'title = "{title}"', 1), encoding="utf-8")


class PortalNewTest(unittest.TestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp(prefix="portal-new-"))
        for name in ("config.toml",):
            shutil.copy(SOURCE_DIR / name, self.root / name)
        for folder in ("content", "themes"):
            shutil.copytree(SOURCE_DIR / folder, self.root / folder)
        self.addCleanup(shutil.rmtree, self.root, True)

    def portal(self, *args):
        return subprocess.run([str(PORTAL), *args], cwd=self.root, capture_output=True, text=True, timeout=300)

    def new(self, *args):
        return self.portal("new", *args, "--root", str(self.root))

    def build(self, *args):
        return self.portal("build", "--root", str(self.root), "--no-cache", *args)

    def test_every_kind_builds_after_writing_only_its_title(self):
        created = []
        for kind, section in KINDS.items():
            for lang in ("ja", "en"):
                result = self.new(kind, f"new-{kind}", "--lang", lang)
                self.assertEqual(result.returncode, 0, result.stderr)
                rel = f"content/{section}/new-{kind}.{lang}.md"
                self.assertEqual(result.stdout.strip(), f"created {rel}")
                created.append(self.root / rel)
        # New pages are dated today (the build's clock: no --now).
        # Untouched, each page stops the build at its empty title, and only there.
        result = self.build("--drafts")
        self.assertEqual(result.returncode, 1)
        found = re.findall(r"^(content/\S+?):(\d+):\d+: error: .*\[(E\d{4})\]$", result.stderr, re.M)
        self.assertEqual(sorted(found), sorted((str(p.relative_to(self.root)), "3", "E0201") for p in created),
                         result.stderr)
        for path in created:
            set_title(path, "新しいページ" if path.name.endswith(".ja.md") else "A new page")
        # Drafts: built with --drafts (strict: no warning either), left out without.
        result = self.build("--drafts", "--strict")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        for kind, section in KINDS.items():
            ja = (self.root / "site" / section / f"new-{kind}" / "index.html").read_text(encoding="utf-8")
            self.assertIn("新しいページ", ja)
            self.assertTrue((self.root / "site" / "en" / section / f"new-{kind}" / "index.html").is_file())
        result = self.build()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse((self.root / "site" / "news" / "new-news").exists(), "a new page is a draft")
        # Publishing is deleting the draft line.
        for path in created:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"^draft = true\n", "", text, flags=re.M), encoding="utf-8")
        result = self.build("--strict")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue((self.root / "site" / "cases" / "new-case" / "index.html").is_file())
        result = self.portal("check", "--root", str(self.root))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_fields_and_comments_come_from_the_schema_and_data_files(self):
        self.assertEqual(self.new("measure", "x").returncode, 0)
        text = (self.root / "content/measures/x.ja.md").read_text(encoding="utf-8")
        fields = front_matter(text)
        self.assertEqual(fields["ministry"], "soumu")
        self.assertEqual(fields["fiscal_year"], 2025)
        self.assertIs(fields["draft"], True)
        self.assertRegex(text, r"# 主に担当する府省（content/data/ministries.toml のキー）\n"
                               r"# 値（content/data/ministries.toml）: [^=]*mhlw（厚生労働省）")
        for key in tomllib.loads((SOURCE_DIR / "content/data/ministries.toml").read_text(encoding="utf-8")):
            self.assertIn(key + "（", text, "every ministry key is offered")
        self.assertIn("# 値: promotion, award, support", text)
        self.assertIn("# 範囲: 1989〜2100", text)
        self.assertIn("# budget_yen = ", text, "optional fields are offered commented out")
        self.assertEqual(self.new("meeting", "x", "--lang", "en").returncode, 0)
        text = (self.root / "content/meetings/x.en.md").read_text(encoding="utf-8")
        self.assertIn("soumu (Ministry of Internal Affairs and Communications)", text)
        self.assertIn("## Agenda", text, "the English archetype")

    def test_site_archetype_overrides_the_theme(self):
        (self.root / "archetypes").mkdir()
        (self.root / "archetypes/news.md").write_text(
            "+++\n{{ front_matter }}+++\n\n{{ kind }} {{ slug }} in {{ section }} ({{ lang }}).\n", encoding="utf-8")
        self.assertEqual(self.new("news", "hello").returncode, 0)
        text = (self.root / "content/news/hello.ja.md").read_text(encoding="utf-8")
        self.assertTrue(text.endswith("\nnews hello in news (ja).\n"), text)
        self.assertIn("\ndraft = true\n", text)

    def test_existing_files_are_never_replaced(self):
        original = (self.root / "content/cases/yamagishi.ja.md").read_bytes()
        result = self.new("case", "yamagishi")
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/cases/yamagishi.ja.md: error: this file already exists; portal new never replaces "
                      "a page [E0601]", result.stderr)
        self.assertEqual((self.root / "content/cases/yamagishi.ja.md").read_bytes(), original)
        result = self.new("case", "yamagishi", "--translate")
        self.assertEqual(result.returncode, 1)
        self.assertIn("[E0601]", result.stderr)
        result = self.new("case", "yamagishi", "--message-lang", "ja")
        self.assertIn("このファイルは既にあります", result.stderr)

    def test_bad_names_and_kinds(self):
        for slug in ("テレワーク", "Upper", "a--b", "a-", "a b", "../x", ""):
            with self.subTest(slug=slug):
                result = self.new("news", slug)
                self.assertEqual(result.returncode, 2, result.stderr)
                if slug:
                    self.assertIn("cannot be a page's file name [E0604]", result.stderr)
        result = self.new("cases", "x")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown kind of page `cases` [E0603]", result.stderr)
        self.assertIn("did you mean `case`?", result.stderr)
        result = self.new("news", "nothing-here", "--translate")
        self.assertEqual(result.returncode, 1)
        self.assertIn("there is no news page `nothing-here` to translate [E0602]", result.stderr)
        self.assertEqual(sorted(p.name for p in (self.root / "content/news").glob("nothing-here*")), [])

    def test_translate_copies_fields_and_tracks_the_original(self):
        self.assertEqual(self.new("case", "remote-office").returncode, 0)
        original = self.root / "content/cases/remote-office.ja.md"
        set_title(original, "遠隔オフィスの事例")
        text = original.read_text(encoding="utf-8")
        text = text.replace("draft = true\n", "")
        text = text.replace("# prefecture = ", "prefecture = ").replace("# employees = 1", "employees = 120")
        original.write_text(text, encoding="utf-8")
        result = self.new("case", "remote-office", "--translate")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "created content/cases/remote-office.en.md")
        translation = self.root / "content/cases/remote-office.en.md"
        source_fields, fields = front_matter(text), front_matter(translation.read_text(encoding="utf-8"))
        for key in ("date", "prefecture", "industry", "employees"):
            self.assertEqual(fields[key], source_fields[key], key)
        self.assertEqual(fields["title"], "遠隔オフィスの事例", "text stays for the translator")
        self.assertIn("# TRANSLATE (still the original's text): title\ntitle =",
                      translation.read_text(encoding="utf-8"))
        self.assertRegex(fields["translation_of_hash"], r"^xxh64:[0-9a-f]{16}$")
        self.assertIs(fields["draft"], True)
        # The translation builds, and while the original is unchanged nothing is outdated.
        result = self.build("--drafts", "--strict")
        self.assertEqual(result.returncode, 0, result.stderr)
        page = (self.root / "site/en/cases/remote-office/index.html").read_text(encoding="utf-8")
        self.assertNotIn("outdated-translation", page)
        # The original changes: check lists the translation, the English page says so.
        original.write_text(text.replace("## 効果", "## 効果（更新）"), encoding="utf-8")
        result = self.portal("check", "--root", str(self.root), "--drafts")
        self.assertIn("content/cases/remote-office.en.md:", result.stderr)
        self.assertIn("the ja original content/cases/remote-office.ja.md changed after this translation was made "
                      "[W0404]", result.stderr)
        self.assertEqual(result.returncode, 0, "an outdated translation is a warning")
        result = self.build("--drafts")
        self.assertEqual(result.returncode, 0, result.stderr)
        page = (self.root / "site/en/cases/remote-office/index.html").read_text(encoding="utf-8")
        self.assertIn("The Japanese original of this page was updated after this translation was made", page)
        self.assertIn('href="/cases/remote-office/"', page)
        self.assertEqual(self.build("--drafts", "--strict").returncode, 1, "--strict fails on it")
        # Updating the hash (as the warning's hint says) clears it.
        new_hash = re.search(r'set translation_of_hash = "(xxh64:[0-9a-f]{16})"', result.stderr).group(1)
        text = translation.read_text(encoding="utf-8")
        translation.write_text(re.sub(r'translation_of_hash = ".*"', f'translation_of_hash = "{new_hash}"', text),
                               encoding="utf-8")
        result = self.build("--drafts", "--strict")
        self.assertEqual(result.returncode, 0, result.stderr)
        page = (self.root / "site/en/cases/remote-office/index.html").read_text(encoding="utf-8")
        self.assertNotIn("outdated-translation", page)

    def test_translate_every_kind_of_the_real_portal(self):
        for kind, section in KINDS.items():
            source = sorted(p for p in (self.root / "content" / section).glob("*.ja.md")
                            if not p.name.startswith("_"))[0]
            slug = source.name[:-len(".ja.md")]
            (self.root / "content" / section / f"{slug}.en.md").unlink()
            result = self.new(kind, slug, "--translate")
            self.assertEqual(result.returncode, 0, result.stderr)
            fields = front_matter((self.root / "content" / section / f"{slug}.en.md").read_text(encoding="utf-8"))
            for key, value in front_matter(source.read_text(encoding="utf-8")).items():
                self.assertEqual(fields[key], value, f"{kind}: {key}")
        result = self.build("--drafts", "--strict")
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
