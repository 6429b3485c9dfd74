"""The hostile fixture of the XSS browser test: the real portal (config, theme, content,
data) with every payload of xss_payloads.py added, in both languages, wherever an editor
can write text or a URL: page titles, summaries, Markdown bodies (inline and block HTML,
headings, link and image text and destinations, reference definitions, autolinks, code,
tables, quotes, lists, footnotes), the free-text front matter the theme shows
(organization, award, outcomes, venue, meeting attendees and documents), a seminar's
registration URL, shortcode arguments (note, link, figure), data files (ministry,
prefecture, region, industry and topic names, a statistics dataset), and config.toml
(site titles, descriptions, menu names and URLs).

Run alone to look at it: `python3 tests/browser/xss_site.py DIR` writes the project.
"""
import json
import shutil
import sys
from pathlib import Path

from xss_payloads import MARKDOWN_URL_PAYLOADS, RAW_URL_PAYLOADS, TEXT_PAYLOADS, URL_PAYLOADS

LANGUAGES = ("ja", "en")


def toml_str(text):
    """A TOML basic string (JSON's escapes are TOML's, \\uXXXX included)."""
    return json.dumps(text)


def shortcode_arg(text):
    """A shortcode argument value: backslash escapes the next character."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def one_line(text):
    """Payloads inside one Markdown line (the line separators are kept elsewhere)."""
    return text.replace("\n", " ")


def markdown_body(n, payload, url, lang):
    """Every Markdown construct that carries text or a URL, with the payload in it."""
    p = one_line(payload)
    autolink = f"<{url}>" if " " not in url and "<" not in url and ">" not in url else ""
    other = f"news/xss-{(n + 1) % len(TEXT_PAYLOADS):02d}"
    return f"""{p}

{lang}: before {p} after, *emphasis {p}* and **strong {p}**.

## {p}

[link {p}]({url}) and ![image {p}]({url}) and [reference {n}][r{n}] {autolink}

[r{n}]: {url}

[titled](/ "{p.replace('"', '&quot;')}")

`{p}`

```{p.replace('`', "'")}
{payload}
```

| {p.replace('|', '&#124;')} | column |
|---|---|
| {p.replace('|', '&#124;')} | cell |

> {p}

- {p}
- [ ] {p}

Footnote{n}[^f{n}].

[^f{n}]: {p}

{{{{< note title={shortcode_arg(p)} type={shortcode_arg(p)} >}}}}
{p}
{{{{< /note >}}}}

{{{{< link "{other}" text={shortcode_arg(p)} >}}}}

{{{{< figure src="/xss.png" alt={shortcode_arg(p)} caption={shortcode_arg(p)} width={shortcode_arg(p)} >}}}}

{payload}
"""


def front(fields):
    return "+++\n" + "".join(f"{key} = {value}\n" for key, value in fields) + "+++\n"


def payload(i):
    return TEXT_PAYLOADS[i % len(TEXT_PAYLOADS)]


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def add_news(root):
    """One news page per text payload in each language: title, summary and body."""
    for n, p in enumerate(TEXT_PAYLOADS):
        markdown_urls = URL_PAYLOADS + MARKDOWN_URL_PAYLOADS
        url = markdown_urls[n % len(markdown_urls)]
        for lang in LANGUAGES:
            write(root, f"content/news/xss-{n:02d}.{lang}.md",
                  front([("title", toml_str(p)), ("summary", toml_str(p)), ("date", f"2020-01-{1 + n % 28:02d}"),
                         ("topic", '["xss"]')])
                  + markdown_body(n, p, url, lang))


def add_section_pages(root):
    """A page of every other section, its free-text fields hostile."""
    for lang in LANGUAGES:
        body = markdown_body(0, payload(1), URL_PAYLOADS[0], lang)
        write(root, f"content/measures/xss-measure.{lang}.md", front([
            ("title", toml_str(payload(2))), ("summary", toml_str(payload(3))), ("date", "2025-01-01"),
            ("ministry", '"xss"'), ("fiscal_year", "2025"), ("topic", '["xss"]'),
            ("links", "[" + ", ".join(f"{{ title = {toml_str(payload(4 + i))}, url = {toml_str(u)} }}"
                                      for i, u in enumerate(URL_PAYLOADS)) + "]"),
        ]) + body)
        write(root, f"content/cases/xss-case.{lang}.md", front([
            ("title", toml_str(payload(5))), ("summary", toml_str(payload(6))), ("date", "2025-01-01"),
            ("organization", toml_str(payload(7))), ("prefecture", '"xss"'), ("industry", '"xss"'),
            ("size", '"small"'), ("award", toml_str(payload(8))), ("topic", '["xss"]'),
            ("outcomes", f"[{{ label = {toml_str(payload(9))}, value = {toml_str(payload(10))} }}]"),
        ]) + body)
        for i, url in enumerate(URL_PAYLOADS + RAW_URL_PAYLOADS):
            write(root, f"content/seminars/xss-seminar-{i:02d}.{lang}.md", front([
                ("title", toml_str(payload(11 + i))), ("summary", toml_str(payload(12 + i))),
                ("date", "2025-01-01"),
                ("start", "2099-01-01T10:00:00+09:00"), ("end", "2099-01-01T12:00:00+09:00"),
                ("venue", toml_str(payload(13 + i))), ("online", "true"), ("organizer", '"xss"'),
                ("prefecture", '"xss"'), ("registration_url", toml_str(url)), ("topic", '["xss"]'),
            ]) + body)
        write(root, f"content/meetings/xss-meeting.{lang}.md", front([
            ("title", toml_str(payload(14))), ("summary", toml_str(payload(15))), ("number", "99"),
            ("start", "2025-01-01T10:00:00+09:00"), ("end", "2025-01-01T11:00:00+09:00"),
            ("venue", toml_str(payload(16))),
            ("attendees", f"[{{ ministry = \"xss\", name = {toml_str(payload(17))}, role = {toml_str(payload(18))} }}]"),
            ("documents", f"[{{ title = {toml_str(payload(19))} }}]"),
        ]) + body)
        write(root, f"content/statistics/xss-statistics.{lang}.md", front([
            ("title", toml_str(payload(20))), ("summary", toml_str(payload(21))), ("dataset", '"xss"'),
        ]) + body)
        write(root, f"content/pages/xss-page.{lang}.md", front([
            ("title", toml_str(payload(22))), ("summary", toml_str(payload(23))),
        ]) + body)
    # Only in Japanese: the English language switcher names it ("not translated").
    write(root, "content/pages/xss-untranslated.ja.md", front([
        ("title", toml_str(payload(24))), ("summary", toml_str(payload(25))),
    ]) + markdown_body(1, payload(26), URL_PAYLOADS[1], "ja"))


def named_entry(key, offset, extra=""):
    return (f"\n[{key}]\nja = {toml_str(payload(offset))}\nen = {toml_str(payload(offset + 1))}\n{extra}")


def add_data(root):
    data = root / "content" / "data"
    with open(data / "ministries.toml", "a", encoding="utf-8") as f:
        f.write(named_entry("xss", 27, f"abbr_en = {toml_str(payload(29))}\n"))
    with open(data / "regions.toml", "a", encoding="utf-8") as f:
        f.write(named_entry("xss", 30, "urban = false\norder = 99\n"))
    with open(data / "prefectures.toml", "a", encoding="utf-8") as f:
        f.write(named_entry("xss", 32, 'code = "99"\nregion = "xss"\n'))
    with open(data / "industries.toml", "a", encoding="utf-8") as f:
        f.write(named_entry("xss", 34))
    with open(data / "topics.toml", "a", encoding="utf-8") as f:
        f.write(named_entry("xss", 36))
    with open(data / "stats.toml", "a", encoding="utf-8") as f:
        f.write(f"""
[datasets.xss]
title_ja = {toml_str(payload(38))}
title_en = {toml_str(payload(39))}
unit = {toml_str(payload(40))}
source_ja = {toml_str(payload(41))}
source_en = {toml_str(payload(42))}
note_ja = {toml_str(payload(43))}
note_en = {toml_str(payload(44))}

[[datasets.xss.series]]
key = "xss"
name_ja = {toml_str(payload(45))}
name_en = {toml_str(payload(46))}
unit_ja = {toml_str(payload(47))}
unit_en = {toml_str(payload(0))}
period = "year"
source_ja = {toml_str(payload(1))}
source_en = {toml_str(payload(2))}
points = [
  {{ label = "2023", value = 1.5, label_ja = {toml_str(payload(3))}, label_en = {toml_str(payload(4))} }},
  {{ label = "2024", value = 2.5, kind = "target", label_ja = {toml_str(payload(5))}, label_en = {toml_str(payload(6))} }},
]
""")


def hostile_config(text):
    """config.toml with hostile site titles, descriptions and extra menu items."""
    replaced = 0
    out = []
    for line in text.splitlines(keepends=True):
        if line.startswith("title = ") or line.startswith("description = "):
            key, value = line.split(" = ", 1)
            out.append(f"{key} = {toml_str(json.loads(value) + one_line(payload(replaced)))}\n")
            replaced += 1
        else:
            out.append(line)
    assert replaced >= 4, "config.toml no longer has a title and description per language"
    text = "".join(out)
    for lang, prefix in (("ja", ""), ("en", "/en")):
        items = "".join(f"\n[[languages.{lang}.menus.footer]]\nname = {toml_str(payload(i))}\nurl = {toml_str(url)}\nweight = {90 + i}\n"
                        for i, url in enumerate(URL_PAYLOADS + RAW_URL_PAYLOADS))
        marker = f"[languages.{'en' if lang == 'ja' else 'nothing'}]"
        # Menus of a language go before the next [languages.*] table (or at the end).
        if lang == "ja":
            assert marker in text, "config.toml has no [languages.en]"
            text = text.replace(marker, items.lstrip("\n") + "\n" + marker, 1)
        else:
            head, sep, tail = text.partition("[[taxonomies]]")
            text = head + items.lstrip("\n") + "\n" + sep + tail
    return text


def write_fixture(source_dir, root):
    """The hostile project in `root` (created), from the real project in `source_dir`."""
    root = Path(root)
    source_dir = Path(source_dir)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source_dir / "themes", root / "themes")
    shutil.copytree(source_dir / "content", root / "content")
    # The figure shortcode needs a real image: a 1x1 PNG.
    (root / "content" / "xss.png").write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"))
    (root / "config.toml").write_text(hostile_config((source_dir / "config.toml").read_text(encoding="utf-8")),
                                      encoding="utf-8")
    add_news(root)
    add_section_pages(root)
    add_data(root)
    return root


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: xss_site.py DIR")
    write_fixture(Path(__file__).resolve().parent.parent.parent, sys.argv[1])
    print(f"wrote the hostile portal to {sys.argv[1]}")
