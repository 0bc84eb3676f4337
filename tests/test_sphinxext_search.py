"""sphinxext.search: one search button, named by its visible text, and no summaries fetched from disk."""

from __future__ import annotations

import re
from types import SimpleNamespace

from proliferation_course.sphinxext import search

EXTS = ["proliferation_course.sphinxext.assets", "proliferation_course.sphinxext.search"]
PAGES = {"index": "Home\n====\n\nText.\n"}


def test_the_theme_adds_no_second_search_button_unless_configured() -> None:
    config = SimpleNamespace(html_theme_options={})
    search._one_search_button(None, config)  # type: ignore[arg-type]
    assert config.html_theme_options["navbar_persistent"] == []
    config = SimpleNamespace(html_theme_options={"navbar_persistent": ["search-button-field"]})
    search._one_search_button(None, config)  # type: ignore[arg-type]
    assert config.html_theme_options["navbar_persistent"] == ["search-button-field"], "_config.yml wins"


def test_the_book_theme_shows_one_search_button_named_by_its_text(tiny_sphinx) -> None:
    html = tiny_sphinx.build(PAGES, EXTS, html_theme="sphinx_book_theme")
    page = (html / "index.html").read_text(encoding="utf-8")
    buttons = re.findall(r"<button[^>]*search-button__button[^>]*>.*?</button>", page, flags=re.S)
    # The side bar's field (wide screens) and the article header's icon (narrow screens; CSS shows one).
    assert len(buttons) == 2, buttons
    field, icon = sorted(buttons, key=lambda b: "search-button-field" not in b)
    assert "search-button-field" in field and "aria-label" not in field, field
    assert re.search(r'<i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>', field)
    assert ">Search</span>" in field and "<kbd" in field, "its name comes from what it shows"
    assert 'aria-label="Search"' in icon and re.sub(r"<[^>]+>", "", icon).strip() == "", "an icon: named"
    assert 'class="navbar-persistent' not in page, "no search field in the theme's top bar"
    assert tiny_sphinx.warnings == ""


def test_search_from_disk_shows_results_without_fetched_summaries(tiny_sphinx) -> None:
    html = tiny_sphinx.build(PAGES, EXTS, html_theme="basic")
    results = (html / "search.html").read_text(encoding="utf-8")
    script = results.index(search.NO_SUMMARIES_FROM_DISK)
    assert results.index("documentation_options.js") < script < results.index("searchtools.js")
    assert search.NO_SUMMARIES_FROM_DISK not in (html / "index.html").read_text(encoding="utf-8")


def test_the_search_page_paints_before_the_index_arrives(tiny_sphinx) -> None:
    """The theme loads Sphinx's search scripts synchronously; the course's template defers them, in order."""
    html = tiny_sphinx.build(PAGES, EXTS, html_theme="sphinx_book_theme")
    results = (html / "search.html").read_text(encoding="utf-8")
    names = r"(?:searchtools|language_data|searchindex)\.js"
    tags = re.findall(r"<script[^>]*src=\"[^\"]*" + names + r"[^\"]*\"[^>]*>", results)
    assert [re.search(r"(searchtools|language_data|searchindex)\.js", t).group(1) for t in tags] == \
        ["searchtools", "language_data", "searchindex"], tags
    assert all('defer="defer"' in t for t in tags), f"a search script blocks the first paint: {tags}"
    # The course's setting runs before searchtools.js starts the search.
    assert results.index(search.NO_SUMMARIES_FROM_DISK) < results.index("searchtools.js")
    assert tiny_sphinx.warnings == ""
