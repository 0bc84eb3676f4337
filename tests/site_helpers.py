"""Helpers shared by the tests of the built site: where it is, and a local server for it."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
# Flags for Chromium on this machine: no background requests to Google's hosts.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
]


def require_site() -> Path:
    """The built site's folder; fail (never skip) when the site has not been built."""
    index = SITE / "index.html"
    assert index.is_file(), (
        f"no built site at {SITE}: run `bash scripts/build-site.sh` (the README's test "
        "command does this first)"
    )
    return SITE


def content_pages(site: Path) -> list[Path]:
    """Every HTML page of the book (not the redirecting index, genindex or search)."""
    skip = {"index.html", "genindex.html", "search.html"}
    return sorted(p for p in site.rglob("*.html")
                  if p.relative_to(site).as_posix() not in skip and "_static" not in p.parts)


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
