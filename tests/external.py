"""The shared real PDFs (../shared/external/, never copied here): where they are, and which of them
each test reads.

Tests that read them carry the `external` mark and are skipped, with a count in the run's
summary, where the folder is absent (a clone outside this workspace).
"""

from __future__ import annotations

from pathlib import Path

import pytest

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "external"
PRESENT = EXTERNAL.exists()
ABSENT = "../shared/external/ (the shared real PDFs) is absent"

# The first ten (2026-11): the budgets whose readings and findings were pinned one by one.
FIRST_TEN = (
    "changsha-jiaoyu-2026.pdf", "fuzhou-yibao-2026.pdf", "guangzhou-jiaotong-2026.pdf",
    "hangzhou-sifa-2026.pdf", "shanghai-putuo-bangongshi-2025.pdf", "shanghai-shujuju-2026.pdf",
    "shenzhen-shichang-2026.pdf", "suzhou-shenji-2026.pdf", "wuxi-jiaoyu-2026.pdf", "xian-xinfang-2026.pdf",
)  # fmt: skip


def every_pdf() -> list[str]:
    """All the shared PDFs, for the tests that hold on any real document."""
    return sorted(p.name for p in EXTERNAL.glob("*.pdf")) if PRESENT else []


needs_external = [pytest.mark.external, pytest.mark.skipif(not PRESENT, reason=ABSENT)]
