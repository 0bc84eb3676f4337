"""Notebooks a learner can run: each page's notebook, the course's wheel and the exercise kit.

* Every page a learner can run is offered as a notebook (``.ipynb``) in the
  theme's download menu, converted at build time by
  :mod:`proliferation_course.notebooks` (plain Markdown, a set-up cell, no
  instructor material); an exercise page offers the learner's copy, never the
  solution.
* After the build, :mod:`proliferation_course.kit` writes the wheel and the
  exercise kit into ``downloads/``, and marks the build as the site build
  (:mod:`proliferation_course.context`), so that quizzes are the site's HTML.
* On a Japanese exercise page, the ``<summary>`` lines of the hints and rubrics (raw HTML, which
  the page catalogues do not translate) and the prompts of the toggles over the solutions and
  the checks' results (cell metadata) are translated by the package's catalogue, as in the
  Japanese notebooks; a summary it cannot translate is a warning (an error in the ``-W`` build).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .. import kit
from ..notebooks import NotebookTranslationError, translate_prompt, translate_summaries

logger = logging.getLogger(__name__)

__all__ = ["setup"]


def _notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree: Any) -> None:
    kit.notebook_download(app, pagename, context)


def _translate_summaries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    lang = str(app.config.language or "en")
    if lang == "en" or not docname.startswith("book/exercises/"):
        return
    for node in doctree.findall(nodes.Element):
        for key in ("prompt_show", "prompt_hide"):
            if isinstance(node.get(key), str):
                node[key] = translate_prompt(node[key], lang)
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split() or "<summary>" not in raw.astext():
            continue
        try:
            text = translate_summaries(raw.astext(), lang, docname)
        except NotebookTranslationError as err:
            logger.warning(str(err), location=raw)
            continue
        raw.children = [nodes.Text(text)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _translate_summaries)
    # Before the theme builds its download menu (sphinx-book-theme, priority 500).
    app.connect("html-page-context", _notebook_download, priority=400)
    kit.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
