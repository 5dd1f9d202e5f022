"""Reports for CI systems: GitHub Actions workflow annotations and JUnit XML.

`--format github` prints one workflow command per finding, which GitHub shows on the file and line;
`--format junit` gives a test suite per file and a failing test case per finding, which every CI
server can show.
"""

from __future__ import annotations

from xml.etree import ElementTree

from bplint.lint import FileResult
from bplint.report.terminal import printable

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            where = f"file={_property(result.path)},line={f.line},col={f.column}"
            if f.end_line is not None:
                where += f",endLine={f.end_line}"
            title = _property(f"{f.rule} {f.name}")
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} {where},title={title}::{_data(f.message)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    """A workflow command's message, escaped as the runner reads it; no control character or
    bidirectional override reaches the log (printed in a terminal or a browser) as itself."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def junit(results: list[FileResult]) -> str:
    suites = ElementTree.Element("testsuites", name="bplint")
    for result in results:
        count, path = len(result.findings), printable(result.path)  # XML 1.0 forbids most controls
        suite = ElementTree.SubElement(
            suites, "testsuite", name=path, tests=str(max(count, 1)), failures=str(count)
        )
        if not result.findings:
            ElementTree.SubElement(suite, "testcase", name="bplint", classname=path)
        for f in result.findings:
            case = ElementTree.SubElement(suite, "testcase", name=f"{f.rule} 行{f.line}", classname=path)
            message = printable(f.message)
            failure = ElementTree.SubElement(case, "failure", type=f.severity, message=message)
            failure.text = f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {message}"
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
    )
