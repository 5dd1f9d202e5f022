"""SARIF 2.1.0: one run of bplint over the inputs, for code-scanning dashboards."""

from __future__ import annotations

import json
import os
import re
from urllib.parse import quote

from bplint import __version__
from bplint.catalog import Rule
from bplint.fingerprint import VERSION, fingerprinted
from bplint.language import Lang
from bplint.lint import FileResult
from bplint.report.terminal import json_printable, printable
from bplint.severity import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}  # SARIF's words


def render(results: list[FileResult], rules: dict[str, Rule], lang: Lang) -> str:
    used = sorted({f.rule for r in results for f in r.findings})
    index = {rule_id: n for n, rule_id in enumerate(used)}
    artifacts = [_artifact(r) for r in results]
    sarif_results = []
    for file_index, result in enumerate(results):
        findings = list(result.findings)
        if not all(f.fingerprint for f in findings):  # a result not from bplint.run / lint_file
            findings = fingerprinted(findings, result.meta)
        sarif_results += [_result(finding, index, file_index, result.path, lang) for finding in findings]
    run = {
        "tool": {
            "driver": {
                "name": "bplint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/bplint/",
                "rules": [_rule(rules[rule_id], lang) for rule_id in used],
            }
        },
        "artifacts": artifacts,
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
        "language": "zh-CN" if lang == "zh" else "en-US",
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_printable(json.dumps(_xml_safe(document), ensure_ascii=False, indent=2)) + "\n"


def _xml_safe(value):
    """Every string with the controls XML 1.0 forbids written out (`\\x0b`): SARIF is often turned
    into XML or HTML by what reads it.  Tab and newline stay."""
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub(lambda m: printable(m.group()), value)
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_xml_safe(item) for item in value]
    return value


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _rule(rule: Rule, lang: Lang) -> dict:
    explain = rule.explain
    help_text = "\n\n".join(str(explain[k]).strip() for k in ("what", "why", "fix") if explain.get(k))
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.heading(lang)},
        "fullDescription": {"text": str(explain.get("what") or rule.title).strip()},
        "help": {"text": help_text or rule.title},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _artifact(result: FileResult) -> dict:
    artifact = {"location": {"uri": _uri(result.path)}}
    if result.sha256:
        artifact["hashes"] = {"sha-256": result.sha256}
    return artifact


def _result(finding, index: dict[str, int], file_index: int, path: str, lang: Lang) -> dict:
    """A finding as a SARIF result.  A text export's line is a region of the file; a PDF, Word
    document or workbook has no text region (its lines are bplint's own): its page, table, row and
    column lead the message and are its `properties.location`."""
    physical: dict = {"artifactLocation": {"uri": _uri(path), "index": file_index}}
    located = finding.location
    message = finding.message
    if located is None or not located.in_document:
        physical["region"] = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line or finding.line,
            "endColumn": (finding.end_column or finding.column) + 1,
        }
    elif said := finding.where(lang):
        message = f"{said}{'：' if lang == 'zh' else ': '}{message}"
    properties: dict = {k: v for k, v in (("project", finding.project), ("table", finding.table)) if v}
    if located is not None:
        properties["location"] = {**located.to_json(), "said": finding.where(lang)}
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
    }
    if properties:
        result["properties"] = properties
    # The finding's own fingerprint (what a waiver and a baseline name): made of what it is about,
    # never of the file's name or a line, so a dashboard keeps a finding's history over a redraft.
    result["partialFingerprints"] = {f"bplintFinding/{VERSION}": finding.fingerprint}
    return result


def _uri(path: str) -> str:
    """A relative URI reference as SARIF wants it: forward slashes, spaces and the like escaped.
    A backslash separates folders on Windows only; elsewhere it is part of a name."""
    return quote(path.replace(os.sep, "/"), safe="/:")
