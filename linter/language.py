"""The languages bplint speaks: every `lang` parameter is a `Lang`; a language given from outside
(a config file, a script, a web form) is checked into one here."""

from __future__ import annotations

from typing import Literal, TypeGuard, get_args

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)


def is_lang(value: object) -> TypeGuard[Lang]:
    return value in LANGS


def lang_of(value: object) -> Lang:
    """A language given from outside (a config, a script): one bplint speaks, or a ValueError."""
    if not is_lang(value):
        raise ValueError(f"lang must be 'zh' or 'en', not {value!r}")
    return value
