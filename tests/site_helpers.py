"""Helpers shared by the tests of the built site: where it is, and how to look at it.

The browser itself (where chromium is, how it starts, a local server for the
site) lives in the package, :mod:`proliferation_course.browser`, which the
build's scripts use too.
"""

from __future__ import annotations

from pathlib import Path

from proliferation_course.browser import content_pages, launch, serve

__all__ = ["ROOT", "SITE", "content_pages", "draw_every_figure", "launch", "require_site", "serve"]

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"


def require_site() -> Path:
    """The built site's folder; fail (never skip) when the site has not been built."""
    index = SITE / "index.html"
    assert index.is_file(), (
        f"no built site at {SITE}: run `bash scripts/build-site.sh` (the README's test "
        "command does this first)"
    )
    return SITE


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
