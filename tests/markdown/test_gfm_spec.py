#!/usr/bin/env python3
"""Every example of the GFM spec, extension and regression suites, rendered by
our Markdown stage and by the Debian cmark-gfm CLI (the oracle), must give the
same HTML byte for byte, apart from the `id` we add to headings.

Checked for raw HTML off (the default) and on (`--unsafe`):
  * with ids: strip exactly the ids we report in the toc from `<hN id="...">`,
    then the HTML must equal the CLI's; and the ids in the HTML must be the
    toc's, one per heading;
  * without ids (Options::heading_ids = false): equal to the CLI's as is.
Our renderer runs on several threads at once, so the comparison also checks
that parallel rendering changes nothing. And every link's reported position
must point at its syntax (`[`, `![`, `<` or a bare autolink's text).
"""
import concurrent.futures
import difflib
import os
import re
import sys
import time

import mdtest

SUITES = ["spec.txt", "extensions.txt", "regression.txt"]
FENCE = "`" * 32


def spec_dir():
    """The shared test data next to the repository, else the copy in tests/."""
    shared = mdtest.SOURCE_DIR.parent / "shared" / "testdata" / "gfm"
    if all((shared / name).exists() for name in SUITES):
        return shared
    return mdtest.HERE / "gfm"


def read_examples(path):
    """Examples as cmark-gfm's test/spec_tests.py reads them: lines split on
    LF only (a CR stays part of the example), `→` is a tab."""
    examples = []
    state, markdown, html, start = 0, [], [], 0
    with open(path, encoding="utf-8", newline="\n") as f:
        for number, line in enumerate(f, 1):
            stripped = line.strip()
            if stripped.startswith(FENCE + " example"):
                state, start = 1, number
            elif stripped == FENCE and state != 0:
                examples.append({
                    "where": f"{path.name}:{start}",
                    "markdown": "".join(markdown).replace("→", "\t"),
                })
                state, markdown, html = 0, [], []
            elif stripped == "." and state == 1:
                state = 2
            elif state == 1:
                markdown.append(line)
            elif state == 2:
                html.append(line)
    return examples


def strip_reported_ids(html, toc):
    """Removes ` id="<id>"` from the heading tags of `html`, exactly the ids
    the toc reports, in order. Returns (html, problems)."""
    problems, out, pos = [], [], 0
    for heading in toc:
        tag = f'<h{heading["level"]} id="{heading["id"]}">'
        at = html.find(tag, pos)
        if at < 0:
            problems.append(f"heading {heading} has no {tag} in the HTML")
            continue
        out.append(html[pos:at])
        out.append(f'<h{heading["level"]}>')
        pos = at + len(tag)
    out.append(html[pos:])
    return "".join(out), problems


def misplaced_links(markdown, links):
    """Links whose line:col is not where their syntax starts in `markdown`."""
    lines = re.split(r"\r\n|\r|\n", markdown)
    bad = []
    for link in links:
        line, col = link["line"], link["col"]
        at = lines[line - 1].encode()[col - 1:] if 0 < line <= len(lines) and col > 0 else b""
        if not (at[:1] in (b"[", b"<") or at[:2] == b"![" or
                (link["alt"] and at.startswith(link["alt"].encode()))):
            bad.append(f"link {link['url']!r} reported at {line}:{col}, where the source has {at[:20]!r}")
    return bad


def diff(expected, actual):
    return "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                          "cmark-gfm CLI", "portal markdown", lineterm=""))


def main():
    started = time.monotonic()
    folder = spec_dir()
    examples = [e for name in SUITES for e in read_examples(folder / name)]
    if len(examples) < 700:
        mdtest.fail(f"only {len(examples)} examples found in {folder}")
    sources = [e["markdown"] for e in examples]

    # The oracle: one CLI run per example and setting, many at once.
    jobs = [(i, unsafe) for unsafe in (False, True) for i in range(len(examples))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) * 4) as pool:
        outputs = list(pool.map(lambda job: mdtest.cli_render(sources[job[0]], job[1]), jobs))
    oracle = {job: out for job, out in zip(jobs, outputs)}

    failures = []
    compared = 0
    headings = 0
    links = 0
    for unsafe in (False, True):
        flags = ["--unsafe"] if unsafe else []
        with_ids = mdtest.render(sources, "--full", "--threads", "4", *flags)
        without_ids = mdtest.render(sources, "--no-ids", "--threads", "4", *flags)
        setting = "unsafe" if unsafe else "safe"
        for i, example in enumerate(examples):
            expected = oracle[(i, unsafe)]
            result = with_ids[i]
            label = f"{example['where']} ({setting})"
            compared += 1

            stripped, problems = strip_reported_ids(result["html"], result["toc"])
            emitted = re.findall(r'<h[1-6] id="([^"]*)">', result["html"])
            if [h["id"] for h in result["toc"]] != emitted and not problems:
                problems.append(f"ids in the HTML {emitted} are not the toc's")
            if any(not h["id"] for h in result["toc"]):
                problems.append("a heading has an empty id")
            headings += len(result["toc"])
            links += len(result["links"])
            problems += misplaced_links(example["markdown"], result["links"])
            if stripped != expected:
                problems.append("HTML differs from the CLI's (ids removed):\n" + diff(expected, stripped))
            if without_ids[i] != expected:
                problems.append("HTML with heading_ids=false differs from the CLI's:\n"
                                + diff(expected, without_ids[i]))
            if problems:
                failures.append(f"{label}\ninput: {example['markdown']!r}\n" + "\n".join(problems))

    elapsed = time.monotonic() - started
    print(f"GFM examples from {folder}: {len(examples)} examples x 2 settings = {compared} "
          f"compared with the cmark-gfm CLI ({headings} headings with ids, "
          f"{links} link positions checked), "
          f"{len(failures)} failed, {elapsed:.1f} s")
    if failures:
        for f in failures[:20]:
            print("\n" + f, file=sys.stderr)
        if len(failures) > 20:
            print(f"\n... and {len(failures) - 20} more", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
