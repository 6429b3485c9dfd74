"""Bad input: each case breaks a good site in one way. The real binary must
exit 1, print `file:line[:col]: error: ...` naming the problem, and leave the
previous site/ exactly as it was."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import Site, page  # noqa: E402

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

# (name, files to add or replace, extra args, expected fragments in stderr)
CASES = [
    ("malformed TOML in front matter",
     {"content/news/bad.md": '+++\ntitle = "閉じていない\ndate = 2025-01-01\n+++\n'},
     [], ["content/news/bad.md:2:", "invalid TOML"]),
    ("missing title",
     {"content/news/bad.md": "+++\ndate = 2025-01-01\n+++\nbody\n"},
     [], ["content/news/bad.md:1:1: error: missing required field `title`"]),
    ("date written as text",
     {"content/news/bad.md": '+++\ntitle = "x"\ndate = "yesterday"\n+++\n'},
     [], ["content/news/bad.md:3:", "`date` must be a TOML date", "the text \"yesterday\""]),
    ("front matter never closed",
     {"content/news/bad.md": '+++\ntitle = "x"\nbody without closing fence\n'},
     [], ["content/news/bad.md:1:1: error: front matter opened with `+++` is never closed"]),
    ("no front matter at all",
     {"content/news/bad.md": "# Just markdown\n"},
     [], ["content/news/bad.md:1:1: error: content file must start with a `+++` line"]),
    ("invalid UTF-8 (Shift_JIS bytes)",
     {"content/news/bad.md": b'+++\ntitle = "x"\n+++\nabc\x82\xa0def\n'},
     [], ["content/news/bad.md:4:4: error: file is not valid UTF-8"]),
    ("NUL byte",
     {"content/news/bad.md": b'+++\ntitle = "x"\n+++\nab\x00c\n'},
     [], ["content/news/bad.md:4:3: error: file contains a NUL byte"]),
    ("unknown language suffix",
     {"content/news/bad.fr.md": page("x")},
     [], ["content/news/bad.fr.md: error: unknown language suffix `.fr`", "ja, en"]),
    ("two pages claim one URL",
     {"content/news/a.md": page("a", 'slug = "same"\n'), "content/news/b.md": page("b", 'slug = "same"\n')},
     [], ["content/news/b.md:1:1: error: URL /news/same/ is already used by content/news/a.md"]),
    ("slug with path traversal",
     {"content/news/bad.md": page("x", 'slug = "../../etc"\n')},
     [], ["content/news/bad.md:3:8: error: slug `../../etc` cannot be used in a URL"]),
    ("template syntax error",
     {"templates/page.html": "<p>\n{% if %}\n</p>\n"},
     [], ["templates/page.html:2:"]),
    ("unclosed block in template",
     {"templates/page.html": "<ul>\n{% for p in section.pages %}\n<li>{{ p.title }}</li>\n</ul>\n"},
     [], ["templates/page.html:2:", "for"]),
    ("unknown template variable under --strict",
     {"templates/page.html": "<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_field }}</p>\n"},
     ["--strict"], ["templates/page.html:2:", "no_such_field"]),
    ("missing include",
     {"templates/page.html": '{% include "partials/nowhere.html" %}\n'},
     [], ["templates/page.html:1:", "partials/nowhere.html"]),
    ("malformed config.toml",
     {"config.toml": 'base_url = "https://example.org/"\n[languages.ja\ntitle = "x"\n'},
     [], ["config.toml:2:", "invalid TOML"]),
    ("missing theme",
     {"config.toml": 'base_url = "https://example.org/"\ntheme = "nope"\n[languages.ja]\ntitle = "t"\n'
                     '[languages.en]\ntitle = "t"\n'},
     [], ["config.toml: error: theme `nope` not found"]),
]


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

    def test_catalogue(self):
        for name, files, args, expected in CASES:
            with self.subTest(name):
                self.check(name, files, args, expected)

    def test_all_errors_are_listed_not_only_the_first(self):
        self.check("two broken files", {
            "content/news/a.md": "+++\ndate = 2025-01-01\n+++\n",
            "content/news/b.md": '+++\ntitle = "x"\ndate = "soon"\n+++\n',
        }, [], ["content/news/a.md:1:1: error: missing required field `title`",
                "content/news/b.md:3:", "2 error(s)"])

    def test_missing_config_is_an_error(self):
        site = Site(GOOD, with_config=False)
        try:
            result = site.build()
            self.assertEqual(result.returncode, 1)
            self.assertIn("config.toml: error: no config.toml", result.stderr)
        finally:
            site.cleanup()

    def test_refuses_to_replace_a_folder_it_did_not_make(self):
        site = Site(GOOD)
        try:
            site.write("mine/notes.txt", "precious")
            result = site.build("--out", str(site.root / "mine"))
            self.assertEqual(result.returncode, 1)
            self.assertIn("output directory exists and was not made by portal", result.stderr)
            self.assertEqual((site.root / "mine" / "notes.txt").read_text(), "precious")
        finally:
            site.cleanup()

    def test_symlink_in_content_is_refused(self):
        site = Site(GOOD)
        try:
            os.symlink("/etc/passwd", site.root / "content" / "news" / "passwd.txt")
            result = site.build()
            self.assertEqual(result.returncode, 1)
            self.assertIn("content/news/passwd.txt: error: symbolic links are not allowed", result.stderr)
        finally:
            site.cleanup()

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
