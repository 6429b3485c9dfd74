"""Differential test: our template engine against Python's Jinja2.

Every case is rendered by both engines with the same templates and the same
JSON context (Jinja: Environment(loader=DictLoader(...), autoescape=True));
the outputs must be byte-identical. A second list of cases must fail in our
engine with a given message and line (unsupported features, syntax errors,
strict undefined, runaway recursion).

Run: PORTAL_BUILD_DIR=build PORTAL_SOURCE_DIR=. /usr/bin/python3 tests/template/test_jinja_differential.py
"""

import json
import os
import subprocess
import sys
import tempfile

import jinja2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jinja_cases import CASES, CTX, ERROR_CASES  # noqa: E402


def tool_path():
    build = os.environ.get("PORTAL_BUILD_DIR", "build")
    for candidate in (os.path.join(build, "tests", "template_render"), os.path.join(build, "template_render")):
        if os.path.exists(candidate):
            return candidate
    sys.exit(f"template_render not found under {build}; build the template_render target")


def run_ours(cases):
    payload = {"cases": [
        {"templates": c["templates"], "main": "main", "context": c.get("context", {}),
         "strict": c.get("strict", False), "autoescape": c.get("autoescape", "always")}
        for c in cases]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False)
        path = f.name
    try:
        proc = subprocess.run([tool_path(), "--batch", path], capture_output=True, timeout=120)
    finally:
        os.unlink(path)
    if proc.returncode != 0:
        sys.exit(f"template_render failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return json.loads(proc.stdout.decode("utf-8"))


def run_jinja(case):
    env = jinja2.Environment(loader=jinja2.DictLoader(case["templates"]),
                             autoescape=case.get("autoescape", "always") != "never")
    context = json.loads(json.dumps(case.get("context", {})))
    try:
        return True, env.get_template("main").render(**context)
    except Exception as e:  # noqa: BLE001 - any Jinja failure is a result to compare
        return False, f"{type(e).__name__}: {e}"


def show(case):
    lines = [f"--- case {case['name']}"]
    for name, source in case["templates"].items():
        lines.append(f"  template {name!r}: {source!r}")
    if case.get("context") is CTX:
        lines.append("  context: CTX (jinja_cases.py)")
    elif case.get("context"):
        lines.append(f"  context: {json.dumps(case['context'], ensure_ascii=False)}")
    return "\n".join(lines)


def main():
    failures = 0
    names = set()
    for case in CASES + ERROR_CASES:
        if case["name"] in names:
            sys.exit(f"duplicate case name {case['name']}")
        names.add(case["name"])

    ours = run_ours(CASES)
    for case, result in zip(CASES, ours):
        ok, expected = run_jinja(case)
        if case.get("jinja_fails"):
            # Jinja errors here too; we only require an error from ours.
            if ok or result["ok"]:
                failures += 1
                print(show(case))
                print(f"  expected both to fail; jinja: {expected!r}; ours: {result!r}")
            continue
        if not ok:
            failures += 1
            print(show(case))
            print(f"  jinja raised {expected}; fix the case or mark it jinja_fails")
            continue
        if not result["ok"]:
            failures += 1
            print(show(case))
            print(f"  jinja: {expected!r}")
            print(f"  ours:  error {result['errors']}")
            continue
        if result["output"] != expected:
            failures += 1
            print(show(case))
            print(f"  jinja: {expected!r}")
            print(f"  ours:  {result['output']!r}")

    errors = run_ours(ERROR_CASES)
    for case, result in zip(ERROR_CASES, errors):
        want = case["error"]
        if result["ok"]:
            failures += 1
            print(show(case))
            print(f"  expected an error containing {want!r}, got output {result['output']!r}")
            continue
        message = "\n".join(result["errors"])
        if want not in message:
            failures += 1
            print(show(case))
            print(f"  expected an error containing {want!r}\n  got: {message}")

    total = len(CASES) + len(ERROR_CASES)
    if failures:
        print(f"FAILED: {failures} of {total} cases")
        return 1
    print(f"ok: {len(CASES)} differential cases identical to Jinja2 {jinja2.__version__}, "
          f"{len(ERROR_CASES)} error cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
