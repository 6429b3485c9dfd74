"""A first build (no spare tree to update) writes each output into a new
spare tree as soon as it is rendered (docs/incremental.md, "First builds").
Its site must be the one a --no-cache build makes, byte for byte; when its
link check fails, nothing may be published, and the next build must recover.

The project is a copy of the repository's own portal: every kind of output
(pages, lists, feeds, calendars, search index, data downloads)."""
import os
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import SOURCE_DIR, build_project, copy_project, manifest  # noqa: E402

NOW = "2026-11-22T12:00:00+09:00"
EDITED = "content/news/ldp-recommendations-2021.en.md"


def build(root, *args):
    return build_project(root, NOW, *args)


class FirstBuildTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="portal-first-build-"))
        # The reference: the same project built without the cache.
        reference = cls.tmp / "reference"
        copy_project(SOURCE_DIR, reference)
        result = build(reference, "--no-cache")
        assert result.returncode == 0, result.stderr
        cls.reference = manifest(reference / "site")
        cls.root = cls.tmp / "project"
        shutil.copytree(reference, cls.root, ignore=shutil.ignore_patterns("site"))

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_failed_first_build_publishes_nothing_then_recovers(self):
        page = self.root / EDITED
        text = page.read_text(encoding="utf-8")
        page.write_text(text + "\n[a broken link](/no-such-page/)\n", encoding="utf-8")
        failed = build(self.root)
        self.assertEqual(failed.returncode, 1, failed.stdout)
        # Read back from the spare tree it was written into, the page is
        # traced to the Markdown line that wrote the link.
        line = (text + "\n").count("\n") + 1
        self.assertIn(f"{EDITED}:{line}:", failed.stderr, "the error names the content file and line")
        self.assertIn("/no-such-page/", failed.stderr)
        self.assertFalse((self.root / "site").exists(), "a failed first build publishes nothing")

        page.write_text(text, encoding="utf-8")
        # The failed build left its spare tree, with its manifest: the next
        # build updates it. The one after finds no spare (a first publish
        # renames it into place) and writes a new one as it renders; the
        # third updates a spare again.
        for attempt in ("after the failure", "with no spare tree", "with a spare tree"):
            result = build(self.root)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(manifest(self.root / "site"), self.reference,
                             f"a build {attempt} makes the site a --no-cache build makes")

if __name__ == "__main__":
    unittest.main()
