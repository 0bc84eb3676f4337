"""One stylesheet per page (proliferation_course.sphinxext.stylesheets)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from proliferation_course.sphinxext import stylesheets
from proliferation_course.sphinxext.stylesheets import bundle_css, trim_bundles

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


def _trimmed_site(tiny_sphinx, trim: bool) -> tuple[str, Path]:  # the bundle's text, the site
    static = tiny_sphinx.src / "_static"
    static.mkdir(parents=True, exist_ok=True)
    # .in-page is written in the page, .from-script only in a script the site ships, .bs-tooltip-top
    # is built by bootstrap from pieces; .nowhere is in no file of the site.
    (static / "extra.css").write_text(
        ".in-page{color:red}.nowhere{color:blue}.nowhere,.in-page b{margin:0}"
        ".from-script{color:green}.bs-tooltip-top{color:gray}:root{--unused-var:1px}"
        "@keyframes unused-spin{to{opacity:0}}", encoding="utf-8")
    (static / "extra.js").write_text('document.body.classList.add("from-script");', encoding="utf-8")
    html = tiny_sphinx.build({"index": "Title\n=====\n\n.. rst-class:: in-page\n\nText.\n"}, EXTS,
                             html_static_path=["_static"], html_css_files=["extra.css"],
                             html_js_files=["extra.js"], course_trim_css=trim)
    assert tiny_sphinx.warnings == ""
    screen = [link for link in _links((html / "index.html").read_text(encoding="utf-8"))
              if "styles/course-" in link]
    (href,) = re.findall(r'href="([^"]+)"', screen[0])
    return (html / href).read_text(encoding="utf-8"), html


def test_trimming_drops_the_rules_no_page_or_script_can_use_and_keeps_the_rest_in_order(tiny_sphinx) -> None:
    whole, _ = _trimmed_site(tiny_sphinx, trim=False)
    trimmed, _ = _trimmed_site(tiny_sphinx, trim=True)
    assert ".nowhere{color:blue}" in whole and ".nowhere" not in trimmed
    for kept in (".in-page{color:red}", ".in-page b{margin:0}", ".from-script{color:green}",
                 ".bs-tooltip-top{color:gray}", "--unused-var:1px", "@keyframes unused-spin"):
        assert kept in trimmed, kept
    assert trimmed.index(".in-page{") < trimmed.index(".from-script{") < trimmed.index(".bs-tooltip-top{")
    assert len(trimmed) < len(whole)


def test_trimming_says_how_to_install_what_it_needs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(stylesheets.shutil, "which", lambda name: None)
    with pytest.raises(ExtensionError, match=r"Node\.js and the pinned purgecss.*npm ci --prefix scripts/node"):
        trim_bundles(tmp_path)


def test_a_site_in_a_subfolder_keeps_no_rule_of_the_outer_site(tmp_path: Path) -> None:
    """The Japanese site (``ja/``, with its own ``_static``) is trimmed on its own: its pages'
    classes do not keep the English bundle's rules. (The site's folder has a space in its name,
    passed to the script whole.)"""
    site = tmp_path / "my course" / "html"
    (site / "_static" / "styles").mkdir(parents=True)
    (site / "ja" / "_static").mkdir(parents=True)
    bundle = site / "_static" / "styles" / "course-abc.css"
    bundle.write_text(".english-only{color:red}.japanese-only{color:blue}", encoding="utf-8")
    (site / "index.html").write_text('<p class="english-only">Text</p>', encoding="utf-8")
    (site / "ja" / "index.html").write_text('<p class="japanese-only">本文</p>', encoding="utf-8")
    (report,) = trim_bundles(site)
    assert "course-abc.css" in report
    assert bundle.read_text(encoding="utf-8") == ".english-only{color:red}"


def test_trimming_a_site_without_a_bundle_says_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>Text</p>", encoding="utf-8")
    with pytest.raises(ExtensionError, match=r"no stylesheet bundle \(_static/styles/course-\*\.css\)"):
        trim_bundles(tmp_path)
