"""`bplint serve` over HTTP, as a script would use it: the page, the report of a POST, refusals, the
bounds, the configuration, and 50 uploads at once.  The server runs as its own process on a free
loopback port (tests.serving) with its TMPDIR in the test's folder, listed after each request."""

from __future__ import annotations

import io
import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import openpyxl
import pytest
from click.testing import CliRunner

from bplint.cli import main
from tests.conftest import SEEDS
from tests.hostile import docx_bomb
from tests.serving import served
from tests.test_reports import XSS

TEXT = SEEDS["000"]
LIMITS = ("--limit", "file-mb=1", "--limit", "office-mb=8", "--jobs", "4")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with served(tmp_path_factory.mktemp("serve"), *LIMITS) as running:
        yield running
    assert running.left() == []  # nothing of it left after it stopped
    assert not any(running.tmp.iterdir())


def _post(
    server, *files: tuple[str, bytes], accept="application/json", lang=None, **headers
) -> httpx.Response:
    params = {"lang": lang} if lang else {}
    return httpx.post(server.url, params=params, files=[("files", f) for f in files],
                      headers={"Accept": accept, **headers}, timeout=120)  # fmt: skip


def test_the_page_speaks_chinese_english_when_asked_and_allows_no_outside_source(server):
    page = httpx.get(server.url)
    assert page.status_code == 200 and '<html lang="zh-CN">' in page.text and "开始检查" in page.text
    assert 'lang="en"' in httpx.get(server.url, params={"lang": "en"}).text
    preferred = httpx.get(server.url, headers={"Accept-Language": "en-GB,en;q=0.9,zh-CN;q=0.5"})
    assert "Choose files" in preferred.text
    assert "选择文件" in httpx.get(server.url, headers={"Accept-Language": "zh-CN,en;q=0.8"}).text
    policy = page.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'") and "http" not in policy and "*" not in policy
    assert "'unsafe-inline'" not in policy and "script-src 'sha256-" in policy


def test_a_posted_text_is_linted_as_the_command_line_lints_it(server):
    answer = _post(server, (TEXT.name, TEXT.read_bytes()))
    assert answer.status_code == 200, answer.text
    served_json = answer.json()
    cli = json.loads(CliRunner().invoke(main, ["--format", "json", str(TEXT)]).output)
    assert served_json["files"][0]["path"] == TEXT.name
    assert served_json["files"][0]["findings"] == cli["files"][0]["findings"]
    assert served_json["summary"] == cli["summary"]
    assert server.left() == []  # the upload is gone once answered

    # Its outputs, at the address the answer gives.
    base = httpx.URL(server.url).join(answer.headers["content-location"])
    again = httpx.get(base)
    assert again.json() == served_json
    assert "attachment" in again.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(httpx.get(base.join("review.xlsx")).content)).active
    assert sheet.max_row == 1 + len(cli["files"][0]["findings"])
    report = httpx.get(base.join("report.html")).text
    assert '<nav class="links">' not in report and TEXT.name in report  # the file to keep: no links here
    view = httpx.get(base.join("./"))
    assert view.status_code == 200 and '<nav class="links">' in view.text and "review.xlsx" in view.text


def test_the_html_answer_is_the_report_with_its_downloads(server):
    answer = _post(server, (TEXT.name, TEXT.read_bytes()), accept="text/html")
    assert answer.status_code == 200 and "bplint 检查报告" in answer.text
    assert '<nav class="links">' in answer.text and "report.json" in answer.text
    policy = answer.headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and "style-src 'sha256-" in policy and "http" not in policy


def test_progress_is_told_file_by_file(server):
    answer = _post(server, ("a.txt", TEXT.read_bytes()), ("b.txt", SEEDS["001"].read_bytes()),
                   accept="application/x-ndjson")  # fmt: skip
    events = [json.loads(line) for line in answer.text.splitlines()]
    assert events[0] == {"event": "received", "files": ["a.txt", "b.txt"]}
    assert sorted(e["index"] for e in events if e["event"] == "started") == [0, 1]
    assert sorted(e["index"] for e in events if e["event"] == "done") == [0, 1]
    assert all(e["said"] == "需修改" for e in events if e["event"] == "done")
    assert events[-1]["event"] == "report"
    view = httpx.get(httpx.URL(server.url).join(events[-1]["href"]))
    assert "a.txt" in view.text and "b.txt" in view.text
    assert server.left() == []


@pytest.mark.parametrize(
    ("name", "data", "status", "zh", "en"),
    [
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (2 << 20), 413, "big.pdf 超过 1 MB 的上限", "bound of 1 MB"),
        ("a.zip", b"PK\x03\x04", 415, "a.zip 不是可检查的文件", "a.zip cannot be checked"),
        ("", b"", 400, "没有收到文件", "no file received"),
    ],
)
def test_a_refused_upload_is_a_4xx_in_the_pages_language(server, name, data, status, zh, en):
    for lang, words in (("zh", zh), (None, zh), ("en", en)):
        answer = _post(server, (name, data), lang=lang)
        assert answer.status_code == status and words in answer.json()["error"]
    page = _post(server, (name, data), accept="text/html")
    assert page.status_code == status and zh in page.text and 'id="upload"' in page.text
    assert server.left() == []
    assert httpx.get(server.url).status_code == 200  # and it goes on serving


def test_a_page_elsewhere_cannot_upload_nor_reach_it_by_another_name(server):
    elsewhere = _post(server, (TEXT.name, TEXT.read_bytes()), Origin="http://example.com")
    assert elsewhere.status_code == 403 and "只接受本页提交的文件" in elsewhere.json()["error"]
    assert httpx.get(server.url, headers={"Host": "example.com"}).status_code == 400


def test_unreadable_files_and_a_zip_bomb_are_reported_and_the_server_goes_on(server):
    bomb = docx_bomb(16)  # 16 MB of XML in a small ZIP, past office-mb=8
    answer = _post(server, ("broken.pdf", b"%PDF-1.7\n1 0 obj <<"), ("bomb.docx", bomb))
    assert answer.status_code == 200
    files = answer.json()["files"]
    assert [f["path"] for f in files] == ["broken.pdf", "bomb.docx"]
    assert [f["findings"][0]["rule"] for f in files] == ["BP001", "BP001"]
    assert "8 MB" in files[1]["findings"][0]["message"]
    assert server.left() == []
    assert _post(server, (TEXT.name, TEXT.read_bytes())).status_code == 200


def test_a_name_from_the_client_is_shown_never_used_as_a_path(server):
    hostile = "C:\\Users\\x\\<img src=x onerror=alert(1)>报告.txt"  # a Windows path, a tag
    answer = _post(server, ("../../../escaped.txt", XSS.encode()), (hostile, b"x"), accept="text/html")
    assert answer.status_code == 200
    assert "escaped.txt" in answer.text and "&lt;img src=x onerror=alert(1)&gt;报告.txt" in answer.text
    assert "<script>alert" not in answer.text and "<img" not in answer.text and "Users" not in answer.text
    assert not (server.tmp.parent / "escaped.txt").exists() and server.left() == []


def test_fifty_uploads_at_once_are_each_answered(server):
    """The load test: 50 concurrent uploads on loopback, each its own text, bounded in time; no
    request lost or mixed with another, no temporary file left."""
    texts = {f"{n:02d}.txt": TEXT.read_bytes() + f"\n附：第 {n} 份\n".encode() for n in range(50)}
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda item: _post(server, item), texts.items()))
    took = time.monotonic() - start
    assert [a.status_code for a in answers] == [200] * 50
    assert [a.json()["files"][0]["path"] for a in answers] == list(texts)
    assert len({a.headers["content-location"] for a in answers}) == 50
    assert took < 120, took
    assert server.left() == []
    assert httpx.get(server.url).status_code == 200


def test_the_configuration_of_the_folder_it_is_started_in_applies(tmp_path):
    (tmp_path / "bplint.yaml").write_text("ignore: [BP3]\nlang: en\n", encoding="utf-8")
    with served(tmp_path) as running:
        answer = _post(running, (TEXT.name, TEXT.read_bytes()))
        rules = {f["rule"] for f in answer.json()["files"][0]["findings"]}
        assert rules and not any(rule.startswith("BP3") for rule in rules)
        assert 'lang="en"' in httpx.get(running.url).text  # the office's language, unless asked
        assert "选择文件" in httpx.get(running.url, params={"lang": "zh"}).text


def test_any_loopback_address_is_answered_by_its_own_name(tmp_path):
    with served(tmp_path, "--host", "127.0.0.2") as running:
        assert running.url.startswith("http://127.0.0.2:")
        assert httpx.get(running.url).status_code == 200


def test_listening_beyond_loopback_needs_a_flag():
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 2 and "--allow-remote" in result.output


def test_a_slow_file_holds_no_other_and_a_stop_leaves_nothing(tmp_path):
    """Two slots: a file that takes seconds is linted while a small one is answered at once; the
    server stopped (as Ctrl-C stops it) while the slow one is linted ends promptly, nothing left."""
    slow = SEEDS["001"].read_bytes() * 60  # about 16 s of linting
    bounds = ("--limit", "text-chars=4000000", "--limit", "text-lines=400000")  # over a disclosure's
    with served(tmp_path, "--jobs", "2", *bounds) as running, ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_post, running, ("slow.txt", slow))
        deadline = time.monotonic() + 30
        while not running.left() and time.monotonic() < deadline:  # received: its file is there
            time.sleep(0.05)
        assert running.left()
        fast = _post(running, (TEXT.name, TEXT.read_bytes()))
        assert fast.status_code == 200 and not pending.done()
        stopping = time.monotonic()
        running.process.terminate()
        running.process.wait(timeout=30)
        assert time.monotonic() - stopping < 8
        stopped = pending.result()
        assert stopped.status_code == 503 and "已停止" in stopped.json()["error"]
    assert not any(running.tmp.iterdir())
