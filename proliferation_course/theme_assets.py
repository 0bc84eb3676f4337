"""Trim what the theme ships and the course does not use: Font Awesome icons.

pydata-sphinx-theme bundles all of Font Awesome 6 Free: about 2,000 icon rules
(91 KB of its 397 KB stylesheet) and three web fonts (300 KB of WOFF2), of which
a page of this course shows about fifteen icons. On a phone on a slow link the
156 KB solid font was the largest request of every page.

This module keeps what is used and drops the rest, after the build:

* :func:`used_icon_names` collects every ``fa-…`` token that appears in the
  built HTML and in the JavaScript the pages load (the theme's script adds an
  ``fa-xmark`` at run time, for example);
* :func:`prune_icon_rules` removes the stylesheet rules of the form
  ``.fa-name:before{content:"\\f…"}`` none of whose names is used. Every other
  rule (sizes, ``fa-solid``, the theme's own admonition icons, …) stays;
* :func:`glyphs_in_css` lists every character the remaining stylesheets can
  still ask an icon font for, and :func:`subset_font` cuts each font down to
  those characters.

The selection is token-based and errs on the side of keeping: a name that
appears anywhere in a page or a loaded script, even in prose, keeps its rule.
``tests/test_theme_assets.py`` checks on the built site that every icon a page
shows still has its rule and its glyph.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ICON_TOKEN", "used_icon_names", "prune_icon_rules", "glyphs_in_css",
           "subset_font", "IconRuleError"]

#: An icon class name as it appears in HTML, JavaScript or CSS.
ICON_TOKEN = re.compile(r"(?<![\w-])fa-[a-z0-9]+(?:-[a-z0-9]+)*")

# A Font Awesome icon rule: one or more ``.fa-name:before`` selectors whose only
# declaration is the glyph.
_ICON_RULE = re.compile(
    r'(?P<selectors>\.fa-[a-z0-9-]+:(?:before|after)(?:,\.fa-[a-z0-9-]+:(?:before|after))*)'
    r'\{content:"(?P<content>(?:[^"\\]|\\.)*)"\}')
_SELECTOR_NAME = re.compile(r"\.(fa-[a-z0-9-]+):(?:before|after)")
_CSS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
_SOURCE_MAP = re.compile(r"\n?/\*# sourceMappingURL=[^*]*\*/\s*$")


class IconRuleError(ValueError):
    """The stylesheet does not look like the Font Awesome build this module expects."""


def used_icon_names(texts: Iterable[str]) -> set[str]:
    """Every ``fa-…`` token in the given texts (HTML pages, loaded scripts)."""
    names: set[str] = set()
    for text in texts:
        names.update(ICON_TOKEN.findall(text))
    return names


def prune_icon_rules(css: str, used: set[str], *, where: str = "stylesheet") -> tuple[str, int]:
    """Drop the icon rules of ``css`` none of whose class names is in ``used``.

    Returns the pruned stylesheet and the number of rules dropped. The source-map
    comment is removed as well, since the map no longer matches. Raises
    :class:`IconRuleError` naming ``where`` if the stylesheet holds no icon rule
    at all, which means the theme changed how it ships Font Awesome and this
    step must be looked at again rather than silently do nothing.
    """
    dropped = 0
    found = 0

    def keep_or_drop(match: re.Match[str]) -> str:
        nonlocal dropped, found
        found += 1
        names = _SELECTOR_NAME.findall(match.group("selectors"))
        if any(name in used for name in names):
            return match.group(0)
        dropped += 1
        return ""

    pruned = _ICON_RULE.sub(keep_or_drop, css)
    if found == 0:
        raise IconRuleError(f"{where}: no Font Awesome icon rule (.fa-name:before{{content:...}}) "
                            "found; the theme's stylesheet has changed")
    pruned = _SOURCE_MAP.sub("\n", pruned)
    return pruned, dropped


def _unescape(literal: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return chr(int(match.group(1), 16))
        return match.group(2)
    return _CSS_ESCAPE.sub(one, literal)


def glyphs_in_css(css: str) -> set[int]:
    """Every code point written in a CSS string of ``css`` (``content:"\\f002"``, ``--x:"!"``).

    An icon font can only be asked for a character that some string in a
    stylesheet supplies, so this is the set a font subset must keep. It
    over-approximates: strings that are not icons (``"#"``, font names) add a
    few characters, which costs a few bytes and nothing else.
    """
    points: set[int] = set()
    for match in _CSS_STRING.finditer(css):
        literal = match.group(1) if match.group(1) is not None else match.group(2)
        points.update(ord(ch) for ch in _unescape(literal))
    return points


def subset_font(source: Path, target: Path, codepoints: set[int]) -> tuple[int, int]:
    """Write ``source`` cut down to ``codepoints`` to ``target``, in the same format.

    Returns the number of glyphs kept (by code point) and the size written.
    WOFF2 output needs the ``brotli`` package, which ``requirements.txt`` pins.
    """
    from fontTools import subset  # imported here: only the build needs it

    font = subset.load_font(str(source), subset.Options())
    flavor = font.flavor
    cmap = font.getBestCmap() or {}
    keep = sorted(codepoints & set(cmap))
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    data = io.BytesIO()
    subset.save_font(font, data, options)
    font.close()
    target.write_bytes(data.getvalue())
    return len(keep), target.stat().st_size
