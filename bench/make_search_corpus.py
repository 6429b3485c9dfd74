"""Writes a synthetic portal of N pages per language for measuring the search
index (bench/search_download_size.py): every page is made of paragraphs and
titles of the real portal's content, shuffled, plus a sentence naming a
made-up organisation so the vocabulary keeps growing with the corpus as a
real one does. Seeded: the same N gives the same corpus.

    python3 bench/make_search_corpus.py OUT_DIR [--pages 10000]
"""
import argparse
import random
import re
import shutil
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
SECTIONS = ["news", "measures", "cases", "pages"]
CONFIG = """base_url = "https://corpus.example/"
theme = "default"
default_language = "ja"
paginate_by = 50
[languages.ja]
title = "検索ベンチマーク"
[languages.en]
title = "Search benchmark"
"""
KANJI = "日本東京大阪地方市町村県庁企業会社組合協会財団研究所情報通信技術産業医療福祉教育農林水産交通建設金融商事電機製作"
SYLLABLES = ["ka", "shi", "to", "mi", "ra", "no", "ta", "ke", "yo", "ha", "ru", "sa", "ki", "mo", "na"]


def paragraphs_and_titles(lang):
    paragraphs, titles = [], []
    for path in sorted((SOURCE / "content").rglob(f"*.{lang}.md")):
        text = path.read_text(encoding="utf-8")
        parts = text.split("+++")
        if len(parts) < 3:
            continue
        title = re.search(r'^title = "(.*)"$', parts[1], re.M)
        if title:
            titles.append(title.group(1))
        for block in re.split(r"\n\s*\n", "+++".join(parts[2:])):
            block = block.strip()
            if block and not block.startswith(("|", "#", "{{", "<")):
                # Links would point at pages the corpus does not have: keep their text.
                paragraphs.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block))
    return paragraphs, titles


def organisation(rng, lang):
    if lang == "ja":
        return "".join(rng.choice(KANJI) for _ in range(rng.randint(3, 6))) + "株式会社"
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() + " Corporation"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=10000, help="pages per language")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    (args.out / "content").mkdir(parents=True)
    (args.out / "config.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(SOURCE / "themes" / "default", args.out / "themes" / "default")
    for lang in ("ja", "en"):
        rng = random.Random(f"search-corpus-{lang}")
        paragraphs, titles = paragraphs_and_titles(lang)
        for section in SECTIONS + ["search"]:
            folder = args.out / "content" / section
            folder.mkdir(exist_ok=True)
            (folder / f"_index.{lang}.md").write_text(f'+++\ntitle = "{section}"\n+++\n', encoding="utf-8")
        for i in range(args.pages):
            org = organisation(rng, lang)
            title = f"{rng.choice(titles)} {org}".replace('"', "'")
            body = rng.sample(paragraphs, rng.randint(4, 10))
            body.insert(rng.randrange(len(body) + 1),
                        f"{org}の事例です。" if lang == "ja" else f"This is the case of {org}.")
            page = f'+++\ntitle = "{title}"\ndate = 2025-01-01\n+++\n\n' + "\n\n".join(body) + "\n"
            path = args.out / "content" / SECTIONS[i % len(SECTIONS)] / f"p{i:05d}.{lang}.md"
            path.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
