"""Debian's chromium, as the build and the tests drive it: where it is, how it starts, what it serves.

The one place that knows the browser. ``scripts/make_handouts.py`` prints the
handouts to PDF with it, ``scripts/screenshots.py`` photographs the site, and
the browser tests (``tests/test_browser.py``) open every page in it, all
through Playwright (installed with the pinned requirements; it is not a
dependency of the package itself, so it is imported only when a browser starts).

The browser is Debian's ``chromium`` (``scripts/_env.sh`` installs it), found on
``PATH``; set ``COURSE_CHROMIUM`` to the path of another build of chromium to
use that one instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["draw_every_figure", "CHROMIUM_ARGS", "chromium_path", "content_pages", "launch", "pdf_dated", "serve"]

#: Flags for a headless chromium that asks no other host for anything (no updates, no sync).
CHROMIUM_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
)


def chromium_path() -> str:
    """The chromium to drive: ``COURSE_CHROMIUM`` if set, else ``chromium`` on ``PATH``.

    Raises ``FileNotFoundError`` saying how to install it when there is none.
    """
    chosen = os.environ.get("COURSE_CHROMIUM")
    if chosen:
        if not (Path(chosen).is_file() and os.access(chosen, os.X_OK)):
            raise FileNotFoundError(f"COURSE_CHROMIUM is {chosen!r}, which is not an executable file")
        return chosen
    found = shutil.which("chromium")
    if found is None:
        raise FileNotFoundError(
            "no chromium on PATH: install Debian's chromium (`sudo apt-get install chromium`; "
            "scripts/build-site.sh and scripts/run-tests.sh do this), or set COURSE_CHROMIUM "
            "to the path of a chromium")
    return found


def launch(playwright: Any, **options: Any) -> Any:
    """Start chromium headless through Playwright's ``sync_playwright()`` object; return the Browser."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS), **options)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port, as a static host would; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def content_pages(site: Path) -> list[Path]:
    """Every HTML page of the book in a built site (not the redirecting index, genindex or search).

    The site of another language, in a folder of its own (``ja/``), is a site of its own, left out."""
    from .context import DEFAULT_LANGUAGE, LANGUAGES

    skip = {"index.html", "genindex.html", "search.html"}
    others = set(LANGUAGES) - {DEFAULT_LANGUAGE}
    return sorted(p for p in site.rglob("*.html")
                  if p.relative_to(site).as_posix() not in skip and "_static" not in p.parts
                  and p.relative_to(site).parts[0] not in others)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([+-]\d\d'\d\d'|Z)\)")


def pdf_dated(pdf: bytes, when: int) -> bytes:
    """Chromium's PDF with its creation and modification dates set to ``when`` (Unix seconds, UTC).

    Chromium stamps a PDF with the time it printed it, so two prints of one page
    differ. The dates are replaced in place by dates of the same length, so that
    the file's cross-reference offsets stay right.

    Examples
    --------
    >>> pdf_dated(b"<</CreationDate (D:20261205084157+09'00')>>", 0)
    b"<</CreationDate (D:19700101000000+00'00')>>"
    """
    stamp = datetime.fromtimestamp(when, tz=UTC).strftime("%Y%m%d%H%M%S").encode()

    def fixed(match: re.Match[bytes]) -> bytes:
        zone = b"Z" if match.group(3) == b"Z" else b"+00'00'"
        return b"/" + match.group(1) + b" (D:" + stamp + zone + b")"

    return _PDF_DATE.sub(fixed, pdf)


def draw_every_figure(page, timeout: float = 20_000) -> list[str]:
    """Scroll each figure into view (course.js draws a figure when it nears the screen),
    wait until every one is drawn, and return the ids of those that were not."""
    ids = page.eval_on_selector_all("div.course-figure", "els => els.map(e => e.id)")
    for div_id in ids:
        page.locator(f"#{div_id}").scroll_into_view_if_needed()
    if ids:
        try:
            page.wait_for_function(
                "Array.from(document.querySelectorAll('div.course-figure'))"
                ".every(d => d.dataset.drawn === 'yes' || d.dataset.drawn === 'failed')",
                timeout=timeout)
        except Exception:  # report the undrawn ones below, by id
            pass
    return page.eval_on_selector_all(
        "div.course-figure", "els => els.filter(e => e.dataset.drawn !== 'yes').map(e => e.id)")
