"""Incremental builds: after any edit, a build with the cache makes the same
tree, byte for byte, as a clean build without it, and rewrites only the files
whose bytes changed.

The project is a copy of the repository's own portal (config, content, data
files, theme): every kind of output and dependency the real site has. Each
scenario edits it, builds incrementally, then builds a fresh copy of the same
project with --no-cache into another folder and compares the two trees."""
import os
import shutil
import sys
import tempfile
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import SOURCE_DIR, build_project, copy_project  # noqa: E402

# One build time for every build of the test (the real content is dated up to today).
NOW = datetime.now(timezone(timedelta(hours=9))).replace(microsecond=0).isoformat()


def snapshot(folder):
    """path → (bytes, mtime_ns) of every file under `folder`."""
    folder = Path(folder)
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def build(root, *args):
    return build_project(root, NOW, *args)


class IncrementalBuildTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="portal-incremental-"))
        cls.root = cls.tmp / "project"
        copy_project(SOURCE_DIR, cls.root)
        # Two builds: the live tree and the spare one both exist from then on.
        for _ in range(2):
            result = build(cls.root)
            assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def full_build(self):
        """A clean build of the project as it is now, without the cache."""
        fresh = self.tmp / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        copy_project(self.root, fresh)
        result = build(fresh, "--no-cache")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse((fresh / ".portal-cache").exists(), "--no-cache keeps nothing")
        return {path: data for path, (data, _) in snapshot(fresh / "site").items()}

    def rebuild_and_compare(self, spare_is_trusted=True):
        """Builds incrementally; checks the tree against a full build and
        that exactly the files whose bytes changed were written. Returns the
        paths that differ from the previous live tree."""
        live_before = snapshot(self.root / "site")
        spare_before = snapshot(self.root / ".site.spare")
        result = build(self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        after = snapshot(self.root / "site")
        # The previous live tree becomes the spare unchanged: the build wrote
        # nothing into it (its files and the spare's may be one file, linked).
        previous = {path: data for path, (data, _) in snapshot(self.root / ".site.spare").items()}
        self.assertEqual(previous, {path: data for path, (data, _) in live_before.items()},
                         "the previous live tree is left as it was")
        full = self.full_build()
        self.assertEqual(sorted(after), sorted(full), "same set of files as a full build")
        for path, (data, _) in after.items():
            self.assertEqual(data, full[path], f"{path} differs from a full build")
        # The new live tree is the previous spare brought up to date.
        rewritten = {p for p, (_, mtime) in after.items() if p not in spare_before or spare_before[p][1] != mtime}
        differing = {p for p, (data, _) in after.items() if p not in spare_before or spare_before[p][0] != data}
        if spare_is_trusted:
            self.assertEqual(rewritten, differing, "only files whose bytes changed are written")
        else:
            self.assertEqual(rewritten, set(after), "an unknown spare tree is written from scratch")
        return {p for p, (data, _) in after.items() if p not in live_before or live_before[p][0] != data}

    def edit(self, path, old, new):
        file = self.root / path
        text = file.read_text(encoding="utf-8")
        self.assertIn(old, text, f"{path} no longer has the text this test edits")
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    # The scenarios run in name order, each on the state the previous one left.
    def test_01_nothing_changed_renders_nothing(self):
        result = build(self.root)
        self.assertIn("(0 rendered, 0 written)", result.stdout)
        self.assertEqual(self.rebuild_and_compare(), set())

    def test_02_body_edit_rewrites_the_page(self):
        self.edit("content/news/ldp-recommendations-2021.en.md", "\n\n", "\n\nAn added paragraph.\n\n")
        changed = self.rebuild_and_compare()
        self.assertIn("en/news/ldp-recommendations-2021/index.html", changed)
        self.assertNotIn("news/ldp-recommendations-2021/index.html", changed, "the Japanese page did not change")
        # The English search index holds every English page's words, so it changes
        # too (docs/search.md); the Japanese one does not.
        index = {p for p in changed if p.startswith("en/search/") and not p.endswith(".html")}
        self.assertIn("en/search/index.json", index)
        self.assertFalse(any(p.startswith("search/") for p in changed), sorted(changed))
        self.assertLess(len(changed - index), 10, sorted(changed))

    def test_03_title_edit_reaches_the_lists(self):
        self.edit("content/news/ldp-recommendations-2021.en.md", 'title = "', 'title = "Renamed: ')
        changed = self.rebuild_and_compare()
        self.assertIn("en/news/ldp-recommendations-2021/index.html", changed)
        self.assertIn("en/news/index.html", changed)

    def test_04_new_page(self):
        (self.root / "content/news/added-page.en.md").write_text(
            '+++\ntitle = "Added page"\ndate = 2025-12-01\n+++\nNew page body.\n', encoding="utf-8")
        changed = self.rebuild_and_compare()
        self.assertIn("en/news/added-page/index.html", changed)

    def test_05_deleted_page_and_its_output(self):
        (self.root / "content/news/added-page.en.md").unlink()
        self.rebuild_and_compare()
        self.assertFalse((self.root / "site/en/news/added-page").exists())

    def test_06_template_edit(self):
        self.edit("themes/default/templates/partials/footer.html", "</footer>", "<!-- edited --></footer>")
        changed = self.rebuild_and_compare()
        self.assertIn("index.html", changed)

    def test_07_data_file_edit(self):
        self.edit("content/data/ministries.toml", 'en = "', 'en = "The ')
        self.rebuild_and_compare()

    def test_08_ui_string_edit(self):
        self.edit("themes/default/i18n/en.toml", 'home = "Home"', 'home = "Start"')
        self.rebuild_and_compare()

    def test_09_config_edit(self):
        self.edit("config.toml", "paginate_by = 10", "paginate_by = 4")
        self.rebuild_and_compare()

    def test_10_static_file_edit_and_delete(self):
        self.edit("themes/default/static/css/print.css", "\n", "\n/* edited */\n")
        # Stylesheets are published under their content hash: the new name and every page that links it change.
        changed = self.rebuild_and_compare()
        self.assertTrue(any(p.startswith("css/print.") for p in changed), sorted(changed)[:5])
        self.assertIn("index.html", changed)
        note = self.root / "static/downloads/note.txt"
        note.parent.mkdir(parents=True)
        note.write_text("a download\n", encoding="utf-8")
        self.assertEqual(self.rebuild_and_compare(), {"downloads/note.txt"})
        note.unlink()
        self.rebuild_and_compare()
        self.assertFalse((self.root / "site/downloads").exists(), "a folder left empty goes too")

    def test_11_failed_build_changes_nothing_then_recovers(self):
        before = snapshot(self.root / "site")
        self.edit("content/news/ldp-recommendations-2021.en.md", 'title = "', 'title = ""broken')
        result = build(self.root)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(snapshot(self.root / "site"), before)
        self.edit("content/news/ldp-recommendations-2021.en.md", 'title = ""broken', 'title = "')
        self.rebuild_and_compare()

    def test_14_damaged_markdown_memo_is_not_trusted(self):
        # Rendered bodies are memoized in .portal-cache/markdown/ with a
        # checksum per entry: entries damaged after the fact are rendered again.
        shards = sorted((self.root / ".portal-cache/markdown").glob("*.memo"))
        self.assertGreater(len(shards), 10, "the bodies are spread over the shards")
        for shard in shards:
            shard.write_bytes(shard.read_bytes().replace(b"<p>", b"<q>"))
        self.edit("content/news/ldp-recommendations-2021.ja.md", "\n\n", "\n\n追加の段落をもう一つ。\n\n")
        self.rebuild_and_compare()

    def test_99_interrupted_build_spare_is_rebuilt(self):
        # Last: it leaves the spare tree without a manifest.
        # A build killed while updating the spare tree leaves it without a
        # manifest: the next build must not trust it.
        for manifest in (self.root / ".portal-cache").glob("*.manifest"):
            manifest.unlink()
        (self.root / ".site.spare/index.html").write_text("half-written", encoding="utf-8")
        self.edit("content/news/ldp-recommendations-2021.ja.md", "\n\n", "\n\n追加の段落。\n\n")
        self.rebuild_and_compare(spare_is_trusted=False)

    def assert_fails_like_a_full_build(self, message):
        """The incremental build fails with the same diagnostics as a clean
        build of the same project, naming `message`, and leaves the site alone."""
        before = snapshot(self.root / "site")
        result = build(self.root)
        self.assertEqual(result.returncode, 1, result.stdout)
        fresh = self.tmp / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        copy_project(self.root, fresh)
        clean = build(fresh, "--no-cache")
        self.assertEqual(clean.returncode, 1)
        self.assertIn(message, result.stderr)
        self.assertEqual(result.stderr, clean.stderr)
        self.assertEqual(snapshot(self.root / "site"), before)

    # Unchanged pages are link-checked from what the previous build recorded
    # of them (their targets and ids), without being read again: a change
    # elsewhere that breaks one of their links must still fail the build, at
    # the line of the unchanged page that writes the link.
    def test_12_renamed_heading_breaks_an_unchanged_pages_anchor(self):
        link = "[its framework](/en/measures/telework-day-2017/#framework)"
        self.edit("content/cases/london-2012.en.md", "\n\n## Background", f"\n\nSee {link}.\n\n## Background")
        self.rebuild_and_compare()
        self.edit("content/measures/telework-day-2017.en.md", "## Framework", "## Structure")
        self.assert_fails_like_a_full_build("content/cases/london-2012.en.md:17")
        self.edit("content/measures/telework-day-2017.en.md", "## Structure", "## Framework")
        self.rebuild_and_compare()

    def test_13_deleted_page_breaks_an_unchanged_pages_link(self):
        target = self.root / "content/measures/telework-day-2017.en.md"
        kept = target.read_bytes()
        target.unlink()
        self.assert_fails_like_a_full_build("content/cases/london-2012.en.md:15")
        target.write_bytes(kept)
        self.rebuild_and_compare()

    # While no file and no id of the live tree is gone, unchanged pages'
    # targets are not checked again, and their records' targets are not even
    # read (docs/incremental.md). Records files cut short are not trusted: the
    # pages are read back, and a broken anchor is still found.
    def test_15_records_files_cut_short_are_not_trusted(self):
        link = "[its framework](/en/measures/telework-day-2017/#framework)"
        self.edit("content/cases/london-2012.en.md", "\n\n## Background", f"\n\nSee {link}.\n\n## Background")
        self.rebuild_and_compare()
        shards = sorted((self.root / ".portal-cache/links").glob("*.records"))
        self.assertGreater(len(shards), 10, "the records are spread over the shards")
        for shard in shards:
            shard.write_bytes(shard.read_bytes()[: shard.stat().st_size // 2])
        self.edit("content/measures/telework-day-2017.en.md", "## Framework", "## Structure")
        self.assert_fails_like_a_full_build("content/cases/london-2012.en.md:17")
        self.edit("content/measures/telework-day-2017.en.md", "## Structure", "## Framework")
        self.rebuild_and_compare()
        self.edit("content/cases/london-2012.en.md", f"\n\nSee {link}.", "")
        self.rebuild_and_compare()


if __name__ == "__main__":
    unittest.main()
