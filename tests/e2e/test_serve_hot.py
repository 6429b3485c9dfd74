"""`portal serve`'s hot rebuild (build/hot_rebuild.h, docs/serve.md).

An edit of page bodies only is applied to the last good build kept in memory.
The oracle is a full build: after hot rebuilds, the served tree must be byte
for byte what `portal build --no-cache` makes of the same sources, and what a
following `portal build` with the cache leaves. Anything but a body edit must
fall back to a full build, and the link checks must still see what a body
edit breaks elsewhere."""
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, Site, manifest, page, repository_portal_copy  # noqa: E402

TIMEOUT = 20  # seconds; generous on a loaded machine
NOW = "2026-12-01"


def get(url):
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.read().decode("utf-8")


def tree(folder):
    """What a reader sees: every file but the output marker (it names the build)."""
    return {rel: digest for rel, digest in manifest(folder).items() if rel != ".portal-output"}


class Server:
    """portal serve --verbose on `site`; its log collected by a reader thread."""

    def __init__(self, test, site):
        self.process = subprocess.Popen(
            [str(PORTAL), "serve", "--root", str(site.root), "--port", "0", "--verbose", "--now", NOW],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        test.addCleanup(self.stop)
        self.lines = []
        self.read_up_to = 0
        self.reader = threading.Thread(target=self.read_log, daemon=True)
        self.reader.start()
        deadline = time.monotonic() + 60
        while not any("serving http://" in line for line in list(self.lines)):
            if self.process.poll() is not None or time.monotonic() > deadline:
                test.fail("portal serve did not start: " + "".join(self.lines))
            time.sleep(0.05)
        line = next(line for line in self.lines if "serving http://" in line)
        self.base = line.split("serving ")[1].split()[0].rstrip("/")
        self.read_up_to = len(self.lines)

    def read_log(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def status(self):
        return json.loads(get(self.base + "/__portal/status"))

    def rebuilt_after(self, edit):
        """Runs `edit`, waits for the rebuild it causes; its log and status."""
        generation = self.status()["generation"]
        edit()
        deadline = time.monotonic() + TIMEOUT
        while self.status()["generation"] == generation:
            if time.monotonic() > deadline:
                raise AssertionError("no rebuild within %d s" % TIMEOUT)
            time.sleep(0.05)
        # The whole log of a build is written before its status is published.
        time.sleep(0.2)
        block = "".join(self.lines[self.read_up_to:])
        self.read_up_to = len(self.lines)
        return block, self.status()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=TIMEOUT)
        self.process.stdout.close()
        self.process.stderr.close()


def edit_file(path, change):
    def apply():
        text = path.read_text(encoding="utf-8")
        path.write_text(change(text), encoding="utf-8")
    return apply


class RepositoryPortalHotRebuild(unittest.TestCase):
    """The repository's own portal: real sections, lists, feeds, open data and search."""

    def setUp(self):
        self.site = repository_portal_copy()
        self.addCleanup(self.site.cleanup)
        self.server = Server(self, self.site)
        self.content = self.site.root / "content"

    def full_build(self):
        other = self.site.root.parent / (self.site.root.name + "-full")
        self.addCleanup(shutil.rmtree, other, True)
        result = self.site.run("build", "--root", str(self.site.root), "--no-cache", "--now", NOW, "--out", str(other))
        self.assertEqual(result.returncode, 0, result.stderr)
        return tree(other)

    def apply_hot(self, edits):
        """Each edit in turn: a good build, and a hot one."""
        for edit in edits:
            log, status = self.server.rebuilt_after(edit)
            self.assertTrue(status["ok"], status)
            self.assertIn("hot rebuild:", log)

    def assert_served_tree_is_a_full_builds(self):
        """The served tree is what a full build makes of the sources, and the
        live tree's manifest stays true: a build with the cache leaves it as it is."""
        served = tree(self.site.out)
        self.assertEqual(served, self.full_build(), "hot rebuilds give the full build's tree")
        self.server.stop()
        result = self.site.build("--now", NOW)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(tree(self.site.out), served)

    def test_first_edit_after_a_cold_start_writes_only_what_changed(self):
        # The first build had no output folder: serve makes the spare tree
        # (the previous site) once the site is served, so the first edit
        # does not write the whole site again.
        deadline = time.monotonic() + TIMEOUT
        while not any("spare output tree made" in line for line in list(self.server.lines)):
            self.assertLess(time.monotonic(), deadline, "".join(self.server.lines))
            time.sleep(0.05)
        spare = self.site.root / ".site.spare"
        self.assertEqual(tree(spare), tree(self.site.out), "the spare starts as the live tree")
        before = tree(self.site.out)
        news = self.content / "news/ldp-recommendations-2021.ja.md"
        log, status = self.server.rebuilt_after(edit_file(news, lambda t: t + "\n追加の段落です。\n"))
        self.assertTrue(status["ok"], status)
        after = tree(self.site.out)
        changed = {rel for rel, digest in after.items() if before.get(rel) != digest}
        summary = next(line for line in log.splitlines() if line.startswith("hot rebuild:"))
        written = int(summary.split(" rendered, ")[1].split(" written")[0])
        self.assertIn("news/ldp-recommendations-2021/index.html", changed)
        self.assertEqual(written, len(changed), f"only the {len(changed)} files that changed are written "
                                                f"(of {len(after)}): {summary}")
        self.assertEqual(after, self.full_build())

    def test_body_edits_are_hot_and_give_the_tree_of_a_full_build(self):
        news = self.content / "news/ldp-recommendations-2021.ja.md"
        case = self.content / "cases/central-government-telework-days-2018.en.md"
        edits = [
            # A new heading (an id, the table of contents) and text for the search index.
            edit_file(news, lambda t: t + "\n## 追加の見出し\n\n新しい段落です。\n"),
            # The home page's and a section's own body (shown by the section value too).
            edit_file(self.content / "_index.ja.md", lambda t: t + "\n追加の段落。\n"),
            edit_file(self.content / "news/_index.en.md", lambda t: t + "\nMore about the news.\n"),
            # Shortcodes: expanded again, their links checked.
            edit_file(news, lambda t: t + '\n{{< note type="warning" >}}注意 **強調**{{< /note >}}\n\n'
                                          '{{< link "measures/childcare-care-leave-act-2024" >}}\n'),
            # A page's first paragraph, and a word the search index did not have.
            edit_file(case, lambda t: t.replace("On Telework Day,", "Zyxwvut first. On Telework Day,", 1)),
        ]
        self.apply_hot(edits)
        self.assertIn("Zyxwvut", get(self.server.base + "/en/cases/central-government-telework-days-2018/"))
        self.assert_served_tree_is_a_full_builds()

    def test_front_matter_edits_that_keep_the_model_are_hot_and_give_the_tree_of_a_full_build(self):
        case = self.content / "cases/central-government-telework-days-2018.en.md"
        seminar = self.content / "seminars/mhlw-company-seminars-2020.en.md"
        edits = [
            # A title: the page, its list, its neighbours' links and its translation's switcher show it.
            edit_file(case, lambda t: t.replace('title = "Central government', 'title = "Renamed: Central government', 1)),
            # A field templates and open data read (params), and an explicit summary.
            edit_file(case, lambda t: t.replace('organization = "Central government ministries',
                                                'organization = "Edited: Central government ministries', 1)),
            edit_file(case, lambda t: t.replace('summary = "During Telework Days 2018',
                                                'summary = "Edited summary. During Telework Days 2018', 1)),
            # An event's times: its page, the calendars, upcoming or not.
            edit_file(seminar, lambda t: t.replace("end = 2021-03-31T23:59:59+09:00", "end = 2027-03-31T23:59:59+09:00")),
        ]
        self.apply_hot(edits)
        self.assertIn("Renamed: Central government", get(self.server.base + "/en/cases/"), "the list shows the new title")
        self.assertIn("Edited: Central government", get(self.server.base + "/en/cases/central-government-telework-days-2018/"))
        self.assert_served_tree_is_a_full_builds()

    def test_front_matter_edits_that_change_the_model_are_full_builds(self):
        case = self.content / "cases/central-government-telework-days-2018.en.md"
        edits = [
            (edit_file(case, lambda t: t.replace("date = 2018-07-24", "date = 2018-07-25")),
             r"full build: content/cases/central-government-telework-days-2018\.en\.md: `date` changed"),
            (edit_file(case, lambda t: t.replace('topic = ["public-sector", "national-movement"]', 'topic = ["public-sector"]')),
             r"`topic` changed \(a taxonomy\)"),
            (edit_file(case, lambda t: t.replace("weight = 40", "weight = 41")), r"`weight` changed"),
            # A new line in the front matter moves every line of the body the checks point at.
            (edit_file(case, lambda t: t.replace("weight = 41", "weight = 41\nextra_note = \"x\"")),
             r"the front matter's length"),
            (edit_file(self.content / "news/_index.en.md", lambda t: t.replace('title = "', 'title = "Edited ', 1)),
             r"the front matter of a section's own page"),
        ]
        for edit, reason in edits:
            log, status = self.server.rebuilt_after(edit)
            self.assertTrue(status["ok"], status)
            self.assertRegex(log, reason)
        self.assertEqual(tree(self.site.out), self.full_build())
        # Then edits are hot again, from the new full build.
        log, status = self.server.rebuilt_after(edit_file(case, lambda t: t + "\nOne more line.\n"))
        self.assertIn("hot rebuild:", log)
        self.assertEqual(tree(self.site.out), self.full_build())


class HotRebuildChecks(unittest.TestCase):
    def setUp(self):
        self.site = Site()
        self.addCleanup(self.site.cleanup)
        self.site.write("content/_index.ja.md", page("ホーム"))
        self.site.write("content/_index.en.md", page("Home"))
        self.site.write("content/news/a.en.md", page("A", "date = 2025-06-20\n", "See [the details](/en/news/b/#details).\n"))
        self.site.write("content/news/b.en.md", page("B", "date = 2025-06-21\n", "Intro.\n\n## Details\n\nText.\n"))
        self.server = Server(self, self.site)

    def test_a_body_edit_that_removes_a_linked_heading_fails_at_the_link(self):
        b = self.site.root / "content/news/b.en.md"
        log, status = self.server.rebuilt_after(edit_file(b, lambda t: t.replace("## Details", "## Other")))
        self.assertFalse(status["ok"])
        self.assertEqual([(e["file"], e["line"]) for e in status["errors"]], [("content/news/a.en.md", 5)])
        self.assertIn("Details", get(self.server.base + "/en/news/b/"), "the last good page is still served")
        # After a failed build nothing is kept: the next one is full, then hot again.
        log, status = self.server.rebuilt_after(edit_file(b, lambda t: t.replace("## Other", "## Details")))
        self.assertTrue(status["ok"], status)
        self.assertIn("full build: no build kept", log)
        log, status = self.server.rebuilt_after(edit_file(b, lambda t: t + "\nMore.\n"))
        self.assertIn("hot rebuild:", log)
        self.assertIn("More.", get(self.server.base + "/en/news/b/"))

    def test_a_new_title_that_moves_a_page_in_its_list_is_a_full_build(self):
        # Same date as A: the title decides their order (Hugo's).
        c = self.site.root / "content/news/c.en.md"
        self.server.rebuilt_after(lambda: self.site.write("content/news/c.en.md", page("C", "date = 2025-06-20\n")))
        log, status = self.server.rebuilt_after(edit_file(c, lambda t: t.replace('title = "C"', 'title = "D"')))
        self.assertIn("hot rebuild:", log, "D still sorts after A")
        log, status = self.server.rebuilt_after(edit_file(c, lambda t: t.replace('title = "D"', 'title = "0"')))
        self.assertTrue(status["ok"], status)
        self.assertIn("full build: content/news/c.en.md: its new title moves it in a list", log)
        listing = get(self.server.base + "/en/news/")
        self.assertLess(listing.index("/en/news/c/"), listing.index("/en/news/a/"), "the list has the new order")

    def test_another_build_of_the_output_makes_the_next_rebuild_full(self):
        self.server.rebuilt_after(lambda: self.site.write("content/news/draft.en.md", page("Draft", "draft = true\n")))
        # A manual build with drafts replaces the live tree while serve runs.
        result = self.site.build("--drafts", "--now", NOW)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(self.site.out.joinpath("en/news/draft/index.html").exists())
        b = self.site.root / "content/news/b.en.md"
        log, status = self.server.rebuilt_after(edit_file(b, lambda t: t + "\nMore.\n"))
        self.assertTrue(status["ok"], status)
        self.assertIn("full build: the output folder changed since the last build", log)
        self.assertFalse(self.site.out.joinpath("en/news/draft/index.html").exists(), "serve's own options again")


if __name__ == "__main__":
    unittest.main()
