"""A chapter printed from the browser (chromium's print to PDF, as Ctrl+P or the page's print
button would): its figures are drawn although none was scrolled into view, the navigation is
not printed, and the learner edition prints no instructor note while the instructor edition does."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader
from test_print import _axis_titles, _squash

from proliferation_course.handouts import chapter_sections
from site_helpers import ROOT, require_site, serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHAPTER = "book/chapters/ch03_breakout.html"
INSTRUCTOR_SITE = ROOT / "_build" / "instructor"


@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_a_printed_chapter_has_its_figures_and_no_navigation(browser: Browser, edition: str, tmp_path) -> None:
    site = require_site() if edition == "learner" else INSTRUCTOR_SITE
    assert (site / CHAPTER).is_file(), f"{CHAPTER} missing from the {edition} edition"
    html = (site / CHAPTER).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    titles = [t for s in soup.select("div.course-figure + script[type='application/json']")
              for t in _axis_titles(s.string or "{}")]
    assert len(titles) >= 2, "the chapter's figures have axis titles to look for"
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/{CHAPTER}", wait_until="networkidle")
        # The test is only worth something if the figures are not drawn before printing.
        drawn = page.eval_on_selector_all("div.course-figure", "els => els.filter(e => e.dataset.drawn).length")
        assert drawn == 0, "figures were drawn before printing: the page no longer draws them lazily"
        pdf = tmp_path / "chapter.pdf"
        pdf.write_bytes(page.pdf(format="A4"))
        page.close()
    text = " ".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    missing = [t for t in titles if _squash(t) not in _squash(text)]
    assert not missing, f"figures printed blank (axis titles missing: {missing})"
    assert "This figure had not been drawn yet" not in text
    # The navigation (the table of contents in the sidebar) is not printed.
    far = chapter_sections(ROOT / "book" / "chapters" / "ch12_cross_regional.md")["_title"]
    assert _squash(far) not in _squash(text), "the sidebar's table of contents was printed"
    notes = "Notes for instructors" in text
    assert notes == (edition == "instructor"), f"{edition}: instructor notes printed: {notes}"
    assert re.search(r"\bDiscussion questions\b", text)


def test_the_print_button_waits_for_figures_and_formulas(browser: Browser, tmp_path) -> None:
    """Ctrl+P and the page's print button (window.print) print once every figure is drawn and the
    formulas are typeset, so that no raw TeX is printed (the browser's own dialogue is stubbed)."""
    site = require_site()
    chapter = "book/chapters/ch09_arms_race.html"
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.add_init_script("window.print = function () { window.__printed = true; };")
        page.goto(f"{base}/{chapter}", wait_until="networkidle")
        assert "\\dot" in page.inner_text("main") or "\\(" in page.inner_text("main"), "no formula to typeset"
        page.evaluate("window.print()")
        page.wait_for_function("window.__printed === true", timeout=30_000)
        drawn = page.eval_on_selector_all("div.course-figure", "els => els.map(e => e.dataset.drawn)")
        pdf = tmp_path / "chapter.pdf"
        pdf.write_bytes(page.pdf(format="A4"))
        page.close()
    assert drawn and all(d == "yes" for d in drawn), drawn
    text = " ".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    assert not any(tex in text for tex in ("\\dot", "\\frac", "\\(", "$\\")), "raw TeX printed"
