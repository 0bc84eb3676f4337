"""Downloads: each page as a notebook, and the data tables behind the data appendix.

* Every page written in MyST markdown is offered as a notebook (``.ipynb``) in
  the theme's download menu, converted with jupytext at build time.
* The data tables (``data/*.csv`` and ``datapackage.json``) are copied into
  ``data/`` of the site, for the data appendix's download links.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

__all__ = ["DATA_DIR", "setup"]

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


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


def _notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree: Any) -> None:
    """Offer every page written in MyST markdown as a notebook (.ipynb) to download.

    The page's source is converted with jupytext into ``_sources/<page>.ipynb``, and
    the theme's download menu lists it (it does so when ``ipynb_source`` is set).
    Pages whose source is already a notebook (the exercises) are offered as they are.
    """
    if app.builder.format != "html" or pagename not in app.env.all_docs:
        return
    source = Path(app.env.doc2path(pagename))
    if source.suffix != ".md":
        return
    import jupytext

    notebook = jupytext.read(source, fmt="md:myst")
    notebook.metadata.pop("jupytext", None)
    notebook.metadata.setdefault("kernelspec", {"display_name": "Python 3", "language": "python",
                                                "name": "python3"})
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = jupytext.writes(notebook, fmt="ipynb")
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _copy_data)
    # Before the theme builds its download menu (sphinx-book-theme, priority 500).
    app.connect("html-page-context", _notebook_download, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
