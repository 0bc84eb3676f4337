"""Helpers shared by the tests of the built site: where it is, and how to look at it.

The browser itself (where chromium is, how it starts, a local server for the
site) lives in the package, :mod:`proliferation_course.browser`, which the
build's scripts use too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from proliferation_course.browser import content_pages, draw_every_figure, launch, serve

__all__ = ["ROOT", "SITE", "content_pages", "draw_every_figure", "launch", "require_site", "serve",
           "site_params"]

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
#: The test being run (set by conftest.py), so that require_site() can check its marker.
running: Any = None


def require_site() -> Path:
    """The built site's folder; fail (never skip) when the site has not been built.

    Only a test marked ``build`` may read the site, so that ``-m "not build"``
    runs every test that needs no site build, and none that does.
    """
    if running is not None and running.get_closest_marker("build") is None:
        raise AssertionError(f"{running.nodeid} reads the built site: mark it @pytest.mark.build")
    index = SITE / "index.html"
    assert index.is_file(), (
        f"no built site at {SITE}: run `bash scripts/build-site.sh` (the README's test "
        "command does this first)"
    )
    return SITE


def site_params(find: Callable[[Path], Iterable[Any]]) -> list[Any]:
    """Parameters for a test, found in the built site when the tests are collected.

    Without a built site one placeholder stands in, so that collecting does not
    fail and ``-m "not build"`` can leave these tests out; run, a test marked
    ``build`` fails on it, saying how to build the site (conftest.py).
    """
    if not (SITE / "index.html").is_file():
        return [pytest.param(None, id="no-built-site")]
    return list(find(SITE))


