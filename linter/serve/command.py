"""The command `bplint serve`: the web application on loopback, bounded like `bplint check`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bplint.commandline import Command, limits_of, load_config, load_rules, usage_error
from bplint.report.terminal import printable

if TYPE_CHECKING:
    import socket

# The server's own modules are imported when it runs: every `bplint FILE` imports this command.

DEFAULT_PORT = 8765
STOPPING = 2  # seconds answers being sent get when the server is stopped; linting is then ended


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（默认只有本机可以访问）")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="端口（0：任选一个空闲端口）")  # fmt: skip
@click.option("--open", "open_page", is_flag=True, help="启动后在浏览器中打开页面")
@click.option("--allow-remote", is_flag=True,
              help="允许监听本机以外的地址（局域网中的其他电脑也能上传文件）")  # fmt: skip
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="配置文件（默认：从当前目录向上找 bplint.yaml 或 pyproject.toml）")  # fmt: skip
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="同时检查几个文件（默认：处理器核数）")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="每个文件最多处理几秒")
@click.option("--limit", "limit_options", multiple=True, metavar="NAME=VALUE", help="调整上限，与检查相同")
def serve(host, port, open_page, allow_remote, config_path, jobs, timeout, limit_options) -> None:
    """在本机启动一个网页：把文件拖进去即可检查，查看并下载报告。"""
    try:
        import uvicorn

        from bplint.serve.app import LOOPBACK_HOSTS, application
    except ImportError as error:
        usage_error(f"bplint serve 需要安装：pip install 'bplint[serve]'（缺少 {error.name}）",
                    f"bplint serve needs: pip install 'bplint[serve]' (missing {error.name})")  # fmt: skip
    import shutil
    import tempfile
    import threading
    import webbrowser
    from dataclasses import replace

    loopback = _loopback(host)
    if not loopback and not allow_remote:
        usage_error(f"{host} 不是本机地址：网络中的任何人都将能上传文件；确需如此请加 --allow-remote",
                    f"{host} is not loopback: others could upload; add --allow-remote")  # fmt: skip
    conf = load_config(config_path, [])
    conf = replace(conf, limits=limits_of(conf, limit_options, timeout))
    for zh, _en in conf.notes:
        click.echo(printable(f"bplint: {zh}"), err=True)
    load_rules(conf)  # a broken pack or selection stops here, not at the first upload
    listening = _socket(host, port)
    root = Path(tempfile.mkdtemp(prefix="bplint-serve-"))
    url = f"http://{_shown(host)}:{listening.getsockname()[1]}/"
    if not loopback:
        click.echo(f"bplint: 警告：正在监听 {host}，网络中的其他电脑也能上传文件并查看报告", err=True)
    click.echo(f"bplint serve: {url}", err=False)
    click.echo("按 Ctrl-C 停止", err=True)
    if open_page:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    hosts = [*LOOPBACK_HOSTS, host.strip("[]").lower()] if loopback else None  # 127.0.0.2 is one too
    app = application(conf, jobs or os.cpu_count() or 1, root, hosts)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=STOPPING)  # fmt: skip
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[listening])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _socket(host: str, port: int) -> socket.socket:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family)
    except OSError as error:
        reason = error.strerror
        usage_error(f"无法监听 {host}:{port}：{reason}", f"cannot listen on {host}:{port}: {reason}")


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
