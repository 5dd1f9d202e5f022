"""`tables.empty` (BP602): whether an empty table is explained, and whether a table with figures
is said to be empty.

An empty table is explained by the 目录 marking it empty (西安: `是否空表 | 是 | 不涉及`), by the
note under it, or by a sentence saying the department has none of it (西安: `本部门无当年政府性基金
预算收支，并已公开空表`; 杭州: `没有使用政府性基金预算拨款安排的支出`; 上海: `政府性基金拨款支出预算0万元`,
or with no unit before the sentence ends: `…支出预算为0；`, `“三公”经费预算数为0，`).  A table with
figures is said to be empty by its note (`故本表为空表`, `本表无数据`; not 长沙's conditional `此表如无
数字则…`) or, for a whole fund's table, by a sentence saying the department has none of that fund's
spending (`本部门没有使用政府性基金预算拨款安排的支出`).
"""

from __future__ import annotations

from bplint.engine.checkers.checker import Checker
from bplint.engine.functions import text_in
from bplint.engine.semantics import matched
from bplint.engine.vocabulary import BOOL, TEXT, Env
from bplint.model.document import Table

_NOTE_EXPLAINS = "空表|无.{0,30}(?:预算|收支|经费|支出|资产|采购)"
_NOTE_SAYS_EMPTY = "(?<!如)(?:空表|本表(?:本年)?(?:无|没有)(?:数据|数字|发生额|内容))"
_FUNDS = ("政府性基金", "国有资本经营")  # the kinds of table that are a whole fund's


def explained(table: Table, env: Env) -> bool:
    """The 目录, the table's note or the text says the table is empty (a kind's name is a pattern's
    part: it is text bplint itself names the tables by)."""
    listing = env.document.listing(table)
    if listing and listing.empty:
        return True
    if matched(_NOTE_EXPLAINS, table.note):
        return True
    kind, text = table.kind, env.document.text
    if not isinstance(kind, str):
        return False
    none = "(?:无|没有(?:使用)?)(?:当年)?" + kind + "[^。]{0,20}(?:预算|收支|支出)"
    zero = kind + "[^。；;0-9]{0,20}(?<![0-9.])0(?:[.]0+)?(?: ?万?元|(?=[。；;，,]))"
    return matched(none, text) or matched(zero, text)


def said_empty(table: Table, env: Env) -> str | None:
    """What calls a table with figures empty, quoted: its note, or the text's sentence saying the
    department has none of the fund; None where nothing does, or the table has no figures."""
    if not any(cell.amount for cell in table.figures):
        return None
    if matched(_NOTE_SAYS_EMPTY, table.note):
        return table.note
    if table.kind not in _FUNDS:
        return None
    none = r"(?:^|(?<=[。；;\n]))[^。；;\n]*?(?:无|没有(?:使用)?)\s*(?:当年)?" + table.kind
    return text_in(env.document.text, none + r"[^。；;，,]{0,20}(?:支\s*出|收\s*支)[^。；;，,\n]*")


CHECKER = Checker(
    "tables.empty",
    "table",
    fields={"explained": (BOOL, explained), "said_empty": (TEXT, said_empty)},
)
