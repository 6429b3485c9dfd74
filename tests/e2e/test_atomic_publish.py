"""Atomic, lossless publishing (docs/reliability.md): `portal build` is killed
with SIGKILL at 50 seeded random moments spread over a build's duration. After
every kill the output directory must be exactly the old complete tree or the
new complete tree (a manifest of every file's hash), never a mix, and nothing
outside the build's own folders (site/, .site.spare/, .site.tmp-<pid>/,
.portal-cache/) may change. Staging folders of killed builds must be gone after
the next build that completes.

Each round flips the site title in config.toml, which changes every page, so
the new tree differs from the old one almost everywhere and a half-published
tree could not pass for either. Every third round builds with --no-cache (the
staging folder path), the others with the build cache (the spare tree path).
Set PORTAL_KILL_SEED to replay other moments; PORTAL_KILL_ROUNDS for more rounds.
Both outcomes must occur; when the machine is so loaded that no random kill
came late (or early) enough, up to EXTRA_ROUNDS more kills at a fixed later
(or zero) delay make up for it, instead of failing on the load.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR, manifest, sources  # noqa: E402

SEED = int(os.environ.get("PORTAL_KILL_SEED", "20261204"))
ROUNDS = int(os.environ.get("PORTAL_KILL_ROUNDS", "50"))
EXTRA_ROUNDS = 20  # at most, only when the random kills missed an outcome (see the test)
PAGES = 60  # per language: a build takes a few hundred ms on the test machine
NOW = ["--now", "2026-12-01T09:00:00+09:00"]  # outputs must not depend on the clock


def config(title):
    return (f'base_url = "https://example.org/"\ntheme = "default"\n'
            f'[languages.ja]\ntitle = "{title}"\n[languages.en]\ntitle = "{title} (en)"\n')


def make_site(root):
    shutil.copytree(SOURCE_DIR / "themes" / "default", root / "themes" / "default")
    (root / "config.toml").write_text(config("A"), encoding="utf-8")
    news = root / "content" / "news"
    news.mkdir(parents=True)
    (root / "content" / "_index.ja.md").write_text('+++\ntitle = "ホーム"\n+++\nようこそ。\n', encoding="utf-8")
    (root / "content" / "_index.en.md").write_text('+++\ntitle = "Home"\n+++\nWelcome.\n', encoding="utf-8")
    paragraph = "テレワークの導入は、通勤時間の削減と柔軟な働き方につながります。" * 6
    for i in range(PAGES):
        for lang, title in (("ja", f"お知らせ {i}"), ("en", f"News {i}")):
            (news / f"item-{i:03}.{lang}.md").write_text(
                f'+++\ntitle = "{title}"\ndate = 2025-{1 + i % 12:02}-{1 + i % 28:02}\n+++\n'
                + "\n\n".join(f"## 見出し {k}\n\n{paragraph}" for k in range(8)) + "\n", encoding="utf-8")


def siblings(root):
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


class AtomicPublishTest(unittest.TestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp(prefix="portal-kill-"))
        make_site(self.root)

    def tearDown(self):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(self.root, ignore_errors=True)

    def build(self, *args):
        started = time.monotonic()
        result = subprocess.run([str(PORTAL), "build", "--root", str(self.root), *NOW, *args],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        return time.monotonic() - started

    def set_title(self, title):
        (self.root / "config.toml").write_text(config(title), encoding="utf-8")

    def kill_round(self, round_number, delay, args):
        """Starts a build towards the other tree, kills it after `delay` seconds and
        checks what is left: "old" or "new" (the live tree becomes the new one)."""
        target = "A" if self.live == "B" else "B"
        self.set_title(target)
        before = sources(self.root)
        process = subprocess.Popen([str(PORTAL), "build", "--root", str(self.root), *NOW, *args],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.kill()
        _, stderr = process.communicate()
        where = f"round {round_number} (seed {SEED}, kill after {delay * 1000:.0f} ms, {' '.join(args)})"
        self.assertIn(process.returncode, (0, -9), f"{where}: {stderr.decode(errors='replace')}")
        now = manifest(self.root / "site")
        if now == self.tree[self.live]:
            outcome = "old"
        elif now == self.tree[target]:
            outcome = "new"
            self.live = target
        else:
            mixed = sum(1 for k in now.keys() | self.tree[target].keys() if now.get(k) != self.tree[target].get(k))
            self.fail(f"{where}: site/ is neither the old nor the new tree ({mixed} files differ from the new)")
        self.assertEqual(sources(self.root), before, f"{where}: something outside the output changed")
        extra = [name for name in siblings(self.root) if name != ".site.spare" and not name.startswith(".site.tmp-")]
        self.assertEqual(extra, [], f"{where}: unexpected folders beside site/")
        if process.returncode == 0:
            self.assertEqual([n for n in siblings(self.root) if n.startswith(".site.tmp-")], [],
                             f"{where}: a completed build left staging folders")
        return outcome

    def test_killed_builds_leave_the_old_or_the_new_tree(self):
        started = time.monotonic()
        # The two complete trees, each from a build that was not interrupted.
        self.build()
        tree = {"A": manifest(self.root / "site")}
        self.set_title("B")
        duration = self.build()
        tree["B"] = manifest(self.root / "site")
        self.assertGreater(len(tree["A"]), 100)
        changed = sum(1 for k in tree["A"] if tree["A"][k] != tree["B"].get(k))
        self.assertGreater(changed, len(tree["A"]) // 2, "the two trees must differ almost everywhere")
        duration = max(duration, self.build())  # same input again: measures a build with a warm cache too

        rng = random.Random(SEED)
        self.live, self.tree = "B", tree
        outcomes = {"old": 0, "new": 0}
        for round_number in range(ROUNDS):
            args = ["--no-cache"] if round_number % 3 == 2 else []
            outcomes[self.kill_round(round_number, rng.uniform(0, duration * 1.1), args)] += 1
        # On a loaded machine a build can take far longer than the one measured,
        # so that no kill came late enough: then kill later (and, for the old
        # tree, at once) until each outcome has happened, within bounds.
        for extra in range(EXTRA_ROUNDS):
            if outcomes["old"] and outcomes["new"]:
                break
            delay = 0.0 if not outcomes["old"] else duration * (2 + extra)
            outcomes[self.kill_round(ROUNDS + extra, delay, [])] += 1

        # The next complete build cleans up after every killed one, with or without the cache.
        for args in ([], ["--no-cache"]):
            self.set_title("A")
            self.build(*args)
            self.assertEqual(manifest(self.root / "site"), tree["A"])
            self.assertEqual([n for n in siblings(self.root) if n.startswith(".site.tmp-")], [],
                             f"staging folders left after a complete build {args}")
        elapsed = time.monotonic() - started
        print(f"{sum(outcomes.values())} kills (seed {SEED}): {outcomes['old']} left the old tree, {outcomes['new']} the new; "
              f"build {duration * 1000:.0f} ms, {len(tree['A'])} files, test {elapsed:.1f} s", file=sys.stderr)
        # Both outcomes must occur, or the delays do not cover the build.
        self.assertGreater(outcomes["old"], 0)
        self.assertGreater(outcomes["new"], 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
