"""Checks of the built HTML in _build/html (built by the README's test command first).

They cover what the pages promise: every asset is local; plotly.js only on
pages with a figure and MathJax only on pages with math; figures carry their
JSON and a deterministic id; no widget state or Thebe; no absolute paths,
memory addresses or random ids; the introduction and chapter 2 hold every
part the course promises.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from proliferation_course.context import DEFAULT_LANGUAGE, LANGUAGES
from proliferation_course.data import load_table
from proliferation_course.figures import deterrence_triangle_figure
from proliferation_course.render import trace_types
from site_helpers import ROOT, require_site, site_params

pytestmark = pytest.mark.build

CH02 = "book/chapters/ch02_deterrence.html"


class Assets(HTMLParser):
    """Collects the URLs a page loads and the text of its JSON figure blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.figure_json: dict[str, str] = {}
        self._json_id: str | None = None
        self.lang: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "script" and a.get("src"):
            self.urls.append(("script", a["src"] or ""))
        if tag == "script" and a.get("type") == "application/json":
            self._json_id = a.get("id")
            self.figure_json[self._json_id or ""] = ""
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preload", "icon"):
            self.urls.append(("link", a["href"] or ""))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in ("img", "source", "iframe", "audio", "video") and a.get("src"):
            self.urls.append((tag, a["src"] or ""))

    def handle_data(self, data: str) -> None:
        if self._json_id is not None:
            self.figure_json[self._json_id] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json_id = None


def _parse(page: Path) -> Assets:
    parser = Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _site() -> Path:
    return require_site()


def _language_of(page: Path) -> str:
    """The language of a page of the site: Japanese under ja/, English elsewhere."""
    first = page.relative_to(_site()).parts[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def _all_pages() -> list[Path]:
    return site_params(lambda site: sorted(p for p in site.rglob("*.html") if "_static" not in p.parts))


def test_the_site_holds_the_intro_and_chapter_2() -> None:
    site = _site()
    for page in ("index.html", "book/intro.html", CH02):
        assert (site / page).is_file(), f"missing {page}"
    assert "book/intro.html" in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", _all_pages(), ids=lambda p: p.name)
def test_every_asset_is_local_and_exists(page: Path) -> None:
    site = _site()
    parsed = _parse(page)
    assert parsed.lang == _language_of(page), f"{page.name}: <html lang> is {parsed.lang!r}"
    for kind, url in parsed.urls:
        assert not re.match(r"^(https?:)?//", url), f"{page.name}: {kind} from another host: {url}"
        if url.startswith(("data:", "#")):
            continue
        target = (page.parent / url.split("?")[0].split("#")[0]).resolve()
        assert target.is_file(), f"{page.name}: {kind} {url} does not exist in the build"
        assert site.resolve() in target.parents, f"{page.name}: {url} points outside the site"


@pytest.mark.parametrize("page", _all_pages(), ids=lambda p: p.name)
def test_every_local_link_resolves(page: Path) -> None:
    """No dead links or buttons: every link to this site points at a file that exists."""
    for url in _parse(page).links:
        if re.match(r"^([a-z]+:|//|#)", url):
            continue
        target = (page.parent / url.split("?")[0].split("#")[0]).resolve()
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file(), f"{page.name}: link to {url}, which does not exist in the build"


@pytest.mark.parametrize("page", _all_pages(), ids=lambda p: p.name)
def test_plotly_and_mathjax_only_where_used(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    scripts = [u for k, u in _parse(page).urls if k == "script"]
    has_figure = 'class="course-figure"' in html
    has_math = 'class="math' in html
    # plotly.js is never a <script src>: course.js loads it from the URL the page names.
    assert not any("plotly" in u for u in scripts), f"{page.name}: plotly.js loaded up front"
    named = re.findall(r'window\.COURSE_PLOTLY_SRC = "([^"]+)";', html)
    # MathJax likewise: course.js loads it from the URL the page names, when math nears the screen.
    assert not any("mathjax" in u.lower() for u in scripts), f"{page.name}: MathJax loaded up front"
    loads_mathjax = 'window.COURSE_MATHJAX_SRC = "' in html
    assert bool(named) == has_figure, f"{page.name}: figure={has_figure}, names plotly.js={named}"
    if named:
        bundle = (page.parent / named[0]).resolve()
        assert bundle.is_file(), f"{page.name}: plotly.js URL {named[0]} points to no file"
        assert "plotly-course" in bundle.name, f"{page.name}: not the course's bundle: {bundle.name}"
    assert loads_mathjax == has_math, f"{page.name}: math={has_math}, MathJax={loads_mathjax}"


@pytest.mark.parametrize("page", _all_pages(), ids=lambda p: p.name)
def test_no_widget_state_thebe_or_machine_details(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    if 'http-equiv="Refresh"' not in html:  # a browser asks the host for /favicon.ico otherwise
        assert 'rel="icon"' in html, f"{page.name}: no icon declared"
    assert "application/vnd.jupyter.widget-state+json" not in html
    assert "THEBE_JS_URL" not in html and "thebe.js" not in html
    assert str(ROOT) not in html and "/tmp/" not in html, f"{page.name}: absolute path in page"
    assert not re.search(r"object at 0x[0-9a-f]{6,}", html), f"{page.name}: memory address"
    uuid = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", html)
    assert uuid is None, f"{page.name}: random-looking id {uuid.group(0) if uuid else ''}"


def test_static_assets_hold_no_absolute_paths() -> None:
    site = _site()
    for f in site.rglob("*"):
        if f.suffix in (".js", ".css", ".html") and f.is_file():
            text = f.read_text(encoding="utf-8", errors="replace")
            assert str(ROOT) not in text, f"{f.relative_to(site)} holds {ROOT}"


def test_chapter_2_figure_is_the_models_figure() -> None:
    page = _site() / CH02
    parsed = _parse(page)
    figures = {k: v for k, v in parsed.figure_json.items() if k.startswith("course-fig-")}
    assert sorted(figures) == ["course-fig-1-data", "course-fig-2-data"], sorted(figures)
    built = json.loads(figures["course-fig-1-data"])
    expected = json.loads(deterrence_triangle_figure(load_table("deterrence_presets")).to_json())
    assert built["data"] == expected["data"]
    assert built["layout"]["sliders"] == expected["layout"]["sliders"]
    assert built["layout"]["updatemenus"] == expected["layout"]["updatemenus"]
    html = page.read_text(encoding="utf-8")
    assert re.search(r'<div class="course-figure" id="course-fig-1"[^>]*style="height:\d+px"', html)


def test_every_figure_on_the_site_carries_a_trimmed_template() -> None:
    """Each figure's template keeps the defaults of its own trace types only (render.trim_template)."""
    seen = 0
    for page in _all_pages():
        for key, text in _parse(page).figure_json.items():
            if not key.startswith("course-fig-"):
                continue
            fig = json.loads(text.replace("<\\/", "</"))
            template = fig["layout"]["template"]
            assert set(template["data"]) <= trace_types(fig), (page.name, key, sorted(template["data"]))
            assert {"scene", "ternary", "geo"}.isdisjoint(template["layout"]), (page.name, key)
            seen += 1
    assert seen >= 20, f"only {seen} figures found on the site"


SKELETON = ["Learning objectives", "The reading", "Explorer", "What the data say",
            "Discussion questions", "Self-check", "Summary", "Further reading"]


def _headings(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>|#|¶", "", h).strip()
            for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, flags=re.S)]


def _chapters() -> list[Path]:
    return site_params(lambda site: sorted((site / "book" / "chapters").glob("ch*.html")))


@pytest.mark.parametrize("page", _chapters(), ids=lambda p: p.stem)
def test_every_chapter_follows_the_skeleton_in_order(page: Path) -> None:
    heads = _headings(page)
    positions = []
    for section in SKELETON:
        found = [i for i, h in enumerate(heads) if h == section or h.startswith(section + ":")]
        assert found, f"{page.stem} lacks the section {section!r}; has {heads}"
        positions.append(found[0])
    assert positions == sorted(positions), f"{page.stem}: sections out of order: {heads}"
    assert any(h in ("How the model works", "How the explorer works") for h in heads), (
        f"{page.stem}: an explorer needs 'How the model works' (or 'How the explorer works')")


@pytest.mark.parametrize("page", _chapters(), ids=lambda p: p.stem)
def test_every_chapter_has_quiz_notes_and_references(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.count('class="course-quiz-question"') >= 3, f"{page.stem}: quiz too short"
    assert "Notes for instructors" not in html, f"{page.stem}: instructor notes in the learner edition"
    instructor = (ROOT / "_build" / "instructor" / page.relative_to(_site())).read_text(encoding="utf-8")
    assert instructor.count("Notes for instructors") >= 4, f"{page.stem}: instructor notes missing"
    assert 'class="citation"' in html, f"{page.stem}: no bibliography"
    assert "teaching model" in html, f"{page.stem}: must say its model is a teaching model"


def test_chapter_2_shows_the_live_panel_collapsed_with_instructions() -> None:
    html = (_site() / CH02).read_text(encoding="utf-8")
    assert "teaching model, not a prediction" in html
    assert "Show code cell source" in html, "the live panel's code should be shown collapsed"
    text = re.sub(r"<[^>]+>", "", html)
    assert "jupyter lab" in text.lower(), "the page must say how to run the live panel"


def test_intro_states_the_essay_and_the_article() -> None:
    html = (_site() / "book/intro.html").read_text(encoding="utf-8")
    for needle in ("2025-16", "Albessard", "Graefrath", "Raymond", "Foreign Affairs",
                   "19 November 2025", "Learning outcomes", "seminar", "exercise"):
        assert needle.lower() in html.lower(), f"the introduction does not mention {needle!r}"


@pytest.mark.parametrize("page", _all_pages(), ids=lambda p: p.name)
def test_every_figure_has_a_name_a_description_and_its_data(page: Path) -> None:
    """Figures speak: an accessible name, a description it points to, a collapsed data table."""
    html = page.read_text(encoding="utf-8")
    for div_id, label, described in re.findall(
            r'<div class="course-figure" id="([^"]+)"[^>]*aria-label="([^"]+)"'
            r'[^>]*aria-describedby="([^"]+)"', html):
        assert label.strip() and label != "Interactive figure", f"{page.name} {div_id}: no name"
        desc = re.search(rf'<p class="course-figure-desc" id="{described}">([^<]+)</p>', html)
        # Eight words; in Japanese, which has no spaces between words, 24 characters.
        words = len(desc.group(1).split()) if desc else 0
        japanese = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", desc.group(1))) if desc else 0
        assert desc and (words >= 8 or japanese >= 24), f"{page.name} {div_id}: no description"
        after = html[html.index(f'id="{described}"'):]
        table = re.search(r'<details class="course-figure-data">.*?</details>', after, re.S)
        assert table and table.group(0).count("<tr>") >= 2, f"{page.name} {div_id}: no data table"
    assert html.count('class="course-figure"') == html.count('aria-describedby="course-fig-'), (
        f"{page.name}: a figure without a description")


def _offers_notebook(page: Path) -> bool:
    from proliferation_course.kit import offers_notebook

    rel = page.relative_to(_site())
    if _language_of(page) != DEFAULT_LANGUAGE:  # ja/book/... is the page book/... in Japanese
        rel = rel.relative_to(_language_of(page))
    return offers_notebook(rel.with_suffix("").as_posix())


@pytest.mark.parametrize("page", site_params(lambda site: [p for p in _all_pages()
                                                           if "/book/" in p.as_posix() and _offers_notebook(p)]),
                         ids=lambda p: p.name)
def test_every_page_can_be_downloaded_as_a_notebook(page: Path) -> None:
    import nbformat

    html = page.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.ipynb)"', html)
    assert links, f"{page.name}: no .ipynb in the download menu"
    target = (page.parent / links[0]).resolve()
    assert target.is_file(), f"{page.name}: {links[0]} does not exist in the build"
    nb = nbformat.read(target, as_version=4)
    nbformat.validate(nb)
    assert nb.cells, f"{target.name}: an empty notebook"
    if "/chapters/" in page.as_posix():
        assert any(c.cell_type == "code" for c in nb.cells), f"{target.name}: a chapter without code cells"


def test_no_launch_button_while_the_repository_url_is_unset() -> None:
    import yaml

    config = yaml.safe_load((Path(__file__).parent.parent / "_config.yml").read_text(encoding="utf-8"))
    assert not config["repository"]["url"], "this test is for the unset URL; update it if the URL is set"
    for page in _all_pages():
        html = page.read_text(encoding="utf-8")
        for host in ("mybinder.org", "colab.research.google.com"):
            assert host not in html, f"{page.name}: a launch button to {host} without a repository"
