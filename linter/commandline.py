"""What the commands of the command line share (bplint.cli: the group and `check`; bplint.commands:
`rules`, `explain`, `dump`, `baseline`): help in Chinese, usage errors in the language asked for,
configuration, rules and bounds loaded or refused with exit code 2, reports written whole."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from bplint import clickwords
from bplint.report.terminal import printable

if TYPE_CHECKING:
    from bplint import config, limits
    from bplint.catalog import Rule

USAGE = 2  # a usage or configuration error
UNREAD = 3  # some input could not be read at all


class ChineseHelp:
    """The help option's own line in Chinese, like the rest of the help."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # A mixin: mypy cannot know the class it is mixed into has get_help_option.
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示帮助并退出"
        return option


class Command(ChineseHelp, click.Command):
    pass


def usage_error(zh: str, en: str | None = None) -> NoReturn:
    """Say what is wrong with the command line or configuration, and exit with code 2."""
    said = en if en is not None and clickwords.asked(sys.argv[1:]) == "en" else zh
    click.echo(f"bplint: {printable(said)}", err=True)
    sys.exit(USAGE)


def padded(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` terminal columns (a Chinese character counted two)."""
    return text + " " * max(columns - clickwords.columns(text), 0)


def load_config(path: str | None, near: list[str]) -> config.Config:
    from bplint import api, config

    try:
        return api.load_config(path, near=near)
    except config.ConfigError as error:
        usage_error(str(error))


def load_rules(conf: config.Config) -> dict[str, Rule]:
    """The config's rules, compiled; a broken pack or a selection naming no rule is a usage error."""
    from bplint import api
    from bplint.catalog import CatalogError

    try:
        rules = api.rules_of(conf)
        api.selected(conf)
    except (CatalogError, api.SelectionError) as error:
        usage_error(str(error))
    return rules


def limits_of(conf: config.Config, options: tuple[str, ...], timeout: float | None) -> limits.Limits:
    from bplint import limits

    try:
        bounds = limits.parse_options(options, conf.limits)
    except limits.LimitError as error:
        usage_error(str(error))
    try:
        return replace(bounds, timeout=limits.value("timeout", timeout)) if timeout is not None else bounds
    except limits.LimitError as error:
        usage_error(str(error).replace("上限 timeout", "--timeout"))


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write the whole report or nothing (see bplint.report.output)."""
    from bplint import oswords
    from bplint.report.output import write_atomically as write

    try:
        write(path, content)
    except OSError as error:
        usage_error(f"无法写入 {path}：{oswords.reason(error)}", f"cannot write {path}: {error.strerror}")


def nothing_to_check(paths: tuple[str, ...], lang: str) -> str:
    """What a run that found no document to check says (a folder of notes, a mistyped folder)."""
    if lang == "zh":
        return f"bplint: {'、'.join(paths)} 中没有可检查的文件（.txt、.docx、.pdf、.xlsx）"
    return f"bplint: no file to check (.txt, .docx, .pdf, .xlsx) in {', '.join(paths)}"


# A report file named for another format than the one written (`-o out.json` without --format).
_NAMED = {".json": "json", ".sarif": "sarif", ".html": "html", ".xml": "junit", ".xlsx": "xlsx"}


def text_into(fmt: str, output: str | None, lang: str) -> str | None:
    """The note a text report written into a file named for another format gets, or None."""
    wanted = _NAMED.get(Path(output).suffix.lower()) if output and fmt == "text" else None
    if wanted is None:
        return None
    if lang == "zh":
        return f"bplint: -o {output} 写入的是文本报告；要 {wanted} 格式，请加 --format {wanted}"
    return f"bplint: -o {output} gets the text report; add --format {wanted} for {wanted}"


def usable(fmt: str, output: str | None, annotate: str | None, inputs: list, together: bool) -> None:
    """A workbook goes to a file; a marked copy is of one PDF or Word document, in its own format."""
    if fmt == "xlsx" and not output:
        usage_error("--format xlsx 写出的是 Excel 工作簿，请用 -o 指定文件名，如 -o 审核意见.xlsx",
                    "--format xlsx writes a workbook: name it with -o, e.g. -o review.xlsx")  # fmt: skip
    if annotate is None:
        return
    files = [p for p in inputs if isinstance(p, str)]
    kinds = {Path(p).suffix.lower() for p in files}
    if len(files) != 1 or kinds - {".pdf", ".docx"} or together:
        usage_error("--annotate 只用于检查一个 .pdf 或 .docx 文件", "--annotate takes one .pdf or .docx file")
    if Path(annotate).suffix.lower() != Path(files[0]).suffix.lower():
        usage_error(f"--annotate 的文件应与原文件同类型（{Path(files[0]).suffix}）",
                    f"--annotate writes a {Path(files[0]).suffix} like its input")  # fmt: skip
