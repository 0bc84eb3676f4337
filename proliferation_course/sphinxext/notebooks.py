"""Notebooks a learner can run: each page's notebook, the course's wheel and the exercise kit.

* Every page a learner can run is offered as a notebook (``.ipynb``) in the
  theme's download menu, converted at build time by
  :mod:`proliferation_course.notebooks` (plain Markdown, a set-up cell, no
  instructor material); an exercise page offers the learner's copy, never the
  solution.
* After the build, :mod:`proliferation_course.kit` writes the wheel and the
  exercise kit into ``downloads/``, and marks the build as the site build
  (:mod:`proliferation_course.context`), so that quizzes are the site's HTML.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .. import kit

__all__ = ["setup"]


def _notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree: Any) -> None:
    kit.notebook_download(app, pagename, context)


def setup(app: Sphinx) -> dict[str, Any]:
    # Before the theme builds its download menu (sphinx-book-theme, priority 500).
    app.connect("html-page-context", _notebook_download, priority=400)
    kit.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
