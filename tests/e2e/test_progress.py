"""`portal build`'s status line: drawn on a terminal, never in a pipe or in CI.

The build runs under a pseudo-terminal (Python's pty), as in an editor's
shell. The line is drawn with a carriage return and "erase line" (ESC [ K)
and must be erased before the summary, so a log holds only the summary."""
import os
import pty
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, Site  # noqa: E402

ERASE = "\r\x1b[K"
SITE = "".join(f"""
-- content/news/item-{i}.ja.md --
+++
title = "お知らせ {i}"
date = 2025-06-{i + 1:02d}
+++
本文 {i}。
-- content/news/item-{i}.en.md --
+++
title = "News {i}"
date = 2025-06-{i + 1:02d}
+++
Text {i}.
""" for i in range(12))


def on_terminal(args, env):
    """Runs portal with stdout and stderr on a pseudo-terminal; returns (exit code, everything shown)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([str(PORTAL), *args], stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return process.wait(timeout=120), shown.decode("utf-8", errors="replace")


class ProgressTest(unittest.TestCase):
    def setUp(self):
        self.site = Site(SITE)
        self.addCleanup(self.site.cleanup)
        self.env = {k: v for k, v in os.environ.items() if k != "CI"}

    def build_args(self, *extra):
        return ["build", "--root", str(self.site.root), *extra]

    def test_a_terminal_sees_stages_and_counts_then_only_the_summary(self):
        code, shown = on_terminal(self.build_args("--progress", "always"), self.env)
        self.assertEqual(code, 0, shown)
        self.assertIn(f"{ERASE}portal: stage 1 ", shown)
        self.assertRegex(shown, r"portal: stage \d+ \(after load config, templates and content\)")
        self.assertRegex(shown, r"· \d+ of \d+")
        # The last thing drawn is the erase, then the summary on a clean line.
        last_erase = shown.rindex(ERASE)
        self.assertTrue(shown[last_erase + len(ERASE):].startswith("built "), shown[-200:])

    def test_a_failing_build_erases_the_line_before_its_errors(self):
        self.site.write("content/news/bad.ja.md", '+++\ntitle = "x"\ndate = "yesterday"\n+++\n')
        code, shown = on_terminal(self.build_args("--progress", "always"), self.env)
        self.assertEqual(code, 1, shown)
        last_erase = shown.rindex(ERASE)
        self.assertTrue(shown[last_erase + len(ERASE):].startswith("content/news/bad.ja.md:3:"), shown[-300:])

    def test_nothing_is_drawn_in_ci_with_never_or_into_a_pipe(self):
        code, shown = on_terminal(self.build_args(), {**self.env, "CI": "true"})
        self.assertEqual(code, 0, shown)
        self.assertNotIn("\x1b[K", shown)
        code, shown = on_terminal(self.build_args("--progress", "never"), self.env)
        self.assertEqual(code, 0, shown)
        self.assertNotIn("\x1b[K", shown)
        piped = subprocess.run([str(PORTAL), *self.build_args()], capture_output=True, text=True, env=self.env,
                               timeout=120)
        self.assertEqual(piped.returncode, 0, piped.stderr)
        self.assertNotIn("\x1b[K", piped.stderr + piped.stdout)
        self.assertIn("built ", piped.stdout)

    def test_an_unknown_mode_is_refused(self):
        result = self.site.build("--progress", "sometimes")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("--progress", result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
