"""`python -m bplint`, the same as the `bplint` command."""

from bplint.cli import entry

entry()
