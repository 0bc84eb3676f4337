"""The built site in a real browser (Debian's chromium driven by Playwright).

Every page is opened from a server on 127.0.0.1 with every request to another
host blocked and counted. A page fails on any external request, any console
error, any uncaught page error and any failed local request (HTTP 4xx/5xx or
a network failure). The explorer is also driven: a preset switch and a
slider step must change the plotly figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from site_helpers import content_pages, draw_every_figure, launch, require_site, serve, site_params

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(require_site()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class PageLog:
    """What one page did: requests to other hosts, errors, failed local requests."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        host = urlparse(base_url).netloc

        def route(r):  # block and count anything not from our own server
            url = r.request.url
            if url.startswith(("data:", "blob:")) or urlparse(url).netloc == host:
                r.continue_()
            else:
                self.external.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{m.text} ({m.location.get('url', '')})"))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("requestfailed", lambda r: urlparse(r.url).netloc == host and self.failed.append(
            f"{r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(
            f"{r.url}: HTTP {r.status}"))

    def problems(self) -> list[str]:
        return ([f"external request: {u}" for u in self.external]
                + [f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors]
                + [f"failed local request: {m}" for m in self.failed])


def _pages() -> list[str]:
    return site_params(lambda site: ["index.html", "search.html", "genindex.html",
                                     *(p.relative_to(site).as_posix() for p in content_pages(site))])


@pytest.mark.parametrize("path", _pages())
def test_page_is_offline_and_clean(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    # Plotly figures must have been drawn by course.js once scrolled into view.
    undrawn = draw_every_figure(page)
    page.wait_for_load_state("networkidle")
    # The partial plotly.js bundle must hold every trace type the page draws.
    missing = page.evaluate("""() => !window.Plotly ? [] : [...new Set(
        Array.from(document.querySelectorAll('div.course-figure')).flatMap(
            gd => (gd.data || []).map(t => t.type || 'scatter')))]
        .filter(t => !(t in window.Plotly.PlotSchema.get().traces))""")
    assert missing == [], f"{path}: trace types not in the plotly.js bundle: {missing}"
    context.close()
    assert not log.problems(), f"{path}:\n" + "\n".join(log.problems())
    assert undrawn == [], f"{path}: figures not drawn: {undrawn}"


PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile screen (Moto G Power)


@pytest.mark.parametrize("path", _pages())
def test_a_phone_opens_the_page_without_plotly_or_mathjax(browser: Browser, base_url: str,
                                                          path: str) -> None:
    """Text first: on a phone screen, opening a page starts neither plotly.js nor MathJax.

    They cost the most main-thread time of anything the site loads, so no page
    has a figure or a formula close enough to its first screen to start them;
    they start as the reader scrolls (test_page_is_offline_and_clean scrolls and
    checks that every figure then draws)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    heavy: list[str] = []
    page.on("request", lambda r: heavy.append(urlparse(r.url).path)
            if ("/_vendor/" in r.url or "/mathjax/" in r.url) else None)
    page.goto(f"{base_url}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    first = page.evaluate("""() => Array.from(document.querySelectorAll(
        'div.course-figure, .math')).slice(0, 1).map(el => [el.className,
        Math.round(el.getBoundingClientRect().top + window.scrollY)])""")
    context.close()
    assert heavy == [], (f"{path}: opening the page on a phone fetched {heavy}; the first "
                         f"figure or formula starts at {first} px (screen height {PHONE['height']} px)")


@pytest.mark.parametrize(("width", "mode"), [(375, "markers"), (1280, "markers+text")])
def test_a_figure_can_change_its_traces_on_a_phone(browser: Browser, base_url: str,
                                                   width: int, mode: str) -> None:
    """layout.meta.narrow may name trace paths ("data[0].mode"): ch10's escalation ladder drops
    its cell labels on a phone, where the two columns' response names would run together."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/book/chapters/ch10_conventional.html", wait_until="load")
    undrawn = draw_every_figure(page)
    found = page.evaluate("""() => Array.from(document.querySelectorAll('div.course-figure'))
        .filter(gd => gd.layout && /^Escalation ladder/.test(gd.layout.title.text))
        .map(gd => [gd.data[0].mode, gd.data[1].mode, gd.data[2].type])""")
    context.close()
    assert undrawn == []
    assert found == [[mode, mode, "bar"]], found


def _figure_state(page: Page, div_id: str) -> dict:
    return page.evaluate(
        """id => { const gd = document.getElementById(id);
                   return {bars: Array.from(gd.data[5].y), tri: Array.from(gd.data[3].y),
                           slider: gd.layout.sliders[0].name,
                           active: gd.layout.sliders[0].active}; }""", div_id)


def test_explorer_responds_to_preset_and_slider(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/book/chapters/ch02_deterrence.html", wait_until="networkidle")
    div = page.locator("div.course-figure").first
    div_id = div.get_attribute("id")
    div.scroll_into_view_if_needed()
    page.wait_for_function(f"document.getElementById('{div_id}').dataset.drawn === 'yes'")
    before = _figure_state(page, div_id)

    # Switch preset with the dropdown, as a reader would: open it, click another entry.
    div.locator(".updatemenu-header").first.click()
    buttons = div.locator(".updatemenu-dropdown-button")
    assert buttons.count() >= 2, "the preset dropdown has fewer than two entries"
    buttons.nth(1).click()
    page.wait_for_timeout(300)
    after_preset = _figure_state(page, div_id)
    assert after_preset["slider"] != before["slider"], "the preset switch did not swap the slider"
    assert after_preset["bars"] != before["bars"], "the preset switch did not change the scores"

    # Step the slider: click near the right end of its rail (capabilities close to 1).
    rail = div.locator(".slider-rail-rect").first
    box = rail.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.97, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    after_slider = _figure_state(page, div_id)
    assert after_slider["active"] != after_preset["active"], "the slider did not move"
    assert after_slider["tri"] != after_preset["tri"], "the slider did not change the triangle"
    context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_quiz_marks_answers_and_keeps_score(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/book/chapters/ch02_deterrence.html", wait_until="networkidle")
    form = page.locator("form.course-quiz-question").first
    feedback = form.locator(".course-quiz-feedback")
    form.locator("button.course-quiz-check").click()
    assert feedback.inner_text() == "Choose an answer first."
    wrong = form.locator('input[data-correct="false"]').first
    wrong.check()
    form.locator("button.course-quiz-check").click()
    assert feedback.inner_text().startswith("Not quite.")
    right = form.locator('input[data-correct="true"]')
    right.check()
    form.locator("button.course-quiz-check").click()
    assert feedback.inner_text().startswith("Correct.")
    score = page.locator("[data-quiz-score]").first.inner_text()
    assert score.startswith("Your score: 1 of "), score
    # The score survives a reload (kept in the browser's local storage).
    page.reload(wait_until="networkidle")
    assert page.locator("[data-quiz-score]").first.inner_text().startswith("Your score: 1 of ")
    context.close()
    assert not log.problems(), "\n".join(log.problems())


def _focused(page: Page) -> str | None:
    return page.evaluate("document.activeElement && document.activeElement.getAttribute('data-course-key')")


def _tab_to(page: Page, predicate: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches a JS predicate over `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element with {predicate}")


def test_explorer_and_quiz_work_from_the_keyboard_alone(browser: Browser, base_url: str) -> None:
    """No mouse: Tab to the explorer's slider and menu, move and choose with keys; answer a quiz."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/book/chapters/ch02_deterrence.html", wait_until="networkidle")
    assert draw_every_figure(page) == []
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    div_id = page.locator("div.course-figure").first.get_attribute("id")
    before = _figure_state(page, div_id)

    _tab_to(page, f"el.closest('#{div_id}') !== null && el.getAttribute('role') === 'slider'")
    assert page.evaluate("document.activeElement.getAttribute('aria-valuenow')") == str(before["active"])
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(300)
    moved = _figure_state(page, div_id)
    assert moved["active"] == before["active"] - 1, "ArrowLeft did not move the slider one step"
    assert moved["tri"] != before["tri"], "the slider step from the keyboard did not change the figure"
    assert _focused(page) == "slider-0", "focus left the slider after a step"
    page.keyboard.press("Home")
    page.wait_for_timeout(300)
    assert _figure_state(page, div_id)["active"] == 0

    _tab_to(page, f"el.closest('#{div_id}') !== null && el.getAttribute('aria-haspopup') === 'true'")
    page.keyboard.press("Enter")  # opens the preset menu; focus goes to its first entry
    page.wait_for_timeout(300)
    assert _focused(page) == "dropdown-0", "opening the menu did not focus its first entry"
    page.keyboard.press("Tab")
    assert _focused(page) == "dropdown-1"
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    chosen = _figure_state(page, div_id)
    assert chosen["slider"] != before["slider"], "choosing a preset from the keyboard did nothing"
    assert _focused(page) == "menu-0", "focus did not return to the menu after a choice"

    # The quiz: Tab to the first question's first choice, pick another with the arrows, check it.
    _tab_to(page, "el.matches('form.course-quiz-question input[type=radio]')")
    form = page.locator("form.course-quiz-question").first
    feedback = form.locator(".course-quiz-feedback")
    n = form.locator("input[type=radio]").count()
    for _ in range(n):
        if page.evaluate("document.activeElement.dataset.correct") == "true":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.correct") == "true", (
        "the arrow keys never reached the right answer")
    _tab_to(page, "el.matches('button.course-quiz-check')", limit=5)
    page.keyboard.press("Enter")
    assert feedback.inner_text().startswith("Correct."), feedback.inner_text()
    context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_text_paints_before_plotly_arrives(browser: Browser, base_url: str) -> None:
    """plotly.js is held back: the text is readable, figures keep their height; then every figure draws."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    held = []
    page.route("**/_vendor/plotly*", lambda route: held.append(route))
    page.goto(f"{base_url}/book/chapters/ch04_window.html", wait_until="domcontentloaded")
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert page.locator("article h1").first.is_visible()
    reading = page.locator("#the-reading p").first
    assert reading.is_visible() and len(reading.inner_text()) > 100, "no readable text before plotly.js"
    assert page.evaluate("typeof window.Plotly") == "undefined"
    figure = page.locator("div.course-figure").first
    figure.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    reserved = figure.bounding_box()
    assert reserved is not None and reserved["height"] >= 300, f"no height reserved: {reserved}"
    assert held, "scrolling a figure into view did not ask for plotly.js"
    for route in held:
        route.continue_()
    page.wait_for_function("document.querySelector('div.course-figure').dataset.drawn === 'yes'")
    drawn = figure.bounding_box()
    assert drawn is not None and abs(drawn["height"] - reserved["height"]) < 2, (
        f"the figure shifted the layout: {reserved['height']} px reserved, {drawn['height']} px drawn")
    context.close()


_SNAPSHOT = """id => { const gd = document.getElementById(id);
  return JSON.stringify({data: gd.data.map(t => [t.x, t.y, t.text, t.visible]),
                         x: gd.layout.xaxis && gd.layout.xaxis.range,
                         y: gd.layout.yaxis && gd.layout.yaxis.range,
                         sliders: (gd.layout.sliders || []).map(s => [s.name, s.active])}); }"""


def _figure_pages() -> list[str]:
    return site_params(lambda site: [p.relative_to(site).as_posix() for p in content_pages(site)
                                     if 'class="course-figure"' in p.read_text(encoding="utf-8")])


@pytest.mark.parametrize("path", _figure_pages())
def test_every_figure_control_responds(browser: Browser, base_url: str, path: str) -> None:
    """No dead controls: every button, dropdown entry and slider of every figure changes it."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    ids = page.eval_on_selector_all("div.course-figure", "els => els.map(e => e.id)")
    assert ids, f"{path}: no figures"
    checked = 0
    for div_id in ids:
        div = page.locator(f"#{div_id}")
        div.scroll_into_view_if_needed()
        page.wait_for_function(f"document.getElementById('{div_id}').dataset.drawn === 'yes'")
        menus = page.evaluate(
            f"() => (document.getElementById('{div_id}').layout.updatemenus || [])"
            ".map(m => [m.type || 'dropdown', m.buttons.length])")
        for m, (kind, n_buttons) in enumerate(menus):
            for b in range(n_buttons):
                before = page.evaluate(_SNAPSHOT, div_id)
                group = div.locator(".updatemenu-header-group").nth(m)
                if kind == "dropdown":
                    group.locator(".updatemenu-header").click()
                    div.locator(".updatemenu-dropdown-button-group .updatemenu-dropdown-button"
                                ).nth(b).click()
                else:
                    group.locator(".updatemenu-button").nth(b).click()
                page.wait_for_timeout(150)
                after = page.evaluate(_SNAPSHOT, div_id)
                active = page.evaluate(
                    f"() => document.getElementById('{div_id}').layout.updatemenus[{m}].active")
                assert active == b, f"{path} {div_id}: menu {m} button {b} did not become active"
                if b > 0:  # moving away from the previous button must change the figure
                    assert after != before, f"{path} {div_id}: menu {m} button {b} changed nothing"
                checked += 1
        n_sliders = page.evaluate(
            f"() => (document.getElementById('{div_id}').layout.sliders || []).length")
        for s in range(n_sliders):
            rail = div.locator(".slider-rail-rect").nth(s)
            for fraction in (0.03, 0.5, 0.97):
                before = page.evaluate(_SNAPSHOT, div_id)
                box = rail.bounding_box()
                assert box is not None
                page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
                page.wait_for_timeout(150)
                assert page.evaluate(_SNAPSHOT, div_id) != before, (
                    f"{path} {div_id}: slider {s} at {fraction:.0%} changed nothing")
                checked += 1
    context.close()
    assert checked > 0
    assert not log.problems(), "\n".join(log.problems())


def test_figures_follow_dark_mode(browser: Browser, base_url: str) -> None:
    """On a dark page a figure has no light box and light text; back in light mode, dark text."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/book/chapters/ch02_deterrence.html", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    div_id = page.locator("div.course-figure").first.get_attribute("id")
    page.locator(f"#{div_id}").scroll_into_view_if_needed()
    page.wait_for_function(f"document.getElementById('{div_id}').dataset.drawn === 'yes'")
    state = page.evaluate(f"""() => {{ const gd = document.getElementById('{div_id}');
        const box = gd.closest('.text_html');
        return [gd._fullLayout.font.color, getComputedStyle(box).backgroundColor]; }}""")
    assert state[0].lower() != "#222222", f"dark page, dark text: {state[0]}"
    assert state[1] in ("rgba(0, 0, 0, 0)", "transparent"), f"light box behind the figure: {state[1]}"
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    page.wait_for_timeout(300)
    light = page.evaluate(f"document.getElementById('{div_id}')._fullLayout.font.color")
    assert light.lower() == "#222222", light
    context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_theme_icons_render_from_the_web_font(browser: Browser, base_url: str) -> None:
    """fontawesome.js is not shipped; the theme's icons must still show (drawn by the web font)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{base_url}/book/intro.html", wait_until="networkidle")
    assert page.evaluate("Array.from(document.scripts).some(s => /fontawesome/.test(s.src))") is False
    icon = page.evaluate("""() => { const i = document.querySelector('.search-button-field i.fa-solid');
        const before = getComputedStyle(i, '::before');
        return [before.content, before.fontFamily, i.getBoundingClientRect().width,
                document.fonts.check('900 16px "Font Awesome 6 Free"')]; }""")
    context.close()
    assert icon[0] not in ("none", "normal", '""'), icon
    assert "Font Awesome" in icon[1], icon
    assert icon[2] > 0 and icon[3] is True, icon


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: axe's experimental rules too: among them label-content-name-mismatch (WCAG 2.5.3, label in name).
AXE_TAGS = [*WCAG_TAGS, "experimental"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(browser: Browser, base_url: str, scheme: str) -> None:
    """axe-core (WCAG 2.1 A and AA rules, and the experimental rules) on every page, in light and dark mode."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found, ran = [], set()
    for path in _pages():
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        assert draw_every_figure(page) == [], f"{path}: figures not drawn"
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                        "resultTypes": ["violations"]})
        for kind in ("violations", "passes", "incomplete", "inapplicable"):
            ran |= {rule["id"] for rule in result.response[kind]}
        for v in result.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"][:3]]
                found.append(f"{path}: {v['id']} ({v['impact']}) at {targets}: {v['help']}")
    context.close()
    assert "label-content-name-mismatch" in ran, "axe's experimental rules did not run"
    assert not found, "\n".join(found)


_SEARCH_BUTTONS = """() => Array.from(document.querySelectorAll('button.search-button__button'))
    .filter(b => b.getClientRects().length > 0 && getComputedStyle(b).visibility !== 'hidden')
    .map(b => b.innerText.replace(/\\s+/g, ' ').trim())"""


@pytest.mark.parametrize("width", [1280, 375])
def test_one_search_button_named_by_what_it_shows(browser: Browser, base_url: str, width: int) -> None:
    """One search button on a page, wide or narrow; its accessible name holds its visible text."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("book/intro.html", "book/chapters/ch02_deterrence.html", "search.html"):
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        shown = page.evaluate(_SEARCH_BUTTONS)
        assert len(shown) == 1, f"{path} at {width} px: {len(shown)} search buttons: {shown}"
        button = page.locator("button.search-button__button:visible")
        name = page.evaluate("b => b.getAttribute('aria-label')", button.element_handle())
        snapshot = button.aria_snapshot()  # - button "Search Ctrl + K"
        assert snapshot.startswith("- button"), snapshot
        spoken = " ".join(snapshot.split('"')[1:2]).lower().replace(" ", "")
        assert spoken, f"{path}: the search button has no accessible name"
        assert shown[0].lower().replace(" ", "") in spoken, (
            f"{path}: visible {shown[0]!r}, accessible name {snapshot!r} (aria-label {name!r})")
    context.close()


def test_code_cell_toggles_are_named_by_their_visible_text(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/book/chapters/ch02_deterrence.html", wait_until="networkidle")
    summaries = page.locator("details.hide > summary")
    assert summaries.count() >= 3
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        assert summary.get_attribute("aria-label") is None and summary.get_attribute("aria-labelledby") is None
        assert summary.inner_text().strip() == "Show code cell source"
    first = summaries.first
    first.click()
    assert first.inner_text().strip() == "Hide code cell source"
    context.close()


def test_search_over_http_lists_results_with_summaries(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/search.html?q=deterrence", wait_until="networkidle")
    page.wait_for_selector("#search-results .search-summary")
    page.wait_for_function("document.querySelectorAll('#search-results li p.context').length > 0")
    assert page.locator("#search-results li").count() >= 5
    context.close()
    assert not log.problems(), "\n".join(log.problems())


class DiskLog:
    """What pages opened from disk did: console errors, page errors, failed requests, other hosts."""

    def __init__(self, context: BrowserContext) -> None:
        self.problems: list[str] = []
        context.route(re.compile(r"^(https?|wss?)://"), lambda r: (
            self.problems.append(f"request to another host: {r.request.url}"), r.abort()))
        context.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console error: {m.text} ({m.location.get('url', '')})"))
        context.on("weberror", lambda e: self.problems.append(f"page error: {e.error}"))
        context.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url}: {r.failure}"))


def test_every_page_opened_from_disk_logs_no_error(browser: Browser) -> None:
    """Opened from disk (file://), as the README suggests: no page logs an error, figures draw."""
    context = browser.new_context()
    log = DiskLog(context)
    page = context.new_page()
    undrawn = {}
    for path in _pages():
        page.goto((require_site() / path).as_uri(), wait_until="load")
        page.wait_for_load_state("networkidle")
        undrawn[path] = draw_every_figure(page)
        page.wait_for_timeout(200)
    context.close()
    assert not log.problems, "\n".join(log.problems)
    assert {p: u for p, u in undrawn.items() if u} == {}


def test_search_works_from_disk(browser: Browser) -> None:
    """A chapter opened from disk: the search button, a query, the results, and not one error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log = DiskLog(context)
    page = context.new_page()
    page.goto((require_site() / "book/chapters/ch02_deterrence.html").as_uri(), wait_until="networkidle")
    page.locator("button.search-button__button:visible").click()
    field = page.locator("#pst-search-dialog input[name=q]")
    field.fill("deterrence")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=deterrence")
    page.wait_for_function("/Search finished/.test((document.querySelector('#search-results') || {}).innerText)")
    page.wait_for_timeout(500)  # any summary fetch would fail (and log) by now
    results = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
    assert any(href.endswith("book/chapters/ch02_deterrence.html") for href in results), results
    assert all(href.startswith("file://") for href in results), results
    assert page.locator("#search-results li p.context").count() == 0, "summaries step aside from disk"
    context.close()
    assert not log.problems, "\n".join(log.problems)


def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, base_url: str) -> None:
    """At 375 px wide, no page is wider than the screen (wide tables and figures scroll inside)."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    wide = []
    for path in _pages():
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        sizes = page.evaluate("[document.documentElement.scrollWidth, "
                              "document.documentElement.clientWidth]")
        if sizes[0] > sizes[1]:
            wide.append(f"{path}: {sizes[0]} px wide on a {sizes[1]} px screen")
    context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_a_figure_follows_the_mode(browser: Browser, base_url: str, scheme: str) -> None:
    """A screenshot in each mode: a dark page shows the figure on dark ground (no white box),
    a light page on light ground. The screenshots are kept in _build/screenshots/ to look at."""
    import io

    from PIL import Image, ImageStat

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log = PageLog(page, base_url)
    shots = require_site().parent / "screenshots"
    shots.mkdir(exist_ok=True)
    for path in ("book/chapters/ch02_deterrence.html", "book/chapters/ch04_window.html"):
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        assert draw_every_figure(page) == []
        figure = page.locator("div.course-figure").first
        figure.scroll_into_view_if_needed()
        png = figure.screenshot(path=str(shots / f"test-{scheme}-{path.split('/')[-1][:-5]}.png"))
        gray = Image.open(io.BytesIO(png)).convert("L")
        mean = ImageStat.Stat(gray).mean[0] / 255
        white = sum(gray.histogram()[235:]) / (gray.width * gray.height)
        if scheme == "dark":
            assert mean < 0.35, f"{path}: the figure is too light on a dark page (mean {mean:.2f})"
            assert white < 0.05, f"{path}: {white:.0%} of the figure is near-white on a dark page"
        else:
            assert mean > 0.75, f"{path}: the figure is too dark on a light page (mean {mean:.2f})"
    context.close()
    assert not log.problems(), "\n".join(log.problems())
