"""The instructor edition and the Japanese site in a real browser, on fixed samples of their pages.

The learner edition (the public site) runs every browser gate on every page
(tests/test_browser.py). The instructor edition is the same pages plus the
instructor material, so it runs the same gates on a fixed sample: the pages
that hold the most instructor material, and one of each kind. The Japanese site
(_build/html/ja) is the same pages again, in Japanese: the same gates on a sample
of its own (the translated pages, and untranslated ones of each kind), with its
language switch, fonts, line breaking and search.
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


def _axe_problems(browser: Browser, base: str, sample: list[str], scheme: str) -> list[str]:
    """axe's serious and critical violations (WCAG tags) on each page of ``sample``, figures drawn."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in sample:
        page.goto(f"{base}/{path}", wait_until="networkidle")
        assert draw_every_figure(page) == [], f"{path}: figures not drawn"
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                        "resultTypes": ["violations"]})
        found += [f"{path}: {v['id']} ({v['impact']}): {v['help']}" for v in result.response["violations"]
                  if v["impact"] in ("serious", "critical")]
    context.close()
    return found


def _too_wide(browser: Browser, base: str, sample: list[str]) -> list[str]:
    """The pages of ``sample`` that scroll sideways on a 375 px phone, with their width."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    wide = []
    for path in sample:
        page.goto(f"{base}/{path}", wait_until="networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 375:
            wide.append(f"{path}: {width} px")
    context.close()
    return wide


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
    assert not _axe_problems(browser, base_url, SAMPLE, scheme)


def test_no_instructor_page_scrolls_sideways_on_a_phone(browser: Browser, base_url: str) -> None:
    assert not _too_wide(browser, base_url, SAMPLE)


# ---------------------------------------------------------------- the Japanese site (_build/html/ja)

JA_SITE = ROOT / "_build" / "html"
#: The Japanese sample (under ja/): the entry page and the glossary, a chapter with a figure, the
#: chapter with the Article X explorer, an exercise, a page of Part III with a map, the instructor
#: notes' first part, the search page.
JA_SAMPLE = [
    "ja/book/intro.html",
    "ja/book/glossary.html",
    "ja/book/chapters/ch02_deterrence.html",
    "ja/book/chapters/ch05_article_x.html",
    "ja/book/exercises/ex02_deterrence_solution.html",
    "ja/book/chapters/ch10_conventional.html",
    "ja/search.html",
]


@pytest.fixture(scope="module")
def ja_base_url() -> Iterator[str]:
    """The whole published site (English at the root, Japanese under ja/), as a reader gets it."""
    assert (JA_SITE / "ja" / "index.html").exists(), "no Japanese site: run `bash scripts/build-site.sh`"
    with serve(Path(JA_SITE)) as url:
        yield url


def test_the_japanese_sample_exists() -> None:
    missing = [p for p in JA_SAMPLE if not (JA_SITE / p).exists()]
    assert not missing, f"pages of the sample missing from the Japanese site: {missing}"


@pytest.mark.parametrize("path", JA_SAMPLE)
def test_japanese_page_is_offline_and_clean(browser: Browser, ja_base_url: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, ja_base_url)
    page.goto(f"{ja_base_url}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    undrawn = draw_every_figure(page)
    page.wait_for_load_state("networkidle")
    lang = page.evaluate("document.documentElement.lang")
    switch = page.locator("a.course-language-switch[hreflang=en]")
    assert switch.count() >= 1, f"{path}: no switch to English"
    switch.first.click()
    page.wait_for_load_state("load")
    english = page.url
    context.close()
    assert not log.problems(), f"{path}:\n" + "\n".join(log.problems())
    assert undrawn == [], f"{path}: figures not drawn: {undrawn}"
    assert lang == "ja"
    assert english == f"{ja_base_url}/{path.removeprefix('ja/')}", "the switch leads to the same page in English"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_japanese_sample(browser: Browser, ja_base_url: str, scheme: str) -> None:
    assert not _axe_problems(browser, ja_base_url, JA_SAMPLE, scheme)


def test_no_japanese_page_scrolls_sideways_on_a_phone(browser: Browser, ja_base_url: str) -> None:
    assert not _too_wide(browser, ja_base_url, JA_SAMPLE)


def test_japanese_pages_use_system_fonts_and_japanese_line_breaking(browser: Browser, ja_base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, ja_base_url)
    page.goto(f"{ja_base_url}/ja/book/intro.html", wait_until="networkidle")
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('article p'));
        return {font: s.fontFamily, lineBreak: s.lineBreak, wordBreak: s.wordBreak, wrap: s.overflowWrap}; }""")
    fonts = page.evaluate("() => [...document.fonts].map(f => f.family)")
    context.close()
    assert not log.problems(), "\n".join(log.problems())
    assert "Hiragino Sans" in style["font"] and "Noto Sans CJK JP" in style["font"], style
    assert (style["lineBreak"], style["wordBreak"], style["wrap"]) == ("strict", "normal", "anywhere"), style
    assert not [f for f in fonts if "CJK" in f or "JP" in f], f"a Japanese web font is loaded: {fonts}"


def test_japanese_search_finds_chapter_2_and_the_glossary_offline(browser: Browser, ja_base_url: str) -> None:
    """Sphinx's Japanese splitter, in the browser, with no other host: 抑止 (deterrence) finds chapter 2,
    whose subject it is, and the glossary."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = PageLog(page, ja_base_url)
    page.goto(f"{ja_base_url}/ja/search.html?q=抑止", wait_until="networkidle")
    page.wait_for_function("document.querySelectorAll('#search-results li a').length > 0")
    results = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
    context.close()
    assert not log.problems(), "\n".join(log.problems())
    pages = {href.split("?")[0].split("#")[0] for href in results}
    for wanted in ("/ja/book/chapters/ch02_deterrence.html", "/ja/book/glossary.html"):
        assert any(p.endswith(wanted) for p in pages), f"{wanted} not among {sorted(pages)}"
    assert all("/ja/" in href for href in results), "the Japanese search lists Japanese pages only"


def test_a_quiz_on_a_japanese_page_answers_in_japanese(browser: Browser, ja_base_url: str) -> None:
    """course.js speaks the page's language: on chapter 1 in Japanese, the prompt to choose, the
    verdicts and the score are the package's Japanese (quiz.po), and the feedback is the quiz's
    own Japanese (quizzes/ch01.po); the score survives a reload."""
    from proliferation_course.i18n import _, speaking
    from proliferation_course.quiz import load_quiz

    with speaking("ja"):
        quiz = load_quiz("ch01")
        correct, wrong_verdict = _("Correct."), _("Not quite.")
    first = quiz.questions[0]
    wrong_choice = next(c for c in first.choices if not c.correct)
    right_choice = next(c for c in first.choices if c.correct)
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, ja_base_url)
    page.goto(f"{ja_base_url}/ja/book/chapters/ch01_proposal.html", wait_until="networkidle")
    section = page.locator("section.course-quiz").first
    form = section.locator("form.course-quiz-question").first
    feedback = form.locator(".course-quiz-feedback")
    score = section.locator("[data-quiz-score]")
    page.wait_for_function("document.querySelector('[data-quiz-score]').textContent !== ''")
    before = score.inner_text()
    form.locator("button.course-quiz-check").click()
    asked = feedback.inner_text()
    form.locator(f'input[data-correct="false"] + label:text-is("{wrong_choice.text}")').click()
    form.locator("button.course-quiz-check").click()
    after_wrong = feedback.inner_text()
    form.locator('input[data-correct="true"]').check()
    form.locator("button.course-quiz-check").click()
    after_right, scored = feedback.inner_text(), score.inner_text()
    page.reload(wait_until="networkidle")
    kept = page.locator("section.course-quiz [data-quiz-score]").first.inner_text()
    context.close()
    assert not log.problems(), "\n".join(log.problems())
    total = len(quiz.questions)
    assert before == f"得点：{total}問中0問に正解。", before
    assert asked == "先に解答を選ぶこと。", asked
    assert after_wrong == wrong_verdict + wrong_choice.feedback, after_wrong
    assert after_right == correct + right_choice.feedback, after_right
    assert scored == kept == f"得点：{total}問中1問に正解。", (scored, kept)
