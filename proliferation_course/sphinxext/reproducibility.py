"""Reproducibility: two builds of one commit write the same bytes, whatever the day or folder.

* "Last updated" is dated by the newest source file, not by the clock
  (``SOURCE_DATE_EPOCH``, unless the environment sets it).
* Asset URLs are the same in a first and an incremental build: myst-nb's
  stylesheet and MathJax are copied before the pages are written (their
  extensions copy them at the end, so a first build linked them without the
  ``?v=`` checksum that later builds add).
* The search index of an incremental build holds no word that no page holds
  any more.
* ``index.html`` redirects to the root page on every build (Jupyter Book
  writes it only when it is missing, so a stale redirect would survive a
  change of root).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

__all__ = ["setup"]

logger = logging.getLogger(__name__)


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


def _copy_late_assets_early(app: Sphinx) -> None:
    """Copy myst-nb's stylesheet and MathJax before any page is written (stable ``?v=`` URLs)."""
    if app.builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)
    if "sphinx-mathjax-offline" in app.extensions:
        importlib.import_module("sphinx-mathjax-offline").copy_mathjax_files(app, None)


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
    page = REDIRECT.format(lang=app.config.language or "en", title=title, target=target)
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _last_updated_from_sources)
    app.connect("builder-inited", _copy_late_assets_early)
    app.connect("build-finished", _write_index, priority=900)
    app.connect("build-finished", _prune_search_index, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
