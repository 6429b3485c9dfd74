"""`portal schema`: the front matter schema as JSON Schema (draft 2020-12),
checked with Debian's python3-jsonschema: the schema is valid, every page of
the real portal validates against its section's definition, and the front
matter mistakes of test_editor_messages.py are rejected."""
import datetime
import json
import os
import re
import subprocess
import sys
import tomllib
import unittest
from pathlib import Path

import jsonschema

sys.path.insert(0, os.path.dirname(__file__))
from sitekit import PORTAL, SOURCE_DIR, Site  # noqa: E402
from test_editor_messages import GOOD, MISTAKES  # noqa: E402


def to_json(value):
    """TOML values as a TOML tool hands them to a JSON Schema validator: dates as strings."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return value


def front_matter(text):
    """The front matter as JSON values; ValueError when the file has no closed +++ block."""
    match = re.match(r"\ufeff?\+\+\+\r?\n(.*?)\r?\n\+\+\+\r?\n", text, re.S)
    if not match:
        raise ValueError("front matter not closed")
    return to_json(tomllib.loads(match.group(1)))


def definition(schema, rel):
    """content/cases/x.ja.md → the $defs entry a tool would pick by folder."""
    parts = Path(rel).parts[1:]
    if parts[-1].startswith("_index."):
        return "_index"
    if len(parts) == 1:
        return "_root"
    return parts[0] if parts[0] in schema["$defs"] else "_other"


def validator(schema, name):
    sub = dict(schema, **{"$ref": f"#/$defs/{name}"})
    sub.pop("anyOf")
    return jsonschema.Draft202012Validator(sub, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def export(root):
    result = subprocess.run([str(PORTAL), "schema", "--root", str(root)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# The mistakes a per-page JSON Schema can catch; the others need the generator:
# TOML syntax (any TOML tool reports it before a schema is applied), a date in
# quotes (TOML tools hand dates to JSON Schema as strings too), the order of two
# fields, other pages (slugs, translation_of) and the Markdown body (shortcodes).
SCHEMA_CATCHES = {"misspelt ministry", "missing required field", "wrong field type", "unknown field",
                  "unknown taxonomy term", "invalid fiscal_year", "summary too long"}
TOML_CATCHES = {"unclosed front matter", "bad TOML"}
# The codes an editor can meet: content files (E01-E04, warnings) and `portal new` (E06).
# Template, config and output errors (E05, E07, E08) are for theme and CI maintainers.
EDITOR_CODES = set(re.findall(r'^\{"((?:E0[1-46]|W)\d+)"', (SOURCE_DIR / "generator/base/diagnostic_catalog.inc")
                              .read_text(encoding="utf-8"), re.M))
GENERATOR_ONLY = {"date as text", "seminar ends before it starts", "duplicate slug", "translation_of names no page",
                  "unknown shortcode", "broken link shortcode"}


class SchemaExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.schema = export(SOURCE_DIR)

    def test_the_schema_is_valid_json_schema_2020_12(self):
        self.assertEqual(self.schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        jsonschema.Draft202012Validator.check_schema(self.schema)
        for section in ("measures", "cases", "seminars", "meetings", "news", "pages", "statistics", "_index"):
            self.assertIn(section, self.schema["$defs"])
        ministry = self.schema["$defs"]["measures"]["properties"]["ministry"]
        keys = list(tomllib.loads((SOURCE_DIR / "content/data/ministries.toml").read_text(encoding="utf-8")))
        self.assertEqual(sorted(ministry["enum"]), sorted(keys), "values come from the data file")
        self.assertIn("主に担当する府省", ministry["description"])
        self.assertEqual(self.schema["$defs"]["meetings"]["required"], ["title", "number", "attendees", "documents"])

    def test_every_page_of_the_portal_validates(self):
        pages = sorted((SOURCE_DIR / "content").rglob("*.md"))
        self.assertGreater(len(pages), 100)
        for path in pages:
            rel = str(path.relative_to(SOURCE_DIR))
            with self.subTest(rel):
                data = front_matter(path.read_text(encoding="utf-8"))
                errors = [e.message for e in validator(self.schema, definition(self.schema, rel)).iter_errors(data)]
                self.assertEqual(errors, [])

    def test_the_front_matter_mistakes_are_rejected(self):
        self.assertEqual(SCHEMA_CATCHES | TOML_CATCHES | GENERATOR_ONLY, {m[0] for m in MISTAKES})
        site = Site("")
        self.addCleanup(site.cleanup)
        for path, text in GOOD.items():
            site.write(path, text)
        schema = export(site.root)
        for rel, text in GOOD.items():
            if rel.startswith("content/") and rel.endswith(".md"):
                self.assertEqual(list(validator(schema, definition(schema, rel)).iter_errors(front_matter(text))), [])
        for name, files, *_ in MISTAKES:
            with self.subTest(name):
                [(rel, text)] = [(p, t) for p, t in files.items() if p.endswith(".md")]
                try:
                    data = front_matter(text)
                except (ValueError, tomllib.TOMLDecodeError):
                    self.assertIn(name, TOML_CATCHES)
                    continue
                errors = list(validator(schema, definition(schema, rel)).iter_errors(data))
                if name in SCHEMA_CATCHES:
                    self.assertEqual(len(errors), 1, [e.message for e in errors])
                else:
                    self.assertIn(name, GENERATOR_ONLY)
                    self.assertEqual(errors, [])

    def test_the_editors_guides_describe_every_field_and_kind(self):
        schema = tomllib.loads((SOURCE_DIR / "themes/default/schema.toml").read_text(encoding="utf-8"))
        names = set(schema["fields"]) | {f for s in schema["sections"].values() for f in s.get("fields", {})}
        kinds = {s["kind"] for s in schema["sections"].values() if "kind" in s}
        for guide in ("editing.ja.md", "editing.en.md"):
            text = (SOURCE_DIR / "docs" / guide).read_text(encoding="utf-8")
            for name in sorted(names | kinds):
                self.assertIn(f"`{name}`", text, f"docs/{guide} lacks `{name}`")
            for code in sorted(EDITOR_CODES):
                self.assertIn(f"| {code} |", text, f"docs/{guide} explains {code}")

    def test_one_section_as_the_root(self):
        result = subprocess.run([str(PORTAL), "schema", "--root", str(SOURCE_DIR), "--section", "cases"],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        cases = json.loads(result.stdout)
        self.assertEqual(cases["$ref"], "#/$defs/cases")
        check = jsonschema.Draft202012Validator(cases)
        good = front_matter((SOURCE_DIR / "content/cases/yamagishi.ja.md").read_text(encoding="utf-8"))
        self.assertEqual(list(check.iter_errors(good)), [])
        self.assertFalse(check.is_valid(dict(good, industry="manufacturin")))
        result = subprocess.run([str(PORTAL), "schema", "--root", str(SOURCE_DIR), "--section", "case"],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 1)
        self.assertIn("no section `case` in the schema; use one of: _index, _root, _other, measures, cases",
                      result.stderr)

    def test_draft_07_for_older_tools(self):
        result = subprocess.run([str(PORTAL), "schema", "--root", str(SOURCE_DIR), "--draft", "07"],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        schema = json.loads(result.stdout)
        self.assertEqual(schema["$schema"], "http://json-schema.org/draft-07/schema#")
        jsonschema.Draft7Validator.check_schema(schema)
        self.assertEqual(schema["definitions"], self.schema["$defs"])
        for path in sorted((SOURCE_DIR / "content").rglob("*.md")):
            rel = str(path.relative_to(SOURCE_DIR))
            name = definition({"$defs": schema["definitions"]}, rel)
            check = jsonschema.Draft7Validator(dict(schema, **{"$ref": f"#/definitions/{name}"}),
                                               format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
            self.assertEqual([e.message for e in check.iter_errors(front_matter(path.read_text(encoding="utf-8")))],
                             [], rel)
        bad = front_matter((SOURCE_DIR / "content/measures/telework-month-2025.ja.md").read_text(encoding="utf-8"))
        bad["ministry"] = "mhwl"
        check = jsonschema.Draft7Validator(dict(schema, **{"$ref": "#/definitions/measures"}))
        self.assertFalse(check.is_valid(bad))

    def test_out_writes_a_file(self):
        site = Site("")
        self.addCleanup(site.cleanup)
        for path, text in GOOD.items():
            site.write(path, text)
        result = site.run("schema", "--root", str(site.root), "--out", str(site.root / "schema.json"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads((site.root / "schema.json").read_text(encoding="utf-8")), export(site.root))


if __name__ == "__main__":
    unittest.main(verbosity=2)
