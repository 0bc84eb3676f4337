"""Sphinx extension: the licence, the version and a "Reuse and cite" link in every page's footer.

The footer line comes from :func:`proliferation_course.citation.footer_html`,
with the link made relative to each page (so it works from any folder, over
``file://`` and on any host).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from ..citation import footer_html

__all__ = ["REUSE_PAGE", "setup"]

#: The docname of the "Reuse and cite" page.
REUSE_PAGE = "book/reuse"


def _footer(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],  # Jinja values
            doctree: nodes.document | None) -> None:
    base = str(context.get("theme_extra_footer") or "").strip()
    line = footer_html(context["pathto"](REUSE_PAGE))
    context["theme_extra_footer"] = f"{base}<br>{line}" if base else line


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", _footer)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
