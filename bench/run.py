#!/usr/bin/env python3
"""`make bench`: portal against Hugo on the corpus of bench/corpus.py.

    run.py --portal build/portal --floor build/bench_floor [--sizes 1000 10000] [--runs 3 [1]]
           [--work build/bench] [--results bench/RESULTS.md]

For each size: writes the corpus, then runs every build `--runs` times (one
count for all sizes, or one per size: `--runs 3 1`),
taking turns (Hugo, portal, Hugo, portal, ...) so that a slow moment of the
machine falls on both, each into a fresh (cold) output folder, and reports
the median wall time, CPU time (user + sys) and peak RSS of each, measured by
wait4()'s rusage of the child. Prints a Markdown report and writes it to
--results."""
import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import serve_latency

HERE = Path(__file__).resolve().parent


def measure(command, cwd=None):
    """Runs `command`; returns (wall seconds, CPU seconds, peak RSS in MiB, user CPU seconds).
    User CPU is the tool's own work; CPU adds the kernel's (system) time, which
    in a cold build is mostly the file system creating files and folders.
    Dirty pages of earlier runs are written out first (os.sync, untimed): a
    cold build leaves ~0.5 GB to write back, and the kernel doing that in the
    next run's time took CPU from it (here 0.5-2 s of system time, whichever
    tool ran next)."""
    os.sync()
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(map(str, command))}\n{stderr.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, usage.ru_utime


def set_aside(folder, trash):
    """Takes `folder` out of the way of the next timed build by moving it into
    `trash`, emptied only when every measurement is done. Deleting it instead
    would charge the next build for it: on ext4 without a journal (this
    machine's) a new file or folder skips every inode freed in the last
    60-360 s (fs/ext4/ialloc.c, recently_deleted), and after removing a
    previous output of ~60,000 inodes that made a cold build spend 5-14 s more
    in the kernel, by how recently the delete ran. bench/README.md says more."""
    if folder.exists():
        trash.mkdir(parents=True, exist_ok=True)
        folder.rename(trash / f"{len(list(trash.iterdir()))}")


def edit_and_rebuild(portal, root, out, page, trash):
    """Builds `root` with the cache (twice, from nothing: then both the live
    and the spare tree are known, as when an editor keeps rebuilding), appends
    a sentence to the first paragraph of `page`, and measures the rebuild;
    the page is restored afterwards."""
    for folder in (out, out.parent / f".{out.name}.spare", root / ".portal-cache"):
        set_aside(folder, trash)
    for _ in range(2):
        measure([portal, "build", "--root", root, "--out", out])
    original = page.read_bytes()
    text = original.decode("utf-8")
    body = text.index("+++", 3) + 3
    paragraph_end = text.index("\n\n", text.index("\n\n", body) + 2)
    page.write_bytes((text[:paragraph_end] + " 編集しました。" + text[paragraph_end:]).encode("utf-8"))
    try:
        result = measure([portal, "build", "--root", root, "--out", out])
    finally:
        page.write_bytes(original)
    print(f"  one page edited ({page.name}): {result[0]:.2f} s wall {result[1]:.2f} s CPU", file=sys.stderr)
    return result


def edit_and_rebuild_with_daemon(portal, root, out, page, trash, edits=5):
    """As edit_and_rebuild, with `portal build --daemon` (docs/daemon.md): two
    builds from nothing (the first starts the daemon), then `edits` different
    edits of `page`, each measured as the client's wall time (what the editor
    waits on: start the client, the daemon's build, the reply printed). Returns
    the samples and the daemon's peak RSS in MiB; the daemon is stopped after."""
    for folder in (out, out.parent / f".{out.name}.spare", root / ".portal-cache"):
        set_aside(folder, trash)
    command = [portal, "build", "--daemon", "--root", root, "--out", out]
    samples, peak_rss = [], 0.0
    try:
        for _ in range(2):
            measure(command)
        original = page.read_bytes()
        text = original.decode("utf-8")
        body = text.index("+++", 3) + 3
        paragraph_end = text.index("\n\n", text.index("\n\n", body) + 2)
        try:
            for edit in range(edits):
                added = " 編集しました。" * (edit + 1)
                page.write_bytes((text[:paragraph_end] + added + text[paragraph_end:]).encode("utf-8"))
                samples.append(measure(command))
        finally:
            page.write_bytes(original)
        log = (root / ".portal-cache" / "daemon.log").read_text(encoding="utf-8").splitlines()[0]
        pid = int(log.split("(pid ")[1].rstrip(")"))
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        peak_rss = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    finally:
        subprocess.run([portal, "daemon", "stop", "--root", root], stdout=subprocess.DEVNULL, check=False)
    print(f"  one page edited, --daemon: {' '.join(f'{s[0]:.3f}' for s in samples)} s wall; "
          f"daemon peak RSS {peak_rss:.0f} MiB", file=sys.stderr)
    return samples, peak_rss


def machine():
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    return (f"{os.cpu_count()} cores ({model}), {mem_kib / 1024 / 1024:.1f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Hugo {hugo}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--portal", type=Path, required=True)
    parser.add_argument("--floor", type=Path, required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, nargs="+", default=[3])
    parser.add_argument("--work", type=Path, default=Path("build/bench"))
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    args.load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    portal, floor = args.portal.resolve(), args.floor.resolve()
    work = args.work.resolve()
    trash = work / "trash"  # what set_aside moved away; emptied at the end
    shutil.rmtree(trash, ignore_errors=True)  # left by an interrupted run

    rows = []  # (size, name, wall, cpu, rss, user)
    args.serve_delays = {}  # size -> seconds from saving an edit to the page being served
    args.serve_rebuilds = {}  # size -> (seconds, hot) of each of those rebuilds, as portal serve timed them
    args.serve_title_rebuilds = {}  # size -> the same for edits of a page's title
    args.serve_date_rebuilds = {}  # size -> the same for edits of a page's date (full rebuilds)
    args.daemon_edits = {}  # size -> (samples of `portal build --daemon` after an edit, the daemon's peak RSS in MiB)
    if len(args.runs) not in (1, len(args.sizes)):
        parser.error("--runs: one count, or one per size")
    args.runs_by_size = dict(zip(args.sizes, args.runs * len(args.sizes) if len(args.runs) == 1 else args.runs))
    for size in args.sizes:
        runs = args.runs_by_size[size]
        corpus = work / f"n{size}"
        set_aside(corpus, trash)  # corpus.py would delete it: ~100,000 inodes just before the timed builds
        subprocess.run([sys.executable, HERE / "corpus.py", "--pages", str(size), "--out", corpus], check=True)
        out = work / f"out-{size}"

        def hugo(config):
            def run():
                set_aside(out, trash)
                return measure(["hugo", "--quiet", "--config", config, "--cacheDir", work / "hugo-cache",
                                "-d", out], cwd=corpus / "hugo")
            return run

        def ours(root):
            def run():
                # Cold: no output, no spare tree, no build cache (a first build ever).
                for folder in (out, out.parent / f".{out.name}.spare", corpus / root / ".portal-cache"):
                    set_aside(folder, trash)
                return measure([portal, "build", "--root", corpus / root, "--out", out])
            return run

        def floor_writing(content):
            def run():
                floor_out = work / f"floor-out-{size}"
                set_aside(floor_out, trash)
                return measure([floor, content, floor_out])
            return run

        builds = [
            ("hugo", hugo("hugo.toml")),
            ("portal", ours("portal-plain")),
            ("hugo related", hugo("hugo.toml,hugo-related.toml")),
            ("portal related", ours("portal-related")),
            ("portal default theme", ours("portal-default")),
            ("floor (cmark-gfm)", lambda: measure([floor, corpus / "content"])),
            ("floor + writing each page", floor_writing(corpus / "content")),
        ]
        samples = {name: [] for name, _ in builds}
        for run in range(runs):
            for name, build in builds:
                samples[name].append(build())
                wall, cpu, rss, user = samples[name][-1]
                print(f"N={size} run {run + 1}: {name:22} {wall:7.2f} s wall {cpu:7.2f} s CPU ({user:.2f} user) "
                      f"{rss:7.0f} MiB",
                      file=sys.stderr)
        # Incremental: one page's body edited after a build with the cache.
        cases = sorted((corpus / "portal-plain" / "content" / "cases").glob("*.ja.md"))
        edited = cases[len(cases) // 3]
        out_incremental = work / f"out-{size}-incremental"
        samples["portal, one page edited"] = [edit_and_rebuild(portal, corpus / "portal-plain", out_incremental, edited, trash)
                                              for _ in range(runs)]
        builds.append(("portal, one page edited", None))
        args.daemon_edits[size] = edit_and_rebuild_with_daemon(portal, corpus / "portal-plain", out_incremental,
                                                                edited, trash)
        for folder in (out_incremental, work / f".out-{size}-incremental.spare"):
            set_aside(folder, trash)
        # portal serve on the same corpus: save an edit, wait for the page to show it.
        args.serve_delays[size], args.serve_rebuilds[size] = serve_latency.measure(portal, corpus / "portal-plain", edits=5)
        print(f"  serve, edit to served: {' '.join(f'{d:.2f}' for d in args.serve_delays[size])} s; "
              f"rebuild: {' '.join(f'{s:.3f}' for s, _ in args.serve_rebuilds[size])} s", file=sys.stderr)
        # A front matter edit: the page's title, shown by its lists, neighbours and translation too.
        args.serve_title_rebuilds[size] = serve_latency.measure(portal, corpus / "portal-plain", edits=5, kind="title")[1]
        print(f"  serve, title edit rebuild: {' '.join(f'{s:.3f}' for s, _ in args.serve_title_rebuilds[size])} s",
              file=sys.stderr)
        # A date edit: the model changes (the page may move in its lists), so serve builds in full.
        args.serve_date_rebuilds[size] = serve_latency.measure(portal, corpus / "portal-plain", edits=3, kind="date")[1]
        print(f"  serve, date edit rebuild: {' '.join(f'{s:.3f}' for s, _ in args.serve_date_rebuilds[size])} s",
              file=sys.stderr)
        for name, _ in builds:
            measured = samples[name]
            rows.append((size, name, *(statistics.median(r[i] for r in measured) for i in range(4))))
        set_aside(out, trash)

    shutil.rmtree(trash, ignore_errors=True)
    report = render(rows, args)
    print(report)
    args.results.write_text(report, encoding="utf-8")
    return 0


def render(rows, args):
    by = {(size, name): (wall, cpu, rss, user) for size, name, wall, cpu, rss, user in rows}
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/run.py) on {datetime.date.today().isoformat()}. Machine: {machine()}.",
        "Median of " + ", ".join(f"{runs} at N = {size:,}" for size, runs in args.runs_by_size.items()) +
        " cold builds each, runs alternating between the tools. "
        "N pages per language (N Japanese + N English), see bench/README.md.",
        "",
        f"Load average of the machine (1, 5, 15 min) at the start: {args.load_before}; at the end: "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (it has {os.cpu_count()} cores). "
        "When it is above the core count other work shares the machine: wall times then stretch by "
        "however much CPU the other jobs take at that moment, so compare the CPU columns, which count "
        "only each build's own work; wall ratios are only as good as the load was even.",
        "",
        "| N | build | wall s | CPU s | of which user s | peak RSS MiB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {size:,} | {name} | {wall:.2f} | {cpu:.2f} | {user:.2f} | {rss:.0f} |"
              for size, name, wall, cpu, rss, user in rows]
    lines += ["", "| N | ratio | value | target |", "|---:|---|---:|---|"]
    for size in sorted({r[0] for r in rows}):
        hugo, ours = by[(size, "hugo")], by[(size, "portal")]
        hugo_rel, ours_rel = by[(size, "hugo related")], by[(size, "portal related")]
        floor = by[(size, "floor (cmark-gfm)")]
        floor_writing = by.get((size, "floor + writing each page"))
        lines += [
            f"| {size:,} | Hugo wall / portal wall | {hugo[0] / ours[0]:.1f}× | ≥ 5× |",
            f"| {size:,} | Hugo CPU / portal CPU | {hugo[1] / ours[1]:.1f}× | |",
            f"| {size:,} | Hugo user CPU / portal user CPU | {hugo[3] / ours[3]:.1f}× | |",
            f"| {size:,} | portal RSS / Hugo RSS | {ours[2] / hugo[2]:.2f} | ≤ 0.25 |",
            f"| {size:,} | Hugo wall / portal wall, related pages | {hugo_rel[0] / ours_rel[0]:.1f}× | ≥ 15× |",
            f"| {size:,} | Hugo CPU / portal CPU, related pages | {hugo_rel[1] / ours_rel[1]:.1f}× | |",
            f"| {size:,} | Hugo user CPU / portal user CPU, related pages | {hugo_rel[3] / ours_rel[3]:.1f}× | |",
            f"| {size:,} | portal RSS / Hugo RSS, related pages | {ours_rel[2] / hugo_rel[2]:.2f} | |",
            f"| {size:,} | portal wall / floor wall | {ours[0] / floor[0]:.2f} | ≤ 2 |",
            f"| {size:,} | portal CPU / floor CPU | {ours[1] / floor[1]:.2f} | |",
            f"| {size:,} | portal user CPU / floor user CPU | {ours[3] / floor[3]:.2f} | |",
        ]
        if floor_writing:
            lines.append(f"| {size:,} | portal wall / wall of the floor writing each page | "
                         f"{ours[0] / floor_writing[0]:.2f} | |")
        if (size, "portal, one page edited") in by:
            edit = by[(size, "portal, one page edited")]
            lines.append(f"| {size:,} | one page edited: incremental rebuild wall (CPU) | {edit[0]:.2f} s ({edit[1]:.2f} s) | < 0.1 s |")
        if size in args.daemon_edits:
            daemon_samples, daemon_rss = args.daemon_edits[size]
            walls = [s[0] for s in daemon_samples]
            lines.append(f"| {size:,} | one page edited: `portal build --daemon`, client wall, median of {len(walls)} edits "
                         f"(slowest; the daemon's peak RSS) | {statistics.median(walls):.3f} s ({max(walls):.3f} s; "
                         f"{daemon_rss:.0f} MiB) | < 0.1 s |")
        if size in args.serve_delays:
            delays = args.serve_delays[size]
            lines.append(f"| {size:,} | portal serve: edit saved → new page served, median of {len(delays)} edits "
                         f"(first edit) | {statistics.median(delays):.2f} s ({delays[0]:.2f} s) | < 1 s |")
            rebuilds = args.serve_rebuilds[size]
            hot = sum(1 for _, was_hot in rebuilds if was_hot)
            lines.append(f"| {size:,} | portal serve: one page edited, rebuild as the server timed it, median of "
                         f"{len(rebuilds)} ({hot} hot) (first edit) | {statistics.median(s for s, _ in rebuilds):.3f} s "
                         f"({rebuilds[0][0]:.3f} s) | < 0.1 s |")
        if size in args.serve_title_rebuilds:
            rebuilds = args.serve_title_rebuilds[size]
            hot = sum(1 for _, was_hot in rebuilds if was_hot)
            lines.append(f"| {size:,} | portal serve: one page's title edited, rebuild as the server timed it, median of "
                         f"{len(rebuilds)} ({hot} hot) | {statistics.median(s for s, _ in rebuilds):.3f} s | |")
        if size in args.serve_date_rebuilds:
            rebuilds = args.serve_date_rebuilds[size]
            lines.append(f"| {size:,} | portal serve: one page's date edited (a full rebuild from the kept pages), "
                         f"median of {len(rebuilds)} | {statistics.median(s for s, _ in rebuilds):.3f} s | |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
