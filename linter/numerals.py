"""Chinese numerals as finance offices write them in values: 两, 十二, 一百二十, 二〇二三."""

from __future__ import annotations

from decimal import Decimal

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
POWERS = {"十": 10, "百": 100, "千": 1000}


def chinese_to_int(text: str) -> int:
    """The integer a Chinese numeral below 万 writes; ValueError for a malformed one.

    Without 十/百/千 the digits are read one by one, as years are written (二〇二三).
    """
    if not text or any(ch not in DIGITS and ch not in POWERS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in POWERS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, digit, last_power = 0, None, 10_000
    for ch in text:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0:
                raise ValueError(f"two digits in a row: {text!r}")
            digit = DIGITS[ch] if DIGITS[ch] else None
            continue
        power = POWERS[ch]
        if power >= last_power:
            raise ValueError(f"powers out of order: {text!r}")
        total += (1 if digit is None else digit) * power
        digit, last_power = None, power
    return total + (digit or 0)


def chinese_amount(text: str) -> Decimal:
    """An amount a narrative writes in Chinese numerals (`三十五`, `三万五千`, `一点五`, `一亿二千万`):
    亿 and 万 group the numerals below them; after 点 each numeral is a digit."""
    whole, _, fraction = text.partition("点")
    if any(ch not in DIGITS for ch in fraction):
        raise ValueError(f"not a Chinese decimal: {text!r}")
    total = 0
    for power, size in (("亿", 100_000_000), ("万", 10_000)):
        high, marked, whole = whole.partition(power) if power in whole else ("", "", whole)
        if marked:
            total += _group(high) * size
    total += _group(whole)
    digits = "".join(str(DIGITS[ch]) for ch in fraction)
    return Decimal(f"{total}.{digits}") if digits else Decimal(total)


def _group(text: str) -> int:
    """The numerals of one group (below 万), a leading 零 allowed (`三万零五百`); empty is 0."""
    text = text.lstrip("零〇")
    return chinese_to_int(text) if text else 0
