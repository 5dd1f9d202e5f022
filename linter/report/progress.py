"""Results as a run yields them: each file's lines printed as it finishes (the text report), or
collected behind click's progress bar on a terminal's stderr (every other report)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click

from bplint.language import Lang
from bplint.lint import FileResult
from bplint.report import text


def streamed(running: Iterable[FileResult], lang: Lang, colour: bool, color: str, total: int, quiet: bool,
             verbose: bool = False) -> list:  # fmt: skip
    """Every result, each file's lines printed as soon as it and those before it are done. The lines
    are the progress on a terminal; printed to a file or a pipe, the bar shows on stderr."""
    results = []
    for result in _counted(running, total, quiet or sys.stdout.isatty()):
        results.append(result)
        click.echo(
            text.file_report(result, lang, colour, verbose),
            nl=False,
            color=True if color == "always" else None,
        )
    return results


def collected(running: Iterable[FileResult], total: int, quiet: bool) -> list:
    """Every result; with several files and a terminal on stderr, click's progress bar meanwhile."""
    return list(_counted(running, total, quiet))


def _counted(running: Iterable[FileResult], total: int, quiet: bool) -> Iterator[FileResult]:
    if quiet or total < 2 or not sys.stderr.isatty():
        yield from running
        return
    with click.progressbar(running, length=total, file=sys.stderr, label="bplint", show_pos=True) as bar:
        yield from bar
