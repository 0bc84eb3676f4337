"""The instructor edition in a real browser, on a fixed sample of its pages.

The learner edition (the public site) runs every browser gate on every page
(tests/test_browser.py). The instructor edition is the same pages plus the
instructor material, so it runs the same gates on a fixed sample: the pages
that hold the most instructor material, and one of each kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from test_browser import WCAG_TAGS, PageLog

from site_helpers import ROOT, draw_every_figure, serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

SITE = ROOT / "_build" / "instructor"
#: The sample: the root, a chapter with a figure and many notes, the Article X chapter, the conclusion,
#: the instructor-only pages, the capstone and an exercise.
SAMPLE = [
    "book/intro.html",
    "book/chapters/ch02_deterrence.html",
    "book/chapters/ch05_article_x.html",
    "book/chapters/ch13_conclusion.html",
    "book/instructor/guide.html",
    "book/instructor/syllabus.html",
    "book/instructor/notes_part1.html",
    "book/instructor/capstone.html",
    "book/exercises/ex02_deterrence_solution.html",
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    assert (SITE / "index.html").exists(), "no instructor edition: run `bash scripts/build-site.sh`"
    with serve(Path(SITE)) as url:
        yield url


def test_the_sample_exists() -> None:
    missing = [p for p in SAMPLE if not (SITE / p).exists()]
    assert not missing, f"pages of the sample missing from the instructor edition: {missing}"


@pytest.mark.parametrize("path", SAMPLE)
def test_instructor_page_is_offline_and_clean(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    undrawn = draw_every_figure(page)
    page.wait_for_load_state("networkidle")
    banner = page.locator(".bd-header-announcement").inner_text()
    context.close()
    assert not log.problems(), f"{path}:\n" + "\n".join(log.problems())
    assert undrawn == [], f"{path}: figures not drawn: {undrawn}"
    assert "Instructor edition" in banner


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_instructor_sample(browser: Browser, base_url: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in SAMPLE:
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        assert draw_every_figure(page) == [], f"{path}: figures not drawn"
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                        "resultTypes": ["violations"]})
        for v in result.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                found.append(f"{path}: {v['id']} ({v['impact']}): {v['help']}")
    context.close()
    assert not found, "\n".join(found)


def test_no_instructor_page_scrolls_sideways_on_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    wide = []
    for path in SAMPLE:
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 375:
            wide.append(f"{path}: {width} px")
    context.close()
    assert not wide, "\n".join(wide)
