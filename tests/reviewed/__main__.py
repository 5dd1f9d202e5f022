"""`python -m tests.reviewed NAME.pdf …`: the findings each file's list does not hold yet."""

import sys

from tests.reviewed import _main

_main(sys.argv[1:])
