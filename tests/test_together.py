"""A disclosure published as several files (issue 25, item 5): `--together` reads them as one
document; the 说明 alone says its tables are not in it, and is not 'to correct'."""

from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from bplint.cli import main
from tests.conftest import SEEDS


def _split(tmp_path):
    """001 as two files: its 目录 and tables (lines 1–1730), its 说明 with the sheets (the rest)."""
    lines = SEEDS["001"].read_text(encoding="utf-8").split("\n")
    tables, text = tmp_path / "001-表格.txt", tmp_path / "001-说明.txt"
    tables.write_text("\n".join(lines[:1730]), encoding="utf-8")
    text.write_text("\n".join(lines[1730:]), encoding="utf-8")
    return str(text), str(tables)


def _findings(*args) -> list[dict]:
    result = CliRunner().invoke(main, ["--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["files"]


def test_files_of_one_disclosure_linted_together_find_what_the_whole_finds(tmp_path):
    text, tables = _split(tmp_path)
    (whole,) = _findings(str(SEEDS["001"]))
    (joined,) = _findings(text, tables, "--together")
    assert joined["path"] == f"{text} + {tables}"
    assert Counter(f["rule"] for f in joined["findings"]) == Counter(f["rule"] for f in whole["findings"])
    # Each finding's place names its file.
    said = [f["location"]["said"] for f in joined["findings"]]
    assert all(place.startswith(("001-说明.txt", "001-表格.txt")) for place in said)
    # And, each being a text export, the line in its own file: the whole's line less the lines before.
    own = Counter(
        ("001-表格.txt", f["line"]) if f["line"] <= 1730 else ("001-说明.txt", f["line"] - 1730)
        for f in whole["findings"]
    )
    told = Counter((f["location"]["part"], f["location"]["part_line"]) for f in joined["findings"])
    assert told == own
    assert any(place.startswith("001-说明.txt 第") and "行" in place for place in said)
    # Apart, each file misses what the other holds: the text its tables (BP601), the tables the
    # text's explanations (BP603) — findings about the split, not about the disclosure.
    text_alone, tables_alone = _findings(text, tables)
    assert "BP601" in {f["rule"] for f in text_alone["findings"]}
    assert "BP603" in {f["rule"] for f in tables_alone["findings"]}
    assert not {"BP601", "BP603"} & {f["rule"] for f in joined["findings"]}


def test_a_text_published_without_its_tables_says_so(tmp_path):
    text = tmp_path / "说明.txt"
    text.write_text(
        "某某局2026年部门预算公开\n一、部门职责\n负责本县机关事务。\n二、收支预算总体情况\n"
        "2026年收入预算1,000.00万元，支出预算1,000.00万元。\n",
        encoding="utf-8",
    )
    (result,) = _findings(str(text))
    unread = [f for f in result["findings"] if f["rule"] == "BP007"]
    assert len(unread) == 1 and "只有文字说明，没有表格" in unread[0]["message"]
    assert "--together" in unread[0]["message"]


def test_together_needs_two_files(tmp_path):
    result = CliRunner().invoke(main, [str(SEEDS["001"]), "--together"])
    assert result.exit_code == 2 and "--together 需要至少两个文件" in result.output
    # One file named twice was read twice: every project and finding doubled, without a word.
    twice = CliRunner().invoke(main, [str(SEEDS["001"]), str(SEEDS["001"]), "--together"])
    assert twice.exit_code == 2 and "--together 中有同一个文件出现两次" in twice.output


def test_the_review_sheet_of_files_read_together_names_each_file_and_its_own_line(tmp_path):
    import openpyxl

    text, tables = _split(tmp_path)
    out = tmp_path / "审核意见.xlsx"
    result = CliRunner().invoke(main, ["--format", "xlsx", "-o", str(out), "--together", text, tables])
    assert result.exit_code == 1, result.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))[1:]
    assert rows and all(row[1] in ("001-说明.txt", "001-表格.txt") for row in rows)
    assert all(str(row[2]).startswith("第") and str(row[2]).endswith("行") for row in rows)
    bp203 = next(row for row in rows if row[8] == "BP203")
    assert bp203[1:3] == ("001-说明.txt", "第213行")  # as the file's own line 213 prints it
