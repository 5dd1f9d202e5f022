"""Install what the tests need beyond PyPI: `python -m tests.tools` (part of the test command).

* Debian's Chromium (and a CJK font, so screenshots show Chinese) for the browser tests,
  which Playwright drives with executable_path='/usr/bin/chromium' (no browser download).
* The SARIF 2.1.0 JSON schema, which the SARIF test validates against.  It comes from the npm
  registry (the package @microsoft/jest-sarif ships the final 2.1.0 schema) into .cache/,
  and is never committed.

Each step is skipped when its result is already there, so running it again costs nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
CHROMIUM = Path("/usr/bin/chromium")
# Chromium as root, in a closed network: no sandbox, no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
FONT_PACKAGE = "fonts-wqy-microhei"
SARIF_SCHEMA = CACHE / "sarif-schema-2.1.0.json"
SARIF_PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
SARIF_MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


def chromium() -> None:
    if CHROMIUM.exists() and Path("/usr/share/fonts/truetype/wqy").exists():
        return
    if shutil.which("apt-get") is None:
        sys.exit("tests need Debian's chromium: install the packages chromium and fonts-wqy-microhei")
    print("installing Debian's chromium and a CJK font for the browser tests …", flush=True)
    quiet = {"stdout": subprocess.DEVNULL}
    if subprocess.run(["apt-get", "install", "-y", "-q", "chromium", FONT_PACKAGE], **quiet).returncode:
        subprocess.run(["apt-get", "update", "-q"], check=True, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium", FONT_PACKAGE], check=True, **quiet)


def sarif_schema() -> None:
    if SARIF_SCHEMA.exists():
        return
    if shutil.which("npm") is None:
        sys.exit(f"tests need the SARIF schema: npm is needed to fetch {SARIF_PACKAGE}")
    CACHE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", SARIF_PACKAGE, "--silent"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        (archive,) = Path(folder).glob("*.tgz")
        with tarfile.open(archive) as tar:
            data = tar.extractfile(SARIF_MEMBER).read()
    SARIF_SCHEMA.write_bytes(data)


if __name__ == "__main__":
    chromium()
    sarif_schema()
    print("test tools: ok")
