"""Sphinx extension: build the learner or the instructor edition from the same sources.

See :mod:`proliferation_course.editions` for how material is marked. Here:

* ``course_edition`` and ``course_solutions`` come from the environment
  (``COURSE_EDITION``, ``COURSE_SOLUTIONS``) when the build starts;
* the ``{instructor}`` directive: a boxed note in the instructor edition,
  nothing at all in the learner edition (so nothing reaches the page, the
  search index or the handouts);
* the learner edition builds from a table of contents without the
  instructor-only pages (written next to the build's doctrees), so those pages
  are neither built nor linked;
* the learner edition's page sources and notebook downloads (``_sources/``)
  are rewritten without the instructor blocks once the build has finished;
* ``COURSE_SOLUTIONS=no`` removes the exercises' solution cells (tagged
  ``solution``) and their outputs;
* the instructor edition carries a banner on every page, and reuses the
  learner edition's execution cache (the code is the same).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from ..editions import (
    INSTRUCTOR_TITLE,
    edition_from_env,
    learner_toc,
    solutions_from_env,
    strip_instructor_blocks,
    strip_instructor_notebook,
    toc_files,
)

__all__ = ["InstructorDirective", "setup"]

logger = logging.getLogger(__name__)

BANNER = ("Instructor edition: it holds the notes for instructors, the guide, the syllabi, the rubric "
          "and the answers. Do not share it with students; they use the learner edition.")


class InstructorDirective(SphinxDirective):
    """Material for instructors only: shown in the instructor edition, absent from the learner edition."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        if self.config.course_edition != "instructor":
            return []
        title = self.arguments[0] if self.arguments else INSTRUCTOR_TITLE
        node = nodes.admonition(classes=["instructor-note"])
        text_nodes, messages = self.state.inline_text(title, self.lineno)
        node += nodes.title(title, "", *text_nodes)
        self.state.nested_parse(self.content, self.content_offset, node)
        # A table parsed inside the block leaves its cells' paragraphs without a source, and Sphinx's
        # gettext skips text without one: give them the block's, so that a rubric's cells are translated.
        source, line = self.get_source_info()
        for text in node.findall(nodes.TextElement):
            if not text.source:
                text.source, text.line = source, text.line or line
        return [node, *messages]


def _read_edition(app: Sphinx, config: Config) -> None:
    config.course_edition = edition_from_env()
    config.course_solutions = solutions_from_env()
    root = Path(app.srcdir)
    if config.course_edition == "instructor" or not config.course_solutions:
        # The code of every page is the same in every edition: reuse the learner build's outputs.
        shared = root / "_build" / ".jupyter_cache"
        if shared.is_dir():
            config.nb_execution_cache_path = str(shared)
    if config.course_edition == "instructor":
        config.html_theme_options["announcement"] = BANNER
        return
    if "external_toc_path" not in config:  # no table of contents file (sphinx-external-toc not loaded)
        return
    toc_path = Path(str(config.external_toc_path))
    if not toc_path.is_absolute():
        toc_path = root / toc_path
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    learner = learner_toc(toc, root)
    app.course_instructor_pages = sorted(set(toc_files(toc)) - set(toc_files(learner)))  # type: ignore[attr-defined]
    if learner == toc:
        return
    target = Path(app.doctreedir).parent / "learner_toc.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = "# Generated from _toc.yml by proliferation_course.sphinxext.editions: the learner edition's pages.\n"
    text += yaml.safe_dump(learner, sort_keys=False, allow_unicode=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    config.external_toc_path = str(target)


def _remove_solutions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``COURSE_SOLUTIONS=no``: drop every cell tagged ``solution`` (code, outputs and rubric),
    and the outputs of the check and progress cells (``check("exNN", "qK", ...)``, ``progress(...)``),
    which would show the answers' verdicts. An output's toggle, left empty, goes with it."""
    if app.config.course_solutions:
        return

    def is_output(n: nodes.Node) -> bool:
        return isinstance(n, nodes.Element) and "cell_output" in n.get("classes", [])

    for node in list(doctree.findall(nodes.Element)):
        if node.parent is None:
            continue
        classes: list[str] = node.get("classes", [])
        if "tag_solution" in classes:
            node.parent.remove(node)
        elif "cell" in classes and node.get("nb_element") == "cell_code":
            blocks = list(node.findall(nodes.literal_block))
            source = blocks[0].astext().lstrip() if blocks else ""
            if not source.startswith(("check(", "progress(")):
                continue
            for output in list(node.findall(is_output)):
                parent = output.parent
                parent.remove(output)
                while parent is not node and isinstance(parent, nodes.Element) and not parent.children:
                    grand = parent.parent
                    grand.remove(parent)
                    parent = grand


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],  # Jinja values
                  doctree: nodes.document | None) -> None:
    context["course_edition"] = app.config.course_edition


def _strip_sources(app: Sphinx, exc: Exception | None) -> None:
    """Learner edition: the page sources and notebooks offered for download lose the instructor blocks,
    and the files of instructor-only pages left by an earlier build (Sphinx never deletes a page it
    no longer builds) are removed."""
    if exc is not None or app.builder.format != "html" or app.config.course_edition == "instructor":
        return
    out = Path(app.outdir)
    for page in getattr(app, "course_instructor_pages", []):
        for stale in [out / f"{page}.html", *(out / "_sources").glob(f"{page}.*")]:
            if stale.is_file():
                stale.unlink()
    sources = out / "_sources"
    if not sources.is_dir():
        return
    for path in sorted(sources.rglob("*")):
        if path.suffix not in (".md", ".ipynb", ".txt") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if "{instructor}" not in text:
            continue
        stripped = strip_instructor_notebook(text) if path.suffix == ".ipynb" else strip_instructor_blocks(text)
        path.write_text(stripped, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("course_edition", "learner", "env", [str])
    app.add_config_value("course_solutions", True, "env", [bool])
    # Before sphinx-external-toc reads the table of contents (priority 900).
    app.connect("config-inited", _read_edition, priority=800)
    app.add_directive("instructor", InstructorDirective)
    # On the resolved doctree, before the page and its search-index entry are written: it keeps no data.
    app.connect("doctree-resolved", _remove_solutions)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _strip_sources, priority=990)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
