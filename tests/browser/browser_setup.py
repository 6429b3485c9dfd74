"""What the browser and HTML tests share: where the tools are, and the real portal built
into a temporary folder by the real `portal` binary.

Missing tools are a failure, not a skip: `make test` installs them (the Makefile's
TEST_PACKAGES and `npm ci` in tests/browser/).
"""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILD_DIR = Path(os.environ.get("PORTAL_BUILD_DIR", "build")).resolve()
SOURCE_DIR = Path(os.environ.get("PORTAL_SOURCE_DIR", HERE.parent.parent)).resolve()
PORTAL = BUILD_DIR / "portal"
NODE_MODULES = HERE / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETUP_HINT = "run `make test` (installs the Debian packages and runs `npm ci` in tests/browser/)"


def missing_tools(*, chromium=False, java=False):
    """Names what is missing, each with how to get it; an empty list when all is there."""
    missing = []
    if not PORTAL.is_file():
        missing.append(f"{PORTAL} (build the generator first)")
    if shutil.which("node") is None:
        missing.append("node (Debian package nodejs)")
    for package in (["playwright-core", "axe-core"] if chromium else []) + (["vnu-jar"] if java else []):
        if not (NODE_MODULES / package / "package.json").is_file():
            missing.append(f"{NODE_MODULES / package} (npm ci in tests/browser/)")
    if chromium and not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (Debian package chromium)")
    if java and shutil.which("java") is None:
        missing.append("java (Debian package default-jre-headless)")
    if java and not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR} (npm package vnu-jar)")
    return missing


class BuiltPortal:
    """The portal of this repository built into a temporary folder; removed on close."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="portal-browser-"))
        self.out = self.tmp / "site"
        self.result = subprocess.run(
            [str(PORTAL), "build", "--root", str(SOURCE_DIR), "--out", str(self.out)],
            capture_output=True, text=True, errors="replace", timeout=300)

    def html_files(self):
        return sorted(self.out.rglob("*.html"))

    def close(self):
        if not os.environ.get("PORTAL_KEEP_TMP"):
            shutil.rmtree(self.tmp, ignore_errors=True)
