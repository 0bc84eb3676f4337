"""The class tools in a real browser: the progress page (export, reset, import) and citable explorer settings.

Nothing leaves the site in either (every request to another host is blocked and counted).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from test_browser import PageLog

from proliferation_course import __version__
from proliferation_course.citation import RELEASED
from site_helpers import ROOT, serve

pytestmark = [pytest.mark.build, pytest.mark.browser]

SITE = ROOT / "_build" / "html"
CHAPTER = "book/chapters/ch05_article_x.html"
PROGRESS = "book/progress.html"
EXPLORER_PAGE = "book/chapters/ch04_window.html"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    assert (SITE / "index.html").exists(), "no site: run `bash scripts/build-site.sh`"
    with serve(Path(SITE)) as url:
        yield url


def _row(page: Page, path: str) -> dict[str, str]:
    row = page.locator(f'tr[data-page="{path}"]')
    return {cell: row.locator(f'[data-cell="{cell}"]').inner_text() for cell in ("opened", "quiz", "explorers")}


def _answer_first_question(page: Page) -> None:
    form = page.locator("form.course-quiz-question").first
    form.locator('input[data-correct="true"]').check()
    form.locator("button.course-quiz-check").click()
    assert "Correct" in form.locator(".course-quiz-feedback").inner_text()


def test_progress_is_recorded_exported_reset_and_imported(browser: Browser, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{CHAPTER}", wait_until="networkidle")
    _answer_first_question(page)
    page.goto(f"{base_url}/{PROGRESS}", wait_until="networkidle")
    before = _row(page, CHAPTER)
    assert before["opened"] == "Opened"
    assert before["quiz"].startswith("1 of ") and "answered correctly" in before["quiz"]
    assert _row(page, "book/chapters/ch12_cross_regional.html")["opened"] == "Not yet"

    with page.expect_download() as info:
        page.click('[data-progress="export"]')
    saved = tmp_path / "course-progress.json"
    info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["kind"] == "course-progress" and data["courseVersion"] == __version__
    assert CHAPTER in data["record"]["pages"] and "ch05" in data["quizzes"]

    page.once("dialog", lambda d: d.accept())
    page.click('[data-progress="reset"]')
    assert _row(page, CHAPTER) == {"opened": "Not yet", "quiz": "Not answered yet", "explorers": "None used yet"}
    assert "deleted" in page.locator("[data-progress-status]").inner_text()

    page.set_input_files('input[data-progress="import"]', str(saved))
    page.wait_for_function("document.querySelector('[data-progress-status]').textContent.includes('imported')")
    assert _row(page, CHAPTER) == before
    page.reload(wait_until="networkidle")
    assert _row(page, CHAPTER) == before, "the imported record is kept in the browser"
    context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_a_file_that_is_not_a_progress_file_is_refused_with_its_name(browser: Browser, base_url: str,
                                                                      tmp_path: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/{PROGRESS}", wait_until="networkidle")
    bad = tmp_path / "notes.json"
    bad.write_text('{"kind": "something else"}', encoding="utf-8")
    page.set_input_files('input[data-progress="import"]', str(bad))
    status = page.locator("[data-progress-status]")
    page.wait_for_function("document.querySelector('[data-progress-status]').textContent.length > 0")
    assert "notes.json is not a progress file of this course" in status.inner_text()
    assert "is-error" in (status.get_attribute("class") or "")
    context.close()


def _frame_with_controls(page: Page) -> str:
    ids = page.eval_on_selector_all(
        "div.course-frame-controls", "els => els.filter(e => e.querySelector('select[data-menu]') && "
        "e.querySelector('input[data-slider]')).map(e => e.dataset.controlsFor)")
    assert ids, f"{EXPLORER_PAGE}: no explorer with a menu and a slider"
    return ids[0]


def _state(page: Page, div_id: str) -> dict[str, object]:
    return page.evaluate("""id => {
        const gd = document.getElementById(id), box = document.querySelector(`[data-controls-for="${id}"]`);
        return {menu: box.querySelector('select[data-menu]').selectedIndex,
                slider: box.querySelector('input[data-slider]').value,
                data: JSON.stringify(gd.data.map(t => [t.x, t.y, t.z, t.text, t.visible]))};
    }""", div_id)


# What a citation of an explorer's setting names the course by, on each language's site.
CITES_AS = {"": f"Selective nuclear proliferation: a course, version {__version__}.",
            "ja/": f"本講義の著者（{RELEASED[:4]}）『「選択的核拡散」をめぐる論争：講義』"
                   f"バージョン{__version__}、"}


@pytest.mark.parametrize("prefix", list(CITES_AS), ids=["en", "ja"])
def test_an_explorer_setting_is_in_the_address_and_comes_back_from_it(browser: Browser, base_url: str,
                                                                      prefix: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{prefix}{EXPLORER_PAGE}", wait_until="networkidle")
    div_id = _frame_with_controls(page)
    page.locator(f"#{div_id}").scroll_into_view_if_needed()
    page.wait_for_function(f"document.getElementById('{div_id}').dataset.drawn === 'yes'")
    first = _state(page, div_id)
    box = page.locator(f'[data-controls-for="{div_id}"]')
    last = box.locator("select[data-menu] option").count() - 1
    box.locator("select[data-menu]").select_option(index=last)
    page.wait_for_timeout(300)
    slider = box.locator("input[data-slider]")
    slider.evaluate("el => { el.value = String(Math.floor(Number(el.max) / 3)); "
                    "el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.wait_for_timeout(500)
    chosen = _state(page, div_id)
    assert chosen != first, "the controls did not change the figure"
    address = page.url
    assert f"?{div_id.replace('course-fig-', 'fig')}=" in address

    frame = page.locator(f"#{div_id}-frame")
    frame.locator("button.course-cite-toggle").click()
    text = frame.locator("textarea.course-cite-text").input_value()
    assert CITES_AS[prefix] in text, text
    title = page.locator(f"#{div_id}-title").inner_text().strip()
    assert title in text and address.split("#")[0] in text
    assert page.locator("h1").first.inner_text().strip().rstrip("#").strip() in text

    other = context.new_page()
    log2 = PageLog(other, base_url)
    other.goto(address, wait_until="networkidle")
    other.wait_for_function(f"document.getElementById('{div_id}').dataset.restored === 'yes'", timeout=20_000)
    assert _state(other, div_id) == chosen
    context.close()
    assert not log.problems() and not log2.problems(), "\n".join(log.problems() + log2.problems())
