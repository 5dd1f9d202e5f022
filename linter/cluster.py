"""Linting on a cluster with Dask (`pip install 'bplint[dask]'`, which brings `dask.distributed`):
one task per file.  A script for a scheduler on other machines (`dask scheduler` on one, `dask
worker tcp://scheduler:8786` on each of the others, bplint installed on all):

    import sys

    import bplint
    from bplint import cluster
    from bplint.report import json_report
    from dask.distributed import Client

    if __name__ == "__main__":  # Dask's processes import this file again: run only as the script
        client = Client(sys.argv[1])  # tcp://scheduler:8786; Client() starts a cluster on this machine
        config = bplint.load_config()
        results = cluster.lint_all(sys.argv[2:], config)
        with open("survey.json", "w", encoding="utf-8") as out:
            out.write(json_report.render(results))

Each worker compiles the rules once from the config (plain data, sent with the task) and lints
its files with `bplint.lint_file`, so the findings are those of the command line.  What comes
back is each file's slim result, as the command line's workers send (findings, counts, the
document's agency, year and unit; the input's lines only with `lines`), not its model: a few KB a
file, so the client's memory does not grow with a survey's hundreds of thousands of files by the
model's hundreds of KB each.  Dask does the scheduling, retries and spreading; bplint adds nothing
of its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from bplint.api import lint_file, rules_of
from bplint.config import Config
from bplint.lint import FileResult, Skipped, expand

try:
    import dask.bag
except ImportError as error:  # pragma: no cover - the extra is not installed
    raise ImportError("bplint.cluster needs Dask: pip install 'bplint[dask]'") from error


def bag(
    paths: Iterable[str | os.PathLike],
    config: Config | None = None,
    partition_size: int = 8,
    lines: bool | int = False,
) -> dask.bag.Bag:
    """A Dask bag of each file's slim result (folders expanded here, on the client, in order);
    `lines` as for `bplint.run`: the input's lines all (True), none, or those within N of a finding."""
    entries = [e for e in expand(os.fspath(p) for p in paths) if not (isinstance(e, Skipped) and e.covered)]
    files = dask.bag.from_sequence(entries, partition_size=partition_size)
    return files.map(_lint, config or Config(), lines)


def _lint(entry: str | Skipped, config: Config, lines: bool | int) -> FileResult:
    if isinstance(entry, Skipped):  # a folder that could not be opened: its BP001, as on the command line
        return entry.result(rules_of(config), config.lang or "zh")
    return lint_file(entry, config=config).slim(lines)


def lint_all(
    paths: Iterable[str | os.PathLike], config: Config | None = None, lines: bool | int = False, **compute
) -> list[FileResult]:
    """Every file's slim result, in input order, computed by Dask (`compute` goes to `Bag.compute`)."""
    return bag(paths, config, lines=lines).compute(**compute)
