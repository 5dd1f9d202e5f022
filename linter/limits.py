"""Bounds on what one input may cost: size, pages, cells, time and memory.

A published disclosure is a few megabytes and a hundred pages.  Far larger inputs are either
mistakes (a folder of scans, a device node) or hostile (a ZIP or flate bomb, a sheet that claims a
million rows); each bound turns them into that file's BP001 instead of a run that never ends.
Every bound can be raised: `--limit NAME=VALUE` on the command line or `limits:` in the config.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from bplint.schema import unknown

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_mb: int = 256  # bytes read from one input (a file or standard input)
    office_mb: int = 512  # uncompressed parts of one .docx/.xlsx, checked before parsing
    pdf_pages: int = 2000
    page_chars: int = 200_000  # characters on one PDF page
    pdf_stream_mb: int = 64  # one decompressed PDF content stream (a flate bomb stops here)
    sheet_cells: int = 2_000_000  # cells read from one workbook
    # Text read from one document, whatever its format (the largest real disclosure seen, a 171-page
    # 决算, is 131,000 characters on 3,800 lines): linting costs up to 0.5 ms a line full of figures,
    # so a million lines would take minutes.
    text_chars: int = 1_000_000
    text_lines: int = 50_000
    timeout: float = 300.0  # seconds for one file's whole work
    memory_mb: int = 4096  # address space of the process that lints one file
    pack_mb: int = 8  # one rule pack or config file

    @property
    def file_bytes(self) -> int:
        return self.file_mb * MIB


NAMES = {f.name.replace("_", "-"): f for f in fields(Limits)}
# The largest each bound may be set to: far above any use, and below where the number itself breaks
# something (a read of 10**30 bytes, a deadline at infinity, a memory limit past 64 bits).
CEILINGS = {
    "file_mb": 1 << 20, "office_mb": 1 << 20, "pdf_pages": 10_000_000, "page_chars": 1 << 31,
    "pdf_stream_mb": 1 << 20, "sheet_cells": 1 << 40, "timeout": 7 * 24 * 3600.0, "memory_mb": 1 << 30,
    "pack_mb": 1 << 10, "text_chars": 1 << 40, "text_lines": 1 << 40,
}  # fmt: skip


class LimitError(ValueError):
    """`--limit` or `limits:` names no bound or gives no number in its range."""


def parse(items: dict[str, object], base: Limits | None = None) -> Limits:
    """Limits from `{name: value}` (names as `file-mb`), over `base` or the defaults."""
    changes = {}
    for name, raw in items.items():
        spec = NAMES.get(str(name))
        if spec is None:
            raise LimitError(f"没有名为 {unknown([name], NAMES)} 的上限（可用：{'、'.join(NAMES)}）")
        changes[spec.name] = value(spec.name, raw)
    return replace(base or Limits(), **changes)


def value(field: str, raw: object) -> int | float:
    """A bound's value from what was written: a finite number from just above 0 (seconds; 1 for
    the others, whole numbers) to its ceiling; LimitError naming the bound otherwise."""
    name, ceiling = field.replace("_", "-"), CEILINGS[field]
    seconds = field == "timeout"
    most, kind = (f"{ceiling:g}", "秒数") if seconds else (str(ceiling), "整数")
    wrong = LimitError(f"上限 {name} 应为大于 0、不超过 {most} 的{kind}，而不是 {raw!r}")
    if isinstance(raw, bool):
        raise wrong
    try:
        number = float(raw) if seconds else int(str(raw).strip())  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        raise wrong from None
    if not (0 < number <= ceiling):  # also NaN and infinity, which compare false or past the ceiling
        raise wrong
    return number


def parse_options(options: tuple[str, ...], base: Limits | None = None) -> Limits:
    """`--limit file-mb=512 --limit timeout=60`."""
    items = {}
    for option in options:
        name, sep, value = option.partition("=")
        if not sep:
            raise LimitError(f"--limit 应写成 名称=数值，如 file-mb=512，而不是 {option!r}")
        items[name.strip()] = value.strip()
    return parse(items, base)


def loosened(limits: Limits, than: Limits | None = None) -> list[str]:
    """The bounds `limits` sets higher than `than` (the defaults), by name."""
    than = than or Limits()
    return [name for name, spec in NAMES.items() if getattr(limits, spec.name) > getattr(than, spec.name)]
