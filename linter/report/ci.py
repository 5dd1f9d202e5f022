"""Reports for CI systems: GitHub Actions workflow annotations and JUnit XML.

`--format github` prints one workflow command per finding, which GitHub shows on the file (a text
export: on its line); `--format junit` gives a test suite per file and a test case per finding,
failing where the finding is at or above `--fail-on`, which every CI server can show.  A finding in a
PDF, Word document or workbook is said where the document prints it (page, table, row): its lines
are bplint's own.
"""

from __future__ import annotations

from xml.etree import ElementTree

from bplint.findings import Finding
from bplint.language import Lang
from bplint.lint import FileResult
from bplint.report.terminal import printable
from bplint.severity import Severity, fails


def github(results: list[FileResult], lang: Lang = "zh", fail_on: str = Severity.ERROR) -> str:
    """A workflow command a finding: an `error` where it fails the run (at or above `fail-on`), else a
    `warning` for an error or warning and a `notice` for an info, which fail nothing."""
    lines = []
    for result in results:
        for f in result.findings:
            where = f"file={_property(result.path)}"
            if not _in_document(f):
                where += f",line={f.line},col={f.column}"
                if f.end_line is not None:
                    where += f",endLine={f.end_line}"
            # GitHub's levels, not severities: only what fails the run is its `error`.
            level = (
                "error"
                if fails(f.severity, fail_on)
                else "notice"
                if f.severity is Severity.INFO
                else "warning"
            )
            title = _property(f"{f.rule} {f.name}")
            lines.append(f"::{level} {where},title={title}::{_data(_said(f, lang) + f.message)}")
    return "".join(line + "\n" for line in lines)


def _in_document(finding: Finding) -> bool:
    return finding.location is not None and finding.location.in_document


def _said(finding: Finding, lang: Lang) -> str:
    """`第12页 表3 收支总表 “合计”行：` before a message, where the finding has a location."""
    said = finding.where(lang)
    return f"{said}{'：' if lang == 'zh' else ': '}" if said else ""


def _place(path: str, finding: Finding, lang: Lang) -> str:
    from bplint.report.text import where

    return where(path, finding, lang)


def _data(text: str) -> str:
    """A workflow command's message, escaped as the runner reads it; no control character or
    bidirectional override reaches the log (printed in a terminal or a browser) as itself."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def junit(results: list[FileResult], lang: Lang = "zh", fail_on: str = Severity.ERROR) -> str:
    """A suite a file, a case a finding: failing at or above `fail-on`, passed (its message kept as
    the case's output) below it."""
    suites = ElementTree.Element("testsuites", name="bplint")
    for result in results:
        path = printable(result.path)  # XML 1.0 forbids most controls
        failing = sum(fails(f.severity, fail_on) for f in result.findings)
        tests = str(max(len(result.findings), 1))
        suite = ElementTree.SubElement(suites, "testsuite", name=path, tests=tests, failures=str(failing))
        if not result.findings:
            ElementTree.SubElement(suite, "testcase", name="bplint", classname=path)
        for f in result.findings:
            place = (
                f.where(lang) if _in_document(f) else (f"行{f.line}" if lang == "zh" else f"line {f.line}")
            )
            name = printable(f"{f.rule} {place}".strip())
            case = ElementTree.SubElement(suite, "testcase", name=name, classname=path)
            message = printable(f.message)
            text = printable(f"{_place(result.path, f, lang)} {f.rule} [{f.severity.word(lang)}] {message}")
            if fails(f.severity, fail_on):
                failure = ElementTree.SubElement(case, "failure", type=f.severity.value, message=message)
                failure.text = text
            else:
                ElementTree.SubElement(case, "system-out").text = text
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
    )
