"""Japanese on English pages: every run of Japanese text carries ``lang="ja"``.

The chapters mark Japanese with the ``{ja}`` role. Some Japanese text reaches
a page without passing through that role: the titles of Japanese sources in
a bibliography, for example, are formatted by sphinxcontrib-bibtex. This
Sphinx extension closes the gap. Once a page's doctree is resolved (after the
bibliography has been filled in), it finds every run of Japanese characters
that is not already inside a ``ja`` node and wraps it in one, so that it is
rendered as ``<span lang="ja">`` and screen readers switch voice.

Code blocks and raw HTML are left alone: the first are highlighted, not
rendered node by node, and the second is produced by the course's own code
(:mod:`proliferation_course.tables` marks its Japanese itself).

Examples
--------
>>> japanese_runs("Japan's 反撃能力 (counterstrike capability)")
[(8, 12)]
>>> japanese_runs("核トライアド（3本柱）")
[(0, 11)]
>>> japanese_runs("no Japanese here")
[]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["JAPANESE", "japanese_runs", "mark_japanese", "setup"]

_KANA_KANJI = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
#: A run of Japanese: kana, kanji and Japanese punctuation, possibly with
#: digits or Latin letters between Japanese characters (``核トライアド（3本柱）``).
JAPANESE = re.compile(
    rf"[{_KANA_KANJI}{_PUNCT}]+(?:[0-9A-Za-z\uff10-\uff19]+[{_KANA_KANJI}{_PUNCT}]+)*")
_HAS_KANA_KANJI = re.compile(f"[{_KANA_KANJI}]")

# Nodes whose text is not rendered node by node, or is already marked.
_SKIP = (nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.system_message)


def japanese_runs(text: str) -> list[tuple[int, int]]:
    """Start and end of every run of Japanese in ``text`` (runs of punctuation alone are not runs)."""
    return [m.span() for m in JAPANESE.finditer(text) if _HAS_KANA_KANJI.search(m.group())]


def _inside(node: nodes.Node, marker: type) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, marker) or isinstance(parent, _SKIP):
            return True
        if isinstance(parent, nodes.Element) and str(parent.get("lang", "")).startswith("ja"):
            return True
        parent = parent.parent
    return False


def mark_japanese(doctree: nodes.Node, marker: type) -> int:
    """Wrap every unmarked run of Japanese in ``doctree`` in a ``marker`` node; return how many.

    ``marker`` is the node class that renders as ``<span lang="ja">`` (the
    ``ja`` node of :mod:`proliferation_course.sphinxext`).
    """
    count = 0
    for text in list(doctree.findall(nodes.Text)):
        value = str(text)
        runs = japanese_runs(value)
        if not runs or text.parent is None or _inside(text, marker):
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

    mark_japanese(doctree, ja)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension (after :mod:`.accessibility`, which defines the ``ja`` node)."""
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
