"""Reproducibility: two builds of one commit write the same bytes, whatever the day or folder.

* "Last updated" is each page's last commit date where the source has a git
  history, and otherwise the date the source fixes (``SOURCE_DATE_EPOCH``, or
  the commit a ``git archive`` copy was made from): never the clock, never a
  file's modification time (:mod:`proliferation_course.source_dates`). The
  environment's ``SOURCE_DATE_EPOCH`` is set to the source's date, unless it
  is set already, so that Sphinx's own dates (the copyright year) follow it.
  A page whose date moves (its change was committed after it was built) is
  rebuilt.
* Asset URLs are the same in a first and an incremental build: myst-nb's
  stylesheet and MathJax are copied before the pages are written (their
  extensions copy them at the end, so a first build linked them without the
  ``?v=`` checksum that later builds add).
* The notebook a page is offered as has numbered cell ids (the conversion
  gives each cell a random one).
* The search index of an incremental build holds no word that no page holds
  any more.
* ``index.html`` redirects to the root page on every build (Jupyter Book
  writes it only when it is missing, so a stale redirect would survive a
  change of root).
"""

from __future__ import annotations

import importlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.i18n import format_date

from .. import source_dates

__all__ = ["page_date", "setup"]

logger = logging.getLogger(__name__)


def _date_the_source(app: Sphinx, config: Any) -> None:
    """Say when the history cannot be read; set SOURCE_DATE_EPOCH to the source's date."""
    root = Path(app.srcdir)
    problem = source_dates.history_problem(root)
    if problem:
        logger.warning("%s; \"Last updated\" cannot come from the history", problem,
                       type="course", subtype="dates")
    elif source_dates.has_history(root) and source_dates.is_shallow(root):
        logger.info("[course] a shallow clone: pages last changed before its oldest commit show that "
                    "commit's date (fetch the whole history for exact dates)")
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        when = source_dates.source_time(root)
        if when is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(when)


def page_date(app: Sphinx, pagename: str) -> int | None:
    """When a page was last changed (Unix seconds): its source's last commit, else the source's date."""
    root = Path(app.srcdir)
    when = None
    if pagename in app.env.found_docs:
        when = source_dates.last_commit_time(root, Path(app.env.doc2path(pagename)))
    return when if when is not None else source_dates.source_time(root)


#: The build environment's attribute that holds {docname: the date of its page when it was read}.
DATES = "course_page_dates"


def _read_dates(env: BuildEnvironment) -> dict[str, int | None]:
    if not hasattr(env, DATES):
        setattr(env, DATES, {})
    return getattr(env, DATES)


def _remember_date(app: Sphinx, doctree: Any) -> None:
    _read_dates(app.env)[app.env.docname] = page_date(app, app.env.docname)


def _forget_date(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _read_dates(env).pop(docname, None)


def _merge_dates(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _read_dates(other)
    _read_dates(env).update({d: theirs[d] for d in docnames if d in theirs})


def _redated_pages(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    """Pages whose date moved since they were read (a commit that left the file as it was built).

    Sphinx rewrites a page when its file changes; committing the change does not
    touch the file, so without this an incremental build would keep the old date.
    """
    skip = added | changed | removed
    return sorted(d for d, when in _read_dates(env).items()
                  if d in env.found_docs and d not in skip and page_date(app, d) != when)


def _last_updated(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """"Last updated" from the history (Sphinx would print the clock's date)."""
    if context.get("last_updated") is None:  # html_last_updated_fmt is not set
        return
    when = page_date(app, pagename)
    if when is None:
        logger.info("[course] %s: no git history and no source date, so no \"Last updated\"", pagename)
        context["last_updated"] = None
        return
    fmt = app.config.html_last_updated_fmt or _("%b %d, %Y")
    context["last_updated"] = format_date(fmt, date=datetime.fromtimestamp(when, tz=UTC),
                                          language=app.config.language)


def _stable_cell_ids(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The notebook a MyST page is offered as (:mod:`.downloads`) numbers its cells' ids.

    The conversion gives every cell a random id, so each build wrote another file.
    """
    if app.builder.format != "html" or pagename not in app.env.all_docs:
        return
    if Path(app.env.doc2path(pagename)).suffix != ".md":  # a notebook source is offered as it is
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    if not target.is_file():
        return
    import nbformat

    text = target.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    for i, cell in enumerate(notebook.cells):
        if "id" in cell:
            cell["id"] = f"cell-{i}"
    numbered = nbformat.writes(notebook)
    if numbered != text:
        target.write_text(numbered, encoding="utf-8")


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
<link rel="icon" href="data:,">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""


def _write_index(app: Sphinx, exc: Exception | None) -> None:
    """Write index.html as a redirect to the root page, on every build.

    Jupyter Book writes it only when it is missing, so a stale redirect would
    survive a change of root; this one also names the language and a title, and
    an empty icon: without one, a browser asks the host for /favicon.ico (a 404
    and an error in the console), and the site's own icon would be fetched only
    to be dropped when the page moves on at once.
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
    app.connect("config-inited", _date_the_source)
    app.connect("builder-inited", _copy_late_assets_early)
    app.connect("doctree-read", _remember_date)
    app.connect("env-purge-doc", _forget_date)
    app.connect("env-merge-info", _merge_dates)
    app.connect("env-get-outdated", _redated_pages)
    app.connect("html-page-context", _last_updated)
    # After downloads.py has written the page's notebook (priority 400).
    app.connect("html-page-context", _stable_cell_ids, priority=450)
    app.connect("build-finished", _write_index, priority=900)
    app.connect("build-finished", _prune_search_index, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
