"""sphinxext.reuse: every page's footer states the licence and the version and links to "Reuse and cite"."""

from __future__ import annotations

from types import SimpleNamespace

from proliferation_course import __version__
from proliferation_course.i18n import speaking
from proliferation_course.sphinxext import reuse


def _footer(pagename: str, base: str = "") -> str:
    def pathto(doc: str) -> str:  # as Sphinx makes it: relative to the page
        depth = pagename.count("/")
        return "#" if doc == pagename else "../" * depth + doc + ".html"

    context = {"theme_extra_footer": base, "pathto": pathto}
    reuse._footer(SimpleNamespace(), pagename, "page.html", context, None)  # type: ignore[arg-type]
    return context["theme_extra_footer"]


def test_the_footer_line_links_reuse_relative_to_the_page() -> None:
    deep = _footer("book/chapters/ch02_deterrence")
    assert "CC BY 4.0" in deep and f"version {__version__}" in deep
    assert 'href="../../book/reuse.html"' in deep
    assert 'href="#"' in _footer("book/reuse")


def test_the_course_footer_text_is_kept_before_it() -> None:
    out = _footer("book/intro", "A teaching course.")
    assert out.startswith("A teaching course.<br>") and "Reuse and cite" in out


def test_the_footer_line_speaks_the_language_of_the_build() -> None:
    with speaking("ja"):
        out = _footer("book/chapters/ch02_deterrence")
    assert f"バージョン {__version__}" in out and ">再利用と引用</a>" in out, out
    assert "Reuse" not in out and "Text and figures" not in out
    assert 'href="../../book/reuse.html"' in out
