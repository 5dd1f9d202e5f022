"""Text safe for a terminal: what a document or a file name holds is shown, never obeyed."""

from __future__ import annotations

import re

# Control characters (an escape sequence in a file name could rewrite the terminal) and the
# bidirectional overrides that reorder what is shown: printed as escapes, never as themselves.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to print on a terminal: `\\x1b`, `\\u202e` instead of the characters."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
