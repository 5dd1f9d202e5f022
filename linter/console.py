"""The console script: `bplint --version` answered before anything else is loaded (the command
line's library alone takes longer to import than the goal of 60 ms allows), every other command
handed to the command line (`bplint.cli`).

The process is the command's: what it imports and compiles at its start lives to its end.  Python's
collector would pass over all of it at each full collection, and at least twice as the process
exits (~65 ms of a lone text file's ~400 ms); so it is made with the collector paused
(`long_lived`) and then frozen, left out of the collector's passes.  Garbage made after it is
collected as before: only the start's objects, which nothing frees before the end, are set apart.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator

_alone = False  # this process is a command's, started by `main` (not a library's or a test's)


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from bplint import __version__

        sys.stdout.write(f"bplint {__version__}\n")  # what click's version option prints
        return
    global _alone
    _alone = True
    with long_lived():
        from bplint.cli import entry
    try:
        entry()
    finally:
        gc.freeze()  # what lives now lives until the exit: Python's last collections skip it


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """What is made inside lives as long as the process (modules, the compiled rules): made
    without collecting, then frozen where the process is the command's; elsewhere (a library, a
    test calling the command line) the collector is only paused, and left as it was."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _alone:
            gc.freeze()
        if collecting:
            gc.enable()
