"""Writes the seed corpora that come from the tests' inputs (docs/fuzzing.md):

    python3 fuzz/seeds.py OUT_DIR     → OUT_DIR/<target>/<n>

  template          every template of tests/template/jinja_cases.py (main, NUL, the others)
  date_filters      every date of tests/unit/core/dates_test.cpp with every date format of
                    the theme's templates and each language ("<date>\\n<arg>\\n<year>")
  search_tokeniser  the inputs of tests/search/vectors.json

Content files, the theme's templates and docs/shortcodes.md are read where they are
(fuzz/CMakeLists.txt lists them), so they are not copied.
"""
import hashlib
import json
import re
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent


def write(folder, data):
    folder.mkdir(parents=True, exist_ok=True)
    data = data.encode("utf-8") if isinstance(data, str) else data
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def template_seeds(out):
    sys.path.insert(0, str(SOURCE / "tests" / "template"))
    import jinja_cases  # noqa: E402  (tests' own module)
    for case in jinja_cases.CASES + jinja_cases.ERROR_CASES:
        templates = dict(case["templates"])
        main = templates.pop("main")
        others = list(templates.values())[:2]
        write(out / "template", "\0".join([main, *others]))


def date_seeds(out):
    dates = sorted(set(re.findall(r'"(\d{4}-\d\d-\d\d(?:T[\d:]+(?:Z|[+-]\d\d:\d\d)?)?)"',
                                  (SOURCE / "tests" / "unit" / "core" / "dates_test.cpp").read_text())))
    formats = set()
    for template in (SOURCE / "themes" / "default" / "templates").rglob("*.html"):
        formats.update(re.findall(r"""date\(["']([^"']*)["']\)""", template.read_text(encoding="utf-8")))
    args = sorted(formats) + ["ja", "en", "%Y年%m月%d日 %a %H:%M:%S %%"]
    for i, date in enumerate(dates):
        for arg in args:
            write(out / "date_filters", f"{date}\n{arg}\n{1989 + i}")


def search_seeds(out):
    for vector in json.loads((SOURCE / "tests" / "search" / "vectors.json").read_text(encoding="utf-8"))["vectors"]:
        write(out / "search_tokeniser", vector["input"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: seeds.py OUT_DIR")
    out = Path(sys.argv[1])
    template_seeds(out)
    date_seeds(out)
    search_seeds(out)
    for target in sorted(p.name for p in out.iterdir()):
        print(f"{target}: {sum(1 for _ in (out / target).iterdir())} seeds")
