"""The link checker's HTML scanner (generator/html/scan.cpp) against libxml2's
HTML parser, which the generator used before and which stays the oracle.

Both read the same documents through tests/tools/html_scan and must give the
same references (kind, element, URL, rel, line), ids, images and title on:
every page of the real portal, the HTML of every GFM spec example, every
named and a range of numeric character references, and a few thousand
random tag soups. Where the scanner differs on purpose (docs/link-check.md,
"How pages are read") the inputs that would show it are left out of the
comparison and the difference is asserted by the unit tests instead."""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from html.entities import html5
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))
import sitekit  # noqa: E402

TOOL = sitekit.BUILD_DIR / "tests" / "html_scan"
GFM_DIRS = [sitekit.SOURCE_DIR.parent / "shared" / "testdata" / "gfm", sitekit.SOURCE_DIR / "tests" / "markdown" / "gfm"]
FENCE = "`" * 32


def scan(documents, libxml2):
    command = [str(TOOL)] + (["--libxml2"] if libxml2 else [])
    done = subprocess.run(command, input=json.dumps(documents), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"{command} failed: {done.stderr}")
    return json.loads(done.stdout)


# A script or style holding `</` and a letter before its own end tag, or
# starting with a tag (libxml2 lets some, such as <body>, end it there): the
# scanner reads raw text as a browser does, libxml2 does not.
RAW_TEXT = re.compile(r"<(script|style)(?=[\s/>])[^>]*>", re.IGNORECASE)


def differs_on_purpose(document):
    lower = document.lower()
    for match in RAW_TEXT.finditer(lower):
        name = match.group(1)
        end = re.compile(r"</" + name + r"(?:[\s/>]|$)").search(lower, match.end())
        body = lower[match.end():end.start() if end else len(lower)]
        if re.search(r"</[a-z]", body) or body.startswith("<"):
            return True
    return False


def title_has_markup(document):
    """A <title> holding tags: libxml2 reads them as elements and their text
    (even a style's) as the title's; the scanner keeps only the text."""
    lower = document.lower()
    for match in re.finditer(r"<title", lower):
        end = lower.find("</title", match.end())
        if "<" in lower[match.end():end if end >= 0 else len(lower)]:
            return True
    return False


class ScannerAgreesWithLibxml2(unittest.TestCase):
    def assert_same(self, documents, what):
        """Fails unless both scanners read every document alike; returns ours."""
        self.assertTrue(documents, f"no documents for {what}")
        ours, theirs = scan(documents, False), scan(documents, True)
        self.assertEqual(len(ours), len(documents))
        failures = []
        for document, mine, oracle in zip(documents, ours, theirs):
            if title_has_markup(document):
                mine, oracle = dict(mine, title=None), dict(oracle, title=None)
            if mine != oracle:
                failures.append(f"{document[:400]!r}\nours:    {mine}\nlibxml2: {oracle}")
        if failures:
            self.fail(f"{what}: the scanners differ on {len(failures)} of {len(documents)}, first:\n" +
                      "\n".join(failures[:3]))
        return ours

    def test_every_page_of_the_real_portal(self):
        tmp = Path(tempfile.mkdtemp(prefix="portal-scan-"))
        try:
            done = subprocess.run([str(sitekit.PORTAL), "build", "--root", str(sitekit.SOURCE_DIR), "--out",
                                   str(tmp / "site"), "--now", "2026-12-06T12:00:00+09:00"],
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
            pages = [p.read_text(encoding="utf-8") for p in sorted((tmp / "site").rglob("*.html"))]
            self.assertGreater(len(pages), 100)
            found = self.assert_same(pages, "portal page")
            # The pages must exercise what is compared, or the test proves nothing.
            self.assertGreater(sum(len(d["references"]) for d in found), 10 * len(pages))
            self.assertTrue(all(d["title"] for d in found))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_html_of_every_gfm_spec_example(self):
        folder = next(d for d in GFM_DIRS if (d / "spec.txt").exists())
        documents = []
        for name in ("spec.txt", "extensions.txt", "regression.txt"):
            if not (folder / name).exists():
                continue
            state, html = 0, []
            for line in (folder / name).read_text(encoding="utf-8").split("\n"):
                stripped = line.strip()
                if stripped.startswith(FENCE + " example"):
                    state, html = 1, []
                elif stripped == FENCE and state:
                    documents.append("\n".join(html).replace("→", "\t"))
                    state = 0
                elif stripped == "." and state == 1:
                    state = 2
                elif state == 2:
                    html.append(line)
        self.assertGreater(len(documents), 600)
        documents = [d for d in documents if not differs_on_purpose(d)]
        self.assert_same(documents, "GFM spec example")

    def test_every_named_character_reference(self):
        names = sorted({name.rstrip(";") for name in html5})
        documents = []
        for name in names:
            for text in (f"&{name};", f"&{name}", f"&{name};x", f"a&{name}b"):
                documents.append(f'<title>{text}</title><a href="/p?{text}" id="{text}">x</a><img src={text}>')
        self.assert_same(documents, "character reference")

    def test_numeric_character_references(self):
        points = list(range(0, 0x300)) + [0x7F, 0x80, 0x9F, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF,
                                          0x10000, 0x10FFFF, 0x110000, 0x7FFFFFFF, 10**12]
        documents = []
        for point in points:
            for text in (f"&#{point};", f"&#x{point:x};", f"&#X{point:X}", f"&#{point}z"):
                documents.append(f'<title>a{text}b</title><a href="a{text}b" name=\'{text}\'>')
        documents += ["<a href='&#;'>", "<a href='&#x;'>", "<title>&#</title>", "<a href=&#x>"]
        self.assert_same(documents, "numeric reference")

    def test_random_tag_soup(self):
        pieces = [
            '<a href="/x">', "<a href=/y/>", '<A HREF="Z" name=n1>', "</a>", '<img src="i.png" alt="">', "<img src=j alt>",
            "<IMG SRC='k'>", '<link rel="stylesheet" href="/c.css">', "<LINK REL=alternate HREF=/f.xml>",
            '<video src=v poster="p">', '<p id="p1">', "<p id=p2 id=p3>", '<div id="">', "<!-- c -->", "<!--", "-->",
            "<!-->", "<!--->", "<!DOCTYPE html>", "<!x>", "<?pi x?>", "<script>", "</script>", '<script src="s.js">',
            "<style>", "</style>", "</STYLE >", "<title>", "</title>", "</Title >", "\n", "\r\n", " ", "\t", "text",
            "&amp;", "&lt;", "&eacute;", "&foo;", "&amp", "&#65;", "&#x42;", "&#0;", "&#xD800;", "&#;", "&#9", '"', "'",
            "=", "<", ">", "/", "</", "< p>", "<p", '<a href="a&amp;b&#x43;&bogus;&nbsp;">', "<a href='q\"q'>",
            '<a href = "sp" >', '<a href="multi\nline">', '<a\nhref="nl"\n>', '<iframe src="f">', '<object data="o">',
            "<source src=s>", "<track src=t>", "<embed src=e>", "<audio src=au>", "<area href=ar>", '<x-y id="xy">',
            '<a @click="z" href="w">', '<a / href="slash">', "<br/>", '<img src="v"/>', '<a href="x" href="y">',
            "<a id=i1 name=n2>", "<svg><title>svg t</title></svg>", '<h2 id="概要">', "<p>日本語</p>",
            '<a href="&#x65e5;">', "&nbsp;", '<a href="unterminated', '<p title="a>b" id=t>', "<_x id=u>", "<a:b id=ns>",
            "<a href=>", "<a href='' id = 'sp ace'>", "<td><table><tr>", "<li><ul>", "</p></div></body></html>",
            "<html>", "<body>", "<textarea><a href=in-textarea></textarea>",
        ]
        rng = random.Random(20261205)
        documents = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(6000)]
        kept = [d for d in documents if not differs_on_purpose(d)]
        self.assertGreater(len(kept), 4000)
        self.assert_same(kept, "tag soup")


if __name__ == "__main__":
    unittest.main()
