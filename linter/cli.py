"""The command line: `bplint FILE...`, `bplint rules`, `bplint explain ID`, `bplint dump FILE`."""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from bplint import __version__, clickwords
from bplint.report.terminal import printable, printable_lines

if TYPE_CHECKING:
    from bplint import config, limits
    from bplint.catalog import Rule
    from bplint.lint import FileResult

# Only click and the above are imported at start: `bplint --version` and `--help` load nothing
# more; each command imports what it uses.

FORMATS = ("text", "json", "html", "sarif", "github", "junit")
clickwords.speak("zh")


class _ChineseHelp:
    """The help option's own line in Chinese, like the rest of the help."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # A mixin: mypy cannot know the class it is mixed into has get_help_option.
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示帮助并退出"
        return option


class _Command(_ChineseHelp, click.Command):
    pass


class _DefaultToCheck(_ChineseHelp, click.Group):
    """`bplint FILE...` means `bplint check FILE...`; named subcommands still work."""

    command_class = _Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((arg for arg in args if not arg.startswith("-") or arg == "-"), None)
        wants_group_option = any(arg in ("--version", "--help", "-h") for arg in args[:1])
        if not wants_group_option and (first is None or first not in self.commands):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """`bplint --help` also lists the options of `check`, the command `bplint FILE` runs."""
        super().format_help(ctx, formatter)
        check = self.commands["check"]
        inner = click.Context(check, info_name="check", parent=ctx)
        records = [r for p in check.get_params(inner) if (r := p.get_help_record(inner)) is not None]
        with formatter.section("检查选项（bplint FILE… 即 bplint check FILE…）"):
            formatter.write_dl(records)


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
        _usage_error(f"内部错误，请报告（加 --debug 可看到详情）：{type(error).__name__}: {error}")


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bplint", message="%(prog)s %(version)s", help="显示版本并退出")
def main() -> None:
    """bplint：部门预算公开与绩效目标表的一致性检查工具。

    \b
    bplint 文件.txt            检查一个或多个文件（目录则检查其中所有文件）
    bplint rules               列出全部规则
    bplint explain BP301       查看某条规则的说明与示例
    bplint dump 文件.txt       以 JSON 显示 bplint 读到的内容
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="输出格式"
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="把报告写入文件（原子写入）")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="消息语言（默认 zh）")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="哪个级别的问题使退出码为 1（默认 error）",
)
@click.option("--select", multiple=True, help="只报告这些规则（编号、前缀如 BP1、或名称），可重复")
@click.option("--ignore", multiple=True, help="不报告这些规则（编号、前缀或名称），可重复")
@click.option("--rules", "packs", multiple=True, type=click.Path(dir_okay=False), help="追加规则包（YAML）")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="配置文件（默认：从被检查文件、再从当前目录向上找 bplint.yaml 或 pyproject.toml 的 [tool.bplint]）",
)
@click.option("--statistics", is_flag=True, help="只列出每条规则的问题数")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="另外写一份 HTML 报告到这个文件")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="同时检查几个文件（默认：处理器核数）")
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), help="每个文件最多处理几秒（默认 300）"
)
@click.option("--limit", "limit_options", multiple=True, metavar="NAME=VALUE",
              help="调整上限，如 file-mb=512、pdf-pages=5000、memory-mb=8192（见 README）")  # fmt: skip
@click.option("--debug", is_flag=True, help="内部错误时显示 Python 调用栈（报告问题时用）")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="文本报告是否着色（auto：输出到终端且未设 NO_COLOR 时）")  # fmt: skip
@click.option(
    "--show-settings", is_flag=True, help="只显示这次检查用的设置（配置文件、规则、语言……），不检查"
)
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True),
              help="不报告这个基线文件中已有的问题（只报告新问题）")  # fmt: skip
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="把这次报告的全部问题写成基线文件，供以后 --baseline 使用")  # fmt: skip
@click.option(
    "--stdin-filename", metavar="NAME", help="标准输入（-）在报告中的文件名（也用于豁免和查找配置）"
)
@click.option("--together", is_flag=True,
              help="把给出的几个文件当作同一份公开文件检查（如说明与表格分册公开）")  # fmt: skip
def check(
    paths, fmt, output, lang, fail_on, select, ignore, packs, config_path, statistics, html_path,
    jobs, timeout, limit_options, debug, quiet, color, show_settings, baseline, write_baseline,
    stdin_filename, together,
) -> None:  # fmt: skip
    """检查文件（默认命令）。"""
    from bplint import api
    from bplint.lint import Skipped, expand
    from bplint.report import json_report, progress, text

    if "" in paths:  # `bplint "$DIR"` with DIR unset: not the working folder
        _usage_error('路径不能为空（""）：请写出要检查的文件或目录')
    conf = _config(config_path, [p for p in paths if p != "-"] + [stdin_filename or "-"] * ("-" in paths))
    lang = lang or conf.lang or "zh"
    fail_on = fail_on or conf.fail_on or "error"
    packs = conf.rules + tuple(packs)
    bounds = _limits(conf, limit_options, timeout)
    accepted = _baseline(baseline, bounds) if baseline else frozenset()
    conf = replace(conf, select=select or conf.select, ignore=conf.ignore + tuple(ignore), rules=packs,
                   lang=lang, limits=bounds, baseline=accepted)  # fmt: skip
    for zh, en in conf.notes:
        click.echo(printable(f"bplint: {zh if lang == 'zh' else en}"), err=True)
    rules = _rules(conf)
    if show_settings:
        from bplint.report.describe import settings

        click.echo(printable_lines(settings(conf, rules, fail_on, api.selected(conf))))
        return
    inputs = []
    for entry in expand(paths):
        if isinstance(entry, Skipped) and entry.covered:
            note = f"已跳过 {entry.path}：{entry.zh}" if lang == "zh" else f"skipped {entry.path}: {entry.en}"
            click.echo(printable(f"bplint: {note}"), err=True)
        else:
            inputs.append(entry)
    outputs = _targets(output, html_path, inputs, write_baseline)
    if together:
        inputs = _together(inputs)
    stdin = _stdin(conf.limits) if "-" in paths else None
    lines = _lines_kept(fmt == "html" or bool(html_path), inputs)
    running = api.run(inputs, conf, jobs, stdin, debug, lines, stdin_filename)
    colour = color == "always" or (color == "auto" and output is None and _colour())
    streamed = fmt == "text" and not statistics and output is None  # each file as it finishes
    results = (
        progress.streamed(running, lang, colour, color, len(inputs), quiet)
        if streamed
        else progress.collected(running, len(inputs), quiet)
    )
    if fmt == "json":
        report = json_report.render(results, conf)
    elif fmt == "html":
        report = _html(results, rules, conf, fail_on)
    elif fmt == "sarif":
        from bplint.report import sarif  # only when asked: keeps start-up short

        report = sarif.render(results, rules, lang)
    elif fmt in ("github", "junit"):
        from bplint.report import ci

        report = ci.github(results) if fmt == "github" else ci.junit(results)
    else:
        report = text.summary(results, lang) if streamed else text.render(results, lang, colour, statistics)
        report += text.configuration(conf, lang)
    if html_path:
        _write_atomically(outputs[html_path], _html(results, rules, conf, fail_on))
    if write_baseline:
        _write_atomically(outputs[write_baseline], api.baseline_json(results))
    if output:
        _write_atomically(outputs[output], report)
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
        _usage_error("--together 不能与标准输入（-）一起使用")
    if len(files) < 2:
        _usage_error("--together 需要至少两个文件（同一份公开文件的说明与表格）")
    return [Together(files), *(entry for entry in inputs if isinstance(entry, Skipped))]


def _lines_kept(html: bool, inputs: list) -> bool | int:
    """The input lines each result keeps: all for an HTML report that shows whole texts, those
    around findings for one that shows only contexts (many files), none for other formats."""
    from bplint.report import html as page

    if not html:
        return False
    return True if len(inputs) <= page.WHOLE_TEXTS else page.CONTEXT


def _limits(conf: config.Config, options: tuple[str, ...], timeout: float | None) -> limits.Limits:
    from bplint import limits

    try:
        bounds = limits.parse_options(options, conf.limits)
    except limits.LimitError as error:
        _usage_error(str(error))
    try:
        return replace(bounds, timeout=limits.value("timeout", timeout)) if timeout is not None else bounds
    except limits.LimitError as error:
        _usage_error(str(error).replace("上限 timeout", "--timeout"))


def _stdin(bounds: limits.Limits) -> bytes:
    from bplint import read

    try:
        return read.bounded(sys.stdin.buffer, bounds)
    except read.ReadError as error:
        _usage_error(f"标准输入：{error.zh}")


def _targets(
    output: str | None, html_path: str | None, inputs: list, baseline: str | None
) -> dict[str, Path]:
    from bplint.report.output import Refused, targets

    try:
        return targets((output, html_path, baseline), [p for p in inputs if isinstance(p, str) and p != "-"])
    except Refused as error:
        _usage_error(str(error))


@main.command(name="rules")
@click.option("--rules", "packs", multiple=True, type=click.Path(dir_okay=False), help="追加规则包（YAML）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(packs, lang) -> None:
    """列出全部规则：编号、名称、级别、标题。"""
    from bplint.config import Config
    from bplint.findings import SEVERITY_ZH

    for rule in _rules(Config(rules=tuple(packs))).values():
        severity = SEVERITY_ZH[rule.severity] if lang == "zh" else rule.severity
        click.echo(printable(f"{rule.id}  {rule.name:<28} {severity:<8} {rule.heading(lang)}"))


@main.command()
@click.argument("rule_id")
@click.option("--rules", "packs", multiple=True, type=click.Path(dir_okay=False), help="追加规则包（YAML）")
def explain(rule_id, packs) -> None:
    """显示一条规则的说明、原因、改法与示例。"""
    from bplint.config import Config
    from bplint.report.describe import explanation

    rules = _rules(Config(rules=tuple(packs)))
    rule = rules.get(rule_id.upper()) or next((r for r in rules.values() if r.name == rule_id), None)
    if rule is None:
        _usage_error(f"没有规则 {rule_id}；用 `bplint rules` 查看全部规则")
    click.echo(printable_lines(explanation(rule)))


@main.command()
@click.argument("path")
@click.option(
    "--tables",
    "tables",
    is_flag=True,
    help="一览：目录所列的表、读取的每张表（种类、页、单位、列、行数）和项目",
)
@click.option(
    "--coverage",
    "coverage",
    is_flag=True,
    help="每页印出的数字有多少被读取；列出表格中未被读取的每个数字及其位置",
)
@click.option("--timeout", type=float, help="最多处理几秒（默认 300，与检查相同）")
@click.option("--limit", "limit_options", multiple=True, metavar="NAME=VALUE", help="调整上限，与检查相同")
def dump(path, tables, coverage, timeout, limit_options) -> None:
    """以 JSON 显示 bplint 从文件中读到的内容（模型）；--tables 只列出表和项目，--coverage 列出读取的数字。"""
    import functools

    from bplint import runner

    bounds = _limits(_config(None, [path]), limit_options, timeout)
    try:  # read as a file is linted: in a process of its own, under the same bounds
        view = "tables" if tables else "coverage" if coverage else "json"
        click.echo(runner.bounded(functools.partial(runner.dumped, path, view, bounds), bounds), nl=False)
    except runner.Stopped as stop:
        click.echo(printable(f"bplint: {path}: {stop.zh}"), err=True)
        sys.exit(2)


def _html(results, rules, conf: config.Config, fail_on: str) -> str:
    from bplint.report import html  # jinja2 only when a report is asked for

    return html.render(results, rules, conf.lang or "zh", conf.rules, fail_on, conf)


def _baseline(path: str, bounds: limits.Limits) -> frozenset[str]:
    from bplint import api, config

    try:
        return api.read_baseline(path, bounds.pack_mb)
    except config.ConfigError as error:
        _usage_error(str(error))


def _config(path: str | None, near: list[str]) -> config.Config:
    from bplint import api, config

    try:
        return api.load_config(path, near)
    except config.ConfigError as error:
        _usage_error(str(error))


def _rules(conf: config.Config) -> dict[str, Rule]:
    """The config's rules, compiled; a broken pack or a selection naming no rule is a usage error."""
    from bplint import api
    from bplint.catalog import CatalogError

    try:
        rules = api.rules_of(conf)
        api.selected(conf)
    except (CatalogError, api.SelectionError) as error:
        _usage_error(str(error))
    return rules


def _exit_code(results: list[FileResult], fail_on: str) -> int:
    from bplint.findings import severity_rank

    if any(not result.readable for result in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = severity_rank(fail_on)
    return int(any(severity_rank(f.severity) >= threshold for r in results for f in r.findings))


def _colour() -> bool:
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _write_atomically(path: Path, content: str) -> None:
    """Write the whole report or nothing (see bplint.report.output)."""
    from bplint.report.output import write_atomically

    try:
        write_atomically(path, content)
    except OSError as error:
        _usage_error(f"无法写入 {path}：{error.strerror}")


def _usage_error(message: str) -> NoReturn:
    click.echo(f"bplint: {printable(message)}", err=True)
    sys.exit(2)
