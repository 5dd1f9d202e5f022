"""`bplint serve` in Chromium, as a reviewer uses it: choose or drop files, watch them checked, read
the report, download its outputs; refusals shown on the page while the server goes on.

Headless Debian Chromium through Playwright, as tests/test_browser.py; the server runs on a free
loopback port (tests.serving).  A shared-style PDF is printed by Chromium from seed 003's tables
(tests.documents), beside a text of examples/.  Screenshots go to .artifacts/screenshots/.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from playwright.sync_api import expect, sync_playwright
from pypdf import PdfReader

from tests.conftest import ROOT, SEEDS
from tests.documents import PDF_TEXT, html_of
from tests.hostile import docx_bomb
from tests.serving import served
from tests.tools import CHROMIUM, CHROMIUM_ARGS

SHOTS = ROOT / ".artifacts" / "screenshots"
TEXT = SEEDS["000"]


@pytest.fixture(scope="module")
def files(tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("uploads")
    made = {
        "预算公开.pdf": _printed(browser, html_of(PDF_TEXT)),
        TEXT.name: TEXT.read_bytes(),
        "big.pdf": b"%PDF-1.4\n" + b"0" * (2 << 20),
        "broken.pdf": b"%PDF-1.7\n1 0 obj <<",
        "bomb.docx": docx_bomb(16),
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in made}


def _printed(browser, html: str) -> bytes:
    """As tests.documents.print_pdf prints it, by the browser already running."""
    page = browser.new_page()
    page.set_content(html)
    data = page.pdf(format="A4", landscape=True)
    page.close()
    return data


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with served(
        tmp_path_factory.mktemp("serve"), "--limit", "file-mb=1", "--limit", "office-mb=8"
    ) as running:
        yield running
    assert running.left() == [] and not any(running.tmp.iterdir())


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "run `python -m tests.tools` first (the README's test command does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        accept_downloads=True, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    opened = context.new_page()
    problems: list[str] = []  # a script error or a policy violation is a console error
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened
    context.close()
    refusals = "Failed to load resource: the server responded with a status of 4"  # as the tests ask
    assert [p for p in problems if not p.startswith(refusals)] == []


def _upload(page, server, *paths) -> None:
    page.goto(server.url)
    page.set_input_files("#files", [str(p) for p in paths])
    page.click("#check")


def _download(page, words: str) -> bytes:
    with page.expect_download() as caught:
        page.locator("nav.links a", has_text=words).click()
    return caught.value.path().read_bytes()


def test_a_pdf_and_a_text_checked_together_and_their_outputs_downloaded(page, server, files):
    _upload(page, server, files["预算公开.pdf"], files[TEXT.name])
    items = page.locator("#chosen li")
    expect(items).to_have_count(2)  # each file's own progress line
    page.wait_for_url("**/r/*/", timeout=120_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "serve-report.png"), full_page=False)
    expect(page.locator("section.file")).to_have_count(2)
    assert "预算公开.pdf" in page.content() and TEXT.name in page.content()

    report = json.loads(_download(page, "JSON"))
    assert [f["path"] for f in report["files"]] == ["预算公开.pdf", TEXT.name]
    shown = {s: int(page.locator(f'[data-count="{s}"]').inner_text()) for s in ("error", "warning", "info")}
    assert shown == {s: report["summary"][s] for s in shown}
    html = _download(page, "HTML").decode()
    assert "bplint 检查报告" in html and '<nav class="links">' not in html
    sheet = openpyxl.load_workbook(io.BytesIO(_download(page, "审核意见表"))).active
    assert sheet.max_row == 1 + sum(len(f["findings"]) for f in report["files"])
    # The report's own handlers run under the policy: Enter in its search box stays on the page.
    shown_at = page.url
    page.fill("#search", "BP401")
    page.press("#search", "Enter")
    expect(page.locator("#shown")).to_have_text(
        str(
            sum(f["rule"] == "BP401" for f in report["files"][0]["findings"] + report["files"][1]["findings"])
        )
    )
    assert page.url == shown_at
    marked = PdfReader(io.BytesIO(_download(page, "预算公开.pdf")))
    notes = [a for p in marked.pages for a in (p.get("/Annots") or [])]
    assert len(notes) == len(report["files"][0]["findings"]) > 0


def test_progress_shows_each_file_then_the_report_opens(page, server, files):
    page.goto(server.url)
    page.set_input_files("#files", [str(files[TEXT.name])])
    expect(page.locator("#chosen li")).to_have_text([TEXT.name])
    said: list[str] = []
    page.on(
        "response",
        lambda r: said.append(r.headers.get("content-type", "")) if r.request.method == "POST" else None,
    )
    page.click("#check")
    page.wait_for_url("**/r/*/", timeout=120_000)
    assert said == ["application/x-ndjson"]
    expect(page.locator("#verdict")).to_contain_text("发现")


def test_files_dropped_on_the_page_are_checked(page, server):
    page.goto(server.url)
    text = TEXT.read_text(encoding="utf-8")
    page.evaluate(
        """text => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], "拖入.txt", {type: "text/plain"}));
          document.getElementById("zone").dispatchEvent(new DragEvent("drop", {dataTransfer: transfer}));
        }""",
        text,
    )
    expect(page.locator("#chosen li")).to_have_text(["拖入.txt"])
    page.click("#check")
    page.wait_for_url("**/r/*/", timeout=120_000)
    assert "拖入.txt" in page.content()


def test_an_upload_over_the_bound_is_refused_on_the_page_and_the_next_is_checked(page, server, files):
    _upload(page, server, files["big.pdf"])
    expect(page.locator("#message")).to_contain_text("big.pdf 超过 1 MB 的上限")
    expect(page.locator("#check")).to_be_enabled()
    assert "/r/" not in page.url
    page.set_input_files("#files", [str(files[TEXT.name])])
    page.click("#check")
    page.wait_for_url("**/r/*/", timeout=120_000)
    assert server.left() == []


def test_an_unreadable_file_and_a_zip_bomb_say_why_and_the_server_goes_on(page, server, files):
    _upload(page, server, files["broken.pdf"], files["bomb.docx"])
    page.wait_for_url("**/r/*/", timeout=120_000)
    expect(page.locator("#verdict")).to_contain_text("2 个文件无法读取")
    expect(page.locator(".finding[data-rule=BP001]")).to_have_count(2)
    expect(page.locator(".finding[data-rule=BP001]").last).to_contain_text("8 MB")
    _upload(page, server, files[TEXT.name])
    page.wait_for_url("**/r/*/", timeout=120_000)


def test_the_page_in_english_by_the_browsers_preference_and_at_400_px(browser, server):
    context = browser.new_context(locale="en-US", viewport={"width": 400, "height": 800})
    page = context.new_page()
    page.goto(server.url)
    expect(page.locator("h1")).to_have_text("bplint: check a budget disclosure")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(SHOTS / "serve-page-400.png"), full_page=True)
    page.goto(server.url + "?lang=zh")
    expect(page.locator("#check")).to_have_text("开始检查")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    context.close()
