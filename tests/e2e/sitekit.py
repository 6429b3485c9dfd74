"""Builds small sites written inline and runs the real `portal` binary on them.

A site is one text block, Hugo's integration-test style:

    -- config.toml --
    base_url = "https://example.org/"
    -- content/_index.md --
    +++
    title = "Home"
    +++

Each test reads like a bug report: the files, the command, what must happen.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile
import textwrap
import unittest
from pathlib import Path

BUILD_DIR = Path(os.environ.get("PORTAL_BUILD_DIR", "build")).resolve()
SOURCE_DIR = Path(os.environ.get("PORTAL_SOURCE_DIR", ".")).resolve()
PORTAL = BUILD_DIR / "portal"

MINIMAL_CONFIG = """\
base_url = "https://example.org/"
theme = "default"
[languages.ja]
title = "テスト"
[languages.en]
title = "Test"
"""


def parse_files(block):
    """'-- path --' headers followed by file contents → {path: text}."""
    files, current, lines = {}, None, []
    for line in textwrap.dedent(block).splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("-- ") and stripped.endswith(" --") and len(stripped) > 6:
            if current is not None:
                files[current] = "".join(lines)
            current, lines = stripped[3:-3], []
        elif current is not None:
            lines.append(line)
    if current is not None:
        files[current] = "".join(lines)
    return files


class Site:
    """A temporary project folder. Kept on failure when PORTAL_KEEP_TMP is set."""

    def __init__(self, block="", with_theme=True, with_config=True):
        self.root = Path(tempfile.mkdtemp(prefix="portal-test-"))
        if with_theme:
            shutil.copytree(SOURCE_DIR / "themes" / "default", self.root / "themes" / "default")
        files = parse_files(block)
        if with_config and "config.toml" not in files:
            files["config.toml"] = MINIMAL_CONFIG
        for path, text in files.items():
            self.write(path, text)

    def write(self, path, data):
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
        return target

    def run(self, *args, timeout=120):
        return subprocess.run([str(PORTAL), *args], cwd=self.root, capture_output=True,
                              timeout=timeout, text=True, errors="replace")

    def build(self, *args):
        return self.run("build", "--root", str(self.root), *args)

    @property
    def out(self):
        return self.root / "site"

    def read(self, path):
        return (self.out / path).read_text(encoding="utf-8")

    def tree_hash(self, folder=None):
        """One hash over every file path and content under `folder` (default: site/)."""
        folder = Path(folder or self.out)
        digest = hashlib.sha256()
        if not folder.exists():
            return "absent"
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def cleanup(self):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(self.root, ignore_errors=True)


def repository_portal_copy():
    """A Site holding a copy of the repository's own portal (content, themes, config.toml)."""
    site = Site(with_theme=False, with_config=False)
    for folder in ("content", "themes"):
        shutil.copytree(SOURCE_DIR / folder, site.root / folder)
    shutil.copy(SOURCE_DIR / "config.toml", site.root / "config.toml")
    return site


PROJECT_PARTS = ("config.toml", "content", "themes", "static")


def copy_project(source_root, target_root):
    """The project's sources (PROJECT_PARTS) copied from `source_root` into a new `target_root`."""
    target_root.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = source_root / part
        if source.exists():
            (shutil.copytree if source.is_dir() else shutil.copy)(source, target_root / part)


def build_project(root, now, *args):
    """`portal build` of the project at `root` as of `now`, output captured."""
    return subprocess.run([str(PORTAL), "build", "--root", str(root), "--now", now, *args],
                          capture_output=True, text=True, timeout=300)


def manifest(folder):
    """{relative path: sha256} of every file under `folder` (symlinks listed by target)."""
    folder = Path(folder)
    result = {}
    if not folder.exists():
        return result
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def is_build_state(rel):
    """Paths a build owns: the output, the spare and staging trees, the cache."""
    top = rel.split("/", 1)[0]
    return top in ("site", ".portal-cache", ".site.spare") or top.startswith(".site.tmp-")


def sources(project):
    """Everything in the project a build must never change."""
    return {rel: digest for rel, digest in manifest(project).items() if not is_build_state(rel)}


def page(title="Page", extra="", body="Body text.\n"):
    """A content file with front matter."""
    return f'+++\ntitle = "{title}"\n{extra}+++\n{body}'


class RealPortalBuild(unittest.TestCase):
    """Tests of the real portal (content/ and the default theme), built once per class
    into a temporary folder at a fixed date; `result` is the finished process."""
    BUILD_DATE = "2026-11-22T12:00:00+09:00"

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="portal-real-"))
        cls.out = cls.tmp / "site"
        cls.result = subprocess.run([str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(cls.out),
                                     "--now", cls.BUILD_DATE], capture_output=True, text=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
