"""Results as a run yields them: each file's lines printed as it finishes (the text report), or
collected behind click's progress bar on a terminal's stderr (every other report)."""

from __future__ import annotations

import sys

import click

from bplint.report import text


def streamed(running, lang: str, colour: bool, color: str) -> list:
    """Every result, each file's lines printed as soon as it and those before it are done."""
    results = []
    for result in running:
        results.append(result)
        click.echo(
            text.file_report(result, lang, colour), nl=False, color=True if color == "always" else None
        )
    return results


def collected(running, total: int, quiet: bool) -> list:
    """Every result; with several files and a terminal on stderr, click's progress bar meanwhile."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return list(running)
    with click.progressbar(running, length=total, file=sys.stderr, label="bplint", show_pos=True) as bar:
        return list(bar)
