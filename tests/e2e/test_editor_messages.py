"""Fifteen mistakes editors make, each added to a good site on its own: each
yields exactly one diagnostic with its stable code, the file and line, the
source line with a caret, and a hint that names the fix, in English and in
Japanese (--message-lang ja, or message_lang in config.toml). The exported JSON
Schema rejects the front matter mistakes too (see test_schema_export.py)."""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import Site  # noqa: E402

MINISTRIES = """\
[soumu]
ja = "総務省"
en = "Ministry of Internal Affairs and Communications"
[mhlw]
ja = "厚生労働省"
en = "Ministry of Health, Labour and Welfare"
"""
TOPICS = '[sme]\nja = "中小企業"\nen = "SMEs"\n[regional]\nja = "地方創生"\nen = "Regional"\n'
CONFIG = """\
base_url = "https://example.org/"
theme = "default"
[languages.ja]
title = "テスト"
[languages.en]
title = "Test"
[[taxonomies]]
name = "ministry"
data = "ministries"
[[taxonomies]]
name = "topic"
data = "topics"
[[taxonomies]]
name = "fiscal_year"
kind = "fiscal_year"
"""


def measure(extra="", ministry="mhlw", title="テレワーク推進"):
    return (f'+++\ntitle = "{title}"\ndate = 2025-06-20\nministry = "{ministry}"\nfiscal_year = 2025\n'
            f'category = "support"\n{extra}+++\n本文。\n')


def seminar(start="2025-11-12T14:00:00+09:00", end="2025-11-12T16:00:00+09:00"):
    return (f'+++\ntitle = "セミナー"\ndate = 2025-11-01\nstart = {start}\nend = {end}\nvenue = "オンライン"\n'
            f'online = true\norganizer = "soumu"\n+++\n本文。\n')


GOOD = {
    "config.toml": CONFIG,
    "content/data/ministries.toml": MINISTRIES,
    "content/data/topics.toml": TOPICS,
    "content/_index.ja.md": '+++\ntitle = "ホーム"\n+++\n',
    "content/_index.en.md": '+++\ntitle = "Home"\n+++\n',
    "content/measures/good.ja.md": measure(),
    "content/measures/good.en.md": measure(title="Telework"),
}

# (name, files, code, path:line, fix named in the English hint, in the Japanese hint)
MISTAKES = [
    ("misspelt ministry", {"content/measures/x.ja.md": measure(ministry="mhwl")},
     "E0204", "content/measures/x.ja.md:4", "did you mean `mhlw`?", "`mhlw` の誤り"),
    ("date as text", {"content/news/x.ja.md": '+++\ntitle = "お知らせ"\ndate = "2025-06-20"\n+++\n'},
     "E0203", "content/news/x.ja.md:3", "date = 2025-06-20", "date = 2025-06-20"),
    ("missing required field", {"content/news/x.ja.md": '+++\ndate = 2025-06-20\n+++\n'},
     "E0201", "content/news/x.ja.md:1", "add title = ", "title = "),
    ("wrong field type", {"content/measures/x.ja.md": measure().replace("fiscal_year = 2025", 'fiscal_year = "2025"')},
     "E0202", "content/measures/x.ja.md:5", "fiscal_year = 2025", "fiscal_year = 2025"),
    ("unknown field", {"content/measures/x.ja.md": measure('minstry = "mhlw"\n')},
     "W0207", "content/measures/x.ja.md:7", "did you mean `ministry`?", "`ministry` の誤り"),
    ("unclosed front matter", {"content/news/x.ja.md": '+++\ntitle = "お知らせ"\n本文\n'},
     "E0104", "content/news/x.ja.md:1", "add a line `+++`", "`+++` の行を加え"),
    ("bad TOML", {"content/news/x.ja.md": '+++\ntitle = "閉じていない\n+++\n'},
     "E0105", "content/news/x.ja.md:2", "check quotes", "引用符"),
    ("unknown shortcode", {"content/news/x.ja.md": '+++\ntitle = "お知らせ"\n+++\n\n{{< notes >}}本文{{< /notes >}}\n'},
     "E0301", "content/news/x.ja.md:5", "did you mean `note`?", "`note` の誤り"),
    ("broken link shortcode", {"content/news/x.ja.md": '+++\ntitle = "お知らせ"\n+++\n\n'
                                                       '{{< link "measures/god" >}}\n'},
     "E0304", "content/news/x.ja.md:5", "e.g. `measures/good`", "例: `measures/good`"),
    ("unknown taxonomy term", {"content/news/x.ja.md": '+++\ntitle = "お知らせ"\ntopic = ["smes"]\n+++\n'},
     "E0204", "content/news/x.ja.md:3", "did you mean `sme`?", "`sme` の誤り"),
    ("duplicate slug", {"content/measures/x.ja.md": measure('slug = "good"\n')},
     "E0401", "content/measures/x.ja.md:7", "another file name or `slug`", "`slug` を変え"),
    ("seminar ends before it starts", {"content/seminars/x.ja.md": seminar(end="2025-11-12T04:00:00+09:00")},
     "E0208", "content/seminars/x.ja.md:5", "set `end` to the same time as `start` or later", "`end` を `start` と同じか"),
    ("translation_of names no page", {"content/measures/x.en.md": measure('translation_of = "goood"\n', title="T")},
     "E0403", "content/measures/x.en.md:7", "did you mean `good`?", "`good` の誤り"),
    ("invalid fiscal_year", {"content/measures/x.ja.md": measure().replace("fiscal_year = 2025", "fiscal_year = 7")},
     "E0205", "content/measures/x.ja.md:5", "fiscal_year = 2025", "fiscal_year = 2025"),
    ("summary too long", {"content/news/x.ja.md": '+++\ntitle = "お知らせ"\nsummary = "' + "長" * 401 + '"\n+++\n'},
     "E0206", "content/news/x.ja.md:3", "shorten it to 400 characters", "400 文字以内"),
]

HEADER = re.compile(r"^(?P<where>[^\s:]+:\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+) "
                    r"\[(?P<code>[EW]\d{4})\]$")


def diagnostics(stderr):
    """Each diagnostic: header fields, the source line, the caret line, the hint."""
    lines = stderr.splitlines()
    found = []
    for i, line in enumerate(lines):
        match = HEADER.match(line)
        if not match:
            continue
        block = lines[i + 1:i + 4]
        found.append(dict(match.groupdict(), source=block[0] if block else "",
                          caret=block[1] if len(block) > 1 else "", hint=block[2] if len(block) > 2 else ""))
    return found


class EditorMessagesTest(unittest.TestCase):
    def build_with(self, files, *args):
        site = Site("")
        self.addCleanup(site.cleanup)
        for path, text in {**GOOD, **files}.items():
            site.write(path, text)
        return site, site.build("--drafts", *args)

    def test_the_good_site_builds_without_warnings(self):
        site, result = self.build_with({})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("warning", result.stderr)

    def test_each_mistake_gives_one_diagnostic_with_code_line_caret_and_hint(self):
        for name, files, code, where, fix_en, fix_ja in MISTAKES:
            for lang, fix, hint_label in (("en", fix_en, "hint: "), ("ja", fix_ja, "ヒント: ")):
                with self.subTest(name, lang=lang):
                    _, result = self.build_with(files, "--message-lang", lang)
                    self.assertEqual(result.returncode, 0 if code.startswith("W") else 1, result.stderr)
                    found = diagnostics(result.stderr)
                    self.assertEqual(len(found), 1, result.stderr)
                    d = found[0]
                    self.assertEqual((d["code"], d["where"]), (code, where), result.stderr)
                    self.assertTrue(d["source"].startswith("    ") and d["source"].strip(), result.stderr)
                    self.assertRegex(d["caret"], r"^ +\^$", result.stderr)
                    self.assertTrue(d["hint"].startswith("  " + hint_label), result.stderr)
                    self.assertIn(fix, d["hint"], result.stderr)
                    if lang == "ja":
                        self.assertRegex(d["message"] + d["hint"], r"[\u3040-\u30ff\u4e00-\u9fff]",
                                         "the Japanese message is in Japanese")

    def test_message_lang_in_config_is_the_default(self):
        _, result = self.build_with({"config.toml": 'message_lang = "ja"\n' + CONFIG,
                                     "content/news/x.ja.md": '+++\ndate = 2025-06-20\n+++\n'})
        self.assertIn("必須の項目 `title` がありません [E0201]", result.stderr)
        _, result = self.build_with({"config.toml": 'message_lang = "ja"\n' + CONFIG,
                                     "content/news/x.ja.md": '+++\ndate = 2025-06-20\n+++\n'}, "--message-lang", "en")
        self.assertIn("missing required field `title` [E0201]", result.stderr)

    def test_json_diagnostics_and_github_workflow_commands(self):
        site = Site("")
        self.addCleanup(site.cleanup)
        for path, text in {**GOOD, "content/measures/x.ja.md": measure(ministry="mhwl")}.items():
            site.write(path, text)
        env = dict(os.environ, GITHUB_ACTIONS="true")
        import subprocess
        from sitekit import PORTAL
        result = subprocess.run([str(PORTAL), "build", "--root", str(site.root), "--diagnostics", "json"],
                                capture_output=True, text=True, env=env)
        self.assertEqual(result.returncode, 1)
        workflow = [line for line in result.stdout.splitlines() if line.startswith("::")]
        self.assertEqual(workflow, ["::error file=content/measures/x.ja.md,line=4,col=12,title=E0204::"
                                    "unknown ministry `mhwl`%0Ahint: did you mean `mhlw`? valid values "
                                    "(from content/data/ministries.toml): mhlw, soumu"])
        document = json.loads("\n".join(line for line in result.stdout.splitlines() if not line.startswith("::")))
        self.assertEqual(document["errors"], 1)
        [d] = document["diagnostics"]
        self.assertEqual((d["code"], d["file"], d["line"], d["column"], d["severity"]),
                         ("E0204", "content/measures/x.ja.md", 4, 12, "error"))
        self.assertIn("did you mean `mhlw`?", d["hint"])

    def test_explain_prints_an_example_fix_in_both_languages(self):
        site = Site("")
        self.addCleanup(site.cleanup)
        result = site.run("explain", "E0204")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Right:  ministry = \"mhlw\"", result.stdout)
        result = site.run("explain", "e0204", "--message-lang", "ja")
        self.assertIn("正:  ministry = \"mhlw\"", result.stdout)
        self.assertEqual(site.run("explain", "E9999").returncode, 2)
        listing = site.run("explain").stdout
        for _, _, code, *_ in MISTAKES:
            self.assertIn(code, listing)


if __name__ == "__main__":
    unittest.main(verbosity=2)
