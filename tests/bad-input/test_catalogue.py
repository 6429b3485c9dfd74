"""The bad-input catalogue (tests/bad-input/README.md): every folder under
cases/ is the good site in base/ with one fault. For each case the real
`portal build` runs on a temporary copy that already holds a good build, and
the expectation file case.toml says what must happen:

- a failing case exits 1, prints exactly the listed errors (file, line, code,
  a fragment of the message) and no others, leaves the previous site/
  byte-identical (every file hashed before and after), changes nothing
  outside it and leaves no staging folder behind;
- an accepted case (exit = 0) builds and writes the listed outputs.

A crash, a hang (timeout), a missing line or a wrong exit code fails the case.
Run one case: `PORTAL_CASE=toml-duplicate-key python3 tests/bad-input/test_catalogue.py`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
from sitekit import PORTAL, SOURCE_DIR, manifest, sources  # noqa: E402
CASES = HERE / "cases"
TIMEOUT = 120  # seconds per build; a hang fails the case instead of the whole run

# `file:line:col: error: message [E0105]`; line and column are optional.
DIAGNOSTIC = re.compile(r"^(?P<file>\S[^:\n]*?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: "
                        r"(?P<severity>error|warning): (?P<message>.*) \[(?P<code>[EW]\d{4})\]$", re.M)


# ---------------------------------------------------------------- generated files
# Files too large or too odd to commit are made at test time; case.toml names
# the generator (`generate = "..."`).

def large_markdown(project):
    """A 50 MB Markdown page of ordinary paragraphs."""
    paragraph = ("テレワークは働き方を変えます。This is an ordinary sentence of the test page. " * 4 + "\n\n").encode()
    path = project / "content" / "news" / "huge.ja.md"
    with open(path, "wb") as out:
        out.write('+++\ntitle = "大きすぎるページ"\ndate = 2025-06-20\n+++\n'.encode())
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            out.write(paragraph)


def deep_list(project):
    """A list nested 10,000 deep, written on one line ("- - - ... x")."""
    (project / "content" / "news" / "deep.ja.md").write_text(
        '+++\ntitle = "深い入れ子"\ndate = 2025-06-20\n+++\n' + "- " * 10000 + "x\n", encoding="utf-8")


def deep_quote(project):
    """Block quotes nested 10,000 deep, and 5,000 quote-list pairs."""
    (project / "content" / "news" / "deep.ja.md").write_text(
        '+++\ntitle = "深い引用"\ndate = 2025-06-20\n+++\n' + ">" * 10000 + " x\n\n" + "> - " * 5000 + "y\n",
        encoding="utf-8")


def deep_inline(project):
    """10,000 nested emphasis markers and brackets: inline parsing, not blocks."""
    (project / "content" / "news" / "deep.ja.md").write_text(
        '+++\ntitle = "深いインライン"\ndate = 2025-06-20\n+++\n' + "*" * 10000 + "x" + "*" * 10000 + "\n\n" +
        "[" * 10000 + "x" + "]" * 10000 + "\n", encoding="utf-8")


GENERATORS = {f.__name__: f for f in (large_markdown, deep_list, deep_quote, deep_inline)}


# ---------------------------------------------------------------- running

def diff(before, after):
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return ", ".join(changed[:10]) + (" ..." if len(changed) > 10 else "")


def run_portal(project, args):
    return subprocess.run([str(PORTAL), "build", "--root", str(project), *args], cwd=project,
                          capture_output=True, text=True, errors="replace", timeout=TIMEOUT)


def prebuilt_base(workdir):
    """The base site with the default theme, built once: every case starts from a copy."""
    project = workdir / "base"
    shutil.copytree(HERE / "base", project)
    shutil.copytree(SOURCE_DIR / "themes" / "default", project / "themes" / "default")
    result = run_portal(project, [])
    if result.returncode != 0:
        raise AssertionError(f"the base site must build:\n{result.stderr}")
    return project


def load_cases():
    only = os.environ.get("PORTAL_CASE")
    cases = []
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        if only and folder.name != only:
            continue
        with open(folder / "case.toml", "rb") as f:
            cases.append((folder, tomllib.load(f)))
    return cases


class BadInputCatalogue(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = Path(tempfile.mkdtemp(prefix="portal-bad-input-"))
        cls.base = prebuilt_base(cls.workdir)

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(cls.workdir, ignore_errors=True)

    def prepare(self, folder, spec):
        project = self.workdir / folder.name
        shutil.copytree(self.base, project, symlinks=True)
        for rel in spec.get("remove", []):
            target = project / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        for path in folder.rglob("*"):
            if path.is_file() and path.name != "case.toml":
                target = project / path.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        for rel, target in spec.get("symlinks", {}).items():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, project / rel)
        if "generate" in spec:
            GENERATORS[spec["generate"]](project)
        return project

    def check_case(self, folder, spec):
        project = self.prepare(folder, spec)
        site_before = manifest(project / "site")
        sources_before = sources(project)
        self.assertTrue(site_before, "the previous build left no site/")
        try:
            result = run_portal(project, spec.get("args", []))
        except subprocess.TimeoutExpired:
            self.fail(f"portal build did not finish in {TIMEOUT} s (endless loop?)")
        report = f"\n--- stderr ---\n{result.stderr[-6000:]}"
        self.assertGreaterEqual(result.returncode, 0, f"portal crashed with signal {-result.returncode}{report}")
        expected_exit = spec.get("exit", 1)
        self.assertEqual(result.returncode, expected_exit, f"exit code{report}")
        printed = [m.groupdict() for m in DIAGNOSTIC.finditer(result.stderr)]
        for error in spec.get("error", []):
            matches = [d for d in printed
                       if d["file"] == error["file"] and d["code"] == error["code"] and
                       int(d["line"] or 0) == error.get("line", 0) and error["message"] in d["message"]]
            self.assertTrue(matches, f"expected {error['file']}:{error.get('line', 0)} "
                                     f"[{error['code']}] {error['message']!r}{report}")
        if expected_exit == 1:
            errors = [d for d in printed if d["severity"] == "error"]
            count = spec.get("errors", len(spec.get("error", [])))
            self.assertEqual(len(errors), count, f"number of errors{report}")
            self.assertIn(f"build failed: {count} error(s)", result.stderr)
            self.assertTrue(all(d["file"] for d in errors), f"an error names no file{report}")
            self.assertEqual(manifest(project / "site"), site_before,
                             f"site/ changed: {diff(site_before, manifest(project / 'site'))}")
            leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site.tmp-")]
            self.assertEqual(leftovers, [], "staging folder left behind")
        for output in spec.get("output", []):
            path = project / "site" / output["path"]
            self.assertTrue(path.is_file(), f"missing output {output['path']}{report}")
            text = path.read_text(encoding="utf-8")
            for fragment in output.get("contains", []):
                self.assertIn(fragment, text, f"{output['path']} lacks {fragment!r}")
            for fragment, times in output.get("count", {}).items():
                self.assertGreaterEqual(text.count(fragment), times, f"{output['path']}: {fragment!r}")
        self.assertEqual(sources(project), sources_before,
                         f"a source file changed: {diff(sources_before, sources(project))}")
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(project)

    def test_catalogue(self):
        cases = load_cases()
        self.assertTrue(cases)
        for folder, spec in cases:
            with self.subTest(folder.name):
                self.check_case(folder, spec)

    def test_every_case_is_documented(self):
        readme = (HERE / "README.md").read_text(encoding="utf-8")
        for folder, spec in load_cases():
            self.assertIn("about", spec, f"{folder.name}: case.toml has no `about`")
            self.assertIn(f"`{folder.name}`", readme, f"{folder.name} is not listed in README.md")


if __name__ == "__main__":
    unittest.main(verbosity=2)
