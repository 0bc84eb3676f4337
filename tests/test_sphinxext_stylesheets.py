"""One stylesheet per page (proliferation_course.sphinxext.stylesheets)."""

from __future__ import annotations

import re
from pathlib import Path

from proliferation_course.sphinxext.stylesheets import bundle_css

EXTS = ["proliferation_course.sphinxext.assets", "proliferation_course.sphinxext.stylesheets"]


def _links(page: str) -> list[str]:
    return re.findall(r'<link [^>]*rel="stylesheet"[^>]*>', page)


def test_a_page_links_one_bundle_for_the_screen_and_keeps_print_apart(tiny_sphinx) -> None:
    (tiny_sphinx.src / "_static").mkdir(parents=True)
    (tiny_sphinx.src / "_static" / "extra.css").write_text(".extra{color:red}", encoding="utf-8")
    (tiny_sphinx.src / "_static" / "paper.css").write_text(".paper{color:black}", encoding="utf-8")
    html = tiny_sphinx.build({"index": "Title\n=====\n\nText.\n\n.. toctree::\n\n   other\n",
                              "other": "Other\n=====\n\nMore.\n"}, EXTS,
                             html_static_path=["_static"],
                             html_css_files=["extra.css", ("paper.css", {"media": "print"})])
    assert tiny_sphinx.warnings == ""
    page = (html / "index.html").read_text(encoding="utf-8")
    links = _links(page)
    screen = [link for link in links if 'media="print"' not in link]
    assert len(screen) == 1 and "_static/styles/course-" in screen[0], links
    assert any("paper.css" in link and 'media="print"' in link for link in links)
    (href,) = re.findall(r'href="([^"]+)"', screen[0])
    assert "?" not in href, "a bundle link carries no checksum (the file does not exist while pages are written)"
    bundle = (html / href).read_text(encoding="utf-8")
    # In the order the links had: Sphinx's basic.css, ..., the course's, then the page's own.
    # (alabaster.css imports basic.css: its rules come in where the import was)
    order = [bundle.index(marker) for marker in ("/* alabaster.css */", "div.section::after",
                                                 "/* course.css */", ".extra{color:red}")]
    assert "@import" not in bundle and bundle.count("@charset") == 1 and bundle.startswith("@charset")
    assert order == sorted(order)
    assert ".paper" not in bundle
    assert _links((html / "other.html").read_text(encoding="utf-8")) == links, "one bundle for pages alike"
    assert not (html / ".course-stylesheets").exists()


def test_a_rebuild_leaves_no_old_bundle_and_no_checksum(tiny_sphinx) -> None:
    html = tiny_sphinx.build({"index": "Title\n=====\n\nText.\n"}, EXTS)
    stale = html / "_static" / "styles" / "course-000000000000.css"
    stale.write_text("old", encoding="utf-8")
    html = tiny_sphinx.build({"index": "Title\n=====\n\nText, changed.\n"}, EXTS, fresh=False)
    assert not stale.exists()
    bundles = [link for link in _links((html / "index.html").read_text(encoding="utf-8")) if "course-" in link
               and "styles/" in link]
    assert len(bundles) == 1 and "?v=" not in bundles[0], bundles


def test_relative_urls_point_from_the_bundle_to_the_same_files(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    (static / "vendor" / "fonts").mkdir(parents=True)
    (static / "styles").mkdir()
    (static / "top.css").write_text('a{background:url("img/x.png")} b{src:url(data:font/woff2;base64,AA)}',
                                    encoding="utf-8")
    (static / "styles" / "theme.css").write_text('@charset "UTF-8";\n@import "../base.css";\n'
                                                 "c{src:url(../vendor/fonts/f.woff2?v=1#x)}", encoding="utf-8")
    (static / "base.css").write_text("d{background:url(img/y.png)}", encoding="utf-8")
    css = bundle_css(static, ["_static/top.css", "styles/theme.css"])
    assert "url(../img/y.png)" in css and css.index("d{") < css.index("c{") and "@import" not in css
    assert 'url("../img/x.png")' in css
    assert "url(data:font/woff2;base64,AA)" in css
    assert "url(../vendor/fonts/f.woff2?v=1#x)" in css


def test_with_the_course_theme_the_theme_stylesheets_come_first_in_the_one_bundle(tiny_sphinx) -> None:
    """The book theme links basic.css and its own stylesheet from its template: with the course's
    copy of that template they are the bundle's first two, not links of their own."""
    html = tiny_sphinx.build({"index": "Title\n=====\n\nText.\n"}, EXTS, html_theme="sphinx_book_theme")
    page = (html / "index.html").read_text(encoding="utf-8")
    screen = [link for link in _links(page) if 'media="print"' not in link]
    assert len(screen) == 1 and "styles/course-" in screen[0], screen
    (href,) = re.findall(r'href="([^"]+)"', screen[0])
    bundle = (html / href).read_text(encoding="utf-8")
    order = [bundle.index(m) for m in ("/* basic.css */", "/* styles/pydata-sphinx-theme.css */",
                                       "/* styles/sphinx-book-theme.css */", "/* course.css */")]
    assert order == sorted(order)
    assert "fa-" in bundle and "url(../vendor/fontawesome/webfonts/" in bundle.replace('"', "")
