"""`bplint --lang en` says where each finding is in English: the page, the table's number, the row
and column, the project, the section and the worksheet in English words, in the text report, in the
JSON's rendered `location.said` and in the HTML report, on a text export (a seed) and on a PDF built
here.  What is quoted from the document itself (a table's title as printed, a row's label, a
project's name, a heading, a table number such as 公开02表) is the document's own words and stays
Chinese: it is taken out before the check, and only bplint's own words are checked."""

from __future__ import annotations

import html
import json
import subprocess
import sys

import pytest
import regex

from tests.conftest import SEEDS
from tests.documents import PDF_TEXT, html_of, print_pdf

CJK = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef]")
QUOTED = regex.compile(r"“[^”]*”")  # `row “合计”`: the document's label, quoted
DOCUMENT_WORDS = ("table", "table_number", "heading", "project", "row", "column", "sheet", "part")


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("english")
    pdf = folder / "sheets.pdf"
    pdf.write_bytes(print_pdf(html_of(PDF_TEXT)))
    return [str(SEEDS["003"]), str(pdf)]


def _bplint(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "bplint", "--lang", "en", "--fail-on", "never", *args],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout


def _own(said: str, words: set[str]) -> str:
    """What bplint itself says of a place: the document's quoted and printed words taken out."""
    for word in sorted(words, key=len, reverse=True):  # a heading may hold quotes of its own
        said = said.replace(word, "")
    return QUOTED.sub("", said)


def _document_words(report: dict) -> set[str]:
    locations = [f["location"] for file in report["files"] for f in file["findings"] if f.get("location")]
    return {str(loc[k]) for loc in locations for k in DOCUMENT_WORDS if loc.get(k)}


def test_english_locations_in_json_text_and_html(documents, tmp_path):
    report = json.loads(_bplint("--format", "json", *documents))
    words = _document_words(report)
    located = [f for file in report["files"] for f in file["findings"] if f.get("location")]
    in_pdf = [f for f in located if f["location"].get("pdf_page")]
    assert len(located) > 20 and in_pdf, "the seed and the PDF both have located findings"
    for finding in located:
        assert not CJK.search(_own(finding["location"]["said"], words)), finding["location"]
        for term in finding.get("terms", ()):
            assert not CJK.search(_own(term.get("where") or "", words)), term
    assert any(f["location"]["said"].startswith("p. ") for f in in_pdf)

    lines = [line for line in _bplint(*documents).splitlines() if regex.search(r" BP\d{3} \[", line)]
    assert len(lines) == sum(len(file["findings"]) for file in report["files"])
    for line in lines:
        where = regex.split(r" BP\d{3} \[", line, maxsplit=1)[0]
        assert not CJK.search(_own(where, words)), line

    page = tmp_path / "report.html"
    _bplint("--format", "html", "-o", str(page), *documents)
    said = [html.unescape(text) for text in regex.findall(r'class="where"[^>]*>([^<]*)<', page.read_text())]
    assert len(said) >= len(located)
    assert all(not CJK.search(_own(text, words)) for text in said), [
        t for t in said if CJK.search(_own(t, words))
    ]
