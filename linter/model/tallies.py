"""Figures the text or a sheet states of what the document lists, as data: a count (`共有车辆3辆`,
`项目12个`) and what it was found to be (Count), a whole-department sheet's funds (SheetFund).  The
readers are bplint.extract.counts and bplint.extract.sheetfunds."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Count:
    what: str  # 项目, 单位, 车辆
    stated: int
    found: int
    listed: str  # what was counted, in the message's words
    line: int
    column: int
    quoted: str


@dataclass(frozen=True)
class SheetFund:
    name: str  # what it is: 总额, 基本支出, 项目支出
    label: str  # as the sheet prints it: 资金总额, 金额合计
    amount: Decimal
    unit: str
    line: int
    project: str
    column: int = 1
