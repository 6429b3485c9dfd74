#!/usr/bin/env python3
"""What the Markdown stage adds to cmark-gfm's HTML, checked through the
markdown_render tool: heading ids (Japanese, duplicates), the toc, links with
their source positions, the summary and the plain text."""
import sys

import mdtest

CASES = [
    {
        "name": "Japanese heading slugs keep the text and drop its punctuation",
        "markdown": "# テレワーク導入の手引き（令和7年度版）\n\n## 「働き方改革」とは？\n\n## 総務省　施策\n",
        "toc": [(1, "テレワーク導入の手引き令和7年度版", "テレワーク導入の手引き（令和7年度版）"),
                (2, "働き方改革とは", "「働き方改革」とは？"),
                (2, "総務省-施策", "総務省　施策")],
        "html_has": ['<h1 id="テレワーク導入の手引き令和7年度版">テレワーク導入の手引き（令和7年度版）</h1>'],
    },
    {
        "name": "duplicate headings get -1, -2; empty ones are sections",
        "markdown": "## 概要\n\n## 概要\n\n## Overview\n\n## overview\n\n## Overview-1\n\n##\n\n## ???\n",
        "toc": [(2, "概要", "概要"), (2, "概要-1", "概要"), (2, "overview", "Overview"),
                (2, "overview-1", "overview"), (2, "overview-1-1", "Overview-1"),
                (2, "section", ""), (2, "section-1", "???")],
    },
    {
        "name": "toc text is plain text; ids follow markup-free text",
        "markdown": "# **Bold** and `code` with [a link](/x)\n\nSetext *one*\n===\n",
        "toc": [(1, "bold-and-code-with-a-link", "Bold and code with a link"),
                (1, "setext-one", "Setext one")],
        "html_has": ['<h1 id="bold-and-code-with-a-link"><strong>Bold</strong> and <code>code</code>'],
    },
    {
        "name": "links and images with line and column, corrected where cmark is off",
        "markdown": ("# Links [home](/)\n"
                     "\n"
                     "Text ![図](/img/a.png) and [ref][r].\n"
                     "> quoted [q](/q)\n"
                     "lazy [l](/l)\n"
                     "\n"
                     "Bare https://www.soumu.go.jp/ and www.example.com and info@example.jp\n"
                     "\n"
                     "[r]: https://example.org/ref\n"),
        "links": [("/", 1, 9, False, "home"),
                  ("/img/a.png", 3, 6, True, "図"),
                  ("https://example.org/ref", 3, 29, False, "ref"),
                  ("/q", 4, 10, False, "q"),
                  ("/l", 5, 6, False, "l"),
                  ("https://www.soumu.go.jp/", 7, 6, False, "https://www.soumu.go.jp/"),
                  ("http://www.example.com", 7, 35, False, "www.example.com"),
                  ("mailto:info@example.jp", 7, 55, False, "info@example.jp")],
    },
    {
        "name": "summary: the blocks before <!-- more -->",
        "markdown": "# 導入事例\n\n山岸製作所の取り組み。\n\n<!-- more -->\n\n詳細。\n",
        "summary": '<h1 id="導入事例">導入事例</h1>\n<p>山岸製作所の取り組み。</p>\n',
    },
    {
        "name": "summary: otherwise the first paragraph",
        "markdown": "## はじめに\n\n最初の段落です。\n\n次の段落。\n",
        "summary": "<p>最初の段落です。</p>\n",
    },
    {
        "name": "plain text for search",
        "markdown": "# 見出し\n\n本文 *強調* と `code`。\n\n- 項目1\n- 項目2\n",
        "plain_text": "見出し\n本文 強調 と code。\n項目1\n項目2",
    },
]


def check(case, result):
    problems = []
    if "toc" in case:
        got = [(h["level"], h["id"], h["text"]) for h in result["toc"]]
        if got != case["toc"]:
            problems.append(f"toc: expected {case['toc']}\n      got      {got}")
    for fragment in case.get("html_has", []):
        if fragment not in result["html"]:
            problems.append(f"HTML lacks {fragment!r}:\n{result['html']}")
    if "links" in case:
        got = [(l["url"], l["line"], l["col"], l["is_image"], l["alt"]) for l in result["links"]]
        if got != case["links"]:
            problems.append("links:\n  expected " + "\n           ".join(map(str, case["links"]))
                            + "\n  got      " + "\n           ".join(map(str, got)))
        lines = case["markdown"].split("\n")
        for l in result["links"]:
            at = lines[l["line"] - 1].encode()[l["col"] - 1:] if l["line"] else b""
            if not (at.startswith(b"[") or at.startswith(b"![") or at.startswith(b"<")
                    or at.startswith(l["alt"].encode())):
                problems.append(f"link {l['url']} at {l['line']}:{l['col']} does not point at its syntax")
    if "summary" in case and result["summary_html"] != case["summary"]:
        problems.append(f"summary: expected {case['summary']!r}\n         got {result['summary_html']!r}")
    if "plain_text" in case and result["plain_text"] != case["plain_text"]:
        problems.append(f"plain_text: expected {case['plain_text']!r}\n            got {result['plain_text']!r}")
    return problems


def main():
    results = mdtest.render([c["markdown"] for c in CASES], "--full")
    failures = 0
    for case, result in zip(CASES, results):
        problems = check(case, result)
        if problems:
            failures += 1
            print(f"FAIL {case['name']}\n  " + "\n  ".join(problems), file=sys.stderr)
    print(f"{len(CASES)} rendering cases, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
