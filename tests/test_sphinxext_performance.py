"""sphinxext.performance: plotly.js and MathJax only where used (and late), every script deferred."""

from __future__ import annotations

import re

from proliferation_course.sphinxext.assets import PLOTLY_JS

EXTS = ["proliferation_course.sphinxext.assets", "proliferation_course.sphinxext.performance"]
PAGES = {
    "index": "Home\n====\n\n.. toctree::\n\n   math\n   figure\n",
    "math": "Math\n====\n\n.. math:: x^2 + y^2 = 1\n",
    "figure": "Figure\n======\n\n.. raw:: html\n\n   <div class=\"course-figure\" id=\"f1\"></div>\n",
}


def _build(tiny_sphinx):
    return tiny_sphinx.build(PAGES, EXTS, mathjax_path="mathjax/tex-chtml.js")


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script[^>]*>", page)


def test_mathjax_only_on_the_page_with_math_and_not_as_a_script_tag(tiny_sphinx) -> None:
    html = _build(tiny_sphinx)
    math = (html / "math.html").read_text(encoding="utf-8")
    assert 'window.COURSE_MATHJAX_SRC = "_static/mathjax/tex-chtml.js";' in math
    assert not any("mathjax" in tag.lower() for tag in _scripts(math))
    # The root page's toctree includes the page with math: Sphinx would load MathJax there too.
    for name in ("index", "figure"):
        page = (html / f"{name}.html").read_text(encoding="utf-8")
        assert "mathjax" not in page.lower(), name


def test_plotly_is_named_only_on_the_page_with_a_figure(tiny_sphinx) -> None:
    html = _build(tiny_sphinx)
    figure = (html / "figure.html").read_text(encoding="utf-8")
    assert f'window.COURSE_PLOTLY_SRC = "_static/{PLOTLY_JS}";' in figure
    assert not any("plotly" in tag for tag in _scripts(figure)), "plotly.js is not a script tag"
    for name in ("index", "math"):
        assert "COURSE_PLOTLY_SRC" not in (html / f"{name}.html").read_text(encoding="utf-8"), name


def test_every_local_script_is_deferred_but_those_inline_scripts_need(tiny_sphinx) -> None:
    html = _build(tiny_sphinx)
    tags = [t for t in _scripts((html / "index.html").read_text(encoding="utf-8")) if "src=" in t]
    assert len(tags) >= 3, tags
    for tag in tags:
        sync = "documentation_options.js" in tag or "doctools.js" in tag
        assert ("defer" in tag) != sync, tag
