"""Helpers shared by the Markdown tests: where things are, running the
markdown_render tool and the cmark-gfm CLI (the oracle)."""
import json
import os
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SOURCE_DIR = pathlib.Path(os.environ.get("PORTAL_SOURCE_DIR", HERE.parent.parent))
BUILD_DIR = pathlib.Path(os.environ.get("PORTAL_BUILD_DIR", SOURCE_DIR / "build"))

# The same extensions our renderer enables (generator/markdown/cmark_setup.cpp).
CLI_EXTENSIONS = ["-e", "table", "-e", "strikethrough", "-e", "autolink",
                  "-e", "tagfilter", "-e", "tasklist", "-e", "footnotes"]


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def tool_path():
    tool = BUILD_DIR / "tests" / "markdown_render"
    if not tool.exists():
        fail(f"{tool} not found: build the markdown_render target first "
             "(or set PORTAL_BUILD_DIR)")
    return tool


def render(sources, *flags):
    """Runs markdown_render once over `sources`; returns its JSON results."""
    proc = subprocess.run([str(tool_path()), *flags], input=json.dumps(sources).encode(),
                          capture_output=True, timeout=120)
    if proc.returncode != 0:
        fail(f"markdown_render {' '.join(flags)} exited {proc.returncode}: "
             f"{proc.stderr.decode(errors='replace')}")
    results = json.loads(proc.stdout)
    if len(results) != len(sources):
        fail(f"markdown_render returned {len(results)} results for {len(sources)} inputs")
    return results


def cli_path():
    cli = shutil.which("cmark-gfm")
    if not cli:
        fail("the cmark-gfm CLI is not installed (Debian package cmark-gfm); it is the oracle")
    return cli


def cli_render(markdown, unsafe):
    """The cmark-gfm CLI's HTML for `markdown`."""
    args = [cli_path(), *CLI_EXTENSIONS] + (["--unsafe"] if unsafe else [])
    proc = subprocess.run(args, input=markdown.encode("utf-8"), capture_output=True, timeout=30)
    if proc.returncode != 0:
        fail(f"cmark-gfm exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8")
