"""Bad input seen as a whole: several errors are all listed, and the source
line is shown with a caret. Each single fault (one site, one error) is a case
of the catalogue in tests/bad-input/ (README.md there), run by
tests/bad-input/test_catalogue.py."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import Site  # noqa: E402

GOOD = """
-- content/_index.md --
+++
title = "ホーム"
+++
ようこそ。
-- content/_index.en.md --
+++
title = "Home"
+++
Welcome.
-- content/news/first.md --
+++
title = "最初のお知らせ"
date = 2025-06-20
+++
本文。
-- content/news/first.en.md --
+++
title = "First news"
date = 2025-06-20
+++
Body.
"""

class BadInputTest(unittest.TestCase):
    def check(self, name, files, args, expected):
        site = Site(GOOD)
        try:
            first = site.build()
            self.assertEqual(first.returncode, 0, first.stderr)
            before = site.tree_hash()
            for path, data in files.items():
                site.write(path, data)
            result = site.build(*args)
            self.assertEqual(result.returncode, 1, f"{name}: expected exit 1\n{result.stderr}")
            for fragment in expected:
                self.assertIn(fragment, result.stderr, f"{name}: missing {fragment!r} in:\n{result.stderr}")
            self.assertIn("the output directory was not changed", result.stderr)
            self.assertEqual(site.tree_hash(), before, f"{name}: site/ changed")
            leftovers = [p.name for p in site.root.iterdir() if p.name.startswith(".site.tmp")]
            self.assertEqual(leftovers, [], f"{name}: staging directory left behind")
        finally:
            site.cleanup()

    def test_all_errors_are_listed_not_only_the_first(self):
        self.check("two broken files", {
            "content/news/a.md": "+++\ndate = 2025-01-01\n+++\n",
            "content/news/b.md": '+++\ntitle = "x"\ndate = "soon"\n+++\n',
        }, [], ["content/news/a.md:1:1: error: missing required field `title`",
                "content/news/b.md:3:", "2 error(s)"])

    def test_source_line_and_caret_are_shown(self):
        site = Site(GOOD)
        try:
            site.write("content/news/bad.md", '+++\ntitle = "x"\ndate = "yesterday"\n+++\n')
            result = site.build()
            self.assertIn('    date = "yesterday"\n           ^\n', result.stderr)
            self.assertIn("hint: write a date without quotes", result.stderr)
        finally:
            site.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2)
