"""click's own words in Chinese: usage errors and help headings, so that a finance officer who
mistypes an option reads the error in the language of the rest of bplint (`--lang en` keeps them
English). click looks each message up through `gettext` at the moment it prints it; bplint gives
the modules that print them a lookup of its own, keyed by click's English message.

And the help's columns measured as a terminal shows them: a Chinese character takes two columns,
and a line of Chinese may break between any two characters (click counts characters and breaks at
spaces, so `--output 文件` pushed its help out of line and Chinese help ran past the margin).
"""

from __future__ import annotations

import functools
import gettext
import itertools
import re
import unicodedata

import click._textwrap
import click.core
import click.exceptions
import click.formatting
import click.parser
import click.types

from bplint.language import Lang

WORDS = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Try '{command} {option}' for help.": "用 “{command} {option}” 查看帮助。",
    "Error: {message}": "错误：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Got unexpected extra argument ({args})": "多了一个参数（{args}）",
    "Got unexpected extra arguments ({args})": "多了几个参数（{args}）",
    "{value!r} is not {choice}.": "{value!r} 不是可选的值：{choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选的值之一：{choices}。",
    # click names the number's type in English (`integer range`): left out of the Chinese.
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "default: {default}": "默认：{default}",
    "default": "默认",
    "required": "必填",
    "(Possible options: {possibilities})": "（可能是：{possibilities}）",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
}
_MODULES = (click.core, click.exceptions, click.formatting, click.parser, click.types)


def _word(message: str) -> str:
    return WORDS.get(message, message)


def _words(singular: str, plural: str, n: int) -> str:
    return _word(singular if n == 1 else plural)


def speak(lang: Lang) -> None:
    """click's messages in `lang` from now on: zh (bplint's words) or en (click's own)."""
    for module in _MODULES:
        # Module globals replaced on purpose (mypy sees no `_` or `ngettext` declared on a module).
        if hasattr(module, "_"):
            module._ = _word if lang == "zh" else gettext.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _words if lang == "zh" else gettext.ngettext  # type: ignore[attr-defined]


def asked(argv: list[str]) -> Lang:
    """The language a command line asks for (`--lang en`, `--lang=en`), before click parses it."""
    english = "--lang=en" in argv or any(a == "--lang" and b == "en" for a, b in itertools.pairwise(argv))
    return "en" if english else "zh"


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@functools.cache
def _wide() -> re.Pattern[str]:
    """Compiled when help is first wrapped, not at every start: its ranges take re ~5 ms to compile."""
    return re.compile(
        r"([\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6])"
    )


def columns(text: str) -> int:
    """The terminal columns `text` takes: a wide (Chinese) character two, an escape sequence none."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in _ANSI.sub("", text))


def _visible_prefix(text: str, n: int) -> str:
    """The longest start of `text` that fits in `n` columns (at least one character)."""
    used = 0
    for index, char in enumerate(text):
        used += columns(char)
        if used > n:
            return text[: max(index, 1)]
    return text


_split = click._textwrap.TextWrapper._split


def _chunks(self, text: str) -> list[str]:
    """click's chunks, each wide character one of its own: Chinese breaks between characters."""
    return [piece for chunk in _split(self, text) for piece in _wide().split(chunk) if piece]


# click's internals replaced on purpose: the same signatures under other parameter names.
click._textwrap.term_len = columns  # type: ignore[assignment]
click._textwrap._truncate_visible = _visible_prefix
click._textwrap.TextWrapper._split = _chunks  # type: ignore[method-assign]
click.formatting.term_len = columns  # type: ignore[assignment]
