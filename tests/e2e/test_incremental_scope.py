"""How far one edit reaches: after a page's body changes, the build cache
re-renders the page and the one list page that shows it, not every page of
its section's list (docs/incremental.md, "What an output depends on").

The oracle for the bytes is a clean build (test_incremental.py compares whole
trees after every kind of edit); this test checks the count the build
reports, which is what an editor waits for."""
import os
import re
import shutil
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import Site, page  # noqa: E402

PAGES = 12  # news pages, 4 per list page: 3 list pages


def news_site():
    files = {"content/_index.md": page("Home"), "content/news/_index.md": page("News", 'paginate_by = 4\n')}
    for n in range(PAGES):
        # Dates decide the list order: page 0 is the newest, on list page 1.
        files[f"content/news/item-{n:02d}.md"] = page(f"Item {n}", f"date = 2025-06-{28 - n:02d}\n",
                                                       f"Body of item {n}.\n\nSecond paragraph.\n")
    return Site("".join(f"-- {path} --\n{text}" for path, text in files.items()))


def rendered_count(result):
    found = re.search(r"\((\d+) rendered, (\d+) written\)", result.stdout)
    assert found, result.stdout + result.stderr
    return int(found.group(1))


class IncrementalScopeTest(unittest.TestCase):
    def setUp(self):
        self.site = news_site()
        for _ in range(2):  # the live tree and the spare both exist from then on
            result = self.site.build("--now", "2025-07-01")
            self.assertEqual(result.returncode, 0, result.stderr)

    def tearDown(self):
        self.site.cleanup()

    def edit_and_build(self, n, old, new):
        path = self.site.root / f"content/news/item-{n:02d}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        result = self.site.build("--now", "2025-07-01")
        self.assertEqual(result.returncode, 0, result.stderr)
        return rendered_count(result)

    def test_second_paragraph_edit_renders_the_page_and_its_list_page_only(self):
        # Item 9 is on list page 3 (/news/page/3/); its summary (first paragraph) is unchanged.
        count = self.edit_and_build(9, "Second paragraph.", "Second paragraph, edited.")
        self.assertIn("Second paragraph, edited.", self.site.read("news/item-09/index.html"))
        # The page and list page 3 may be rendered; list pages 1 and 2 cannot show it.
        self.assertLessEqual(count, 2, "only the page and the list page showing it")

    def test_list_pages_that_show_the_page_are_rendered_and_updated(self):
        self.edit_and_build(0, "Body of item 0.", "Changed summary of item 0.")
        self.assertIn("Changed summary of item 0.", self.site.read("news/index.html"))
        self.assertNotIn("item 0", self.site.read("news/page/2/index.html").lower())

    def test_title_edit_reaches_the_neighbours_that_link_to_it(self):
        before = self.site.read("news/item-04/index.html")
        self.edit_and_build(5, 'title = "Item 5"', 'title = "Item five"')
        # Item 4 links to its neighbour item 5 by title when the theme shows neighbours.
        after = self.site.read("news/item-04/index.html")
        if "Item 5" in before:
            self.assertIn("Item five", after)
        self.assertIn("Item five", self.site.read("news/page/2/index.html"))


if __name__ == "__main__":
    unittest.main()
