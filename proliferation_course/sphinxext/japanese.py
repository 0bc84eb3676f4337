"""Japanese on English pages: every run of Japanese text carries ``lang="ja"``.

The chapters mark Japanese with the ``{ja}`` role. Some Japanese text reaches
a page without passing through that role: the titles of Japanese sources in
a bibliography, for example, are formatted by sphinxcontrib-bibtex. This
Sphinx extension closes the gap. Once a page's doctree is resolved (after the
bibliography has been filled in), it finds every run of Japanese characters
that is not already inside a ``ja`` node and wraps it in one, so that it is
rendered as ``<span lang="ja">`` and screen readers switch voice.

On a Japanese page (``<html lang="ja">``) Japanese needs no mark of its own: only
Japanese inside English left on the page (an untranslated passage, the ``{en}`` role,
which :mod:`.languages` renders with ``lang="en"``) is wrapped there. Wrapping every run
would add hundreds of elements to a chapter that say nothing new.

Code blocks and raw HTML are left alone: the first are highlighted, not
rendered node by node, and the second is produced by the course's own code
(:mod:`proliferation_course.tables` marks its Japanese itself).

The runs are found by :func:`proliferation_course.japanese.japanese_runs`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..japanese import JAPANESE, japanese_runs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["JAPANESE", "japanese_runs", "mark_japanese", "setup"]  # the first two re-exported

# Nodes whose text is not rendered node by node, or is already marked.
_SKIP = (nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.system_message)


def _inside(node: nodes.Node, marker: type) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, marker) or isinstance(parent, _SKIP):
            return True
        if isinstance(parent, nodes.Element) and str(parent.get("lang", "")).startswith("ja"):
            return True
        parent = parent.parent
    return False


def _in_english(node: nodes.Node, english: frozenset[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and english & set(parent.get("classes", ())):
            return True
        parent = parent.parent
    return False


def mark_japanese(doctree: nodes.Node, marker: type, english: frozenset[str] | None = None) -> int:
    """Wrap every unmarked run of Japanese in ``doctree`` in a ``marker`` node; return how many.

    ``marker`` is the node class that renders as ``<span lang="ja">`` (the
    ``ja`` node of :mod:`proliferation_course.sphinxext`). On a Japanese page,
    ``english`` names the classes of the elements rendered as English
    (``lang="en"``): only runs inside one of them are wrapped.
    """
    count = 0
    for text in list(doctree.findall(nodes.Text)):
        value = str(text)
        runs = japanese_runs(value)
        if not runs or text.parent is None or _inside(text, marker):
            continue
        if english is not None and not _in_english(text, english):
            continue
        pieces: list[nodes.Node] = []
        at = 0
        for start, end in runs:
            if start > at:
                pieces.append(nodes.Text(value[at:start]))
            pieces.append(marker(value[start:end], value[start:end]))
            at = end
        if at < len(value):
            pieces.append(nodes.Text(value[at:]))
        text.parent.replace(text, pieces)
        count += len(runs)
    return count


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    from .accessibility import ja  # the node the {ja} role makes, rendered with lang="ja"
    from .languages import ENGLISH_CLASSES

    japanese_page = str(app.config.language or "en").startswith("ja")
    mark_japanese(doctree, ja, ENGLISH_CLASSES if japanese_page else None)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension (after :mod:`.accessibility`, which defines the ``ja`` node)."""
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
