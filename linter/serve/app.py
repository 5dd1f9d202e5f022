"""The web application: Starlette routes over bplint's runner and reports.

    GET  /                    the page (Chinese; ?lang=en or the browser's preference for English)
    POST /                    a multipart form of one or more `files`: the HTML report, the JSON report
                              with `Accept: application/json`, one JSON line an event with
                              `Accept: application/x-ndjson` (what the page reads for its progress)
    GET  /r/TOKEN/            a report made here, with its downloads' links
    GET  /r/TOKEN/NAME        a download: report.html, report.json, review.xlsx, marked-N.pdf/.docx

A refused upload is a 4xx whose message is in the page's language (JSON `{"error": …}` when JSON
was asked for).  Uploads live in a folder of their request under the server's private folder and are
removed once linted; the server's folder goes when it stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from bplint.config import Config
from bplint.language import Lang
from bplint.serve import page, uploads
from bplint.serve.checking import Checker, remove
from bplint.serve.store import Outcome, Store
from bplint.serve.words import Refused, language

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
_NDJSON = "application/x-ndjson"


class Service:
    """What the routes share: the configuration, the checker, the reports kept, the private folder."""

    def __init__(self, conf: Config, jobs: int, root: Path) -> None:
        self.conf, self.jobs, self.root = conf, jobs, root
        self.store = Store()
        self.checker: Checker | None = None
        self.tasks: set[asyncio.Task] = set()  # progress streams' checks, held until they end

    @contextlib.asynccontextmanager
    async def lifespan(self, _app):
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = max(limiter.total_tokens, 2 * self.jobs + 8)  # jobs, marks, reports
        self.checker = Checker(self.conf, self.jobs, asyncio.Semaphore(self.jobs))
        try:
            yield
        finally:
            # Stopped (Ctrl-C): the files still being linted are of no use now; their workers are
            # ended, so that their threads return and the process ends without linting on.
            for worker in multiprocessing.active_children():
                worker.kill()
            self.store.clear()
            shutil.rmtree(self.root, ignore_errors=True)

    def lang(self, request: Request) -> Lang:
        return language(request.query_params.get("lang"), request.headers.get("accept-language"),
                        self.conf.lang)  # fmt: skip

    async def page(self, request: Request) -> Response:
        return _html(page.page(self.lang(request), self.conf.limits.file_mb))

    async def upload(self, request: Request) -> Response:
        lang = self.lang(request)
        if _elsewhere(request):
            return self.refused(Refused("origin"), lang, request)
        folder = Path(tempfile.mkdtemp(dir=self.root))
        try:
            form = await uploads.received(request.headers.get("content-type", ""), request.stream(),
                                          folder, self.conf.limits.file_bytes)  # fmt: skip
        except Refused as refusal:
            remove(folder)
            return self.refused(refusal, lang, request)
        except BaseException:
            remove(folder)
            raise
        accept = request.headers.get("accept", "")
        if _NDJSON in accept:
            events = self.started(form.uploads, folder, lang)
            names = [upload.name for upload in form.uploads]
            return StreamingResponse(self.progress(names, events, lang), media_type=_NDJSON)
        try:
            outcome = await self.check(form.uploads, lang, lambda _event: None)
        except asyncio.CancelledError:  # the server stopped while they were linted: say so
            return self.refused(Refused("stopped"), lang, request)
        finally:
            remove(folder)
        if "application/json" in accept:
            json_report = outcome.downloads["report.json"]
            location = f"/r/{outcome.token}/report.json"
            return Response(json_report.data, media_type="application/json",
                            headers={"Content-Location": location})  # fmt: skip
        return _html(outcome.view)

    async def check(self, files: list[uploads.Upload], lang: Lang, said) -> Outcome:
        assert self.checker is not None  # made at start-up
        outcome = await self.checker.check(files, lang, said)
        self.store.put(outcome)
        return outcome

    def started(self, files: list[uploads.Upload], folder: Path, lang: Lang) -> asyncio.Queue[dict]:
        """The check of `files` begun now, whatever becomes of the answer (a page gone before its
        stream began still has its folder removed); its events come on the queue returned."""
        events: asyncio.Queue[dict] = asyncio.Queue()

        async def checked() -> None:
            try:
                outcome = await self.check(files, lang, events.put_nowait)
                events.put_nowait({"event": "report", "href": f"/r/{outcome.token}/"})
            except Exception:
                failed = "检查未能完成，请重试" if lang == "zh" else "the check did not finish: try again"
                events.put_nowait({"event": "failed", "message": failed})
                raise
            finally:
                remove(folder)

        task = asyncio.create_task(checked())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return events

    async def progress(self, names: list[str], events: asyncio.Queue[dict], lang: Lang):
        """One JSON line an event: the files received, each started and done, then the report's
        address or why there is none."""
        yield _line({"event": "received", "files": names})
        while True:
            event = await events.get()
            if event["event"] == "done":
                event["said"] = _outcome_words(event.pop("outcome"), lang)
            yield _line(event)
            if event["event"] in ("report", "failed"):
                return

    async def report(self, request: Request) -> Response:
        outcome = self.store.get(request.path_params["token"])
        if outcome is None:
            return _html(page.gone(self.lang(request), self.conf.limits.file_mb), 404)
        return _html(outcome.view)

    async def download(self, request: Request) -> Response:
        outcome = self.store.get(request.path_params["token"])
        made = outcome.downloads.get(request.path_params["name"]) if outcome else None
        if made is None:
            return _html(page.gone(self.lang(request), self.conf.limits.file_mb), 404)
        quoted = urllib.parse.quote(made.filename)
        disposition = f"attachment; filename=\"{_ascii(made.filename)}\"; filename*=UTF-8''{quoted}"
        return Response(made.data, media_type=made.media, headers={"Content-Disposition": disposition})

    def refused(self, refusal: Refused, lang: Lang, request: Request) -> Response:
        said = refusal.said(lang)
        accept = request.headers.get("accept", "")
        if "application/json" in accept or _NDJSON in accept:
            return JSONResponse({"error": said}, status_code=refusal.status)
        return _html(page.page(lang, self.conf.limits.file_mb, said), refusal.status)


def _elsewhere(request: Request) -> bool:
    """A form sent by a page of another site (its Origin not this server's): refused, so that no
    site a reviewer visits can make this computer lint what it sends."""
    origin = request.headers.get("origin")
    return origin not in (None, "null") and urllib.parse.urlsplit(origin).netloc != request.headers.get(
        "host"
    )


def _line(event: dict) -> str:
    return json.dumps(event, ensure_ascii=False) + "\n"


def _outcome_words(outcome: str, lang: Lang) -> str:
    from bplint.report.html import TEXTS

    return TEXTS[lang][f"outcome_{outcome}"]


def _ascii(name: str) -> str:
    """The file name for browsers that read only `filename=`: its ASCII, or a plain word."""
    kept = "".join(c for c in name if c.isascii() and c.isprintable() and c not in '"\\')
    return kept if kept.strip(".-_ ") else "bplint"


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers={"Content-Security-Policy": page.policy(text)})


def application(conf: Config, jobs: int, root: Path, hosts: list[str] | None = LOOPBACK_HOSTS) -> Starlette:
    """The app over `root`, a private folder it removes when it stops.  `hosts`: the Host headers
    answered (loopback's by default: a web page elsewhere cannot reach it by renaming itself)."""
    service = Service(conf, jobs, root)
    routes = [
        Route("/", service.page, methods=["GET"]),
        Route("/", service.upload, methods=["POST"]),
        Route("/r/{token}/", service.report, methods=["GET"]),
        Route("/r/{token}/{name}", service.download, methods=["GET"]),
    ]
    middleware = [Middleware(Headers)]
    if hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=hosts))
    return Starlette(routes=routes, middleware=middleware, lifespan=service.lifespan)


class Headers:
    """Every answer's safety headers (Starlette has none of its own): a policy allowing nothing where
    a route set none, no sniffing, no referrer, never stored by a cache."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in _SAFE:
                    if name not in present:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


_SAFE = [
    (b"content-security-policy", page.NONE.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
]
