"""Counts the text states against what the document lists (BP524): the projects it announces
(`共计24个一级项目，涉及资金568,368.51万元`) against the project sheets or list read, the units it
counts (`下属12个预算单位，分别是A、B、…`) against the names it lists, the vehicles it counts (`共有车辆
37辆，其中：…应急保障用车7辆…其他用车17辆`) against the kinds it lists and the 国有资产 table's 车辆.

Only where both sides are read for certain: the projects where every one read has its amount and
their amounts make the sum the sentence states (a page-broken name read as two projects, or key
projects shown out of more, make another sum); the units where every name listed is a unit's
(ends as an agency's name does) and the list does not end with 等; the vehicles where each kind
states its count and none has parts of its own.  A PDF's letter-spaced text (`共 计 31 个 一 级 项 目`)
is read closed up.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from bplint import numerals, regexes
from bplint.extract.lexicon import LEXICON
from bplint.model.document import Document
from bplint.model.tallies import Count
from bplint.values import half_unit

_NUMBER = r"(?P<n>\d{1,4}|[一二三四五六七八九十]{1,3})"
_PROJECTS = regexes.compile(
    rf"(?:共计?|设置并编报|编报){_NUMBER}个(?:一级)?项目[^。；]*?涉及(?:预算|财政性)?资金(?:合计)?(?P<amount>[\d,]+(?:\.\d+)?)万元"
    rf"|涉及(?:预算|财政性)?资金(?:合计)?(?P<amount>[\d,]+(?:\.\d+)?)万元[^。；]*?(?:共计?|设置并编报|编报){_NUMBER}个(?:一级)?项目"
)
_UNITS = regexes.compile(
    rf"{_NUMBER}(?:个|家)(?:下属|所属|二级)?(?:预算|基层)?单位[，,：:]?(?:分别是|分别为|即)[：:]?(?P<names>[^。；]+)"
)
_AGENCY = regexes.compile(rf"(?:{LEXICON.agency_suffix}|{LEXICON.unit_suffix})$")
_ALIAS = regexes.compile(r"[（(][^（）()]*[)）]$")
_VEHICLES = regexes.compile(rf"(?:共有|购置|配备|更新)车辆{_NUMBER}辆[，,]?其中[：:，,]?(?P<parts>[^。；]+)")
_HELD = regexes.compile(rf"共有车辆{_NUMBER}辆")
# A 国有资产 table's column of vehicles counted (`车辆（辆）`, `车辆/数量`), in its 合计 row.
_VEHICLE_COLUMN = regexes.compile(r"车辆.*(?:辆|数量)")
_TOTAL = regexes.compile(r"^(?:合计|总计)$")
_BRACKETED = regexes.compile(r"[（(]([^（）()]*)[)）]")
_KIND = regexes.compile(r"(?P<kind>[^、，,：:\d]+?)(?P<n>\d{1,4})辆")


def counts(document: Document) -> list[Count]:
    found = []
    for passage in document.passages:
        closed = "".join(passage.text.split())  # split's white space is isspace's
        # Each sentence read names what it counts (涉及…资金, 单位, 车辆): most passages name none,
        # and a count is read on every document's every passage (BP524).
        if "涉及" not in closed and "单位" not in closed and "车辆" not in closed:
            continue
        positions = [i for i, char in enumerate(passage.text) if not char.isspace()]

        def at(offset: int, passage=passage, positions=positions) -> tuple[int, int]:
            return passage.line_at(positions[offset])

        for match in _PROJECTS.finditer(closed):
            found += _projects(match, document, at(match.start()))
        for match in _UNITS.finditer(closed):
            found += _units(match, at(match.start()))
        for match in _VEHICLES.finditer(closed):
            found += _vehicles(match, at(match.start()))
        for match in _HELD.finditer(closed):
            found += _held(match, document, at(match.start()))
    return found


def _number(text: str) -> int | None:
    try:
        return int(text) if text.isdigit() else numerals.chinese_to_int(text)
    except ValueError:
        return None


def _projects(match: regex.Match, document: Document, where: tuple[int, int]) -> list[Count]:
    """The projects announced, where the sheets or list read make the sum the sentence states."""
    projects = [p for p in document.projects if not p.whole]
    totals = [(b.total, b.unit) for p in projects if (b := p.budget) is not None and b.total is not None]
    if not projects or len(totals) < len(projects):  # a project with no budget read
        return []
    stated = Decimal(match["amount"].replace(",", ""))
    amounts = [total / 10000 if unit == "元" else total for total, unit in totals]
    slack = half_unit(stated) + sum((half_unit(total) for total, _ in totals), Decimal(0))
    if abs(sum(amounts, Decimal(0)) - stated) > slack or (n := _number(match["n"])) is None:
        return []
    return [Count("项目", n, len(projects), "项目绩效目标表所列的项目", *where, match[0])]


def _units(match: regex.Match, where: tuple[int, int]) -> list[Count]:
    names = match["names"].split("、")
    if len(names) > 1:
        names[-1:] = regex.split("以及|和|及", names[-1], maxsplit=1)
    names = [_ALIAS.sub("", name.strip()) for name in names]
    if match["names"].rstrip().endswith("等") or not all(_AGENCY.search(name) for name in names):
        return []
    n = _number(match["n"])
    return [Count("单位", n, len(names), "随后列出的单位名称", *where, match[0])] if n is not None else []


def _vehicles(match: regex.Match, where: tuple[int, int]) -> list[Count]:
    parts = match["parts"]
    if "其中" in parts or any("辆" in inner for inner in _BRACKETED.findall(parts)):
        return []  # a kind with parts of its own: what adds up is unsure
    kinds = list(_KIND.finditer(parts))
    n = _number(match["n"])
    if len(kinds) < 2 or n is None:
        return []
    total = sum(int(kind["n"]) for kind in kinds)
    return [
        Count(
            "车辆", n, total, "随后所列各类车辆合计", *where, match[0][: match.start("parts") - match.start()]
        )
    ]


def _held(match: regex.Match, document: Document, where: tuple[int, int]) -> list[Count]:
    """`共有车辆N辆` against the 国有资产 table's vehicles: the column that counts them, in the row
    of its 合计 (or its only row)."""
    n = _number(match["n"])
    for table in document.checked_tables:
        if table.kind != "国有资产" or n is None:
            continue
        columns = [i for i, name in enumerate(table.columns) if _VEHICLE_COLUMN.search(name.replace(" ", ""))]
        rows = [r for r in table.rows if any(_TOTAL.match(c.text.replace(" ", "")) for c in r.cells)]
        rows = rows or (list(table.rows) if len(table.rows) == 1 else [])
        if len(columns) != 1 or len(rows) != 1:
            continue
        cells = rows[0].cells
        cell = cells[columns[0]] if columns[0] < len(cells) else None
        if cell is not None and cell.amount is not None and cell.amount == cell.amount.to_integral():
            listed = f"《{table.title}》的“{table.columns[columns[0]]}”"
            return [Count("车辆", n, int(cell.amount), listed, *where, match[0])]
    return []
