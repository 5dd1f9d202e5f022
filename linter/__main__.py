"""`python -m bplint`, the same as the `bplint` command."""

from bplint.console import main

main()
