"""Cleaning exported cell text: the spaces and markers export leaves behind."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from bplint import regexes

# Defined with the cells, which keep their own (layout.Cell.clean, .label): the readers ask again and again.
from bplint.layout import clean as clean
from bplint.layout import label as label

# Word field codes left in headings: `1、水电费绩效目标表 TC 1、… \f C \l 1`.
_FIELD_CODE = regexes.compile(r"\s+TC\s.*$")
# `单位：万元` above a table or a sheet.
UNIT_WORD = "单位"  # what every UNIT match holds: a reader may look for it first
UNIT = regexes.compile(rf"{UNIT_WORD}[:：]\s*(亿元|万元|千元|元)")
# Chinese numerals in enumerators: 一、 二十三、 （一）.
NUMERAL = "[一二三四五六七八九十]+"
# `1.` that opens an item, not the decimal point of 1.5 or 12.50 (a year may follow: 1.2026年).
NUMBER_DOT = r"\d{1,3}\.(?!\d{1,3}(?!\d))"
# What opens a numbered item or heading: 第一部分, 一、 一. （一） (1) 1、 1 、 1.
ENUMERATOR = (
    rf"(?:第{NUMERAL}部分|第?{NUMERAL}[、.．]|[（(](?:{NUMERAL}|\d{{1,3}})[)）]"
    rf"|\d{{1,3}}\s*[、．]|{NUMBER_DOT})"
)
# A list's items by level, as table rows number them: 一、 above 1、 / 1.
TOP_ITEM = rf"{NUMERAL}、"
ITEM = rf"(?:{NUMERAL}、|\d{{1,3}}[、．]|{NUMBER_DOT})"
# Items below a section's heading: （一） (1) 1、 1.
SUB_ITEM = rf"(?:[（(](?:{NUMERAL}|\d{{1,3}})[)）]|\d{{1,3}}\s*[、．]|{NUMBER_DOT})"
_AMOUNT = regexes.compile(r"^[+-]?\d+(?:\.\d+)?$")


def heading(text: str) -> str:
    # Only a text holding the field code's `TC` is searched: every paragraph is asked, few hold one.
    return (_FIELD_CODE.sub("", text) if "TC" in text else text).strip()


def amount(text: str) -> Decimal | None:
    """A printed amount (1,630.30 / 1630.30) as Decimal; None when blank or not a figure."""
    compact = label(text).replace(",", "").replace("，", "")
    if not _AMOUNT.match(compact):
        return None
    try:
        return Decimal(compact)
    except InvalidOperation:
        return None
