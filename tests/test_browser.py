"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

`python -m tests.tools` (part of the test command) installs Chromium; Playwright never
downloads a browser of its own.  Screenshots go to .artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from bplint.cli import main
from tests.conftest import ROOT, SEEDS
from tests.external import EXTERNAL
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
    """The findings the filters leave: each shown, or folded under the first of its cause."""
    return page.locator(".finding:not([hidden])").count()


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
    rules = page.locator(".finding:not([hidden])").evaluate_all("els => els.map(e => e.dataset.rule)")
    assert set(rules) == {rule}
    page.select_option("#filter-rule", "")
    projects = Counter(f["project"] for f in findings if f["project"])
    if projects:
        project = projects.most_common(1)[0][0]
        page.select_option("#filter-project", project)
        assert _visible(page) == projects[project]
        page.select_option("#filter-project", "")
    assert _visible(page) == len(findings)

    # A click on a finding scrolls to its line in the document.
    last = page.locator(".finding:not(.repeat)").last
    line = last.get_attribute("data-line")
    last.locator(".head a.where").click()
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
    shown = page.locator("#f0-L1").evaluate("li => li.firstChild.textContent")  # before its links back
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
    column = "table.index tbody tr td:nth-child(3)"
    page.click("table.index th:nth-child(3)")
    assert [int(x) for x in page.locator(column).all_inner_texts()] == sorted(errors)
    page.click("table.index th:nth-child(3)")
    assert [int(x) for x in page.locator(column).all_inner_texts()] == sorted(errors, reverse=True)
    assert page.locator("table.index th:nth-child(3)").get_attribute("aria-sort") == "descending"
    # The index leads with the agency (the file's name under it), as a bureau knows its departments.
    agencies = page.locator("table.index tbody tr td:nth-child(1) a").all_inner_texts()
    assert "青龙满族自治县机关事务服务中心" in agencies
    assert problems == []
    page.close()


SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def test_triage_in_the_browser(browser, tmp_path):
    """Errors first; a severity chip, a by-rule row and a by-project row filter; files with nothing
    left are hidden and the counts and the verdict follow; arithmetic cards; the document margin
    links back; landmarks; nothing overflows at 400 px, even from a deep checkout (CI's path once
    widened the page by 7 px)."""
    deep = tmp_path / ("a_folder_name_as_long_as_a_ci_checkout_makes_" * 3)
    deep.mkdir()
    path, data = _report(tmp_path, *(shutil.copy(seed, deep) for seed in SEEDS.values()))
    page, problems = _open(browser, path)
    for section in range(len(SEEDS)):
        ranks = page.locator(f"#file-{section} .finding").evaluate_all(
            "els => els.map(e => e.dataset.severity)"
        )
        assert [SEVERITY_RANK[s] for s in ranks] == sorted((SEVERITY_RANK[s] for s in ranks), reverse=True)
    assert page.locator("#verdict").inner_text().startswith("发现 32 处须修改的问题（错误）")

    page.click('button[data-only="info"]')
    assert page.locator('button[data-only="info"]').get_attribute("aria-pressed") == "true"
    infos = sum(f["severity"] == "info" for file in data["files"] for f in file["findings"])
    assert _visible(page) == infos and page.locator('[data-count="error"]').inner_text() == "0"
    assert page.locator("#verdict").inner_text() == "可以发布：未发现须修改的问题"
    with_infos = {
        i for i, file in enumerate(data["files"]) if any(f["severity"] == "info" for f in file["findings"])
    }
    assert {i for i in range(len(SEEDS)) if page.locator(f"#file-{i}").is_visible()} == with_infos
    page.click('button[data-only="info"]')  # pressed again: everything
    assert _visible(page) == sum(len(file["findings"]) for file in data["files"])

    page.click('#file-2 tr[data-filter-rule="BP505"]')  # 002's one BP505, a warning
    assert _visible(page) == 1 and [page.locator(f"#file-{i}").is_visible() for i in range(5)] == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert page.locator("#verdict").inner_text() == "未发现须修改的问题；有 1 处警告，建议核对后发布"
    page.click("#reset")
    projects = Counter(f["project"] for f in data["files"][1]["findings"] if f["project"])
    name, n = projects.most_common(1)[0]
    page.click(f'#file-1 tr[data-filter-project="{name}"]')
    assert _visible(page) == n and page.locator("#filter-project").input_value() == name
    page.click("#reset")
    assert _visible(page) == sum(len(file["findings"]) for file in data["files"])

    # 003's BP501: what the text states, what its terms make, the rounding allowed, each term's line.
    card = page.locator('#file-3 .finding[data-rule="BP501"] .sums')
    assert "640.93万元" in card.inner_text() and "640.96万元" in card.inner_text()
    assert card.locator("a.where").count() == 2
    # The document's margin: the finding's message on the line, and a link back to it.
    back = page.locator('#file-3 .doc a.back[title*="基本支出640.93万元"]')
    assert back.count() == 1
    back.click()
    assert page.evaluate("location.hash").startswith("#f3-n")
    assert page.locator("main").count() == 1 and page.locator("nav[aria-label]").count() == 1
    assert page.locator("form#filters[aria-label]").count() == 1

    # A table in the document view keeps its columns: the rows' cells start at the same place.
    lefts = [page.locator(f"#f3-L{n} .c").nth(1).bounding_box()["x"] for n in (537, 538)]
    assert lefts[0] == lefts[1]

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 400, "height": 800})
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(SHOTS / "all-400px.png"))
    assert problems == []
    page.close()


def test_the_verdict_follows_fail_on(browser, tmp_path):
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "--fail-on", "warning", "-o", str(out), str(SEEDS["002"])])
    page, problems = _open(browser, out)
    assert page.locator("#verdict").inner_text() == "发现 7 处须修改的问题（错误或警告），请修改后再发布"
    assert "bad" in page.locator("#verdict").get_attribute("class")
    assert problems == []
    page.close()


def test_search_only_what_to_fix_folds_and_the_index_follow(browser, tmp_path):
    """Issue 28, item 6: a search box; `只看需修改` (the severities that fail the run); findings of one
    cause folded under the first with a count; the index's counts follow the filters."""
    path, data = _report(tmp_path, SEEDS["000"], SEEDS["003"])
    page, problems = _open(browser, path)
    findings = [f for file in data["files"] for f in file["findings"]]
    page.fill("#search", "受益人数")
    assert _visible(page) == sum("受益人数" in f["message"] for f in findings) >= 1
    page.fill("#search", "")
    page.click("#blocking-only")
    assert page.locator("#blocking-only").get_attribute("aria-pressed") == "true"
    assert _visible(page) == sum(f["severity"] == "error" for f in findings)
    errors = [sum(f["severity"] == "error" for f in file["findings"]) for file in data["files"]]
    shown = page.locator('#index [data-index-count="warning"]').all_inner_texts()
    assert shown == ["0", "0"]  # the index counts what the filters leave
    assert page.locator('#index [data-index-count="error"]').all_inner_texts() == [str(n) for n in errors]
    page.click("#blocking-only")
    assert _visible(page) == len(findings)
    # 003's BP108 (an empty 指标值, seventeen times) are one cause: the first leads, the others a
    # click away.
    empty = sum(f["rule"] == "BP108" for f in data["files"][1]["findings"])
    assert page.locator('#file-1 .finding[data-rule="BP108"]').count() == empty == 17
    assert page.locator('#file-1 .finding[data-rule="BP108"]:visible').count() == 1
    more = page.locator('#file-1 .finding[data-rule="BP108"] button.more:visible')
    assert more.inner_text() == f"另有 {empty - 1} 处同类问题"
    more.click()
    assert page.locator('#file-1 .finding[data-rule="BP108"]:visible').count() == empty
    assert problems == []
    page.close()


@pytest.mark.external
@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external/ (the shared real PDFs) is absent")
@pytest.mark.parametrize("width", [400, 1280])
def test_a_shared_pdf_and_a_batch_of_twenty_fit_the_screen(browser, tmp_path, width):
    """A shared PDF's report and a bureau's batch of twenty, at a phone's 400 px and a desk's 1280 px:
    no sideways scrolling, locations in the document's terms, the index of the batch one card a file
    on the phone, its counts following the filters."""
    one, data = _report(tmp_path, EXTERNAL / "fuzhou-minzheng-2026.pdf")
    page, problems = _open(browser, one)
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    where = page.locator(".finding .head a.where").first.inner_text()
    assert where.startswith("第") and "页" in where and "行" in where
    assert page.locator(".finding:not([hidden])").count() == len(data["files"][0]["findings"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"shared-pdf-{width}px.png"))
    assert problems == []
    page.close()
    batch = sorted(EXTERNAL.glob("*.pdf"))[:20]
    many, data = _report(tmp_path, *batch)
    page, problems = _open(browser, many)
    page.set_viewport_size({"width": width, "height": 900})
    assert page.locator("table.index tbody tr").count() == 20
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    rule = Counter(f["rule"] for file in data["files"] for f in file["findings"]).most_common(1)[0][0]
    page.select_option("#filter-rule", rule)
    counted = [sum(f["rule"] == rule and f["severity"] == "error" for f in file["findings"])
               for file in data["files"]]  # fmt: skip
    assert page.locator('#index [data-index-count="error"]').all_inner_texts() == [str(n) for n in counted]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"batch-of-20-{width}px.png"))
    assert problems == []
    page.close()
