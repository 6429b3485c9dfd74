"""Measures what a search downloads (issue 5: "a typical query downloads
under 150 KB of index data on a 10,000-page corpus").

    python3 bench/search_download_size.py [--pages 10000] [--build-dir build] [--keep DIR]
    python3 bench/search_download_size.py --site SITE_DIR   # an already built site

Generates the synthetic corpus (bench/make_search_corpus.py, N pages per
language), builds it with the real `portal`, then replays typical queries as
search.js runs them (bench/search_download_size.mjs): index.json + the
shards of the query's tokens + the fragments of the first 10 results. Prints
one row per query, the index's total size, and exits 1 if a typical query
goes over the limit. Sizes are uncompressed; gzip sizes beside them.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMIT = 150 * 1024
TYPICAL = {
    "/search/": ["テレワーク", "ﾃﾚﾜｰｸ", "総務省", "県", "ICT 導入", "働き方改革", "導入事例", "セミナー 東京"],
    "/en/search/": ["telework", "ministry", "remote work", "seminar", "ICT"],
}
LONG = {"/search/": ["テレワーク導入の効果", "働き方改革 テレワーク 中小企業"],
        "/en/search/": ["telework days in central government"]}


def measure(site, path, queries):
    out = subprocess.run(["node", str(HERE / "search_download_size.mjs"), str(site), path, *queries],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line]


def folder_bytes(folder):
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10000, help="pages per language of the corpus")
    parser.add_argument("--build-dir", type=Path, default=HERE.parent / "build")
    parser.add_argument("--site", type=Path, help="measure this built site instead of a corpus")
    parser.add_argument("--keep", type=Path, help="generate the corpus here and keep it")
    args = parser.parse_args()

    site = args.site
    if site is None:
        root = args.keep or Path(tempfile.mkdtemp(prefix="search-corpus-"))
        subprocess.run([sys.executable, str(HERE / "make_search_corpus.py"), str(root), "--pages", str(args.pages)],
                       check=True)
        site = root / "site"
        subprocess.run([str(args.build_dir / "portal"), "build", "--root", str(root), "--out", str(site)], check=True)

    over = []
    for path in TYPICAL:
        index = site / path.strip("/")
        meta = json.loads((index / "index.json").read_text(encoding="utf-8"))
        shards = folder_bytes(index / "shards")
        print(f"{path}: {meta['pages']} pages, {meta['shards']} shards, shards {shards / 1e6:.1f} MB "
              f"(average {shards / meta['shards'] / 1024:.1f} KB), fragments {folder_bytes(index / 'pages') / 1e6:.1f} MB")
        for kind, queries in (("typical", TYPICAL[path]), ("long", LONG[path])):
            for row in measure(site, path, queries):
                print(f"  {kind:7} {row['query']:<24} {row['tokens']:2} tokens {row['results']:6} results "
                      f"{row['bytes'] / 1024:7.1f} KB ({row['gzip_bytes'] / 1024:5.1f} KB gzip)")
                if kind == "typical" and row["bytes"] > LIMIT:
                    over.append(row["query"])
    if over:
        print(f"over {LIMIT // 1024} KB: {', '.join(over)}")
        return 1
    print(f"every typical query downloads under {LIMIT // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
