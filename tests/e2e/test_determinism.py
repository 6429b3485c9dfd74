"""Determinism (docs/reliability.md): the real portal (config.toml, content/,
themes/ of this repository, copied to a temporary folder) built with --jobs 1,
2 and 8, twice in a row, and with and without the build cache gives the same
bytes in every file (a sha256 manifest of the whole output tree).

The build time is fixed with --now: pages that show "upcoming" events and the
feeds depend on the date by design, not on the run.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR, manifest  # noqa: E402

NOW = ["--now", "2026-12-01T09:00:00+09:00"]


class DeterminismTest(unittest.TestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp(prefix="portal-determinism-"))
        shutil.copy(SOURCE_DIR / "config.toml", self.root / "config.toml")
        for folder in ("content", "themes"):
            shutil.copytree(SOURCE_DIR / folder, self.root / folder)

    def tearDown(self):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(self.root, ignore_errors=True)

    def build(self, out, *args):
        result = subprocess.run([str(PORTAL), "build", "--root", str(self.root), "--out", str(self.root / out),
                                 *NOW, *args], capture_output=True, text=True, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        return manifest(self.root / out)

    def test_same_bytes_whatever_the_thread_count_and_cache(self):
        reference = self.build("site-jobs1", "--jobs", "1", "--no-cache")
        self.assertGreater(len(reference), 300)
        runs = {
            "--jobs 2 --no-cache": self.build("site-jobs2", "--jobs", "2", "--no-cache"),
            "--jobs 8 --no-cache": self.build("site-jobs8", "--jobs", "8", "--no-cache"),
            # With the cache: a first build, the same again (every output reused), then --jobs 1.
            "--jobs 8, cache, first": self.build("site", "--jobs", "8"),
            "--jobs 8, cache, second": self.build("site", "--jobs", "8"),
            "--jobs 1, cache, third": self.build("site", "--jobs", "1"),
            "--jobs 2 --no-cache, again": self.build("site-jobs2", "--jobs", "2", "--no-cache"),
        }
        for name, tree in runs.items():
            with self.subTest(name):
                differing = sorted(k for k in reference.keys() | tree.keys() if reference.get(k) != tree.get(k))
                self.assertEqual(differing, [], f"{name}: files differ from --jobs 1")


if __name__ == "__main__":
    unittest.main(verbosity=2)
