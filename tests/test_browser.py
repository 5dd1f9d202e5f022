"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

`python -m tests.tools` (part of the test command) installs Chromium; Playwright never
downloads a browser of its own.  Screenshots go to .artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from bplint.cli import main
from tests.conftest import ROOT, SEEDS
from tests.test_reports import XSS
from tests.tools import CHROMIUM, CHROMIUM_ARGS

SHOTS = ROOT / ".artifacts" / "screenshots"
ARGS = CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "run `python -m tests.tools` first (the README's test command does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _report(tmp_path: Path, *paths) -> tuple[Path, dict]:
    out = tmp_path / "report.html"
    runner = CliRunner()
    runner.invoke(main, ["--format", "html", "-o", str(out), *map(str, paths)], catch_exceptions=False)
    data = json.loads(runner.invoke(main, ["--format", "json", *map(str, paths)]).output)
    return out, data


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.as_uri())
    return page, problems


def _visible(page) -> int:
    return page.locator(".finding:visible").count()


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_report_in_the_browser(browser, tmp_path, seed):
    path, data = _report(tmp_path, SEEDS[seed])
    findings = data["files"][0]["findings"]
    page, problems = _open(browser, path)

    # The counts shown are the JSON findings.
    for severity in ("error", "warning", "info"):
        assert page.locator(f'[data-count="{severity}"]').inner_text() == str(data["summary"][severity])
    assert page.locator(".finding").count() == len(findings) == _visible(page)

    # Each filter hides and shows the right findings.
    by_severity = Counter(f["severity"] for f in findings)
    page.uncheck('input[name=severity][value="error"]')
    assert _visible(page) == len(findings) - by_severity["error"]
    assert page.locator("#shown").inner_text() == str(_visible(page))
    page.check('input[name=severity][value="error"]')
    rule = Counter(f["rule"] for f in findings).most_common(1)[0][0]
    page.select_option("#filter-rule", rule)
    assert _visible(page) == sum(f["rule"] == rule for f in findings)
    assert set(page.locator(".finding:visible").evaluate_all("els => els.map(e => e.dataset.rule)")) == {rule}
    page.select_option("#filter-rule", "")
    projects = Counter(f["project"] for f in findings if f["project"])
    if projects:
        project = projects.most_common(1)[0][0]
        page.select_option("#filter-project", project)
        assert _visible(page) == projects[project]
        page.select_option("#filter-project", "")
    assert _visible(page) == len(findings)

    # A click on a finding scrolls to its line in the document.
    last = page.locator(".finding").last
    line = last.get_attribute("data-line")
    last.locator("a.where").click()
    target = page.locator(f"#f0-L{line}")
    assert "flash" in (target.get_attribute("class") or "")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900
    assert page.evaluate("location.hash") == f"#f0-L{line}"

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"{seed}.png"))
    assert problems == []
    page.close()


def test_a_hostile_document_runs_nothing(browser, tmp_path):
    doc = tmp_path / "xss.txt"
    doc.write_text(XSS, encoding="utf-8")
    path, _ = _report(tmp_path, doc)
    page, problems = _open(browser, path)
    page.wait_for_timeout(300)
    assert problems == []  # no dialog, no error
    assert page.locator("img").count() == 0 and page.locator("b:text('会务')").count() == 0
    shown = page.locator("#f0-L1").inner_text()
    assert shown == "1.<script>alert('x')</script>接待费绩效目标表"
    page.close()


def test_several_files_in_one_report(browser, tmp_path):
    path, data = _report(tmp_path, *SEEDS.values())
    page, problems = _open(browser, path)
    assert page.locator("table.index tbody tr").count() == len(SEEDS)
    assert page.locator(".finding").count() == sum(len(f["findings"]) for f in data["files"])
    page.click("table.index a[href='#file-3']")
    assert page.evaluate("location.hash") == "#file-3"
    # The bureau's view: agency and outcome per file, sortable by any column.
    errors = [sum(x["severity"] == "error" for x in f["findings"]) for f in data["files"]]
    column = "table.index tbody tr td:nth-child(4)"
    page.click("table.index th:nth-child(4)")
    assert [int(x) for x in page.locator(column).all_inner_texts()] == sorted(errors)
    page.click("table.index th:nth-child(4)")
    assert [int(x) for x in page.locator(column).all_inner_texts()] == sorted(errors, reverse=True)
    assert page.locator("table.index th:nth-child(4)").get_attribute("aria-sort") == "descending"
    agencies = page.locator("table.index tbody tr td:nth-child(2)").all_inner_texts()
    assert "青龙满族自治县机关事务服务中心" in agencies
    assert problems == []
    page.close()
