"""The agency, year and unit (`bplint.extract.meta`) skip the texts that cannot hold their labels:
what the skips assume of the patterns is checked here, so a pattern changed past it is noticed."""

from __future__ import annotations

from importlib import resources

import yaml

from bplint.extract import meta
from bplint.extract.lexicon import LEXICON
from bplint.extract.text import UNIT, UNIT_WORD
from bplint.layout import Cell, Paragraph, Row

_LEXICON = resources.files("bplint.extract").joinpath("lexicon.yaml").read_text("utf-8")
_LABELS = yaml.safe_load(_LEXICON)["agency_labels"]


def test_an_agency_label_is_one_only_with_its_colon():
    for word in _LABELS:
        assert LEXICON.agency_label.search(f"{word}某某市财政局") is None
        assert LEXICON.agency_label.search(f"{word}：某某市财政局")["name"] == "某某市财政局"
        assert LEXICON.agency_label.search(f"{word}:某某市财政局 单位：元")["name"] == "某某市财政局"


def test_the_unit_and_year_patterns_hold_the_words_looked_for_first():
    assert UNIT_WORD in UNIT.pattern and meta._YEAR_WORD in meta._YEAR_LABEL.pattern
    blocks = [
        Paragraph("某某县教育局2026年部门预算", 1),  # the label is read before the cover
        Row((Cell("预算年度：2025", 2), Cell("编制单位:某某市财政局", 2, 9)), 2, 2, "pdf"),
        Row((Cell("430001 某某市财政局本级", 3), Cell("单位：万元", 3, 15)), 3, 3, "pdf"),
    ]
    read = meta.read_meta(blocks)
    assert (read.agency, read.year, read.unit) == ("某某市财政局", 2025, "万元")
