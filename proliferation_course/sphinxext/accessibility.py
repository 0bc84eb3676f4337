"""Accessibility: what assistive technology reads, beyond what the theme gets right.

* ``{ja}`拡大抑止``` marks Japanese text with its language (``<span lang="ja">``),
  so that a screen reader switches voice.
* Bibliography entries are list items: docutils marks them
  ``role="doc-biblioentry"`` inside a ``role="list"``; that role is deprecated
  (DPUB-ARIA 1.1) and no longer counts as a list item, so assistive technology
  (and axe-core) see a list without items.
* The side navigation's section toggles get a name
  (``_templates/sbt-sidebar-nav.html``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
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


def _list_items_for_bibliography(app: Sphinx, pagename: str, templatename: str, context: dict,
                                 doctree: Any) -> None:
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(ja, html=(_visit_ja, _depart_ja), latex=(_skip, _skip), text=(_skip, _skip))
    app.add_role("ja", _ja_role)
    app.connect("html-page-context", _list_items_for_bibliography)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
