"""The command line: `bplint FILE...` (`check`) and the group of commands (bplint.commands holds
`rules`, `explain`, `dump` and `baseline`)."""

from __future__ import annotations

import difflib
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bplint import __version__, clickwords, commands, console
from bplint.commandline import (
    UNREAD,
    ChineseHelp,
    Command,
    limits_of,
    load_config,
    load_rules,
    nothing_to_check,
    text_into,
    usable,
    usage_error,
    write_atomically,
)
from bplint.language import LANGS, Lang
from bplint.report.terminal import printable, printable_lines
from bplint.severity import FAIL_ON, Severity

if TYPE_CHECKING:
    from bplint import config, limits
    from bplint.lint import FileResult

# Only click and the above are imported at start: `bplint --version` and `--help` load nothing
# more; each command imports what it uses.

FORMATS = ("text", "json", "html", "sarif", "github", "junit", "xlsx")
clickwords.speak("zh")


class _DefaultToCheck(ChineseHelp, click.Group):
    """`bplint FILE...` means `bplint check FILE...`; named subcommands still work, and a word that
    is neither a file nor a command but close to one (`bplint explian BP101`) is a usage error."""

    command_class = Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = _command_first(args, self.commands)
        first = next((arg for arg in args if not arg.startswith("-") or arg == "-"), None)
        wants_group_option = any(arg in ("--version", "--help", "-h") for arg in args[:1])
        if not wants_group_option and (first is None or first not in self.commands):
            for word in args:
                if not word.startswith("-") and not os.path.lexists(word):
                    self._mistyped(word)
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def _mistyped(self, word: str) -> None:
        close = difflib.get_close_matches(word, list(self.commands), n=1, cutoff=0.7)
        if close and not Path(word).suffix:
            usage_error(f"没有命令 {word}，也没有这个文件；是不是 {close[0]}？",
                        f"no command or file {word}; did you mean {close[0]}?")  # fmt: skip

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """`bplint --help` also lists the options of `check`, the command `bplint FILE` runs."""
        super().format_help(ctx, formatter)
        check = self.commands["check"]
        inner = click.Context(check, info_name="check", parent=ctx)
        records = [r for p in check.get_params(inner) if (r := p.get_help_record(inner)) is not None]
        with formatter.section("检查选项（bplint FILE… 即 bplint check FILE…）"):
            formatter.write_dl(records)


def _command_first(args: list[str], commands) -> list[str]:
    """`bplint --lang en explain BP103` is `bplint explain --lang en BP103`: a command named after
    options only (each maybe with its value) is the command, those options its own."""
    for index, arg in enumerate(args):
        if arg in commands:
            before = args[:index]
            values = all(a.startswith("-") or _takes_value(before, j) for j, a in enumerate(before))
            return [arg, *before, *args[index + 1 :]] if before and values else args
        if not arg.startswith("-") and not _takes_value(args, index):
            return args  # a file first: `bplint FILE …`
    return args


def _takes_value(args: list[str], index: int) -> bool:
    """Whether the word at `index` is the value of the long option before it (`--lang en`)."""
    return index > 0 and args[index - 1].startswith("--") and "=" not in args[index - 1]


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: not a KeyboardInterrupt, which click would turn into exit code 1."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _interrupt(signum: int, _frame) -> None:
    raise Interrupted(128 + signum)


def entry() -> None:
    """The console script: `main` with Ctrl-C and SIGTERM ending the run cleanly (exit 130/143).

    A report being written is left whole or not at all, and files being linted are stopped."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    clickwords.speak(clickwords.asked(sys.argv[1:]))  # a usage error in the language asked for
    try:
        main()
    except Interrupted as stop:
        click.echo("\nbplint: 已中断", err=True)
        sys.exit(stop.code)
    except Exception as error:  # a bug outside any one file (a report that would not render)
        if "--debug" in sys.argv:
            raise
        what = f"{type(error).__name__}: {error}"
        usage_error(f"内部错误，请报告（加 --debug 可看到详情）：{what}",
                    f"internal error, please report it (--debug shows where): {what}")  # fmt: skip


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bplint", message="%(prog)s %(version)s", help="显示版本并退出")
def main() -> None:
    """bplint：部门预算公开与绩效目标表的一致性检查工具。

    \b
    bplint 文件.pdf            检查一个或多个文件（目录则检查其中所有文件）
    bplint rules               列出全部规则
    bplint explain BP301       查看某条规则的说明与示例
    bplint dump 文件.pdf       以 JSON 显示 bplint 读到的内容
    bplint baseline prune …    删去基线中已没有对应问题的项
    """


for _command in commands.ALL:
    main.add_command(_command)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select BP1,BP2 --select BP3`: each value a comma list, as ruff and sqlfluff take them."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
    help="输出格式（xlsx：审核意见表，须与 -o 同用）",
)  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="把报告写入文件（原子写入）")
@click.option("--lang", type=click.Choice(LANGS), help="消息语言（默认 zh）")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="哪个级别的问题使退出码为 1（默认 error）",
)
@click.option("--select", multiple=True, help="只报告这些规则（编号、前缀如 BP1、或名称；逗号分隔或重复）")
@click.option("--ignore", multiple=True, help="不报告这些规则（编号、前缀或名称；逗号分隔或重复）")
@click.option("--rules", "packs", multiple=True, type=click.Path(dir_okay=False), help="追加规则包（YAML）")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="配置文件（默认：从被检查文件、再从当前目录向上找 bplint.yaml 或 pyproject.toml 的 [tool.bplint]）",
)
@click.option("--statistics", is_flag=True, help="只列出每条规则的问题数")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="另外写一份 HTML 报告到这个文件")
@click.option("--annotate", "annotate_path", type=click.Path(dir_okay=False),
              help="另写一份标出问题的 .pdf 或 .docx 原文件副本")  # fmt: skip
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="同时检查几个文件（默认：处理器核数）")
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), help="每个文件最多处理几秒（默认 300）"
)
@click.option("--limit", "limit_options", multiple=True, metavar="NAME=VALUE",
              help="调整上限，如 file-mb=512、pdf-pages=5000、memory-mb=8192"
                   "（现行上限见 --show-settings，各项含义见 docs/reliability.md）")  # fmt: skip
@click.option("--debug", is_flag=True, help="内部错误时显示 Python 调用栈（报告问题时用）")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条")
@click.option("-v", "--verbose", is_flag=True, help="也列出已豁免、已在基线中的问题（默认只计数）")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="文本报告是否着色（auto：输出到终端且未设 NO_COLOR 时）")  # fmt: skip
@click.option(
    "--show-settings", is_flag=True, help="只显示这次检查用的设置（配置文件、规则、语言……），不检查"
)
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True),
              help="基线文件中已接受的问题只计数、不列出（只报告新问题）")  # fmt: skip
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="把这次报告的问题（和仍存在的已接受问题）写成基线文件（YAML；.json 为 JSON）")  # fmt: skip
@click.option(
    "--stdin-filename", metavar="NAME", help="标准输入（-）在报告中的文件名（也用于豁免和查找配置）"
)
@click.option("--together", is_flag=True,
              help="把给出的几个文件当作同一份公开文件检查（如说明与表格分册公开）")  # fmt: skip
def check(
    paths, fmt, output, lang, fail_on, select, ignore, packs, config_path, statistics, html_path,
    annotate_path, jobs, timeout, limit_options, debug, quiet, verbose, color, show_settings, baseline,
    write_baseline, stdin_filename, together,
) -> None:  # fmt: skip
    """检查文件（默认命令）。"""
    with console.long_lived():
        from bplint import api
        from bplint.lint import Skipped, expand
        from bplint.report import progress

    if "" in paths:  # `bplint "$DIR"` with DIR unset: not the working folder
        usage_error(
            '路径不能为空（""）：请写出要检查的文件或目录',
            'a path cannot be empty (""): name a file or folder',
        )
    conf = load_config(
        config_path, near=[p for p in paths if p != "-"] + [stdin_filename or "-"] * ("-" in paths)
    )
    lang = lang or conf.lang or "zh"
    fail_on = fail_on or conf.fail_on or Severity.ERROR
    bounds = limits_of(conf, limit_options, timeout)
    accepted = _baseline(baseline, bounds) if baseline else ()
    conf = replace(conf, select=_names(select) or conf.select, ignore=conf.ignore + _names(ignore),
                   rules=conf.rules + tuple(packs), lang=lang, limits=bounds, baseline=accepted)  # fmt: skip
    for zh, en in conf.notes:
        click.echo(printable(f"bplint: {zh if lang == 'zh' else en}"), err=True)
    with console.long_lived():
        rules = load_rules(conf)
    if show_settings:
        from bplint.report.describe import settings

        click.echo(printable_lines(settings(conf, rules, fail_on, api.selected(conf), lang)))
        return
    inputs = []
    for entry in expand(paths):
        if isinstance(entry, Skipped) and entry.covered:
            said = entry.said(lang)
            note = f"已跳过 {entry.path}：{said}" if lang == "zh" else f"skipped {entry.path}: {said}"
            click.echo(printable(f"bplint: {note}"), err=True)
        else:
            inputs.append(entry)
    if not inputs:  # a folder with no document in it: said, so that a mistyped folder is noticed
        click.echo(printable(nothing_to_check(paths, lang)), err=True)
    usable(fmt, output, annotate_path, inputs, together)
    if (misnamed := text_into(fmt, output, lang)) is not None:
        click.echo(printable(misnamed), err=True)
    outputs = _targets((output, html_path, write_baseline, annotate_path), inputs)
    if together:
        inputs = _together(inputs)
    stdin = _stdin(conf.limits) if "-" in paths else None
    lines = _lines_kept(fmt == "html" or bool(html_path), inputs)
    running = api.run(inputs, config=conf, jobs=jobs, stdin=stdin, debug=debug, lines=lines,
                      stdin_name=stdin_filename)  # fmt: skip
    colour = color == "always" or (color == "auto" and output is None and _colour())
    streamed = fmt == "text" and not statistics and output is None  # each file as it finishes
    results = (
        progress.streamed(running, lang, colour, color, len(inputs), quiet, verbose)
        if streamed
        else progress.collected(running, len(inputs), quiet)
    )
    report = _report(fmt, results, rules, conf, fail_on, streamed, colour, statistics, verbose)
    if html_path:
        write_atomically(outputs[html_path], _html(results, rules, conf, fail_on))
    if write_baseline:
        write_atomically(
            outputs[write_baseline], api.baseline_text(results, path=write_baseline, lang=lang, kept=accepted)
        )
    if annotate_path:
        write_atomically(outputs[annotate_path], _annotated(results, inputs, annotate_path, lang, rules))
    if output:
        write_atomically(outputs[output], report)
    else:
        click.echo(report, nl=False, color=True if color == "always" else None)
    from bplint.report.describe import unused_waivers

    for note in unused_waivers(conf, results):
        click.echo(printable(f"bplint: {note}"), err=True)
    sys.exit(_exit_code(results, fail_on))


def _together(inputs: list) -> list:
    """The files given as one disclosure (`--together`): one input of them all, what was skipped
    beside it; standard input cannot be one of them."""
    from bplint.lint import Skipped
    from bplint.together import Together

    files = tuple(entry for entry in inputs if isinstance(entry, str))
    if "-" in files:
        usage_error("--together 不能与标准输入（-）一起使用", "--together cannot take standard input (-)")
    if len(files) < 2:
        usage_error("--together 需要至少两个文件（同一份公开文件的说明与表格）",
                    "--together takes two files or more (one disclosure's text and tables)")  # fmt: skip
    if len({os.path.realpath(f) for f in files}) < len(files):  # read twice, every finding twice
        usage_error("--together 中有同一个文件出现两次", "--together names one file twice")
    return [Together(files), *(entry for entry in inputs if isinstance(entry, Skipped))]


def _report(fmt: str, results: list, rules, conf: config.Config, fail_on: str, streamed: bool, colour: bool,
            statistics: bool, verbose: bool) -> str | bytes:  # fmt: skip
    """The report in `fmt`; the text report's findings were printed already when `streamed`."""
    lang = conf.lang or "zh"
    if fmt == "json":
        from bplint.report import json_report

        return json_report.render(results, conf)
    if fmt == "html":
        return _html(results, rules, conf, fail_on)
    if fmt == "sarif":
        from bplint.report import sarif  # only when asked: keeps start-up short

        return sarif.render(results, rules, lang)
    if fmt in ("github", "junit"):
        from bplint.report import ci

        return ci.github(results, lang, fail_on) if fmt == "github" else ci.junit(results, lang, fail_on)
    if fmt == "xlsx":
        from bplint.report import review

        return review.workbook(results, lang, rules)
    from bplint.report import text

    report = (
        text.summary(results, lang) if streamed else text.render(results, lang, colour, statistics, verbose)
    )
    return report + text.configuration(conf, lang)


def _annotated(results: list, inputs: list, target: str, lang: Lang, rules: dict) -> bytes:
    """The one input, marked with its findings (bplint.report.annotate)."""
    from bplint import read
    from bplint.report import annotate

    source = next(p for p in inputs if isinstance(p, str))
    try:
        data = read.read_regular(source, read.Limits())
    except read.ReadError as error:
        usage_error(f"{source}：{error.zh}", f"{source}: {error.en}")
    return annotate.marked(results[0], data, Path(target).suffix.lower(), lang, rules)


def _baseline(path: str, bounds: limits.Limits) -> tuple:
    from bplint import api, config

    try:
        return api.read_baseline(path, mb=bounds.pack_mb)
    except config.ConfigError as error:
        usage_error(str(error))


def _lines_kept(html: bool, inputs: list) -> bool | int:
    """The input lines each result keeps: all for an HTML report that shows whole texts, those
    around findings for one that shows only contexts (many files), none for other formats."""
    if not html:
        return False
    from bplint.report import html as page  # here: a text report needs no template (nor jinja2)

    return True if len(inputs) <= page.WHOLE_TEXTS else page.CONTEXT


def _stdin(bounds: limits.Limits) -> bytes:
    from bplint import read

    try:
        return read.bounded(sys.stdin.buffer, bounds)
    except read.ReadError as error:
        usage_error(f"标准输入：{error.zh}", f"standard input: {error.en}")


def _targets(paths: tuple[str | None, ...], inputs: list) -> dict[str, Path]:
    from bplint.report.output import Refused, targets

    try:
        return targets(paths, [p for p in inputs if isinstance(p, str) and p != "-"])
    except Refused as error:
        usage_error(str(error))


def _html(results, rules, conf: config.Config, fail_on: str) -> str:
    from bplint.report import html  # jinja2 only when a report is asked for

    return html.render(results, rules, conf.lang or "zh", conf.rules, fail_on, conf)


def _exit_code(results: list[FileResult], fail_on: str) -> int:
    from bplint.severity import fails

    if any(not result.readable for result in results):
        return UNREAD
    return int(any(fails(f.severity, fail_on) for r in results for f in r.findings))


def _colour() -> bool:
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()
