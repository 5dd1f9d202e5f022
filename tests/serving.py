"""`bplint serve` started for a test: its own process on a free loopback port, its temporary folder
(TMPDIR) and working folder (where it finds bplint.yaml) given by the test, so that what it leaves
behind can be listed."""

from __future__ import annotations

import contextlib
import os
import selectors
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Server:
    url: str
    tmp: Path  # the server's TMPDIR: its private folder is made there
    process: subprocess.Popen

    def left(self) -> list[str]:
        """Every file and folder below TMPDIR but the server's own (empty) private folder."""
        found = sorted(str(p.relative_to(self.tmp)) for p in self.tmp.rglob("*"))
        return [p for p in found if not (p.startswith("bplint-serve-") and "/" not in p)]


@contextlib.contextmanager
def served(folder: Path, *options: str) -> Iterator[Server]:
    """The server started in `folder` (its config is that folder's), stopped as Ctrl-C stops it."""
    tmp = folder / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1"}
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bplint", "serve", "--port", "0", *options],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=log, text=True,
    )  # fmt: skip
    try:
        yield Server(_address(process, folder), tmp, process)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _address(process: subprocess.Popen, folder: Path) -> str:
    """The address the server prints once it listens (`bplint serve: http://127.0.0.1:PORT/`)."""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=60):
            raise AssertionError("bplint serve did not start: " + (folder / "server.log").read_text())
    line = process.stdout.readline()
    assert line.startswith("bplint serve: http://127."), line + (folder / "server.log").read_text()
    return line.split()[-1]
