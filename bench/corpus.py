"""What bplint reads of a folder of real disclosures, file by file: tables its 目录 lists and
read, project sheets listed and read, projects, the numbers inside grids taken of those printed
(bplint.model.coverage), and the error and warning findings by rule.  Prints a Markdown table
and writes every error and warning as JSON lines for judging against the pages:

    python bench/corpus.py [FOLDER] [--only NAME,NAME…] [--findings OUT.jsonl]

(default folder ../shared/external).  The numbers it prints are recorded, dated, in
bench/corpus.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from bplint.catalog import load_rules
from bplint.lint import lint_path

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "external"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(FOLDER))
    parser.add_argument("--only", default="", help="comma-separated file names (without .pdf)")
    parser.add_argument("--findings", default="", help="write error/warning findings here (JSON lines)")
    args = parser.parse_args()
    rules = load_rules()
    only = {name for name in args.only.split(",") if name}
    files = sorted(p for p in Path(args.folder).iterdir() if p.suffix.lower() in (".pdf", ".docx", ".xlsx"))
    files = [p for p in files if not only or p.stem in only]
    out = open(args.findings, "w", encoding="utf-8") if args.findings else None  # noqa: SIM115
    totals: Counter = Counter()
    print(
        "| file | tables read/listed | sheets read/listed | projects | grid numbers taken | E/W | by rule |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for path in files:
        result = lint_path(str(path), rules, "zh")
        s = result.stats
        found = [f for f in result.findings if f.severity in ("error", "warning")]
        by_rule = Counter(f.rule for f in found)
        totals.update(by_rule)
        for key in ("tables_listed", "tables_listed_read", "sheets_listed", "sheets_listed_read",
                    "grid_numbers", "grid_numbers_read"):  # fmt: skip
            totals[key] += s.get(key, 0)
        if out:
            for f in found:
                row = {"file": path.name, "rule": f.rule, "severity": f.severity, "message": f.message,
                       "page": f.page, "location": f.where("zh"),
                       "excerpt": f.excerpt, "project": f.project, "table": f.table}  # fmt: skip
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if not result.readable:
            print(
                f"| {path.stem} | — | — | — | — | {len(found)} | {found[0].message[:60] if found else ''} |"
            )
            continue
        grid = s["grid_numbers"]
        share = (
            f"{s['grid_numbers_read']}/{grid} ({100 * s['grid_numbers_read'] / grid:.1f}%)" if grid else "0/0"
        )
        print(f"| {path.stem} | {s['tables_listed_read']}/{s['tables_listed']} | "
              f"{s['sheets_listed_read']}/{s['sheets_listed']} | {s['projects']} | {share} | {len(found)} | "
              f"{' '.join(f'{r}:{n}' for r, n in sorted(by_rule.items()))} |")  # fmt: skip
    grid = totals["grid_numbers"] or 1
    print(f"\nAll: tables {totals['tables_listed_read']}/{totals['tables_listed']}, sheets "
          f"{totals['sheets_listed_read']}/{totals['sheets_listed']}, grid numbers "
          f"{totals['grid_numbers_read']}/{totals['grid_numbers']} "
          f"({100 * totals['grid_numbers_read'] / grid:.1f}%), "
          f"E/W {sum(v for k, v in totals.items() if k.startswith('BP'))}: "
          f"{' '.join(f'{r}:{n}' for r, n in sorted(totals.items()) if r.startswith('BP'))}")  # fmt: skip
    if out:
        out.close()


if __name__ == "__main__":
    sys.exit(main())
