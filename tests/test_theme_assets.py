"""The Font Awesome trim: the unit functions, and the built site keeps every icon it shows."""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont

from proliferation_course import theme_assets as ta
from proliferation_course.sphinxext.performance import ICON_FONTS, THEME_CSS, THEME_STATIC, UNUSED_THEME_FILES
from site_helpers import require_site

CSS = ('.fa-lg{font-size:1.25em}.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
       '.fa-sun:before{content:"\\f185"}.fa-exclamation:before{content:"\\!"}'
       '.fa-0:before{content:"\\30 "}.note:before{content:var(--x)}:root{--x:"\\f05a"}'
       '\n/*# sourceMappingURL=x.css.map*/')


def test_used_icon_names_finds_tokens_in_html_and_script() -> None:
    names = ta.used_icon_names(['<i class="fa-solid fa-bars"></i>', 'el.classList.add("fa-xmark")',
                                "a prefix-fa-notme word"])
    assert names == {"fa-solid", "fa-bars", "fa-xmark"}


def test_prune_keeps_a_rule_when_any_of_its_names_is_used() -> None:
    pruned, dropped = ta.prune_icon_rules(CSS, {"fa-navicon", "fa-lg"})
    assert ".fa-bars:before,.fa-navicon:before{content:\"\\f0c9\"}" in pruned
    assert "fa-sun" not in pruned and "fa-exclamation" not in pruned and ".fa-0:" not in pruned
    assert dropped == 3
    # Rules that are not icon glyphs stay, whatever is used.
    assert ".fa-lg{font-size:1.25em}" in pruned and "--x:\"\\f05a\"" in pruned
    # The map no longer matches the file, so the comment pointing to it goes.
    assert "sourceMappingURL" not in pruned


def test_prune_refuses_a_stylesheet_without_icon_rules() -> None:
    with pytest.raises(ta.IconRuleError, match="theme.css: no Font Awesome icon rule"):
        ta.prune_icon_rules(".fa-lg{font-size:1.25em}", {"fa-lg"}, where="theme.css")


def test_glyphs_in_css_reads_escapes_and_literal_characters() -> None:
    points = ta.glyphs_in_css(CSS)
    assert {0xF0C9, 0xF185, ord("!"), ord("0"), 0xF05A} <= points
    # "\30 " is the digit 0 followed by the escape's terminating space, not a space.
    assert ord(" ") not in ta.glyphs_in_css('.a{content:"\\30 "}')


def test_subset_font_keeps_exactly_the_asked_glyphs(tmp_path) -> None:
    source = THEME_STATIC / ICON_FONTS / "fa-solid-900.woff2"
    target = tmp_path / "solid.woff2"
    kept, size = ta.subset_font(source, target, {0xF0C9, 0xF185, 0x10FFFF})
    assert kept == 2  # U+10FFFF is not in the font
    assert _cmap(target) == {0xF0C9, 0xF185}
    with TTFont(target) as font:
        assert font.flavor == "woff2"
    assert size < source.stat().st_size


# --- the built site -------------------------------------------------------------

_ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\([0-9a-f]+)"\}')
_CLASS_ATTR = re.compile(r'class="([^"]*)"')


def _cmap(path) -> set[int]:
    with TTFont(path) as font:
        return set(font.getBestCmap())


def _rules(css: str) -> dict[str, int]:
    """Icon name -> code point, for every ``.fa-name:before{content:"\\fXXX"}`` rule."""
    rules: dict[str, int] = {}
    for selectors, point in _ICON_RULE.findall(css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):before", selectors):
            rules[name] = int(point, 16)
    return rules


@pytest.mark.build
def test_every_icon_a_page_shows_keeps_its_rule_and_its_glyph() -> None:
    site = require_site()
    static = site / "_static"
    original = _rules((THEME_STATIC / THEME_CSS).read_text(encoding="utf-8"))
    trimmed_css = (static / THEME_CSS).read_text(encoding="utf-8")
    trimmed = _rules(trimmed_css)
    assert len(trimmed) < len(original) / 10, "the icon rules were not trimmed"
    solid = _cmap(static / ICON_FONTS / "fa-solid-900.woff2")
    shown: set[str] = set()
    for page in site.rglob("*.html"):
        for attr in _CLASS_ATTR.findall(page.read_text(encoding="utf-8")):
            shown.update(c for c in attr.split() if c in original)
    assert {"fa-magnifying-glass", "fa-bars", "fa-download"} <= shown, shown
    missing_rule = sorted(shown - set(trimmed))
    assert not missing_rule, f"icons shown on a page whose rule was trimmed: {missing_rule}"
    missing_glyph = sorted(n for n in shown if trimmed[n] not in solid)
    assert not missing_glyph, f"icons shown on a page whose glyph is not in fa-solid-900.woff2: {missing_glyph}"
    # The theme's own icons (admonitions, links) name code points in its stylesheet.
    theme_points = {p for p in ta.glyphs_in_css(trimmed_css) if 0xE000 <= p <= 0xF8FF}
    original_solid = _cmap(THEME_STATIC / ICON_FONTS / "fa-solid-900.woff2")
    lost = sorted(hex(p) for p in theme_points & original_solid - solid)
    assert not lost, f"glyphs the stylesheet asks for that the trimmed font lacks: {lost}"


@pytest.mark.build
def test_every_font_face_file_exists_and_is_trimmed() -> None:
    static = require_site() / "_static"
    for url in re.findall(r"url\(\.\./(vendor/fontawesome/webfonts/[^)]+)\)",
                          (static / THEME_CSS).read_text(encoding="utf-8")):
        built, original = static / "styles" / ".." / url, THEME_STATIC / url
        assert built.is_file(), f"{THEME_CSS} names {url}, which the site lacks"
        assert built.stat().st_size < original.stat().st_size, f"{url} was not trimmed"


@pytest.mark.build
def test_unused_theme_files_are_not_shipped() -> None:
    static = require_site() / "_static"
    for rel in UNUSED_THEME_FILES:
        assert not (static / rel).exists(), f"_static/{rel} is shipped but no page loads it"
