"""Accessibility: what assistive technology reads, beyond what the theme gets right.

* ``{ja}`拡大抑止``` marks Japanese text with its language (``<span lang="ja">``),
  so that a screen reader switches voice.
* The toggle of a hidden code cell (the ``summary`` of each ``hide-input`` cell)
  is named by its visible text ("Show code cell source"): myst-nb gives it the
  fixed name "Toggle hidden content", which speech input cannot match to what
  the reader sees (WCAG 2.5.3, label in name).
* Bibliography entries are list items: docutils marks them
  ``role="doc-biblioentry"`` inside a ``role="list"``; that role is deprecated
  (DPUB-ARIA 1.1) and no longer counts as a list item, so assistive technology
  (and axe-core) see a list without items.
* The side navigation's section toggles get a name
  (``_templates/sbt-sidebar-nav.html``).
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx

__all__ = ["ja", "setup"]


class ja(nodes.inline):  # noqa: N801 - a docutils node, named like its role
    """Japanese text: rendered as <span lang="ja"> so that screen readers switch voice."""


def _visit_ja(self: Any, node: ja) -> None:
    self.body.append(self.starttag(node, "span", "", lang="ja", CLASS="ja"))


def _depart_ja(self: Any, node: ja) -> None:
    self.body.append("</span>")


def _ja_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
             options: dict | None = None, content: list | None = None) -> tuple[list, list]:
    """``{ja}`拡大抑止``` marks Japanese text with its language."""
    return [ja(rawtext, text)], []


def _skip(self: Any, node: nodes.Node) -> None:
    pass


def visit_hidden_cell(self: Any, node: HideCodeCellNode) -> None:
    """myst-nb's ``visit_HideCellInput``, but the summary is named by its visible text.

    The summary holds both prompts; CSS shows one at a time, and the accessible
    name is computed from the one shown.
    """
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append("<summary>\n")
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def _list_items_for_bibliography(app: Sphinx, pagename: str, templatename: str, context: dict,
                                 doctree: Any) -> None:
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(ja, html=(_visit_ja, _depart_ja), latex=(_skip, _skip), text=(_skip, _skip))
    app.add_role("ja", _ja_role)
    app.setup_extension("myst_nb")  # so that our visitor replaces its own, not the other way round
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    app.connect("html-page-context", _list_items_for_bibliography)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
