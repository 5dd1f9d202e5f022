"""The comparators an indicator value is written with, as symbols and as words, each folded to
one of ≥ ≤ > < = (the value grammar's terminals list the same words)."""

from __future__ import annotations

PREFIX_OPS = {
    ">=": "≥", "≥": "≥", "≧": "≥", "⩾": "≥", "不少于": "≥", "不低于": "≥", "不小于": "≥", "至少": "≥",
    "大于等于": "≥", "达到": "≥",
    "<=": "≤", "≤": "≤", "≦": "≤", "⩽": "≤", "不超过": "≤", "不高于": "≤", "不大于": "≤", "不多于": "≤",
    "至多": "≤", "最多": "≤", "小于等于": "≤",
    ">": ">", "大于": ">", "高于": ">", "超过": ">",
    "<": "<", "低于": "<", "小于": "<", "少于": "<",
    "=": "=", "等于": "=",
}  # fmt: skip
SUFFIX_OPS = {"以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤", "内": "≤"}
OPS = ("≥", "≤", ">", "<", "=")
