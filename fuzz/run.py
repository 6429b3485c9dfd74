"""Runs every libFuzzer target of fuzz/ for a while, one after another (docs/fuzzing.md).

    python3 fuzz/run.py BUILD_DIR SECONDS [TARGET...]

BUILD_DIR is the `make fuzz` build (PORTAL_FUZZ=ON). Each target fuzzes its corpus
(BUILD_DIR/corpus/<target>, kept between runs) seeded with fuzz/regressions/<target>,
the tests' inputs (BUILD_DIR/seeds/<target>, from fuzz/seeds.py) and the project files
fuzz/CMakeLists.txt lists, with a dictionary when fuzz/dicts/<target>.dict exists.
A crash, hang (10 s per input), leak or sanitizer report stops that target and is saved
in BUILD_DIR/artifacts/<target>/; the run exits 1 then. A line per target (executions,
exec/s, coverage) is printed and appended to BUILD_DIR/fuzz-stats.tsv.
"""
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: run.py BUILD_DIR SECONDS [TARGET...]")
    build = Path(sys.argv[1]).resolve()
    seconds = int(sys.argv[2])
    seeds = {}
    for line in (build / "fuzz-seeds.txt").read_text().splitlines():
        name, *folders = line.split()
        seeds[name] = folders
    targets = sys.argv[3:] or list(seeds)
    failed = []
    for target in targets:
        corpus = build / "corpus" / target
        artifacts = build / "artifacts" / target
        corpus.mkdir(parents=True, exist_ok=True)
        artifacts.mkdir(parents=True, exist_ok=True)
        inputs = [str(p) for p in (HERE / "regressions" / target, build / "seeds" / target) if p.exists()]
        inputs += seeds[target]
        command = [str(build / "fuzz" / f"fuzz_{target}"), f"-max_total_time={seconds}", "-timeout=30",
                   "-rss_limit_mb=2048", "-max_len=65536", "-print_final_stats=1",
                   f"-artifact_prefix={artifacts}/", str(corpus), *inputs]
        if (HERE / "dicts" / f"{target}.dict").exists():
            command.insert(1, f"-dict={HERE / 'dicts' / f'{target}.dict'}")
        started = time.time()
        log_path = build / f"fuzz-{target}.log"
        with open(log_path, "w") as log:
            result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT)
        log = log_path.read_text(errors="replace")
        runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
        speed = re.findall(r"stat::average_exec_per_sec:\s*(\d+)", log)
        cov = re.findall(r"\bcov: (\d+) ft: (\d+) corp: (\d+)", log)
        line = (f"{target}\t{int(time.time() - started)}s\t{runs[-1] if runs else '?'} execs\t"
                f"{speed[-1] if speed else '?'} exec/s\tcov {cov[-1][0] if cov else '?'}\tft {cov[-1][1] if cov else '?'}\t"
                f"corpus {cov[-1][2] if cov else '?'}\texit {result.returncode}")
        print(line, flush=True)
        with open(build / "fuzz-stats.tsv", "a") as stats:
            stats.write(time.strftime("%Y-%m-%dT%H:%M:%S") + "\t" + line + "\n")
        if result.returncode != 0:
            failed.append(target)
            print(f"  {target} failed: see {log_path} and {artifacts}/", flush=True)
            print("\n".join("  " + l for l in log.splitlines() if "ERROR" in l or "SUMMARY" in l or "#0 " in l), flush=True)
    if failed:
        sys.exit(f"fuzz targets with findings: {' '.join(failed)} (add each input to fuzz/regressions/<target>/ once fixed)")


if __name__ == "__main__":
    main()
