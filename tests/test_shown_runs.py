"""The runs the README and docs/ show are what bplint prints: each `$ bplint …` line of a `text`
block is run from the repository's folder, and every line shown under it (but `…`, which stands
for lines left out) must be printed, in the order shown."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner

from bplint.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", "docs/documents.md", "docs/output.md", "docs/usage.md"]
_BLOCK = regex.compile(r"^```text\n(.*?)^```", regex.M | regex.S)


def shown_runs() -> list[tuple[str, str, list[str]]]:
    """(page, command, lines shown for it) for every `$ bplint …` that shows what it prints."""
    runs = []
    for page in PAGES:
        for block in _BLOCK.findall((ROOT / page).read_text(encoding="utf-8")):
            command, shown = None, []
            for line in [*block.splitlines(), "$"]:
                if line.startswith("$"):
                    if command and shown:
                        runs.append((page, command, shown))
                    command, shown = line[1:].strip(), []
                elif command and line.strip() not in ("…", ""):  # a blank line would match any
                    shown.append(line)
    return runs


def test_the_pages_show_runs():
    assert len(shown_runs()) >= 5  # the README's three runs and the docs' examples


@pytest.mark.parametrize(("page", "command", "shown"), shown_runs(), ids=lambda v: str(v)[:60])
def test_a_shown_run_prints_what_the_page_shows(page, command, shown, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    argv = shlex.split(command)
    assert argv[0] == "bplint" and not set("|<>;&`$") & set(command), f"{page}: run `{command}` alone"
    printed = CliRunner().invoke(main, argv[1:]).output.splitlines()
    at = 0
    for line in shown:
        assert line in printed[at:], f"{page}: `{command}` no longer prints (in this order):\n{line}"
        at = printed.index(line, at) + 1


def test_a_text_exports_line_names_the_project_once(monkeypatch):
    """`(项目: …)` after the message; the bracket after it says only what the aside did not (the
    row), and is left out where the place is the project itself."""
    monkeypatch.setenv("NO_COLOR", "1")
    printed = CliRunner().invoke(main, [str(ROOT / "examples" / "004_8721c97b826db2ec.txt")]).output
    lines = printed.splitlines()
    bp204 = next(line for line in lines if " BP204 " in line)
    bp207 = next(line for line in lines if " BP207 " in line)
    assert bp204.endswith("(项目: 机关事务管理局水电费)")
    assert bp207.endswith("(项目: 机关事务管理局水电费)  [“节电量”行]")
