"""One stylesheet per page instead of a dozen: the first paint waits for one request, not twelve.

Sphinx, the two themes and the extensions each add their stylesheets (``basic.css``, the
theme's, ``pygments.css``, ``mystnb.css``, ``sphinx-design``'s, the course's, …): on a phone
on a slow link each one that blocks the first paint costs a round trip (Lighthouse counted
about 300 ms on a chapter page). This concern puts a page's local stylesheets for the screen,
in their order, into one file, ``_static/styles/course-<key>.css``, and links that file instead.
Stylesheets for another medium (``course-print.css``, ``media="print"``) and from another host
keep their own ``<link>``.

* While a page is written (``html-page-context``, after every other extension has added its
  stylesheets) its list is replaced by the bundle, whose key is a hash of the list; the list is
  written to ``<outdir>/.course-stylesheets/<key>.json`` (a file, so that it works when
  pages are written in parallel processes). The bundle has no ``?v=`` checksum (it does not
  exist while the pages are written; the bundles of an earlier build are removed first), so
  a browser may keep an old bundle for the static host's cache lifetime (10 minutes on GitHub
  Pages).
* When the build has finished (after the icons are trimmed, :mod:`.performance`), each bundle
  is made from the copied files in the output folder, in order, with every relative ``url()``
  rewritten to point from ``_static/styles/`` to the same file. The concatenation keeps the
  cascade exactly: the rules come in the order the ``<link>`` tags had.
* Then, when ``course_trim_css`` is on (the course's ``_config.yml`` turns it on), each bundle
  loses the rules that no page can use (``scripts/node/purge-css.mjs``, with the pinned purgecss:
  a rule stays when a word of its selectors is in any page or script of the site). The theme's
  stylesheet is mostly Bootstrap the course never uses: the bundle goes from about 470 KB to
  170 KB (72 KB to 32 KB compressed), which a phone on a slow link waits for before the first
  paint, and which the browser matches against every element of a page.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ._util import asset_name, is_external
from .assets import NODE

__all__ = ["BUNDLE_DIR", "PURGE_SCRIPT", "THEMES_WITH_OWN_LINKS", "THEME_OWN_CSS", "bundle_css",
           "setup", "trim_bundles"]

logger = logging.getLogger(__name__)

#: Themes whose template links stylesheets of its own (not through ``css_files``), and those
#: stylesheets, in their order (pydata-sphinx-theme's ``head_pre_assets``, as the course's copy of
#: it in ``_templates/static/webpack-macros.html`` writes them).
THEMES_WITH_OWN_LINKS = ("sphinx_book_theme", "pydata_sphinx_theme")
THEME_OWN_CSS = ("_static/basic.css", "_static/styles/pydata-sphinx-theme.css")
#: Where the bundles go, inside ``_static``.
BUNDLE_DIR = "styles"
_REGISTRY = ".course-stylesheets"
#: The script that trims the bundles, and how to install what it needs (what scripts/_env.sh runs).
PURGE_SCRIPT = NODE / "purge-css.mjs"
INSTALL_PURGECSS = "npm ci --prefix scripts/node"
_URL = re.compile(r"""url\(\s*(['"]?)([^)'"]+)\1\s*\)""")


def _screen(css: Any) -> bool:
    media = ((getattr(css, "attributes", None) or {}).get("media") or "all").strip()
    return media in ("all", "screen", "")


def _bundle_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    files = context.get("css_files")
    if not files or app.builder.format != "html":
        return
    chosen = [css for css in files if asset_name(css) and not is_external(asset_name(css)) and _screen(css)
              and (getattr(css, "attributes", None) or {}).get("rel", "stylesheet") == "stylesheet"]
    if len(chosen) < 2:
        return
    names = [asset_name(css).split("?")[0] for css in chosen]
    if app.config.html_theme in THEMES_WITH_OWN_LINKS:
        # The course's copy of the theme's macros (_templates/static/webpack-macros.html) links
        # these two before every other stylesheet unless they are in the bundle: put them first.
        names = [*THEME_OWN_CSS, *names]
        context["course_theme_css_in_bundle"] = True
    key = hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]
    registry = Path(app.outdir) / _REGISTRY
    registry.mkdir(exist_ok=True)
    (registry / f"{key}.json").write_text(json.dumps(names), encoding="utf-8")
    first = files.index(chosen[0])
    kept = [css for css in files if css not in chosen]
    bundle = type(chosen[0])(f"_static/{BUNDLE_DIR}/course-{key}.css",
                             priority=getattr(chosen[0], "priority", 500), rel="stylesheet", type="text/css")
    kept.insert(min(first, len(kept)), bundle)
    files[:] = kept


_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1\s*\)?\s*;""")
_CHARSET = re.compile(r"""@charset\s+"[^"]*"\s*;""")


def _rebased(path: Path, target_dir: Path, seen: tuple[Path, ...] = ()) -> str:
    """One stylesheet's text with its local ``@import`` rules replaced by the imported files (an
    ``@import`` is only valid at a stylesheet's top), its ``@charset`` dropped, and its relative
    ``url()`` rewritten to point from ``target_dir``."""
    if path in seen:
        raise ValueError(f"{path}: imports itself (through {', '.join(str(p) for p in seen)})")
    text = _CHARSET.sub("", path.read_text(encoding="utf-8"))

    def local(url: str) -> bool:
        return not (url.startswith(("data:", "#", "/")) or is_external(url) or ":" in url.split("/")[0])

    def inline(match: re.Match[str]) -> str:
        url = match.group(2)
        if not local(url):
            raise ValueError(f"{path}: imports {url}, from another host, which the course does not load")
        return _rebased(path.parent / url.split("?")[0], target_dir, (*seen, path))

    def rebase(match: re.Match[str]) -> str:
        quote, url = match.groups()
        if not local(url):
            return match.group(0)
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        moved = os.path.relpath(path.parent / url[:cut], target_dir).replace(os.sep, "/")
        return f"url({quote}{moved}{url[cut:]}{quote})"

    out, last = [], 0
    for match in _IMPORT.finditer(text):
        out += [_URL.sub(rebase, text[last:match.start()]), inline(match)]
        last = match.end()
    out.append(_URL.sub(rebase, text[last:]))
    return "".join(out)


def bundle_css(static: Path, names: list[str]) -> str:
    """The stylesheets ``names`` (paths under ``static``, as a page links them, ``_static/`` or not),
    one after another, as one stylesheet in ``static/styles/``: each relative ``url()`` rewritten
    to point from there to its file, each local ``@import`` replaced by the imported file."""
    target_dir = static / BUNDLE_DIR
    parts = ['@charset "UTF-8";']
    for name in names:
        rel = name[len("_static/"):] if name.startswith("_static/") else name
        parts.append(f"/* {rel} */\n" + _rebased(static / rel, target_dir))
    return "\n".join(parts)


def _write_bundles(app: Sphinx, exc: Exception | None) -> None:
    registry = Path(app.outdir) / _REGISTRY
    if exc is not None or not registry.is_dir():
        return
    static = Path(app.outdir) / "_static"
    (static / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
    for spec in sorted(registry.glob("*.json")):
        names = json.loads(spec.read_text(encoding="utf-8"))
        out = static / BUNDLE_DIR / f"course-{spec.stem}.css"
        out.write_text(bundle_css(static, names), encoding="utf-8")
    shutil.rmtree(registry)
    if app.config.course_trim_css:
        for line in trim_bundles(Path(app.outdir)):
            logger.info("[course] stylesheet trimmed: %s", line)


def trim_bundles(site: Path) -> list[str]:
    """Drop from every bundle of the built ``site`` the rules none of its pages can use; returns
    what each bundle became. Raises :class:`ExtensionError`, saying how to fix it, when Node.js or
    the pinned purgecss is missing or the trimming fails."""
    node = shutil.which("node")
    modules = PURGE_SCRIPT.parent / "node_modules" / "purgecss"
    if node is None or not modules.is_dir():
        raise ExtensionError(
            f"trimming the stylesheets needs Node.js and the pinned purgecss ({modules}); install "
            f"them with `{INSTALL_PURGECSS}` (scripts/_env.sh does this), or set course_trim_css "
            f"to False")
    done = subprocess.run([node, str(PURGE_SCRIPT), str(site)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise ExtensionError(f"{PURGE_SCRIPT.name} failed on {site}: "
                             f"{(done.stderr or done.stdout).strip()[-2000:]}")
    return done.stdout.splitlines()


def _remove_old_bundles(app: Sphinx) -> None:
    """Bundles of an earlier build go first: Sphinx would give a link a ``?v=`` checksum of the old
    file, and two builds of one commit would differ."""
    folder = Path(app.outdir) / "_static" / BUNDLE_DIR
    for old in folder.glob("course-*.css"):
        old.unlink()
    shutil.rmtree(Path(app.outdir) / _REGISTRY, ignore_errors=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("course_trim_css", False, "html", bool)
    app.connect("builder-inited", _remove_old_bundles)
    # After every extension has added its stylesheets (languages.py adds course-ja.css at 500).
    app.connect("html-page-context", _bundle_page, priority=990)
    # After the icons are trimmed from the theme's stylesheet (performance.py, 960).
    app.connect("build-finished", _write_bundles, priority=970)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
