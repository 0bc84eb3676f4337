"""Sphinx extension: serve the course's assets locally, and only where a page needs them.

* ``course.js`` and ``course.css`` (the package's own small assets) go on every page.
* plotly.js is the partial "cartesian" bundle of the same plotly.js version as
  the pinned plotly wheel (1.5 MB instead of 4.8 MB; it holds every trace type
  the course draws), installed by ``npm ci`` from ``scripts/node`` and copied
  into ``_vendor/`` (outside ``_static/``, which Jupyter Book would put on every
  page). Pages that hold a figure get one inline line naming its URL, and
  ``course.js`` loads it only when a figure comes near the screen, so the text
  paints without waiting for it.
* The theme's fontawesome.js (1.45 MB on every page) is not loaded: a template
  override in ``_templates/`` drops it, and the theme's icons come from the Font
  Awesome web fonts its stylesheet already loads. After the build, the icon
  rules and glyphs no page uses are trimmed away (91 KB of the theme's
  stylesheet, 290 KB of fonts; :mod:`proliferation_course.theme_assets`).
* Thebe is not used: its inline configuration (declared twice by the theme and
  sphinx-thebe, a page error in the browser) and its loader are dropped.
* ipywidgets' saved state and loaders are dropped: a widget without a kernel
  does nothing, so the site shows the static face instead.
* MathJax (served locally by sphinx-mathjax-offline) stays only on pages that
  hold math themselves: Sphinx also loads it on a page whose toctree includes a
  page with math, which for the root page means every page of the book.
* The data tables (``data/*.csv`` and ``datapackage.json``) are copied into
  ``data/`` of the site, for the data appendix's download links.
* Any script or stylesheet from another host is reported as a warning, which
  the strict build (``-W``) turns into an error.
"""

from __future__ import annotations

import filecmp
import importlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pydata_sphinx_theme
from docutils import nodes
from plotly.offline import get_plotlyjs_version
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import kit

__all__ = ["PLOTLY_JS", "setup"]

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "_static"
#: The partial plotly.js bundle (npm's plotly.js-cartesian-dist-min), pinned in scripts/node.
PLOTLY_PACKAGE = (Path(__file__).resolve().parent.parent / "scripts" / "node" / "node_modules"
                  / "plotly.js-cartesian-dist-min")
PLOTLY_SOURCE = PLOTLY_PACKAGE / "plotly-cartesian.min.js"
#: The plotly.js version the plotly wheel writes figures for; the bundle must match it.
PLOTLY_VERSION = get_plotlyjs_version()
#: Where plotly.js lands in the built site, relative to _static/ (not scanned by Jupyter Book).
#: The version is in the name, so that a browser never keeps an old copy.
PLOTLY_JS = f"_vendor/plotly-cartesian-{PLOTLY_VERSION}.min.js"
FIGURE_MARKER = 'class="course-figure"'
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


TEMPLATES = Path(__file__).resolve().parent / "_templates"


def _add_static_path(app: Sphinx, config: Any) -> None:
    config.html_static_path.append(str(STATIC))
    # Our template overrides come first (see _templates/static/webpack-macros.html).
    config.templates_path.insert(0, str(TEMPLATES))
    # A declared icon, so that browsers do not ask the host for /favicon.ico (a 404).
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.svg")


def _launch_buttons_need_a_repository(app: Sphinx, config: Any) -> None:
    """Switch the launch and repository buttons on or off from ``repository.url`` alone.

    Binder and Colab open a notebook from a public repository, so without its URL
    their buttons would lead nowhere: they are removed. With the URL set, the
    launch buttons configured in ``_config.yml`` and the repository button appear.
    """
    opts = config.html_theme_options
    url = str(opts.get("repository_url") or "").strip()
    if not url:
        opts["launch_buttons"] = {}
        opts["use_repository_button"] = False
        opts["use_issues_button"] = False
        opts["use_edit_page_button"] = False
        return
    if not url.startswith("https://"):
        raise ExtensionError(f"_config.yml: repository.url must be an https:// URL, got {url!r}")
    opts["use_repository_button"] = True


def _copy_assets_early(app: Sphinx) -> None:
    """Copy plotly.js, myst-nb's stylesheet and MathJax before any page is written."""
    if app.builder.format != "html":
        return
    # myst-nb copies its stylesheet only when the build finishes, so the pages of a
    # first build link it without the ?v= checksum that later builds add: copy it
    # now, so that every build writes the same URL (and browsers cache one file).
    from myst_nb.sphinx_ext import add_global_html_resources

    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)
    # The same holds for MathJax, which sphinx-mathjax-offline copies at the end.
    if "sphinx-mathjax-offline" in app.extensions:
        importlib.import_module("sphinx-mathjax-offline").copy_mathjax_files(app, None)
    _check_plotly_bundle()
    dest = Path(app.outdir) / "_static" / PLOTLY_JS
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not dest.exists() or not filecmp.cmp(PLOTLY_SOURCE, dest, shallow=False):
        shutil.copyfile(PLOTLY_SOURCE, dest)
    for old in dest.parent.iterdir():  # a bundle of an earlier version, left by an older build
        if old.name.startswith("plotly") and old != dest:
            old.unlink()


def _check_plotly_bundle() -> None:
    """Fail the build, saying how to fix it, when the bundle is missing or of another version."""
    manifest = PLOTLY_PACKAGE / "package.json"
    if not PLOTLY_SOURCE.is_file() or not manifest.is_file():
        raise ExtensionError(
            f"the partial plotly.js bundle is missing ({PLOTLY_SOURCE}); install the pinned "
            "front-end files with `npm ci --prefix scripts/node` (scripts/_env.sh does this)")
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if version != PLOTLY_VERSION:
        raise ExtensionError(
            f"{manifest}: plotly.js-cartesian-dist-min is {version}, but the plotly wheel writes "
            f"figures for plotly.js {PLOTLY_VERSION}; pin {PLOTLY_VERSION} in scripts/node/package.json, "
            "run `npm install --package-lock-only --prefix scripts/node`, then `npm ci --prefix scripts/node`")


DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _copy_data(app: Sphinx) -> None:
    """Copy the CSV tables and their descriptor into the site, for download."""
    if app.builder.format != "html":
        return
    dest = Path(app.outdir) / "data"
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted(DATA_DIR.iterdir()):
        if f.suffix in (".csv", ".json") and f.is_file():
            target = dest / f.name
            if not target.exists() or not filecmp.cmp(f, target, shallow=False):
                shutil.copyfile(f, target)


def _is_external(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree: Any) -> None:
    scripts = context.get("script_files")
    if scripts is None:
        return
    kept = []
    for js in scripts:
        filename = str(getattr(js, "filename", js) or "")
        attrs = getattr(js, "attributes", {}) or {}
        body = attrs.get("body", "") or ""
        if "thebe" in filename or "THEBE_JS_URL" in body:
            continue
        if attrs.get("type") == WIDGET_STATE or "jupyter-widgets" in filename \
                or "require.js" in filename or "require.min.js" in filename:
            continue
        kept.append(js)
    scripts[:] = kept
    # docutils marks bibliography entries role="doc-biblioentry" inside a role="list";
    # that role is deprecated (DPUB-ARIA 1.1) and no longer counts as a list item, so
    # assistive technology (and axe-core) see a list without items.
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
    if FIGURE_MARKER in context.get("body", ""):
        # Not a <script src>: course.js loads plotly.js when a figure nears the screen.
        src = context["pathto"]("_static/" + PLOTLY_JS, 1)
        app.add_js_file(None, body=f"window.COURSE_PLOTLY_SRC = {json.dumps(src)};", priority=400)
    for js in context.get("script_files", []):
        filename = str(getattr(js, "filename", js) or "")
        if _is_external(filename):
            logger.warning("%s: script from another host: %s (the site must work offline)",
                           pagename, filename, type="course", subtype="offline")
    # Thebe is not used (see above), so neither is its stylesheet.
    if context.get("css_files") is not None:
        context["css_files"][:] = [c for c in context["css_files"]
                                   if "sphinx-thebe" not in str(getattr(c, "filename", c) or "")]
    for css in context.get("css_files", []):
        filename = str(getattr(css, "filename", css) or "")
        if _is_external(filename):
            logger.warning("%s: stylesheet from another host: %s (the site must work offline)",
                           pagename, filename, type="course", subtype="offline")


def _is_mathjax(js: Any) -> bool:
    return "mathjax" in str(getattr(js, "filename", js) or "").lower()


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
        filename = str(getattr(js, "filename", js) or "")
        attrs = getattr(js, "attributes", None)
        if not filename or attrs is None or _is_external(filename):
            continue
        if any(filename.endswith(name) for name in SYNC_SCRIPTS) or "async" in attrs:
            continue
        attrs["defer"] = "defer"


def _notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree: Any) -> None:
    """Offer the page as a notebook a learner can run (:func:`proliferation_course.kit.notebook_download`)."""
    kit.notebook_download(app, pagename, context)


REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="Refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""


def _write_index(app: Sphinx, exc: Exception | None) -> None:
    """Write index.html as a redirect to the root page, on every build.

    Jupyter Book writes it only when it is missing, so a stale redirect would
    survive a change of root; this one also names the language and a title.
    """
    if exc is not None or app.builder.format != "html":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    if target == "index.html":
        return
    title = app.config.html_title or app.config.project
    page = REDIRECT.format(lang=app.config.language or "en", title=title,
                           target=target)
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


class ja(nodes.inline):  # noqa: N801 - a docutils node, named like its role
    """Japanese text: rendered as <span lang="ja"> so that screen readers switch voice."""


def _visit_ja(self: Any, node: ja) -> None:
    self.body.append(self.starttag(node, "span", "", lang="ja", CLASS="ja"))


def _depart_ja(self: Any, node: ja) -> None:
    self.body.append("</span>")


def _ja_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
             options: dict | None = None, content: list | None = None) -> tuple[list, list]:
    """``{ja}`拡大抑止``` marks Japanese text with its language."""
    return [ja(rawtext, text)], []


def _term_usage_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record which pages refer to which glossary terms (for the glossary's "Used in")."""
    usage = app.env.__dict__.setdefault("course_term_usage", {})
    for ref in doctree.findall(lambda n: n.tagname == "pending_xref"):
        if ref.get("reftype") == "term":
            usage.setdefault(ref["reftarget"].lower(), set()).add(app.env.docname)


def _term_usage_purge(app: Sphinx, env: Any, docname: str) -> None:
    for pages in getattr(env, "course_term_usage", {}).values():
        pages.discard(docname)


GLOSSARY_DOC = "book/glossary"


def _glossary_used_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under each glossary entry, list (and link) the pages that refer to the term."""
    if docname != GLOSSARY_DOC or app.builder.format != "html":
        return
    usage = getattr(app.env, "course_term_usage", {})
    for item in doctree.findall(nodes.definition_list_item):
        terms = [t.astext().strip() for t in item.findall(nodes.term)]
        pages = sorted({d for t in terms for d in usage.get(t.lower(), set()) if d != GLOSSARY_DOC})
        para = nodes.paragraph(classes=["glossary-used-in"])
        para += nodes.strong(text="Used in: ")
        if not pages:
            para += nodes.Text("(not yet referred to from a page)")
        for i, page in enumerate(pages):
            if i:
                para += nodes.Text("; ")
            title = app.env.titles[page].astext() if page in app.env.titles else page
            para += nodes.reference("", title, internal=True,
                                    refuri=app.builder.get_relative_uri(docname, page))
        definitions = list(item.findall(nodes.definition))
        if definitions:
            definitions[0] += para


def _glossary_always_outdated(app: Sphinx, env: Any, added: set, changed: set,
                              removed: set) -> list[str]:
    """The glossary lists where each term is used, so it is rewritten on every build."""
    return [GLOSSARY_DOC] if GLOSSARY_DOC in env.found_docs else []


def _prune_search_index(app: Sphinx, exc: Exception | None) -> None:
    """Drop search terms that no page holds any more.

    After an incremental build Sphinx keeps a word removed from every page as
    ``"word": []``; a clean build has no such entry. Pruning them makes every
    build of the same sources write the same searchindex.js.
    """
    if exc is not None or app.builder.format != "html":
        return
    from sphinx.search import js_index

    path = Path(app.outdir) / "searchindex.js"
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    data = js_index.loads(text)
    for section in ("terms", "titleterms"):
        if isinstance(data.get(section), dict):
            data[section] = {k: v for k, v in data[section].items() if v not in ([], {})}
    pruned = js_index.dumps(data)
    if pruned != text:
        path.write_text(pruned, encoding="utf-8")


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
    from . import theme_assets

    out = Path(app.outdir)
    static = out / "_static"
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


#: What a page's content comes from; the newest of them dates "Last updated".
DATED_SOURCES = ("book", "data", "proliferation_course", "_config.yml", "_toc.yml")


def _last_updated_from_sources(app: Sphinx, config: Any) -> None:
    """Date "Last updated" by the newest source file, not by the clock.

    Sphinx uses ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds); here
    it is set, unless the environment already sets it, to the modification time
    of the newest file the pages are built from. Two builds of the same files
    then print the same date, even when they run on either side of midnight.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    root = Path(app.srcdir)
    newest = 0.0
    for name in DATED_SOURCES:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for f in files:
            if "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    if newest:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(newest))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", _last_updated_from_sources)
    app.connect("config-inited", _launch_buttons_need_a_repository)
    app.connect("builder-inited", _copy_assets_early)
    app.connect("builder-inited", _copy_data)
    app.connect("html-page-context", _page_assets)
    # Before the theme builds its download menu (sphinx-book-theme, priority 500).
    app.connect("html-page-context", _notebook_download, priority=400)
    # After sphinx.ext.mathjax (priority 500) has added its scripts.
    app.connect("html-page-context", _mathjax_where_used, priority=900)
    app.connect("html-page-context", _defer_scripts, priority=950)
    app.connect("build-finished", _write_index, priority=900)
    app.connect("build-finished", _prune_search_index, priority=950)
    app.connect("build-finished", _trim_icons, priority=960)
    app.add_node(ja, html=(_visit_ja, _depart_ja), latex=(lambda s, n: None, lambda s, n: None),
                 text=(lambda s, n: None, lambda s, n: None))
    app.add_role("ja", _ja_role)
    app.connect("doctree-read", _term_usage_read)
    app.connect("env-purge-doc", _term_usage_purge)
    app.connect("doctree-resolved", _glossary_used_in)
    app.connect("env-get-outdated", _glossary_always_outdated)
    app.add_css_file("course.css")
    app.add_js_file("course.js", defer="defer")
    kit.setup(app)  # the version in the footer; the wheel, the exercise kit and its menu entry
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


class PlotlyJsonMime:
    """myst-nb mime plugin: the plotly JSON is for Jupyter; the site uses the HTML beside it.

    Registered under the ``myst_nb.mime_renderers`` entry point (``pyproject.toml``).
    It renders ``application/vnd.plotly.v1+json`` as nothing, so myst-nb picks
    the ``text/html`` representation written by :mod:`proliferation_course.render`
    instead of warning about an unknown mime type.
    """

    mime_priority_overrides: tuple = ()

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        if data.mime_type == "application/vnd.plotly.v1+json":
            return []
        return None
