"""Vocabulary as data (issue 25, item 7): the words a province uses for its tables, labels and
meta lines live in linter/extract/lexicon.yaml, not in the reading code.  This test fails when a
module of the reading stages (formats, layout, extract, and the model they fill) compiles a pattern
holding Chinese words that is not in the list below, each with why its words belong in code."""

from __future__ import annotations

import ast
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent / "linter"
READING = [
    ROOT / "layout.py",
    *sorted((ROOT / "formats").glob("*.py")),
    *sorted((ROOT / "model").glob("*.py")),
    *sorted((ROOT / "extract").glob("*.py")),
]
_HAN = regex.compile(r"\p{Han}")

# Why these words stay in code: they are the language's or the national system's, the same in every
# province, not one template's wording.
_GRAMMAR = (
    "Chinese function words of a breakdown, a comparison or a sentence (其中, 包括, 分别为, 上年, 为, 和)"
)
_UNITS = "units of money and of the calendar (元, 万元, 亿元; 年, 月, 日), as the value grammar's units"
_PAGES = "the printed forms of a page number (第N页, 共N页)"
_SUBJECTS = "the national 科目 classification's levels (类, 款, 项), the same in every budget"
EXCEPTIONS = {
    "formats/furniture.py": _PAGES,
    "extract/breakdown.py": _GRAMMAR,
    "extract/changes.py": _GRAMMAR,
    "extract/counts.py": _GRAMMAR
    + "; the sentence a 说明 counts in (共计N个项目, N个单位，分别是, 共有车辆N辆) and the national"
    " 国有资产 table's vehicle column (车辆（辆）)",
    "extract/contents.py": "a year in a title (2022年度) and the numbering of a part (第一部分)",
    "extract/funds.py": _UNITS,
    "extract/headers.py": _GRAMMAR,
    "extract/itemised.py": _GRAMMAR,
    "extract/meta.py": _UNITS + "; the year a document's title states (2026年部门预算)",
    "extract/narrative.py": _GRAMMAR,
    "extract/rates.py": _UNITS,
    "extract/restatements.py": _GRAMMAR + "; the words that restate a budget (预算安排为, 预算数)",
    "extract/rollups.py": "the national split of a budget into 收入 and 支出",
    "extract/scope.py": "本级, the national word for a department's own office apart from its units",
    "extract/sheetfunds.py": _UNITS + "; a sheet's total row (合计, 总计)",
    "extract/schedule.py": _UNITS,
    "extract/subjects.py": _SUBJECTS,
    "extract/text.py": _UNITS,
    "extract/typography.py": "Chinese numerals that number a heading (一、二、三)",
}
# Labels a province words its own way: these must come from the lexicon, whatever the module.
_VOCABULARY = regex.compile(r"编制部门|编制单位|预算单位|部门名称|单位名称|填报单位|收支总表|绩效目标表")


def _patterns(path: Path):
    """(line, text) of every regex/re.compile call whose pattern holds Chinese characters."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "compile" or not isinstance(node.func.value, ast.Name):
            continue
        if node.func.value.id not in ("regex", "re") or not node.args:
            continue
        constants = (n.value for n in ast.walk(node.args[0]) if isinstance(n, ast.Constant))
        text = "".join(value for value in constants if isinstance(value, str))
        if _HAN.search(text):
            yield node.lineno, text


def test_reading_code_compiles_no_words_of_its_own_but_those_listed_with_why():
    unlisted, vocabulary = [], []
    for path in READING:
        name = path.relative_to(ROOT).as_posix()
        for line, text in _patterns(path):
            if name not in EXCEPTIONS:
                unlisted.append((name, line, text[:60]))
            if _VOCABULARY.search(text):
                vocabulary.append((name, line, text[:60]))
    assert unlisted == [], "move these words to linter/extract/lexicon.yaml, or list the module with why"
    assert vocabulary == [], "a province's label words belong in the lexicon"


def test_the_check_sees_a_pattern_with_words(tmp_path):
    """The check itself: a module compiling `部门名称：` is found (and would fail the test above)."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'import regex\nLABEL = regex.compile(r"部门名称[:：]")\nPLAIN = regex.compile(r"\\d+")\n'
    )
    assert list(_patterns(sample)) == [(2, "部门名称[:：]")]
