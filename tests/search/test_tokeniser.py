"""The search normaliser and tokeniser exist twice: in the generator (C++,
libutf8proc) and in the theme's search.js (the browser's NFKC). A query only
finds a page if both cut text the same way, so both run on the shared vectors
(tests/search/vectors.json) and on every code point utf8proc knows."""
import json
import os
import shutil
import subprocess
import unittest
from pathlib import Path

BUILD_DIR = Path(os.environ.get("PORTAL_BUILD_DIR", "build")).resolve()
SOURCE_DIR = Path(os.environ.get("PORTAL_SOURCE_DIR", ".")).resolve()
TOOL = BUILD_DIR / "tests" / "search_tokenise"
NODE_DRIVER = SOURCE_DIR / "tests" / "search" / "tokenise.mjs"
VECTORS = json.loads((SOURCE_DIR / "tests" / "search" / "vectors.json").read_text(encoding="utf-8"))["vectors"]


def run(command, data):
    done = subprocess.run(command, input=data, capture_output=True, text=True, encoding="utf-8", timeout=300)
    if done.returncode != 0:
        raise AssertionError(f"{command} failed: {done.stderr}")
    return done.stdout


def cpp(inputs, mode=None):
    return json.loads(run([str(TOOL)] + ([mode] if mode else []), json.dumps(inputs)))


def javascript(inputs, mode=None):
    node = shutil.which("node") or shutil.which("nodejs")
    if not node:
        raise AssertionError("node is missing: install Debian's nodejs (make test-deps)")
    return json.loads(run([node, str(NODE_DRIVER)] + ([mode] if mode else []), json.dumps(inputs)))


class SharedVectors(unittest.TestCase):
    def check(self, implementation):
        inputs = [v["input"] for v in VECTORS]
        for vector, result in zip(VECTORS, implementation(inputs)):
            with self.subTest(vector["name"]):
                self.assertEqual(result["normalised"], vector["normalised"])
                self.assertEqual(result["tokens"], vector["tokens"])
        indexed = [v for v in VECTORS if "index_tokens" in v]
        self.assertTrue(indexed)
        for vector, result in zip(indexed, implementation([v["input"] for v in indexed], "--index")):
            with self.subTest("index: " + vector["name"]):
                self.assertEqual(result["tokens"], vector["index_tokens"])

    def test_cpp_tokeniser_matches_vectors(self):
        self.check(cpp)

    def test_javascript_tokeniser_matches_vectors(self):
        self.check(javascript)


class QueryTokens(unittest.TestCase):
    def test_queries_look_up_every_bigram_of_short_runs_and_covering_bigrams_of_long_ones(self):
        vectors = [v for v in VECTORS if "query_tokens" in v]
        self.assertTrue(vectors)
        for vector, tokens in zip(vectors, javascript([v["input"] for v in vectors], "--query")):
            with self.subTest(vector["name"]):
                self.assertEqual(tokens, vector["query_tokens"])
                # Every query token is a token of the text: the index has it.
                self.assertTrue(set(tokens) <= set(vector["tokens"]))


class EveryCodePoint(unittest.TestCase):
    def test_both_normalise_and_tokenise_every_code_point_alike(self):
        # Code points a newer Unicode (the browser's) assigned but utf8proc's
        # does not know are left out: no page can hold them meaningfully.
        expected = [json.loads(line) for line in run([str(TOOL), "--code-points"], "").split("\n") if line]
        self.assertGreater(len(expected), 250000)
        actual = [json.loads(line) for line in
                  run([shutil.which("node") or "node", str(NODE_DRIVER), "--code-points"],
                      json.dumps([e[0] for e in expected])).split("\n") if line]
        different = [f"U+{e[0]:04X}: C++ {e[1:]!r}, JavaScript {a[1:]!r}" for e, a in zip(expected, actual) if e != a]
        self.assertEqual(len(actual), len(expected))
        self.assertEqual(different[:20], [], f"{len(different)} code points differ")


if __name__ == "__main__":
    unittest.main()
