"""The page a reviewer opens, and the policy each HTML answer carries: its own inline style and
script allowed by their hashes, nothing from anywhere else."""

from __future__ import annotations

import base64
import functools
import hashlib

import jinja2
import regex

from bplint import regexes
from bplint.language import Lang
from bplint.serve.store import KEEP_MINUTES
from bplint.serve.words import PAGE, REFUSALS

_SCRIPT_WORDS = ("sending", "waiting", "checking", "done", "failed", "lost")


def page(lang: Lang, file_mb: int, message: str | None = None) -> str:
    words = dict(PAGE[lang])
    for key in ("kinds", "private"):
        words[key] = words[key].format(mb=file_mb, minutes=KEEP_MINUTES)
    script_words = {key: words[key] for key in _SCRIPT_WORDS}
    script_words["none"] = str(REFUSALS["no_files"][1 if lang == "zh" else 2])
    return _template().render(lang=lang, w=words, message=message, script_words=script_words)


def gone(lang: Lang, file_mb: int) -> str:
    return page(lang, file_mb, PAGE[lang]["gone"].format(minutes=KEEP_MINUTES))


@functools.cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("bplint.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("page.html.j2")


# The page's and the report's own inline blocks; document text inside them is escaped, so no
# `<script>` of a document's can be counted here.
_BLOCKS = regexes.compile(r"<(script|style)>(.*?)</\1>", regex.DOTALL)
NONE = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def policy(html: str) -> str:
    """A Content-Security-Policy for `html`: its inline scripts and styles by hash, requests back to
    this server only, no frame, no outside source of any kind."""
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for match in _BLOCKS.finditer(html):
        digest = base64.b64encode(hashlib.sha256(match.group(2).encode()).digest()).decode()
        hashes[match.group(1)].append(f"'sha256-{digest}'")
    scripts = " ".join(hashes["script"]) or "'none'"
    styles = " ".join(hashes["style"]) or "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; img-src data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
