#!/usr/bin/env python3
"""Writes the benchmark corpus: N Japanese + N English pages across the
portal's sections, as one `content/` tree that both `portal` and Hugo read
(both name translations `<slug>.<lang>.md` and take TOML front matter).

    corpus.py --pages N --out DIR [--seed S]

DIR gets:
  content/                the pages (and content/data/ copied from the portal)
  portal-plain/           our bench theme, no related pages
  portal-related/         our bench theme, related pages in every section
  portal-default/         the portal's own theme (related pages as it configures them)
  hugo/                   hugo.toml, hugo-related.toml and layouts/
The portal roots and hugo/ get hard links to content/ (portal refuses
symlinks), so the corpus is written once.

Deterministic: the same N and seed give byte-identical files (random.Random
with a fixed seed, no clock, no dict-order surprises)."""
import argparse
import os
import random
import re
import shutil
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent

# Share of the pages per section (sums to 1). Sections as in docs/content-model.md.
SECTIONS = [("measures", 0.30), ("cases", 0.30), ("seminars", 0.15), ("news", 0.20), ("meetings", 0.05)]
SECTION_TITLES = {
    "measures": ("施策", "Measures"),
    "cases": ("導入事例", "Case studies"),
    "seminars": ("セミナー", "Seminars"),
    "news": ("お知らせ", "News"),
    "meetings": ("連絡会議", "Council meetings"),
}
CATEGORIES = ["promotion", "award", "support", "subsidy", "guideline", "training", "strategy", "legislation"]


def data_keys(name):
    with open(SOURCE / "content" / "data" / f"{name}.toml", "rb") as f:
        table = tomllib.load(f)
    return {key: (entry["ja"], entry["en"]) for key, entry in table.items()}


MINISTRIES = data_keys("ministries")
PREFECTURES = data_keys("prefectures")
INDUSTRIES = data_keys("industries")
TOPICS = data_keys("topics")

JA_SUBJECTS = ["テレワークの導入", "サテライトオフィスの整備", "副業人材の活用", "情報セキュリティ対策", "労務管理の見直し",
               "育児・介護との両立支援", "業務のデジタル化", "地方への移住支援", "中小企業の相談対応", "ペーパーレス化"]
JA_VERBS = ["を進めました", "に取り組んでいます", "を支援します", "を実施しました", "の効果を検証しました", "を周知しています"]
JA_TAILS = ["その結果、通勤時間が大幅に短縮され、従業員の満足度が向上しました。",
            "関係府省と連携し、地域の商工会議所や金融機関を通じて情報を発信しています。",
            "導入に当たっては、就業規則の改定や機器の貸与など、段階的な準備が必要です。",
            "令和6年度の調査では、テレワークを導入している企業の割合は前年度から増加しました。",
            "専門家による無料の相談窓口を設け、導入前から定着まで一貫して支援します。",
            "アンケートでは、回答者の多くが生産性の向上を実感していると答えています。"]
EN_SUBJECTS = ["telework adoption", "satellite offices", "remote side jobs", "information security", "labour management",
               "work and family life", "digital workflows", "moving to the regions", "advice for small firms",
               "paperless offices"]
EN_VERBS = ["promoted", "supported", "reviewed", "expanded", "measured the effect of", "publicised"]
EN_TAILS = ["As a result, commuting time fell sharply and staff satisfaction rose.",
            "The ministries work with local chambers of commerce and banks to spread the word.",
            "Introducing it takes steps such as revising work rules and lending equipment.",
            "The FY2024 survey found that more companies offer telework than a year before.",
            "Free advice from experts is available from planning to everyday use.",
            "In a survey, most respondents said they felt more productive."]
JA_HEADINGS = ["概要", "取組の内容", "成果", "課題と今後の展開", "関係する施策", "利用方法", "背景"]
EN_HEADINGS = ["Overview", "What was done", "Results", "Challenges and next steps", "Related measures", "How to use it",
               "Background"]


class Writer:
    def __init__(self, pages, seed):
        self.rng = random.Random(seed)
        self.pages = pages
        self.slugs = []  # (section, slug), in order
        for section, share in SECTIONS:
            count = max(1, round(pages * share))
            self.slugs += [(section, f"{section[:-1] if section != 'news' else 'item'}-{i:05d}") for i in range(count)]
        del self.slugs[pages:]

    def pick(self, items, k=1):
        return self.rng.sample(sorted(items), k)

    def date(self):
        year = self.rng.randint(2015, 2025)
        return year, f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def front_matter(self, section, index):
        """Fields shared by both languages, then a function for the translated ones."""
        year, date = self.date()
        shared = [f"date = {date}", f"weight = {index + 1}"]
        topics = self.pick(TOPICS, self.rng.randint(1, 3))
        names = {}
        if section == "measures":
            ministry = self.pick(MINISTRIES)[0]
            shared += [f'ministry = "{ministry}"', f"fiscal_year = {year}",
                       f'category = "{self.rng.choice(CATEGORIES)}"', f"budget_yen = {self.rng.randint(1, 900) * 1000000}"]
        elif section == "cases":
            prefecture, industry = self.pick(PREFECTURES)[0], self.pick(INDUSTRIES)[0]
            shared += [f'prefecture = "{prefecture}"', f'industry = "{industry}"']
            names["organization"] = (f"株式会社{PREFECTURES[prefecture][0][:2]}テック{index}",
                                     f"{PREFECTURES[prefecture][1]} Tech {index} Co., Ltd.")
        elif section == "seminars":
            prefecture, organizer = self.pick(PREFECTURES)[0], self.pick(MINISTRIES)[0]
            hour = self.rng.randint(9, 16)
            shared += [f"start = {date}T{hour:02d}:00:00+09:00", f"end = {date}T{hour + 2:02d}:00:00+09:00",
                       f'prefecture = "{prefecture}"', f"online = {'true' if self.rng.random() < 0.5 else 'false'}",
                       f'organizer = "{organizer}"']
            names["venue"] = (f"{PREFECTURES[prefecture][0]}産業会館", f"{PREFECTURES[prefecture][1]} Industry Hall")
        elif section == "meetings":
            shared += [f"number = {index + 1}"]
        shared.append("topic = [" + ", ".join(f'"{t}"' for t in topics) + "]")
        return shared, names, section == "meetings"

    def links(self, lang, count):
        prefix = "" if lang == "ja" else "/en"
        return [f"{prefix}/{s}/{slug}/" for s, slug in (self.rng.choice(self.slugs) for _ in range(count))]

    def body(self, lang, title):
        rng = self.rng
        subjects, verbs, tails, headings = ((JA_SUBJECTS, JA_VERBS, JA_TAILS, JA_HEADINGS) if lang == "ja"
                                            else (EN_SUBJECTS, EN_VERBS, EN_TAILS, EN_HEADINGS))

        def sentence():
            if lang == "ja":
                return f"{rng.choice(subjects)}{rng.choice(verbs)}。{rng.choice(tails)}"
            return f"The project {rng.choice(verbs)} {rng.choice(subjects)}. {rng.choice(tails)}"

        def paragraph(n):
            return ("" if lang == "ja" else " ").join(sentence() for _ in range(n))

        links = self.links(lang, 3)
        see = "関連ページ" if lang == "ja" else "related page"
        out = [paragraph(4), ""]
        for h in rng.sample(headings, 4):
            out += [f"## {h}", "", paragraph(rng.randint(3, 6)), ""]
        out += [f"### {'主な取組' if lang == 'ja' else 'Main steps'}", ""]
        out += [f"- **{rng.choice(subjects)}**: {rng.choice(tails)}" for _ in range(rng.randint(4, 6))] + [""]
        out += ["| 年度 | 件数 | 割合 |" if lang == "ja" else "| Year | Count | Share |", "|---|---:|---:|"]
        out += [f"| {2015 + i} | {rng.randint(10, 9999):,} | {rng.randint(1, 999) / 10}% |" for i in range(rng.randint(4, 7))]
        out += ["", paragraph(3) + f" [{see} 1]({links[0]})、[{see} 2]({links[1]})。", ""]
        out += [f"1. {rng.choice(tails)}" for _ in range(3)]
        out += ["", f"{'出典' if lang == 'ja' else 'Source'}: [{title}]({links[2]})", ""]
        return "\n".join(out)

    def page(self, section, index, slug, lang, shared, names, meetings):
        n = index + 1
        if lang == "ja":
            title = f"{SECTION_TITLES[section][0]}：テレワーク推進の取組 第{n}号"
            summary = f"{SECTION_TITLES[section][0]}の{n}件目です。テレワークの普及に向けた取組と成果を紹介します。"
        else:
            title = f"{SECTION_TITLES[section][1]}: telework promotion, no. {n}"
            summary = f"Item {n} of {SECTION_TITLES[section][1].lower()}: what was done to spread telework and what came of it."
        lines = ["+++", f'title = "{title}"', f'summary = "{summary}"'] + shared
        for field, (ja, en) in names.items():
            lines.append(f'{field} = "{ja if lang == "ja" else en}"')
        if meetings:
            role = "議長" if lang == "ja" else "Chair"
            lines.append(f'attendees = [{{ ministry = "soumu", role = "{role}" }}]')
            lines.append(f'documents = [{{ title = "{title}" }}]')
        lines.append("+++")
        return "\n".join(lines) + "\n\n" + self.body(lang, title)

    def write(self, content):
        for section, _ in SECTIONS:
            folder = content / section
            folder.mkdir(parents=True, exist_ok=True)
            for lang, title in zip(("ja", "en"), SECTION_TITLES[section]):
                (folder / f"_index.{lang}.md").write_text(
                    f'+++\ntitle = "{title}"\ndate = 2025-06-20\nsummary = "{title}"\n+++\n\n{title}\n', encoding="utf-8")
        for lang, title in (("ja", "ベンチマーク"), ("en", "Benchmark")):
            (content / f"_index.{lang}.md").write_text(
                f'+++\ntitle = "{title}"\ndate = 2025-06-20\nsummary = "{title}"\n+++\n\n{title}\n', encoding="utf-8")
        counts = {}
        for section, slug in self.slugs:
            index = counts.get(section, 0)
            counts[section] = index + 1
            shared, names, meetings = self.front_matter(section, index)
            for lang in ("ja", "en"):
                (content / section / f"{slug}.{lang}.md").write_text(
                    self.page(section, index, slug, lang, shared, names, meetings), encoding="utf-8")
        shutil.copytree(SOURCE / "content" / "data", content / "data")


def portal_config(theme, related_sections):
    """config.toml: the portal's languages and taxonomies, `theme`, and
    `related_sections` (None: keep the portal's own [related] settings)."""
    text = (SOURCE / "config.toml").read_text(encoding="utf-8").replace('theme = "default"', f'theme = "{theme}"')
    # Menu items that lead to the corpus's sections stay; the portal's others
    # (statistics, about, ...) would be broken links here.
    sections = tuple(f"{prefix}/{s}/" for s, _ in SECTIONS for prefix in ("", "/en"))

    def keep_item(match):
        return match.group(0) if match.group(1).startswith(sections) else ""
    text = re.sub(r'\[\[languages\.\w+\.menus\.\w+\]\]\n(?:(?!\[)[^\n]*\n)*?url = "([^"]*)"\n(?:(?!\[)[^\n]*\n)*',
                  keep_item, text)
    if related_sections is not None:
        text += "\n[related]\nsections = [" + ", ".join(f'"{s}"' for s in related_sections) + "]\n"
    return text


def link_tree(source, target):
    shutil.copytree(source, target, copy_function=os.link)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, required=True, help="pages per language")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    content = args.out / "content"
    Writer(args.pages, args.seed).write(content)

    all_sections = [s for s, _ in SECTIONS]
    for name, theme, related in (("portal-plain", "bench", []), ("portal-related", "bench", all_sections),
                                 ("portal-default", "default", None)):
        root = args.out / name
        link_tree(content, root / "content")
        (root / "config.toml").write_text(portal_config(theme, related), encoding="utf-8")
        shutil.copytree(HERE / "theme" if theme == "bench" else SOURCE / "themes" / "default", root / "themes" / theme)

    hugo = args.out / "hugo"
    link_tree(content, hugo / "content")
    shutil.rmtree(hugo / "content" / "data")  # Hugo would take it for a section
    # Hugo takes only text taxonomy values; the portal wants fiscal years as integers.
    for path in sorted((hugo / "content" / "measures").glob("*.md")):
        text = re.sub(r"^fiscal_year = (\d+)$", r'fiscal_year = "\1"', path.read_text(encoding="utf-8"), flags=re.M)
        path.unlink()  # a hard link: write a copy of Hugo's own
        path.write_text(text, encoding="utf-8")
    shutil.copytree(HERE / "hugo" / "layouts", hugo / "layouts")
    for name in ("hugo.toml", "hugo-related.toml"):
        shutil.copy(HERE / "hugo" / name, hugo / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
