"""Sphinx extension: the quizzes for learning platforms (Moodle XML, Canvas QTI), in the instructor edition.

* When the instructor edition has been built, every chapter's quiz is written
  into ``quizzes/`` of the site, in the build's language, by
  :func:`proliferation_course.quiz_export.export_files`: one Moodle XML file
  for all chapters, one per chapter, and one Canvas QTI package per chapter.
  The learner edition gets none (they hold the answers).
* The ``{quiz-exports}`` directive (used by the instructor guide) lists them:
  a row per chapter with its quiz's title, its number of questions and links
  relative to the page; in the learner edition it shows nothing.

The files are dated by the source (its last commit), so two builds of one
commit write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from .. import source_dates
from ..citation import LICENCES, TITLE
from ..i18n import speaking
from ..quiz import Quiz, load_quiz
from ..quiz_export import export_files
from ..resources import quiz_dir

__all__ = ["FOLDER", "QuizExportsDirective", "quizzes", "setup"]

#: The site's folder for the export files.
FOLDER = "quizzes"


#: The table's own words, per language (the quizzes' words come from their catalogues).
TEXT = {
    "en": {"all": "All chapters", "quiz": "Quiz", "questions": "Questions"},
    "ja": {"all": "全章", "quiz": "確認問題", "questions": "問題数"},
}


def quizzes(lang: str | None = None) -> list[Quiz]:
    """Every chapter's quiz, in chapter order, in ``lang`` (the package's language if None).

    The exports of a language are read in that language whatever the process speaks, so that
    ``moodle-ch01-ja.xml`` cannot hold the English questions.
    """
    if lang is None:
        return [load_quiz(p.stem) for p in sorted(quiz_dir().glob("*.yml"))]
    with speaking(lang):
        return [load_quiz(p.stem) for p in sorted(quiz_dir().glob("*.yml"))]


def _language(app: Sphinx) -> str:
    return str(app.config.language or "en")


def _rights() -> str:
    _, spdx, title, url = LICENCES[0]
    return f"{TITLE}: {title} ({spdx}), {url}"


class QuizExportsDirective(SphinxDirective):
    """A table of the export files, a row per chapter (instructor edition only)."""

    def run(self) -> list[nodes.Node]:
        if self.config.course_edition != "instructor":
            return []
        lang = _language(self.env.app)
        up = "../" * self.env.docname.count("/")
        words = TEXT["ja" if lang.startswith("ja") else "en"]
        rows = [(words["all"], "", f"moodle-all-{lang}.xml", "")]
        rows += [(q.title, str(len(q.questions)), f"moodle-{q.id}-{lang}.xml", f"canvas-{q.id}-{lang}.zip")
                 for q in quizzes(lang)]
        cells = []
        for title, count, moodle, canvas in rows:
            links = [f'<a href="{up}{FOLDER}/{f}" download>{f}</a>' if f else "" for f in (moodle, canvas)]
            cells.append(f"<tr><td>{html.escape(title)}</td><td>{count}</td><td>{links[0]}</td><td>{links[1]}</td></tr>")
        table = ('<div class="pst-scrollable-table-container"><table class="table course-quiz-exports">'
                f"<thead><tr><th>{words['quiz']}</th><th>{words['questions']}</th>"
                "<th>Moodle XML</th><th>Canvas (QTI)</th></tr>"
                f"</thead><tbody>{''.join(cells)}</tbody></table></div>")
        return [nodes.raw("", table, format="html")]


def _write(app: Sphinx, exc: Exception | None) -> None:
    if exc is not None or app.builder.format != "html" or app.config.course_edition != "instructor":
        return
    when = source_dates.source_time(Path(app.srcdir)) or 0
    date = dt.datetime.fromtimestamp(when, tz=dt.UTC).date()
    folder = Path(app.outdir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in export_files(quizzes(_language(app)), _language(app), date, _rights()).items():
        target = folder / name
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("quiz-exports", QuizExportsDirective)
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
