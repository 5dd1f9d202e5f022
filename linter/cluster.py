"""Linting on a cluster with Dask (`pip install 'bplint[dask]'`): one task per file.

    import bplint
    from bplint import cluster
    from dask.distributed import Client            # or no client: Dask's local scheduler

    client = Client("scheduler:8786")
    results = cluster.lint_all(paths, bplint.load_config("bplint.yaml"))
    open("survey.json", "w").write(bplint.report.json_report.render(results))

Each worker compiles the rules once from the config (plain data, sent with the task) and lints
its files with `bplint.lint_file`, so the findings are those of the command line.  Dask does the
scheduling, retries and spreading; bplint adds nothing of its own.
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
    paths: Iterable[str | os.PathLike], config: Config | None = None, partition_size: int = 8
) -> dask.bag.Bag:
    """A Dask bag of each file's result (folders expanded here, on the client, in order)."""
    entries = [e for e in expand(map(os.fspath, paths)) if not (isinstance(e, Skipped) and e.covered)]
    return dask.bag.from_sequence(entries, partition_size=partition_size).map(_lint, config or Config())


def _lint(entry: str | Skipped, config: Config) -> FileResult:
    if isinstance(entry, Skipped):  # a folder that could not be opened: its BP001, as on the command line
        return entry.result(rules_of(config), config.lang or "zh")
    return lint_file(entry, config)


def lint_all(paths: Iterable[str | os.PathLike], config: Config | None = None, **compute) -> list[FileResult]:
    """Every file's result, in input order, computed by Dask (`compute` goes to `Bag.compute`)."""
    return bag(paths, config).compute(**compute)
