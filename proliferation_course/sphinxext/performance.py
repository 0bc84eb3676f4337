"""Performance: the text paints first, and the heavy files load only where and when needed.

* plotly.js is never a ``<script>`` tag: a page that holds a figure gets one
  inline line naming its URL, and ``course.js`` loads it when a figure comes
  near the screen.
* MathJax (served locally by sphinx-mathjax-offline) stays only on pages that
  hold math themselves (Sphinx also loads it on a page whose toctree includes a
  page with math, which for the root page means every page of the book), and
  there ``course.js`` loads it when a formula nears the screen.
* Every local script is deferred, except those inline scripts need first.
* The theme's fontawesome.js (1.45 MB on every page) is not loaded: a template
  override in ``_templates/static/`` drops it, and the theme's icons come from
  the Font Awesome web fonts its stylesheet already loads. After the build, the
  icon rules and glyphs no page uses are trimmed away
  (:mod:`proliferation_course.theme_assets`).
* Sphinx's search scripts and index load only on the search page
  (``_templates/layout.html``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pydata_sphinx_theme
from sphinx.application import Sphinx
from sphinx.util import logging

from ._util import asset_name, is_external
from .assets import PLOTLY_JS

__all__ = ["ICON_FONTS", "THEME_CSS", "THEME_STATIC", "UNUSED_THEME_FILES", "setup"]

logger = logging.getLogger(__name__)
FIGURE_MARKER = 'class="course-figure"'


def _name_plotly_url(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """On a page with a figure, name plotly.js's URL for course.js (not a <script src>)."""
    if context.get("script_files") is not None and FIGURE_MARKER in context.get("body", ""):
        src = context["pathto"]("_static/" + PLOTLY_JS, 1)
        app.add_js_file(None, body=f"window.COURSE_PLOTLY_SRC = {json.dumps(src)};", priority=400)


def _is_mathjax(js: Any) -> bool:
    return "mathjax" in asset_name(js).lower()


def _mathjax_where_used(app: Sphinx, pagename: str, templatename: str, context: dict,
                        doctree: Any) -> None:
    """No MathJax on a page without math; on a page with math, course.js loads it later.

    On a page with math the script tag becomes one inline line naming MathJax's URL,
    and course.js loads it when the first formula comes near the screen (MathJax then
    typesets the page), so that 1.2 MB of JavaScript does not hold up the first paint.
    """
    scripts = context.get("script_files")
    if scripts is None:
        return
    has_math = app.env.get_domain("math").data["has_equations"].get(pagename, False)
    kept, src = [], None
    for js in scripts:
        body = (getattr(js, "attributes", {}) or {}).get("body") or ""
        if _is_mathjax(js):
            filename = str(js.filename)
            src = filename if filename.startswith(("_static/", "/")) else "_static/" + filename
            continue
        if "window.MathJax" in body and not has_math:
            continue
        kept.append(js)
    scripts[:] = kept
    if has_math and src:
        app.add_js_file(None, body=f"window.COURSE_MATHJAX_SRC = {json.dumps(context['pathto'](src, 1))};")


#: Scripts that must run before the page's inline scripts (which use what they define),
#: or before the search page's synchronous searchtools.js (which calls doctools' _ready).
SYNC_SCRIPTS = ("documentation_options.js", "doctools.js")


def _defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict,
                   doctree: Any) -> None:
    """Load every local script with ``defer``, so that none blocks the first paint.

    Deferred scripts still run in document order, after parsing and before
    DOMContentLoaded, which is when the theme's and extensions' scripts set to work.
    """
    for js in context.get("script_files") or []:
        filename = asset_name(js)
        attrs = getattr(js, "attributes", None)
        if not filename or attrs is None or is_external(filename):
            continue
        if any(filename.endswith(name) for name in SYNC_SCRIPTS) or "async" in attrs:
            continue
        attrs["defer"] = "defer"


THEME_STATIC = Path(pydata_sphinx_theme.__file__).resolve().parent / "theme" / "pydata_sphinx_theme" / "static"
THEME_CSS = "styles/pydata-sphinx-theme.css"
ICON_FONTS = "vendor/fontawesome/webfonts"
#: Theme files no page loads (the template drops fontawesome.js; the map no longer matches).
UNUSED_THEME_FILES = ("scripts/fontawesome.js", "scripts/fontawesome.js.map",
                      "scripts/fontawesome.js.LICENSE.txt", "styles/pydata-sphinx-theme.css.map")
#: Loaded scripts that are libraries for figures and formulas, never icons.
NOT_ICON_SOURCES = ("_vendor/", "mathjax/")


def _trim_icons(app: Sphinx, exc: Exception | None) -> None:
    """Keep only the Font Awesome rules and glyphs the built site uses.

    Always starts from the theme's own files, not from the output folder, so an
    incremental build that adds an icon gets it back. See
    :mod:`proliferation_course.theme_assets`.
    """
    if exc is not None or app.builder.format != "html":
        return
    from .. import theme_assets

    out = Path(app.outdir)
    static = out / "_static"
    if not (static / THEME_CSS).is_file():  # another theme than the course's: no Font Awesome to trim
        return
    for rel in UNUSED_THEME_FILES:
        (static / rel).unlink(missing_ok=True)
    texts = [page.read_text(encoding="utf-8") for page in out.rglob("*.html")]
    for script in static.rglob("*.js"):
        if not script.relative_to(static).as_posix().startswith(NOT_ICON_SOURCES):
            texts.append(script.read_text(encoding="utf-8"))
    used = theme_assets.used_icon_names(texts)
    css, dropped = theme_assets.prune_icon_rules(
        (THEME_STATIC / THEME_CSS).read_text(encoding="utf-8"), used,
        where=str(THEME_STATIC / THEME_CSS))
    (static / THEME_CSS).write_text(css, encoding="utf-8")
    glyphs: set[int] = set()
    for sheet in static.rglob("*.css"):
        glyphs |= theme_assets.glyphs_in_css(sheet.read_text(encoding="utf-8"))
    for font in sorted((THEME_STATIC / ICON_FONTS).iterdir()):
        theme_assets.subset_font(font, static / ICON_FONTS / font.name, glyphs)
    logger.info("[course] icons: %d rules dropped, %d used names kept", dropped, len(used))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _name_plotly_url)
    # After sphinx.ext.mathjax (priority 500) has added its scripts.
    app.connect("html-page-context", _mathjax_where_used, priority=900)
    app.connect("html-page-context", _defer_scripts, priority=950)
    app.connect("build-finished", _trim_icons, priority=960)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
