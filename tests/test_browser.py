"""The built site in a real browser (Debian's chromium driven by Playwright).

Every page is opened from a server on 127.0.0.1 with every request to another
host blocked and counted. A page fails on any external request, any console
error, any uncaught page error and any failed local request (HTTP 4xx/5xx or
a network failure). The figures are driven through their frames' native
controls (select, buttons, range): every control must change its figure, from
the mouse and from the keyboard; and the visual check of ``figure_checks.py``
runs on figures in six views.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from proliferation_course.figure_checks import VIEW_HEIGHT, VIEWS, visual_problems
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
        .filter(gd => gd.layout && /^Escalation ladder/.test(gd.getAttribute('aria-label')))
        .map(gd => [gd.data[0].mode, gd.data[1].mode, gd.data[2].type])""")
    context.close()
    assert undrawn == []
    assert found == [[mode, mode, "bar"]], found


def _figure_state(page: Page, div_id: str) -> dict:
    """The deterrence explorer as drawn: bars, triangle, and the native range's slider and step."""
    return page.evaluate(
        """id => { const gd = document.getElementById(id);
                   const range = document.querySelector('#' + id + '-frame input[data-slider="0"]');
                   return {bars: Array.from(gd.data[5].y), tri: Array.from(gd.data[3].y),
                           slider: range.dataset.name, active: Number(range.value),
                           shown: range.getAttribute('aria-valuetext')}; }""", div_id)


def _first_figure(page: Page) -> str:
    div = page.locator("div.course-figure").first
    div_id = div.get_attribute("id")
    div.scroll_into_view_if_needed()
    page.wait_for_function(f"document.getElementById('{div_id}').dataset.drawn === 'yes'")
    return div_id


def test_explorer_responds_to_preset_and_slider(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/book/chapters/ch02_deterrence.html", wait_until="networkidle")
    div_id = _first_figure(page)
    frame = page.locator(f"#{div_id}-frame")
    before = _figure_state(page, div_id)
    # Native controls, enabled once the chart is drawn, with visible labels.
    select = frame.locator("select[data-menu]")
    assert frame.locator(f"label[for='{select.get_attribute('id')}']").inner_text() == "Scenario"
    assert select.is_enabled()
    assert select.locator("option").count() >= 2, "the preset menu has fewer than two entries"

    # Switch preset with the menu, as a reader would.
    select.select_option(index=1)
    page.wait_for_timeout(300)
    after_preset = _figure_state(page, div_id)
    assert after_preset["slider"] != before["slider"], "the preset switch did not swap the slider"
    assert after_preset["bars"] != before["bars"], "the preset switch did not change the scores"
    # the range now runs the preset's own steps, from its own value
    assert after_preset["shown"] == frame.locator("output").inner_text()

    # Step the slider: click near the right end of the range (capabilities close to 1).
    rng = frame.locator("input[type=range]")
    box = rng.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.97, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    after_slider = _figure_state(page, div_id)
    assert after_slider["active"] != after_preset["active"], "the slider did not move"
    assert after_slider["tri"] != after_preset["tri"], "the slider did not change the triangle"
    assert after_slider["shown"] == "1.00" == frame.locator("output").inner_text()
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


def _tab_to(page: Page, predicate: str, limit: int = 400, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focused element matches a JS predicate over `el`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate}); }})()"):
            return
    raise AssertionError(f"{key} never reached an element with {predicate}")


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
    in_frame = f"el.closest('#{div_id}-frame') !== null"

    _tab_to(page, f"{in_frame} && el.matches('input[type=range]')")
    assert page.evaluate("Number(document.activeElement.value)") == before["active"]
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(300)
    moved = _figure_state(page, div_id)
    assert moved["active"] == before["active"] - 1, "ArrowLeft did not move the slider one step"
    assert moved["tri"] != before["tri"], "the slider step from the keyboard did not change the figure"
    assert page.evaluate(f"(() => {{ const el = document.activeElement; return {in_frame} "
                         f"&& el.matches('input[type=range]'); }})()"), "focus left the slider after a step"
    page.keyboard.press("Home")
    page.wait_for_timeout(300)
    assert _figure_state(page, div_id)["active"] == 0

    # Back to the preset menu; open it, move to the next entry, choose it.
    _tab_to(page, f"{in_frame} && el.matches('select')", key="Shift+Tab")
    for key in ("Enter", "ArrowDown", "Enter"):
        page.keyboard.press(key)
        page.wait_for_timeout(150)
    page.wait_for_timeout(300)
    chosen = _figure_state(page, div_id)
    assert chosen["slider"] != before["slider"], "choosing a preset from the keyboard did nothing"
    assert chosen["bars"] != before["bars"]
    assert page.evaluate("document.activeElement.matches('select')"), "focus did not return to the menu"

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
    # The frame's header is text of the page: its title and controls show before plotly.js,
    # the controls disabled until the chart they drive is drawn.
    frame = page.locator(".course-frame").first
    assert frame.locator(".course-frame-title").is_visible()
    controls = frame.locator(".course-frame-controls select, .course-frame-controls input")
    assert controls.count() >= 2 and all(c.is_disabled() for c in controls.all())
    for route in held:
        route.continue_()
    page.wait_for_function("document.querySelector('div.course-figure').dataset.drawn === 'yes'")
    drawn = figure.bounding_box()
    assert drawn is not None and abs(drawn["height"] - reserved["height"]) < 2, (
        f"the figure shifted the layout: {reserved['height']} px reserved, {drawn['height']} px drawn")
    assert all(c.is_enabled() for c in controls.all()), "the controls stayed disabled"
    context.close()


_LOAD_BUNDLE = """([src, steps]) => new Promise((resolve, reject) => {
  const s = document.createElement('script');
  s.src = src;
  if (steps) { s.setAttribute('data-steps', ''); }
  s.onload = () => resolve({plotly: typeof window.Plotly,
                            steps: Array.isArray(window.CoursePlotlySteps) ? window.CoursePlotlySteps.length : 0});
  s.onerror = () => reject(new Error('could not load ' + src));
  document.head.appendChild(s);
})"""

_TRACES = "() => Object.keys(window.Plotly.PlotSchema.get().traces).sort()"


def test_plotly_starts_in_steps_for_the_page_and_at_once_for_a_handout(browser: Browser,
                                                                        base_url: str) -> None:
    """The course's plotly.js bundle (scripts/node/plotly-course.js) has two ways to start.

    Inserted by course.js (``data-steps``), it only leaves its start in steps, which
    course.js runs one task each; any other script element (a handout, printing) gets
    ``window.Plotly`` at once. Both give the same plotly.js: the same trace types."""
    from proliferation_course.sphinxext.assets import PLOTLY_JS

    src = f"{base_url}/_static/{PLOTLY_JS}"
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/genindex.html", wait_until="load")
    at_once = page.evaluate(_LOAD_BUNDLE, [src, False])
    assert at_once == {"plotly": "object", "steps": 0}, at_once
    traces = page.evaluate(_TRACES)
    assert {"scatter", "bar", "heatmap"} <= set(traces), traces

    page.goto(f"{base_url}/genindex.html", wait_until="load")
    stepped = page.evaluate(_LOAD_BUNDLE, [src, True])
    assert stepped["plotly"] == "undefined" and stepped["steps"] > 1, stepped
    page.evaluate("""() => { let v; for (const step of window.CoursePlotlySteps) { v = step(v) || v; }
                             window.Plotly = v; }""")
    assert page.evaluate(_TRACES) == traces
    context.close()


# What the chart shows; not the native controls' own state (a range moves its thumb even when
# nothing listens to it), so that a dead control fails.
_SNAPSHOT = """id => { const gd = document.getElementById(id);
  return JSON.stringify({data: gd.data.map(t => [t.x, t.y, t.text, t.visible, t.marker && t.marker.color]),
                         x: gd.layout.xaxis && gd.layout.xaxis.range,
                         y: gd.layout.yaxis && gd.layout.yaxis.range,
                         shapes: gd.layout.shapes, annotations: gd.layout.annotations}); }"""


def _figure_pages() -> list[str]:
    return site_params(lambda site: [p.relative_to(site).as_posix() for p in content_pages(site)
                                     if 'class="course-figure"' in p.read_text(encoding="utf-8")])


@pytest.mark.parametrize("path", _figure_pages())
def test_every_figure_control_responds(browser: Browser, base_url: str, path: str) -> None:
    """No dead controls: every menu entry, button, Play button and slider of every figure changes it."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    ids = page.eval_on_selector_all("div.course-figure", "els => els.map(e => e.id)")
    assert ids, f"{path}: no figures"
    checked = 0
    snap = lambda div_id: page.evaluate(_SNAPSHOT, div_id)  # noqa: E731
    for div_id in ids:
        frame = page.locator(f"#{div_id}-frame")
        frame.scroll_into_view_if_needed()
        page.wait_for_function(f"document.getElementById('{div_id}').dataset.drawn === 'yes'")
        for select in frame.locator("select[data-menu]").all():
            assert select.is_enabled(), f"{path} {div_id}: a menu stayed disabled"
            for b in range(select.locator("option").count()):
                before = snap(div_id)
                select.select_option(index=b)
                page.wait_for_timeout(150)
                assert select.evaluate("el => el.selectedIndex") == b
                if b > 0:  # moving away from the previous entry must change the figure
                    assert snap(div_id) != before, f"{path} {div_id}: menu entry {b} changed nothing"
                checked += 1
        for group in frame.locator(".course-control-buttons").all():
            buttons = group.locator("button")
            for b in range(buttons.count()):
                before = snap(div_id)
                buttons.nth(b).click()
                page.wait_for_timeout(150)
                pressed = [x.get_attribute("aria-pressed") for x in buttons.all()]
                assert pressed == ["true" if k == b else "false" for k in range(len(pressed))], (
                    f"{path} {div_id}: button {b} is not the one pressed: {pressed}")
                if b > 0:
                    assert snap(div_id) != before, f"{path} {div_id}: button {b} changed nothing"
                checked += 1
        for play in frame.locator("button.course-play").all():
            before = snap(div_id)
            label = play.inner_text()
            play.click()
            seen = set()
            for _ in range(30):  # watch the animation run
                page.wait_for_timeout(100)
                seen.add(snap(div_id))
                if play.inner_text() == label and len(seen) > 1:
                    break
            assert any(s != before for s in seen), f"{path} {div_id}: Play showed nothing"
            page.wait_for_function(f"document.querySelector('#{div_id}-frame button.course-play')"
                                   f".textContent === {label!r}", timeout=15_000)
            checked += 1
        for s, rng in enumerate(frame.locator("input[type=range]").all()):
            for fraction in (0.03, 0.5, 0.97):
                before = snap(div_id)
                box = rng.bounding_box()
                assert box is not None
                page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
                page.wait_for_timeout(150)
                assert snap(div_id) != before, (
                    f"{path} {div_id}: slider {s} at {fraction:.0%} changed nothing")
                checked += 1
    context.close()
    assert checked > 0
    assert not log.problems(), "\n".join(log.problems())


_WATCH_THEME = """
window.__themeChanges = [];  // [from, to, was the body there]: real changes only, not same-value sets
new MutationObserver(records => records.forEach((r, i) => {
    const to = i + 1 < records.length ? records[i + 1].oldValue : document.documentElement.dataset.theme;
    if (to !== r.oldValue) { window.__themeChanges.push([r.oldValue, to, document.body !== null]); }
  }))
  .observe(document, {subtree: true, attributes: true, attributeFilter: ['data-theme'],
                      attributeOldValue: true});  // <html> does not exist yet
"""


@pytest.mark.parametrize(("scheme", "stored", "expected"), [
    ("light", None, "light"), ("dark", None, "dark"), ("light", "dark", "dark"), ("dark", "light", "light")])
def test_the_colour_scheme_is_settled_before_the_body_is_parsed(
        browser: Browser, base_url: str, scheme: str, stored: str | None, expected: str) -> None:
    """data-theme gets its final value in the head, so the theme's script at the end of the
    page changes nothing: a change there re-styles the whole page after the first paint.
    ``stored`` is the mode a reader chose with the theme's switch (kept in localStorage)."""
    context = browser.new_context(color_scheme=scheme)
    if stored:
        context.add_init_script(f"localStorage.setItem('mode', '{stored}');")
    context.add_init_script(_WATCH_THEME)
    page = context.new_page()
    page.goto(f"{base_url}/book/chapters/ch04_window.html", wait_until="networkidle")
    changes = page.evaluate("window.__themeChanges")
    theme = page.evaluate("document.documentElement.dataset.theme")
    context.close()
    assert theme == expected
    late = [c for c in changes if c[2]]
    assert late == [], f"data-theme changed after the body began: {late} (all changes: {changes})"


def test_figures_follow_dark_mode(browser: Browser, base_url: str) -> None:
    """On a dark page a figure has no light box, light text and the dark value of every palette
    colour, in what it first draws and in the states its controls apply; back in light mode, the
    light values, with the reader's choices kept."""
    from proliferation_course.figures.style import PALETTE

    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/book/chapters/ch02_deterrence.html", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    div_id = _first_figure(page)
    look = f"""() => {{ const gd = document.getElementById('{div_id}');
        const box = gd.closest('.text_html');
        return [gd._fullLayout.font.color, getComputedStyle(box).backgroundColor,
                Array.from(gd.data[5].marker.color), gd.data[3].line.color,
                gd.layout.shapes[0].line.color]; }}"""
    font, ground, bars, triangle, threshold = page.evaluate(look)
    assert font == PALETTE["text"].dark, f"dark page, text {font}"
    assert ground in ("rgba(0, 0, 0, 0)", "transparent"), f"light box behind the figure: {ground}"
    assert set(bars) <= {PALETTE["meets"].dark, PALETTE["fails"].dark}, bars
    assert (triangle, threshold) == (PALETTE["accent"].dark, PALETTE["threshold"].dark)
    # A preset's precomputed state (year 1 fails under every rule) arrives in dark colours too.
    frame = page.locator(f"#{div_id}-frame")
    frame.locator("select").select_option(index=1)
    page.wait_for_timeout(300)
    _, _, bars, _, _ = page.evaluate(look)
    assert bars == [PALETTE["fails"].dark] * 3, bars
    # Back to light: light values, and the reader's preset still shown.
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    page.wait_for_timeout(600)
    font, _, bars, triangle, _ = page.evaluate(look)
    assert font == PALETTE["text"].light and triangle == PALETTE["accent"].light
    assert bars == [PALETTE["fails"].light] * 3, bars
    assert frame.locator("select").evaluate("el => el.selectedIndex") == 1
    assert "ally_year1" in _figure_state(page, div_id)["slider"]
    context.close()
    assert not log.problems(), "\n".join(log.problems())


def _figure_pages() -> list[str]:
    """Every page of the built site that shows a figure (the visual check covers all their figures)."""
    return site_params(lambda site: [p.relative_to(site).as_posix() for p in content_pages(site)
                                     if 'class="course-figure"' in p.read_text(encoding="utf-8")])


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{w}-{s}" for w, s in VIEWS])
@pytest.mark.parametrize("path", _figure_pages())
def test_every_figure_passes_the_visual_check(browser: Browser, base_url: str, path: str, width: int,
                                              scheme: str) -> None:
    """No text clipped or overlapping, no control outside the figure, every trace colour at 3:1:
    every figure of every page, in each of the six views."""
    context = browser.new_context(viewport={"width": width, "height": VIEW_HEIGHT}, color_scheme=scheme)
    page = context.new_page()
    log = PageLog(page, base_url)
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    assert draw_every_figure(page) == []
    ids = page.eval_on_selector_all("div.course-figure", "els => els.map(e => e.id)")
    assert ids, f"{path}: no figure found"
    found = []
    for n, div_id in enumerate(ids, start=1):
        page.locator(f"#{div_id}-frame").scroll_into_view_if_needed()
        found += [f"figure {n}: {p}" for p in visual_problems(page, div_id)]
    context.close()
    assert not found, f"{path} at {width} px, {scheme}:\n" + "\n".join(found)
    assert not log.problems(), "\n".join(log.problems())


SPOILERS = {
    # a title that may not wrap, in a box that hides what does not fit (in a copy of the page)
    "clipped title": ("html", 'class="course-frame-title"',
                      'class="course-frame-title" style="white-space:nowrap;overflow:hidden;width:9rem"'),
    "text outside the chart": ("js", "Plotly.relayout(gd, {'annotations[1]': {text: 'Far out', xref: 'paper', "
                               "x: 1.3, yref: 'paper', y: 0.5, showarrow: false}})"),
    "overlapping text": ("js", "Plotly.relayout(gd, {'annotations[1]': {text: 'On top of the label', "
                         "xref: 'x2 domain', x: 0, xanchor: 'left', yref: 'y2 domain', y: 1, "
                         "yanchor: 'bottom', showarrow: false}})"),
    "control outside the figure": ("js", "Object.assign(gd.parentNode.querySelector('select').style, "
                                   "{position: 'relative', left: '1200px'})"),
    "low contrast": ("js", "Plotly.restyle(gd, {'marker.color': [['#eeeeee', '#eeeeee', '#eeeeee']]}, [5])"),
}
EXPECTED = {"clipped title": "clipped text", "text outside the chart": "reaches outside the chart",
            "overlapping text": "overlapping text", "control outside the figure": "control outside",
            "low contrast": "low contrast"}


@pytest.mark.parametrize("spoiler", sorted(SPOILERS))
def test_the_visual_check_fails_on_a_spoiled_figure(browser: Browser, base_url: str, spoiler: str) -> None:
    """The check can fail: each defect, made on purpose in a copy of chapter 2, is reported."""
    kind, *change = SPOILERS[spoiler]
    context = browser.new_context(viewport={"width": 1280, "height": VIEW_HEIGHT})
    page = context.new_page()
    url = f"{base_url}/book/chapters/ch02_deterrence.html"
    if kind == "html":  # the page is served from a temporary copy with the defect
        import urllib.request

        original = urllib.request.urlopen(url).read().decode("utf-8")  # noqa: S310 (our own server)
        assert change[0] in original
        copy = original.replace(change[0], change[1], 1)
        page.route(url, lambda route: route.fulfill(body=copy, content_type="text/html"))
    page.goto(url, wait_until="networkidle")
    div_id = _first_figure(page)
    if kind == "js":
        assert visual_problems(page, div_id) == [], "chapter 2 must pass before it is spoiled"
        page.evaluate(f"() => {{ const gd = document.getElementById('{div_id}'); return {change[0]}; }}")
        page.wait_for_timeout(200)
    found = visual_problems(page, div_id)
    context.close()
    assert any(EXPECTED[spoiler] in p for p in found), f"{spoiler} not seen: {found}"


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


@pytest.mark.parametrize("prefix", ["", "ja/"], ids=["en", "ja"])
def test_the_data_appendix_keeps_its_descriptions_readable_on_a_phone(browser: Browser, base_url: str,
                                                                     prefix: str) -> None:
    """Japanese breaks anywhere, so a table fitted to a phone squeezed its description column to one
    character; the column keeps 12rem and the table scrolls inside its frame instead."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(f"{base_url}/{prefix}book/appendix/data.html", wait_until="networkidle")
    page.evaluate("document.querySelector('#data-argument_map').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    widths = page.eval_on_selector_all("#data-argument_map td.description",
                                       "tds => tds.map(td => td.getBoundingClientRect().width)")
    root = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    lines = page.eval_on_selector_all(  # a type (文字列, string) on one line, not a character a line
        "#data-argument_map td.type", "tds => tds.map(td => { const r = document.createRange(); "
        "r.selectNodeContents(td); "
        "return new Set(Array.from(r.getClientRects(), x => Math.round(x.top))).size; })")
    page.close()
    assert widths and min(widths) >= 12 * root - 1, f"{prefix}appendix: description columns {widths}"
    assert lines and max(lines) == 1, f"{prefix}appendix: the type column wraps: {lines} lines"
