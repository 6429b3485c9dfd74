"""`portal build --daemon`: builds run by the project's build daemon
(daemon/build_daemon.h, docs/daemon.md), which keeps the last build in memory.

The oracle is a build without the daemon: after any sequence of edits, the
tree a daemon build leaves must be byte for byte what `portal build
--no-cache` makes of the same sources. A broken edit must fail as any build
does (exit 1, file and line, the output untouched). Every command here runs
with its output captured and a timeout: a daemon that kept the client's pipes
open would make them hang (it must detach)."""
import fcntl
import os
import shutil
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, manifest, repository_portal_copy  # noqa: E402

NOW = "2026-12-01"
TIMEOUT = 60


def tree(folder):
    """What a reader sees: every file but the output marker (it names the build)."""
    return {rel: digest for rel, digest in manifest(folder).items() if rel != ".portal-output"}


def daemon_pid(root):
    """The pid of the daemon serving `root` (from its log), or None when none runs."""
    log = root / ".portal-cache" / "daemon.log"
    if not log.exists():
        return None
    first = log.read_text(encoding="utf-8").splitlines()[:1]
    if not first or "(pid " not in first[0]:
        return None
    pid = int(first[0].split("(pid ")[1].rstrip(")"))
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            if stat.read().split(") ")[1].startswith("Z"):
                return None  # exited, not yet reaped
    except FileNotFoundError:
        return None
    return pid


class DaemonBuilds(unittest.TestCase):
    """The repository's own portal: real sections, lists, feeds, open data and search."""

    def setUp(self):
        self.site = repository_portal_copy()
        self.addCleanup(self.site.cleanup)
        self.addCleanup(self.stop_daemon)  # runs before the folder is removed
        self.content = self.site.root / "content"

    def stop_daemon(self):
        self.site.run("daemon", "stop", "--root", str(self.site.root), timeout=TIMEOUT)

    def daemon_build(self, *args, binary=PORTAL):
        result = subprocess.run([str(binary), "build", "--daemon", "--root", str(self.site.root), "--now", NOW, *args],
                                cwd=self.site.root, capture_output=True, timeout=TIMEOUT, text=True)
        return result

    def full_build(self, *args):
        other = self.site.root.parent / (self.site.root.name + "-full")
        shutil.rmtree(other, ignore_errors=True)
        self.addCleanup(shutil.rmtree, other, True)
        result = self.site.run("build", "--root", str(self.site.root), "--no-cache", "--now", NOW, "--out", str(other),
                               *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return tree(other)

    def assert_good(self, result, hot):
        self.assertEqual(result.returncode, 0, result.stderr)
        summary = next(line for line in result.stdout.splitlines() if line.startswith("built "))
        self.assertIn("build daemon", summary)
        self.assertEqual("hot rebuild" in summary, hot, summary)

    def edit(self, path, change):
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def test_edits_built_by_the_daemon_give_the_tree_of_a_build_without_it(self):
        self.assert_good(self.daemon_build(), hot=False)  # starts the daemon: a full build
        self.assertIsNotNone(daemon_pid(self.site.root), "the daemon runs after the build returned")
        self.assertEqual(tree(self.site.out), self.full_build())

        news = self.content / "news/ldp-recommendations-2021.ja.md"
        self.edit(news, lambda t: t + "\n## 追加の見出し\n\n新しい段落です。\n")
        self.assert_good(self.daemon_build(), hot=True)
        self.assertIn("新しい段落です", (self.site.out / "news/ldp-recommendations-2021/index.html").read_text("utf-8"))
        case = self.content / "cases/central-government-telework-days-2018.en.md"
        self.edit(case, lambda t: t.replace('title = "Central government', 'title = "Renamed: Central government', 1))
        self.assert_good(self.daemon_build(), hot=True)
        self.assertEqual(tree(self.site.out), self.full_build())

        # A change of the model (a date moves the page in its lists) and a new page: full builds, same trees.
        self.edit(case, lambda t: t.replace("date = 2018-07-24", "date = 2018-07-25"))
        self.assert_good(self.daemon_build(), hot=False)
        shutil.copy(news, self.content / "news/copied-page.ja.md")
        self.assert_good(self.daemon_build(), hot=False)
        self.assertTrue((self.site.out / "news/copied-page/index.html").exists())
        self.assertEqual(tree(self.site.out), self.full_build())

        # A build without the daemon in between: the daemon notices and starts afresh.
        self.edit(news, lambda t: t + "\nもう一段落。\n")
        result = self.site.build("--now", NOW)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.edit(news, lambda t: t + "\nさらに一段落。\n")
        self.assert_good(self.daemon_build(), hot=False)
        self.assertEqual(tree(self.site.out), self.full_build())

    def test_a_broken_edit_fails_with_file_and_line_and_leaves_the_output(self):
        self.assert_good(self.daemon_build(), hot=False)
        before = tree(self.site.out)
        case = self.content / "cases/central-government-telework-days-2018.en.md"
        good = case.read_text(encoding="utf-8")
        self.edit(case, lambda t: t.replace('title = "Central government', 'title = ["Central government', 1))
        result = self.daemon_build()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("content/cases/central-government-telework-days-2018.en.md:", result.stderr)
        self.assertIn("the output directory was not changed", result.stderr)
        self.assertEqual(tree(self.site.out), before)
        # Fixed: built again (in full: a failed build keeps nothing), as without the daemon.
        case.write_text(good, encoding="utf-8")
        self.edit(case, lambda t: t + "\nFixed.\n")
        self.assert_good(self.daemon_build(), hot=False)
        self.assertEqual(tree(self.site.out), self.full_build())

    def test_other_options_build_in_full_with_those_options(self):
        self.assert_good(self.daemon_build(), hot=False)
        draft = self.content / "news/a-draft.en.md"
        draft.write_text('+++\ntitle = "A draft"\ndate = 2026-11-01\ndraft = true\n+++\nDraft text.\n', encoding="utf-8")
        self.assert_good(self.daemon_build("--drafts"), hot=False)
        self.assertTrue((self.site.out / "en/news/a-draft/index.html").exists())
        self.assertEqual(tree(self.site.out), self.full_build("--drafts"))
        self.assert_good(self.daemon_build(), hot=False)
        self.assertFalse((self.site.out / "en/news/a-draft/index.html").exists())

    def test_stop_ends_the_daemon(self):
        self.assert_good(self.daemon_build(), hot=False)
        pid = daemon_pid(self.site.root)
        self.assertIsNotNone(pid)
        result = self.site.run("daemon", "stop", "--root", str(self.site.root), timeout=TIMEOUT)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("build daemon stopped", result.stdout)
        self.assertIsNone(daemon_pid(self.site.root), "gone once stop returns")
        self.assertFalse((self.site.root / ".portal-cache/daemon.sock").exists())
        result = self.site.run("daemon", "stop", "--root", str(self.site.root), timeout=TIMEOUT)
        self.assertIn("no build daemon was running", result.stdout)
        # The next build starts a new one.
        self.assert_good(self.daemon_build(), hot=False)
        self.assertNotEqual(daemon_pid(self.site.root), pid)

    def test_a_daemon_of_another_binary_is_replaced(self):
        self.assert_good(self.daemon_build(), hot=False)
        pid = daemon_pid(self.site.root)
        # Another binary file (as after `make` or an upgrade): the old daemon makes way.
        other = self.site.root.parent / (self.site.root.name + "-bin")
        other.mkdir()
        self.addCleanup(shutil.rmtree, other, True)
        shutil.copy(PORTAL, other / "portal")
        self.assert_good(self.daemon_build(binary=other / "portal"), hot=False)
        self.assertNotEqual(daemon_pid(self.site.root), pid)
        self.assertFalse(os.path.exists(f"/proc/{pid}/cmdline") and daemon_pid(self.site.root) == pid)
        self.assertEqual(tree(self.site.out), self.full_build())

    def test_an_idle_daemon_stops_by_itself(self):
        started = time.monotonic()
        result = self.site.run("daemon", "run", "--root", str(self.site.root), "--idle", "1", timeout=TIMEOUT)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("idle for 1 s: stopping", result.stdout)
        self.assertLess(time.monotonic() - started, TIMEOUT)
        self.assertFalse((self.site.root / ".portal-cache/daemon.sock").exists())

    def test_a_daemon_that_cannot_start_leaves_the_build_to_the_client(self):
        # Another process holds the daemon lock and listens nowhere: the daemon
        # started for this build gives up (after waiting 10 s for the lock), and
        # the client builds in its own process, saying why.
        folder = self.site.root / ".portal-cache"
        folder.mkdir()
        with open(folder / "daemon.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            result = self.daemon_build()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("note: building without the daemon: the build daemon did not start", result.stderr)
        self.assertIn("another build daemon runs", (folder / "daemon.log").read_text(encoding="utf-8"))
        summary = next(line for line in result.stdout.splitlines() if line.startswith("built "))
        self.assertNotIn("build daemon", summary)
        self.assertEqual(tree(self.site.out), self.full_build())

    def test_no_cache_and_daemon_do_not_go_together(self):
        result = self.site.run("build", "--root", str(self.site.root), "--daemon", "--no-cache", timeout=TIMEOUT)
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIsNone(daemon_pid(self.site.root))


if __name__ == "__main__":
    unittest.main()
