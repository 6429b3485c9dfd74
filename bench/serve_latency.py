#!/usr/bin/env python3
"""How long an editor waits in `portal serve`: from saving a page to the new text being served.

    serve_latency.py --portal build/portal --root CORPUS/portal-plain [--edits 5] [--kind body|title|date]

Starts `portal serve` on a corpus of bench/corpus.py (port chosen by the
system, 127.0.0.1 only), waits for the first build, then edits one case
study `--edits` times (`body`: a new sentence in its first paragraph each
time; `title`: new words at the end of its front matter title, which its
lists, neighbours and translation also show; `date`: its date a day later
each time, which can move it in its lists, so serve builds in full, with a
new sentence to wait for) and polls the page every 10 ms
until the new text is served. Also reads the
server's own line for each rebuild ("hot rebuild: ... in N ms" or "built
... in N ms"): the rebuild alone, without the save-to-notice delay and the
polling. Prints each delay and the median; the page is restored at the end.
Used by run.py; not a test.
"""
import argparse
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def served_text(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def rebuild_line(server):
    """The server's next summary line of a rebuild: (seconds, hot or not)."""
    while True:
        line = server.stdout.readline()
        if not line:
            sys.exit("portal serve stopped while rebuilding")
        if line.startswith(("hot rebuild:", "built ")) and " ms" in line:
            return int(line.split(" in ")[1].split(" ms")[0]) / 1000, line.startswith("hot")


def edited(text, kind, edit):
    """The page's text after edit number `edit`, and the text to wait for."""
    if kind == "title":
        marker = f"改訂{edit}"
        start = text.index('\ntitle = "') + len('\ntitle = "')
        end = text.index('"', start)
        return text[:end] + " " + marker + text[end:], marker
    if kind == "date":
        start = text.index("\ndate = ") + len("\ndate = ")
        year, month, day = (int(part) for part in text[start:start + 10].split("-"))
        day = (day + edit) % 28 + 1  # a valid day of any month, another one each edit
        text = f"{text[:start]}{year:04d}-{month:02d}-{day:02d}{text[start + 10:]}"
    marker = f"編集{edit}回目の文です。"
    body = text.index("+++", 3) + 3
    paragraph_end = text.index("\n\n", text.index("\n\n", body) + 2)
    return text[:paragraph_end] + marker + text[paragraph_end:], marker


def measure(portal, root, edits, kind="body"):
    """Returns the delays (seconds) from saving an edit to the edited page
    being served, and the rebuilds as the server timed them: (seconds, hot)."""
    cases = sorted((root / "content" / "cases").glob("*.ja.md"))
    page = cases[len(cases) // 2]
    url_path = f"/cases/{page.name[:-len('.ja.md')]}/"
    original = page.read_bytes()
    server = subprocess.Popen([str(portal), "serve", "--root", str(root), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    delays, rebuilds = [], []
    try:
        line = ""
        while "serving http://" not in line:
            line = server.stdout.readline()
            if not line and server.poll() is not None:
                sys.exit("portal serve exited before serving")
        base = line.split("serving ")[1].split()[0].rstrip("/")
        text = original.decode("utf-8")
        for edit in range(edits):
            new_text, marker = edited(text, kind, edit)
            page.write_bytes(new_text.encode("utf-8"))
            saved = time.monotonic()
            while marker not in served_text(base + url_path):
                if time.monotonic() - saved > 120:
                    sys.exit(f"edit {edit} not served within 120 s")
                time.sleep(0.01)
            delays.append(time.monotonic() - saved)
            rebuilds.append(rebuild_line(server))
            time.sleep(0.5)  # let the server settle (spare tree) before the next edit
    finally:
        page.write_bytes(original)
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return delays, rebuilds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portal", type=Path, required=True)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--kind", choices=("body", "title", "date"), default="body")
    args = parser.parse_args()
    delays, rebuilds = measure(args.portal.resolve(), args.root.resolve(), args.edits, args.kind)
    print("edit to served:", " ".join(f"{d:.2f}" for d in delays), f"median {statistics.median(delays):.2f} s")
    print("rebuild:", " ".join(f"{s:.3f}{'' if hot else ' (full)'}" for s, hot in rebuilds),
          f"median {statistics.median(s for s, _ in rebuilds):.3f} s")


if __name__ == "__main__":
    main()
