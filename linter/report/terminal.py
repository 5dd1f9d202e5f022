"""Text safe for a terminal: what a document or a file name holds is shown, never obeyed."""

from __future__ import annotations

import re

# Control characters (an escape sequence in a file name could rewrite the terminal) and the
# bidirectional overrides that reorder what is shown: printed as escapes, never as themselves.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A page of text (a rule's examples are tab-separated tables) keeps its tabs: a tab only moves on.
_UNPRINTABLE_IN_PAGE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# In JSON everything below U+0020 is escaped already (a raw newline is the layout's); what is left
# to show escaped are DEL, the C1 controls and the bidirectional overrides, and the two
# non-characters XML 1.0 forbids.
_JSON_UNPRINTABLE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` safe to print on a terminal: `\\x1b`, `\\u202e` instead of the characters."""
    return _UNPRINTABLE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """Text of several lines (`bplint explain`, `--show-settings`), each line made printable."""
    return "\n".join(_UNPRINTABLE_IN_PAGE.sub(_escape, line) for line in text.split("\n"))


def json_printable(text: str) -> str:
    """JSON text (`dump`, the JSON and SARIF reports) with the characters a terminal would obey
    written as JSON's own `\\u202e` escapes: the same JSON, safe to print."""
    return _JSON_UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
