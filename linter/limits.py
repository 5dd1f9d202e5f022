"""Bounds on what one input may cost: size, pages, cells, time and memory.

A published disclosure is a few megabytes and a hundred pages.  Far larger inputs are either
mistakes (a folder of scans, a device node) or hostile (a ZIP or flate bomb, a sheet that claims a
million rows); each bound turns them into that file's BP001 instead of a run that never ends.
Every bound can be raised: `--limit NAME=VALUE` on the command line or `limits:` in the config.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_mb: int = 256  # bytes read from one input (a file or standard input)
    office_mb: int = 512  # uncompressed parts of one .docx/.xlsx, checked before parsing
    pdf_pages: int = 2000
    page_chars: int = 200_000  # characters on one PDF page
    pdf_stream_mb: int = 64  # one decompressed PDF content stream (a flate bomb stops here)
    sheet_cells: int = 2_000_000  # cells read from one workbook
    timeout: float = 300.0  # seconds for one file's whole work
    memory_mb: int = 4096  # address space of the process that lints one file
    pack_mb: int = 8  # one rule pack or config file

    @property
    def file_bytes(self) -> int:
        return self.file_mb * MIB


NAMES = {f.name.replace("_", "-"): f for f in fields(Limits)}


class LimitError(ValueError):
    """`--limit` or `limits:` names no bound or gives no positive number."""


def parse(items: dict[str, object], base: Limits | None = None) -> Limits:
    """Limits from `{name: value}` (names as `file-mb`), over `base` or the defaults."""
    changes = {}
    for name, raw in items.items():
        spec = NAMES.get(str(name))
        if spec is None:
            raise LimitError(f"没有名为 {name} 的上限（可用：{'、'.join(NAMES)}）")
        try:
            value = float(raw) if spec.type in ("float", float) else int(str(raw))
        except ValueError:
            raise LimitError(f"上限 {name} 应为正数，而不是 {raw!r}") from None
        if value <= 0:
            raise LimitError(f"上限 {name} 应为正数，而不是 {raw!r}")
        changes[spec.name] = value
    return replace(base or Limits(), **changes)


def parse_options(options: tuple[str, ...], base: Limits | None = None) -> Limits:
    """`--limit file-mb=512 --limit timeout=60`."""
    items = {}
    for option in options:
        name, sep, value = option.partition("=")
        if not sep:
            raise LimitError(f"--limit 应写成 名称=数值，如 file-mb=512，而不是 {option!r}")
        items[name.strip()] = value.strip()
    return parse(items, base)
