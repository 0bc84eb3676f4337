"""Assets: the site's files are local, and a page loads only what the course uses.

* ``course.js`` and ``course.css`` (the package's own small assets, ``_static/``)
  go on every page; the template overrides in ``_templates/`` come first.
* plotly.js is the course's own bundle of the same plotly.js version as the
  pinned plotly wheel: plotly.js's core with the bar and heatmap traces, the
  three trace types the course draws (1.2 MB instead of 4.8 MB for the whole
  library, and about a third less start-up time in the browser than npm's 1.5 MB
  "cartesian" bundle, which the course shipped before). ``scripts/_env.sh`` installs the pinned
  plotly.js source and esbuild (``npm ci`` in ``scripts/node``) and bundles
  ``scripts/node/plotly-course.js`` with ``scripts/node/build-plotly.js``; the
  build copies the result into ``_vendor/`` (outside ``_static/``, which Jupyter
  Book would put on every page). :mod:`.performance` names its URL on the pages
  that need it.
* Thebe is not used: its inline configuration (declared twice by the theme and
  sphinx-thebe, a page error in the browser), its loader and its stylesheet are
  dropped.
* ipywidgets' saved state and loaders are dropped: a widget without a kernel
  does nothing, so the site shows the static face instead.
* Any script or stylesheet from another host is reported as a warning, which
  the strict build (``-W``) turns into an error: the site must work offline.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from pathlib import Path
from typing import Any

from plotly.offline import get_plotlyjs_version
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ._util import asset_name, is_external

__all__ = ["PLOTLY_JS", "PLOTLY_SOURCE", "PLOTLY_VERSION", "STATIC", "TEMPLATES", "check_plotly_bundle", "setup"]

logger = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent.parent
STATIC = PACKAGE / "_static"
TEMPLATES = PACKAGE / "_templates"
#: The front-end files: plotly.js's source (pinned in scripts/node) and the course's bundle of it.
NODE = PACKAGE.parent / "scripts" / "node"
PLOTLY_PACKAGE = NODE / "node_modules" / "plotly.js"
PLOTLY_SOURCE = NODE / "dist" / "plotly-course.min.js"
#: How to make the bundle (what scripts/_env.sh runs).
MAKE_BUNDLE = "npm ci --prefix scripts/node && node scripts/node/build-plotly.js"
#: The plotly.js version the plotly wheel writes figures for; the bundle must match it.
PLOTLY_VERSION = get_plotlyjs_version()
#: Where plotly.js lands in the built site, relative to _static/ (not scanned by Jupyter Book).
#: The version is in the name, so that a browser never keeps an old copy.
PLOTLY_JS = f"_vendor/plotly-course-{PLOTLY_VERSION}.min.js"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _from_confdir(app: Sphinx, path: Path) -> str:
    """``path`` relative to the configuration folder, which Sphinx resolves such paths from.

    Sphinx hashes these settings into the site's ``.buildinfo``: relative, they
    are the same wherever the course is checked out.
    """
    try:
        return os.path.relpath(path, app.confdir)
    except ValueError:  # another drive (Windows): no relative path
        return str(path)


def _add_static_path(app: Sphinx, config: Any) -> None:
    config.html_static_path.append(_from_confdir(app, STATIC))
    # Our template overrides come first (see _templates/static/webpack-macros.html).
    config.templates_path.insert(0, _from_confdir(app, TEMPLATES))
    # A declared icon, so that browsers do not ask the host for /favicon.ico (a 404).
    if not config.html_favicon:
        config.html_favicon = _from_confdir(app, STATIC / "favicon.svg")


def check_plotly_bundle() -> None:
    """Fail the build, saying how to fix it, when the bundle is missing or of another version."""
    manifest = PLOTLY_PACKAGE / "package.json"
    if not PLOTLY_SOURCE.is_file() or not manifest.is_file():
        raise ExtensionError(
            f"the course's plotly.js bundle is missing ({PLOTLY_SOURCE}); install the pinned "
            f"front-end files and bundle plotly.js with `{MAKE_BUNDLE}` (scripts/_env.sh does this)")
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if version != PLOTLY_VERSION:
        raise ExtensionError(
            f"{manifest}: plotly.js is {version}, but the plotly wheel writes "
            f"figures for plotly.js {PLOTLY_VERSION}; pin {PLOTLY_VERSION} in scripts/node/package.json, "
            f"run `npm install --package-lock-only --prefix scripts/node`, then `{MAKE_BUNDLE}`")


def _copy_plotly(app: Sphinx) -> None:
    """Copy the plotly.js bundle into the site before any page is written."""
    if app.builder.format != "html":
        return
    check_plotly_bundle()
    dest = Path(app.outdir) / "_static" / PLOTLY_JS
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not dest.exists() or not filecmp.cmp(PLOTLY_SOURCE, dest, shallow=False):
        shutil.copyfile(PLOTLY_SOURCE, dest)
    for old in dest.parent.iterdir():  # a bundle of an earlier version, left by an older build
        if old.name.startswith("plotly") and old != dest:
            old.unlink()


def _drop_unused(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Drop thebe (its configuration, loader and stylesheet) and ipywidgets' state and loaders."""
    scripts = context.get("script_files")
    if scripts is not None:
        kept = []
        for js in scripts:
            filename = asset_name(js)
            attrs = getattr(js, "attributes", {}) or {}
            body = attrs.get("body", "") or ""
            if "thebe" in filename or "THEBE_JS_URL" in body:
                continue
            if attrs.get("type") == WIDGET_STATE or "jupyter-widgets" in filename \
                    or "require.js" in filename or "require.min.js" in filename:
                continue
            kept.append(js)
        scripts[:] = kept
    if context.get("css_files") is not None:
        context["css_files"][:] = [c for c in context["css_files"] if "sphinx-thebe" not in asset_name(c)]


def _warn_about_other_hosts(app: Sphinx, pagename: str, templatename: str, context: dict,
                            doctree: Any) -> None:
    """Report every script or stylesheet from another host (an error in the strict build)."""
    for kind, key in (("script", "script_files"), ("stylesheet", "css_files")):
        for asset in context.get(key) or []:
            filename = asset_name(asset)
            if is_external(filename):
                logger.warning("%s: %s from another host: %s (the site must work offline)",
                               pagename, kind, filename, type="course", subtype="offline")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _copy_plotly)
    app.connect("html-page-context", _drop_unused)
    # Last, so that it sees what every other handler added.
    app.connect("html-page-context", _warn_about_other_hosts, priority=990)
    app.add_css_file("course.css")
    # The page on paper: no navigation, figures whole (the packets use it too).
    app.add_css_file("course-print.css", media="print")
    app.add_js_file("course.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
