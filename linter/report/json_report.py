"""The JSON report of ../shared/spec/output.md."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

from bplint import __version__
from bplint.language import Lang
from bplint.lint import FileResult
from bplint.report.terminal import json_printable
from bplint.severity import SEVERITIES

if TYPE_CHECKING:
    from bplint.config import Config


def summary(results: list[FileResult]) -> dict:
    counts = Counter(f.severity for r in results for f in r.findings)
    return {
        "files": len(results),
        **{severity.value: counts[severity] for severity in SEVERITIES},
        "waived": sum(len(r.waived) for r in results),
    }


def render(results: list[FileResult], conf: Config | None = None) -> str:
    lang = (conf.lang if conf is not None else None) or "zh"
    files = []
    for result in results:
        document = None
        if result.meta is not None:
            meta = result.meta
            document = {"agency": meta.agency, "year": meta.year, "unit": meta.unit, **result.stats}
        files.append(
            {
                "path": result.path,
                "sha256": result.sha256,
                "document": document,
                "findings": [finding.to_json(lang) for finding in result.findings],
                "waived": [_waived(finding, reason, lang) for finding, reason in result.waived],
            }
        )
    data = {"bplint": __version__, "files": files, "summary": summary(results), "config": _config(conf)}
    return json_printable(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _config(conf: Config | None) -> dict | None:
    """Which configuration applied; `beside_documents`: found with them, so it could not loosen."""
    if conf is None or conf.path is None:
        return None
    return {"path": conf.path, "beside_documents": conf.beside}


def _waived(finding, reason: str, lang: Lang) -> dict:
    return {"rule": finding.rule, "line": finding.line, "project": finding.project, "reason": reason,
            "fingerprint": finding.fingerprint, "where": finding.where(lang)}  # fmt: skip
