"""Checking an upload: each file linted by the batch runner in a worker process of its own, at most
`jobs` at once across all requests, then the outputs the command line writes made from the results.

Each file takes one of `jobs` slots while its worker runs, whichever request it came with: a slow
file holds one slot and the other files, of its request or another, go on in the rest.  The runner
bounds each (time, memory, size; bplint.runner) as it bounds a file of `bplint check`.
"""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import anyio.to_thread

from bplint import api, runner
from bplint.config import Config
from bplint.findings import Finding
from bplint.language import Lang
from bplint.lint import FileResult
from bplint.serve.store import Download, Outcome, token
from bplint.serve.uploads import Upload
from bplint.serve.words import PAGE
from bplint.severity import Severity

MARKABLE = (".pdf", ".docx")  # the formats bplint.report.annotate marks


@dataclass(frozen=True)
class Checker:
    conf: Config
    jobs: int
    slots: asyncio.Semaphore

    @property
    def fail_on(self) -> str:
        return self.conf.fail_on or Severity.ERROR

    async def check(self, uploads: list[Upload], lang: Lang, said: Callable[[dict], None]) -> Outcome:
        """The files' results and outputs; `said` hears each file start and finish."""
        from bplint.report import html

        lines = True if len(uploads) <= html.WHOLE_TEXTS else html.CONTEXT
        settings = runner.Settings(api.rules_of(self.conf), lang, set(api.selected(self.conf)),
                                   self.conf.limits, 1, False, lines, lone_text_here=False)  # fmt: skip
        results = await asyncio.gather(*(self._one(n, u, settings, said) for n, u in enumerate(uploads)))
        return await anyio.to_thread.run_sync(self._outputs, uploads, results, lang)

    async def _one(self, n: int, upload: Upload, settings: runner.Settings, said) -> FileResult:
        async with self.slots:
            said({"event": "started", "index": n})
            result = await anyio.to_thread.run_sync(self._lint, upload, settings)
        said({"event": "done", "index": n, "outcome": _outcome(result), "readable": result.readable})
        return result

    def _lint(self, upload: Upload, settings: runner.Settings) -> FileResult:
        (result,) = runner.run([upload.path], settings)
        findings = tuple(_named(f, upload) for f in result.findings)
        result = replace(result, path=upload.name, findings=findings)  # waivers name what the office sees
        only = frozenset(settings.only or ())
        return api.finish(result, only=only, waivers=self.conf.waivers, accepted=self.conf.baseline)

    def _outputs(self, uploads: list[Upload], results: list[FileResult], lang: Lang) -> Outcome:
        """What the command line would write of these results: the HTML report (twice: the one
        shown here with its links, the one to download without), the JSON, the review sheet, and
        each PDF or Word file marked."""
        from bplint.report import json_report, review

        rules = api.rules_of(self.conf)
        words = PAGE[lang]
        stem = PurePosixPath(uploads[0].name).stem if len(uploads) == 1 else "bplint"
        downloads = {
            "report.html": Download(f"{stem}-bplint.html", "text/html; charset=utf-8",
                                    self._html(results, lang).encode(), words["report_html"]),
            "report.json": Download(f"{stem}-bplint.json", "application/json",
                                    json_report.render(results, replace(self.conf, lang=lang)).encode(),
                                    words["report_json"]),
            "review.xlsx": Download("审核意见.xlsx" if lang == "zh" else "review.xlsx", _XLSX,
                                    review.workbook(results, lang, rules), words["review"]),
        }  # fmt: skip
        for n, (upload, result) in enumerate(zip(uploads, results, strict=True)):
            marked = self._marked(upload, result, lang) if result.readable else None
            if marked is not None:
                name = f"{PurePosixPath(upload.name).stem}-bplint{upload.suffix}"
                label = words["marked"].format(name=upload.name)
                downloads[f"marked-{n}{upload.suffix}"] = Download(name, _MEDIA[upload.suffix], marked, label)
        made = token()
        links = ((words["again"], f"/?lang={lang}"),
                 *((d.label, f"/r/{made}/{key}") for key, d in downloads.items()))  # fmt: skip
        view = self._html(results, lang, links)
        return Outcome(made, lang, tuple(results), view, downloads)

    def _html(self, results: list[FileResult], lang: Lang, links: tuple = ()) -> str:
        from bplint.report import html

        conf = replace(self.conf, lang=lang)
        return html.render(results, api.rules_of(conf), lang, conf.rules, self.fail_on, conf, links)

    def _marked(self, upload: Upload, result: FileResult, lang: Lang) -> bytes | None:
        """The file with its findings marked, made under the file's bounds in a process of its own
        (PDFium reads the upload once more); None for other formats or when it did not finish."""
        if upload.suffix not in MARKABLE:
            return None
        task = functools.partial(_mark, upload.path, result, lang, self.conf)
        try:
            return runner.bounded(task, self.conf.limits)  # type: ignore[arg-type, return-value]
        except runner.Stopped:
            return None


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MEDIA = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _mark(path: str, result: FileResult, lang: Lang, conf: Config) -> bytes:
    from bplint import read
    from bplint.report import annotate

    data = read.read_regular(path, conf.limits)
    return annotate.marked(result, data, PurePosixPath(path).suffix, lang, api.rules_of(conf))


def _named(finding: Finding, upload: Upload) -> Finding:
    """A message that names the file (a read error) names it as uploaded, never the folder here."""
    if upload.path not in finding.message:
        return finding
    return replace(finding, message=finding.message.replace(upload.path, upload.name))


def _outcome(result: FileResult) -> str:
    from bplint.report import html

    return html.outcome(result)


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
