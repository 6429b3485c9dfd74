"""The benchmark corpus (bench/corpus.py) at a small N: the same seed writes
the same files, and the real binary builds all three of our variants from it
(bench theme without and with related pages, the portal's default theme), in
both languages, with the outputs `make bench` compares against Hugo."""
import filecmp
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from sitekit import PORTAL, SOURCE_DIR  # noqa: E402

CORPUS = Path(SOURCE_DIR) / "bench" / "corpus.py"
PAGES = 30


def write_corpus(out):
    subprocess.run([sys.executable, CORPUS, "--pages", str(PAGES), "--out", out], check=True)


def same_tree(a, b):
    compared = filecmp.dircmp(a, b)
    if compared.left_only or compared.right_only or compared.diff_files or compared.funny_files:
        return False
    return all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in compared.common_dirs)


class BenchCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.TemporaryDirectory()
        cls.root = Path(cls.temp.name)
        write_corpus(cls.root / "corpus")
        cls.built = {}
        for variant in ("portal-plain", "portal-related", "portal-default"):
            out = cls.root / ("out-" + variant)
            result = subprocess.run([PORTAL, "build", "--root", cls.root / "corpus" / variant, "--out", out,
                                     "--now", "2026-01-01"], capture_output=True, text=True)
            cls.built[variant] = (result, out)

    @classmethod
    def tearDownClass(cls):
        cls.temp.cleanup()

    def test_same_seed_writes_the_same_corpus(self):
        write_corpus(self.root / "again")
        self.assertTrue(same_tree(self.root / "corpus" / "content", self.root / "again" / "content"))
        self.assertTrue(same_tree(self.root / "corpus" / "hugo", self.root / "again" / "hugo"))

    def test_every_variant_builds_both_languages(self):
        content = self.root / "corpus" / "content"
        pages = sorted(p.relative_to(content) for p in content.glob("*/*.ja.md") if p.name != "_index.ja.md")
        self.assertEqual(len(pages), PAGES)
        for variant, (result, out) in self.built.items():
            with self.subTest(variant=variant):
                self.assertEqual(result.returncode, 0, result.stderr)
                for page in pages:
                    slug = page.name.removesuffix(".ja.md")
                    self.assertTrue((out / page.parent / slug / "index.html").is_file(), page)
                    self.assertTrue((out / "en" / page.parent / slug / "index.html").is_file(), page)
                self.assertTrue((out / "sitemap.xml").is_file())
                self.assertTrue((out / "topic" / "index.html").is_file())

    def test_pages_link_their_translation_and_related_pages_only_when_asked(self):
        def case_page(variant):
            out = self.built[variant][1]
            return next((out / "en" / "cases").glob("*/index.html")).read_text(encoding="utf-8")
        plain, related = case_page("portal-plain"), case_page("portal-related")
        self.assertIn('hreflang="ja"', plain)
        self.assertNotIn('class="related"', plain)
        self.assertIn('class="related"', related)

    def test_hugo_side_has_both_configs_and_text_fiscal_years(self):
        hugo = self.root / "corpus" / "hugo"
        self.assertTrue((hugo / "hugo.toml").is_file() and (hugo / "hugo-related.toml").is_file())
        measure = next((hugo / "content" / "measures").glob("measure-*.ja.md")).read_text(encoding="utf-8")
        self.assertRegex(measure, r'fiscal_year = "\d{4}"')


if __name__ == "__main__":
    unittest.main()
