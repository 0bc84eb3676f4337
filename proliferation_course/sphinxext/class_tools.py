"""Sphinx extension: the class tools in the reader's browser (``_static/class-tools.js``).

* Every page loads ``class-tools.js`` and names the course, its authors, its
  version and its release date in ``<meta>`` tags, for the citation of an
  explorer's setting ("Cite this setting", under each explorer that has controls).
* The ``{course-progress}`` directive makes the progress page: a row per page of
  the course in reading order (its link, whether the reader opened it, its quiz
  score, the explorers used), with export, import and reset. The script fills
  the rows from the reader's browser; nothing leaves it.
* Every chapter says where it stands in the course ("Chapter 5 of 13") and links
  the progress page.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from ..citation import RELEASED, authors, title, version
from ..quiz import QuizError, load_quiz

__all__ = ["CHAPTER", "PROGRESS_PAGE", "ProgressDirective", "reading_order", "setup"]

#: The progress page's docname.
PROGRESS_PAGE = "book/progress"
#: A chapter's docname, with its quiz id.
CHAPTER = re.compile(r"book/chapters/(ch\d\d)_[a-z0-9_]+")
TEXT = {
    "en": {"page": "Page", "opened": "Opened", "quiz": "Quiz", "explorers": "Explorers",
           "export": "Export to a file", "import": "Import from a file", "reset": "Reset",
           "where": "Chapter {n} of {total}", "progress": "Your progress",
           "caption": "Your progress, page by page (kept in this browser only)"},
    "ja": {"page": "頁", "opened": "閲覧", "quiz": "小テスト", "explorers": "エクスプローラー",
           "export": "ファイルに書き出す", "import": "ファイルから読み込む", "reset": "リセット",
           "where": "全{total}章中 第{n}章", "progress": "学習の記録",
           "caption": "頁ごとの学習の記録（このブラウザにのみ保存）"},
}


class progress_table(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Replaced by the progress table once every page has been read."""


def _words(app: Sphinx) -> dict[str, str]:
    return TEXT["ja" if str(app.config.language or "en").startswith("ja") else "en"]


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every page in the order of the table of contents, depth first, from the root page."""
    order: list[str] = []

    def walk(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return order


class ProgressDirective(SphinxDirective):
    """The progress page's table and its controls."""

    def run(self) -> list[nodes.Node]:
        return [progress_table()]


def _quiz_answers(docname: str) -> dict[str, str]:
    match = CHAPTER.fullmatch(docname)
    if not match:
        return {}
    try:
        quiz = load_quiz(match.group(1))
    except QuizError:
        return {}
    return {q.id: chr(97 + [c.correct for c in q.choices].index(True)) for q in quiz.questions}


def _table(app: Sphinx, docname: str) -> str:
    env, words = app.env, _words(app)
    rows = []
    for doc in reading_order(env):
        if doc == docname:
            continue
        title = env.titles[doc].astext() if doc in env.titles else doc
        href = app.builder.get_relative_uri(docname, doc)
        page = app.builder.get_target_uri(doc)
        answers = _quiz_answers(doc)
        quiz = CHAPTER.fullmatch(doc)
        data = (f' data-quiz="{quiz.group(1)}" data-answers="{html.escape(json.dumps(answers), quote=True)}"'
                if quiz and answers else "")
        rows.append(f'<tr data-page="{html.escape(page, quote=True)}"{data}>'
                    f'<td><a href="{html.escape(href, quote=True)}">{html.escape(title)}</a></td>'
                    '<td data-cell="opened"></td>'
                    f'<td data-cell="quiz">{"" if data else "&#8212;"}</td>'
                    '<td data-cell="explorers"></td></tr>')
    controls = (f'<p class="course-progress-controls">'
                f'<button type="button" data-progress="export" disabled>{words["export"]}</button> '
                f'<label class="course-progress-import">{words["import"]} '
                f'<input type="file" accept="application/json,.json" data-progress="import" disabled></label> '
                f'<button type="button" data-progress="reset" disabled>{words["reset"]}</button></p>'
                '<p class="course-progress-status" role="status" aria-live="polite" data-progress-status></p>')
    return (f'<div class="course-progress" data-course-progress>{controls}'
            '<div class="pst-scrollable-table-container"><table class="table">'
            f'<caption>{words["caption"]}</caption><thead><tr><th>{words["page"]}</th><th>{words["opened"]}</th>'
            f'<th>{words["quiz"]}</th><th>{words["explorers"]}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div></div>')


def _where(app: Sphinx, docname: str) -> str | None:
    chapters = [d for d in reading_order(app.env) if CHAPTER.fullmatch(d)]
    if docname not in chapters or PROGRESS_PAGE not in app.env.all_docs:
        return None
    words = _words(app)
    place = words["where"].format(n=chapters.index(docname) + 1, total=len(chapters))
    href = app.builder.get_relative_uri(docname, PROGRESS_PAGE)
    return (f'<p class="course-where">{html.escape(place)} · '
            f'<a href="{html.escape(href, quote=True)}">{words["progress"]}</a></p>')


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        for node in list(doctree.findall(progress_table)):
            node.parent.remove(node)
        return
    for node in list(doctree.findall(progress_table)):
        node.replace_self(nodes.raw("", _table(app, docname), format="html"))
    where = _where(app, docname)
    if where:
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, nodes.raw("", where, format="html"))


def _meta(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],  # Jinja values
          doctree: nodes.document | None) -> None:
    # title() and authors() speak the build's language: the Japanese site cites its own edition.
    tags = {"course-title": title(), "course-authors": authors(), "course-version": version(),
            "course-released": RELEASED}
    extra = "".join(f'<meta name="{k}" content="{html.escape(v, quote=True)}">\n' for k, v in tags.items())
    context["metatags"] = str(context.get("metatags") or "") + extra


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_node(progress_table)
    app.add_directive("course-progress", ProgressDirective)
    app.add_js_file("class-tools.js", defer="defer")
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _meta)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
