"""Every error and warning bplint gives on the shared real PDFs, read against its page.

One YAML file per PDF (`<name>.yaml`): a list of findings, each `{rule, page, at, why}` — `at`
the first characters of the line the finding quotes (its excerpt), `why` one line of what the
page shows that makes the finding true.  Only true findings are listed: a false one is fixed,
never listed.  tests/test_reviewed.py fails on a finding the list does not hold (nobody read it)
and on an entry no finding matches (the list is stale).

`python -m tests.reviewed NAME.pdf` prints the findings a file's list does not hold yet, as
entries to read against their pages and complete.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from bplint.severity import Severity

HERE = Path(__file__).resolve().parent
AT = 24  # characters of the excerpt that name a finding's line
SHOWN = (Severity.ERROR, Severity.WARNING)


def key(rule: str, page: int | None, excerpt: str | None) -> tuple[str, int | None, str]:
    return rule, page, (excerpt or "")[:AT]


def listed(name: str) -> Counter:
    """The findings the file's list holds, by key."""
    path = HERE / (Path(name).stem + ".yaml")
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    return Counter(key(e["rule"], e["page"], e["at"]) for e in entries or [])


def found(result) -> Counter:
    """A lint result's errors and warnings, by key."""
    return Counter(key(f.rule, f.page, f.excerpt) for f in result.findings if f.severity in SHOWN)


def _main(names: list[str]) -> None:
    from bplint.catalog import load_rules
    from bplint.lint import lint_path
    from tests.external import EXTERNAL

    rules = load_rules()
    for name in names:
        result = lint_path(str(EXTERNAL / name), rules, "zh")
        missing = found(result) - listed(name)
        for f in result.findings:
            k = key(f.rule, f.page, f.excerpt)
            if f.severity in SHOWN and missing[k] > 0:
                missing[k] -= 1
                print(f"# {name}: {f.message}")
                print(yaml.safe_dump([{"rule": k[0], "page": k[1], "at": k[2], "why": "?"}],
                                     allow_unicode=True, sort_keys=False, width=200), end="")  # fmt: skip
