"""The console script: `bplint --version` answered before anything else is loaded (the command
line's library alone takes longer to import than the goal of 60 ms allows), every other command
handed to the command line (`bplint.cli`)."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from bplint import __version__

        sys.stdout.write(f"bplint {__version__}\n")  # what click's version option prints
        return
    from bplint.cli import entry

    entry()
