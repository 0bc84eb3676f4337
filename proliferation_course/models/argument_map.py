"""The argument map: the debate over selective proliferation as a tree of claims and answers.

Each node of the map is one of four kinds:

* ``"claim"``: a claim of the proposal (Graefrath and Raymond, as the essay
  reports them). A top-level claim has no parent; a sub-claim supports
  another claim.
* ``"rebuttal"``: the essay's answer to a claim.
* ``"evidence"``: a fact offered in support of a claim, a rebuttal or an
  alternative, on the same side as the node it supports.
* ``"alternative"``: one of the essay's three alternatives, offered in answer
  to a claim.

:func:`validate_map` checks the map's structure and returns an
:class:`ArgumentMap`; :func:`layout` places the nodes (``x`` is the depth in
the tree, ``y`` the row in reading order); :func:`focus` returns the part of
the map connected to one node. The map is the course authors' reconstruction
of the debate, a teaching model, not the authors' own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from numbers import Integral
from typing import Any

import pandas as pd

from ..data import text
from ..i18n import N_, _

__all__ = [
    "ANSWER_KINDS",
    "FIELDS",
    "FIRST_CHAPTER",
    "KINDS",
    "KIND_LABELS",
    "LAST_CHAPTER",
    "MAX_LABEL",
    "ORIGINS",
    "SIDES",
    "ArgumentMap",
    "Focus",
    "MapNode",
    "argument_table",
    "evidence_profile",
    "focus",
    "layout",
    "validate_map",
]

#: Kinds of node, in display order.
KINDS: tuple[str, ...] = ("claim", "rebuttal", "evidence", "alternative")
#: How each kind is named on the page (English, marked for translation: show ``_(KIND_LABELS[kind])``).
KIND_LABELS: dict[str, str] = {
    "claim": N_("Claim"),
    "rebuttal": N_("Rebuttal"),
    "evidence": N_("Evidence"),
    "alternative": N_("Alternative"),
}
#: The kinds of node that answer a claim.
ANSWER_KINDS: tuple[str, ...] = ("rebuttal", "alternative")
#: The two sides of the debate.
SIDES: tuple[str, ...] = ("proposal", "essay")
#: Who put a node on the map: the essay (including the proposal's claims as the
#: essay reports them) or the course authors (evidence they added).
ORIGINS: tuple[str, ...] = ("essay", "course")
#: The course's chapters run from 1 to 13.
FIRST_CHAPTER, LAST_CHAPTER = 1, 13
#: Labels longer than this do not fit the figure on a narrow screen.
MAX_LABEL = 40
#: The fields of a node, in the order of ``data/argument_map.csv``.
FIELDS: tuple[str, ...] = ("node_id", "kind", "parent_id", "side", "origin", "label",
                           "summary", "chapter", "source", "note")

#: Fields that may be left out of a mapping: ``origin`` (default ``"essay"``) and ``note``.
_OPTIONAL = ("origin", "note")
_ID = re.compile(r"[a-z][a-z0-9_]*")
_SOURCE = re.compile(r"[a-z0-9_]+(; [a-z0-9_]+)*")


@dataclass(frozen=True)
class MapNode:
    """One node of the argument map (one row of ``data/argument_map.csv``)."""

    node_id: str
    kind: str
    parent_id: str | None
    side: str
    origin: str
    label: str
    summary: str
    chapter: int
    source: str
    note: str = ""


@dataclass(frozen=True)
class ArgumentMap:
    """A validated argument map. Build it with :func:`validate_map`.

    Nodes keep the order in which they were given; children are read in that
    order too, so the order of the data file is the reading order of the map.
    """

    nodes: tuple[MapNode, ...]
    _by_id: dict[str, MapNode] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {n.node_id: n for n in self.nodes})

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._by_id

    def node(self, node_id: str) -> MapNode:
        """The node with id ``node_id``; ``ValueError`` if there is none."""
        if not isinstance(node_id, str) or node_id not in self._by_id:
            raise ValueError(f"node_id must be a node of the map; got {node_id!r}")
        return self._by_id[node_id]

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        kids: dict[str, list[str]] = {n.node_id: [] for n in self.nodes}
        for n in self.nodes:
            if n.parent_id is not None:
                kids[n.parent_id].append(n.node_id)
        return {k: tuple(v) for k, v in kids.items()}

    def children(self, node_id: str) -> tuple[str, ...]:
        """Ids of the nodes that answer or support ``node_id``, in reading order."""
        self.node(node_id)
        return self._children[node_id]

    @property
    def roots(self) -> tuple[str, ...]:
        """Ids of the top-level claims, in reading order."""
        return tuple(n.node_id for n in self.nodes if n.parent_id is None)

    @property
    def claims(self) -> tuple[str, ...]:
        """Ids of every claim (top-level claims and sub-claims), in reading order."""
        return tuple(i for i in self.order if self._by_id[i].kind == "claim")

    @cached_property
    def order(self) -> tuple[str, ...]:
        """All ids in reading order: each top-level claim followed by its sub-tree (depth first)."""
        out: list[str] = []

        def visit(node_id: str) -> None:
            out.append(node_id)
            for child in self._children[node_id]:
                visit(child)

        for root in self.roots:
            visit(root)
        return tuple(out)

    def ancestors(self, node_id: str) -> tuple[str, ...]:
        """Ids from ``node_id``'s parent up to its top-level claim."""
        out = []
        parent = self.node(node_id).parent_id
        while parent is not None:
            out.append(parent)
            parent = self._by_id[parent].parent_id
        return tuple(out)

    def descendants(self, node_id: str) -> tuple[str, ...]:
        """Ids of every node below ``node_id``, in reading order."""
        self.node(node_id)
        out: list[str] = []
        stack = list(reversed(self._children[node_id]))
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self._children[current]))
        return tuple(out)

    def depth(self, node_id: str) -> int:
        """0 for a top-level claim, one more for each step down the tree."""
        return len(self.ancestors(node_id))

    def root_of(self, node_id: str) -> str:
        """The top-level claim above ``node_id`` (itself if it is one)."""
        chain = self.ancestors(node_id)
        return chain[-1] if chain else node_id


def _records(nodes: object) -> list[dict[str, Any]]:
    if isinstance(nodes, pd.DataFrame):
        missing = [f for f in FIELDS if f not in _OPTIONAL and f not in nodes.columns]
        if missing:
            raise ValueError(f"nodes is missing column(s): {', '.join(missing)}")
        records: list[dict[str, Any]] = []
        for rec in nodes.to_dict("records"):
            records.append({str(k): (None if _is_missing(v) else v) for k, v in rec.items()})
        return records
    if isinstance(nodes, str | bytes) or not isinstance(nodes, Iterable):
        raise ValueError(
            f"nodes must be a pandas DataFrame or a sequence of mappings, got {type(nodes).__name__}")
    records = []
    for i, rec in enumerate(nodes):
        if not isinstance(rec, Mapping):
            raise ValueError(f"nodes[{i}] must be a mapping of field to value, got {type(rec).__name__}")
        records.append({str(k): (None if _is_missing(v) else v) for k, v in rec.items()})
    return records


def _is_missing(value: Any) -> bool:  # any cell value; pandas' isna has no overload for object
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # arrays and other non-scalars are not "missing"
        return False


def _text(where: str, name: str, value: object, *, required: bool = True) -> str:
    if value is None:
        if required:
            raise ValueError(f"{where}: field '{name}' is empty, but a value is required")
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: field '{name}' must be text, got {type(value).__name__} {value!r}")
    if required and not value.strip():
        raise ValueError(f"{where}: field '{name}' is empty, but a value is required")
    return value.strip()


def _translated(rec: Mapping[str, Any], column: str) -> Any:
    """``column`` of a record in the reader's language where its ``<column>_ja`` holds a text,
    else the record's own value (missing or empty values are left for :func:`_text` to judge)."""
    japanese = rec.get(f"{column}_ja")
    return text(rec, column) if isinstance(japanese, str) and japanese else rec.get(column)


def _node(i: int, rec: dict[str, Any]) -> MapNode:
    where = f"nodes[{i}]"
    missing = [f for f in FIELDS if f not in _OPTIONAL and f not in rec]
    if missing:
        raise ValueError(f"{where}: field '{missing[0]}' is missing")
    node_id = _text(where, "node_id", rec["node_id"])
    where = f"node {node_id!r}"
    if not _ID.fullmatch(node_id):
        raise ValueError(f"{where}: field 'node_id' must be lower-case letters, digits and "
                         f"underscores, starting with a letter")
    kind = _text(where, "kind", rec["kind"])
    if kind not in KINDS:
        raise ValueError(f"{where}: field 'kind' must be one of {', '.join(KINDS)}; got {kind!r}")
    side = _text(where, "side", rec["side"])
    if side not in SIDES:
        raise ValueError(f"{where}: field 'side' must be one of {', '.join(SIDES)}; got {side!r}")
    origin = _text(where, "origin", rec.get("origin", "essay"))
    if origin not in ORIGINS:
        raise ValueError(f"{where}: field 'origin' must be one of {', '.join(ORIGINS)}; got {origin!r}")
    if origin == "course" and kind != "evidence":
        raise ValueError(f"{where}: field 'origin' is 'course', but only evidence may be added by the "
                         f"course: claims, rebuttals and alternatives come from the essay")
    parent = _text(where, "parent_id", rec["parent_id"], required=False) or None
    # A node's label, summary and note in the reader's language: their _ja columns
    # (data/argument_map.csv) for Japanese.
    label = _text(where, "label", text(rec, "label") if rec.get("label_ja") else rec["label"])
    if len(label) > MAX_LABEL:
        raise ValueError(f"{where}: field 'label' has {len(label)} characters; at most {MAX_LABEL} fit")
    summary = _text(where, "summary", _translated(rec, "summary"))
    chapter = rec["chapter"]
    if isinstance(chapter, bool) or not isinstance(chapter, Integral):
        raise ValueError(f"{where}: field 'chapter' must be a whole number, got {chapter!r}")
    if not FIRST_CHAPTER <= int(chapter) <= LAST_CHAPTER:
        raise ValueError(f"{where}: field 'chapter' must lie in {FIRST_CHAPTER}..{LAST_CHAPTER}, "
                         f"got {int(chapter)}")
    source = _text(where, "source", rec["source"])
    if not _SOURCE.fullmatch(source):
        raise ValueError(f"{where}: field 'source' must be BibTeX keys separated by '; ', got {source!r}")
    note = _text(where, "note", _translated(rec, "note"), required=False)
    return MapNode(node_id, kind, parent, side, origin, label, summary, int(chapter), source, note)


def validate_map(nodes: pd.DataFrame | Iterable[Mapping[str, Any]]) -> ArgumentMap:
    """Check an argument map and return it as an :class:`ArgumentMap`.

    Parameters
    ----------
    nodes
        The ``argument_map`` table (see ``data/datapackage.json``), or a
        sequence of mappings with the fields ``node_id``, ``kind``,
        ``parent_id``, ``side``, ``label``, ``summary``, ``chapter``,
        ``source`` and, optionally, ``origin`` (``"essay"``, the default, or
        ``"course"`` for evidence the course authors added) and ``note``. An
        empty ``parent_id`` marks a top-level claim.

    Returns
    -------
    ArgumentMap
        The nodes, in the order given.

    Raises
    ------
    ValueError
        Naming the node and the field at fault, when: an id is malformed or
        repeated; a kind, side or origin is unknown; a node other than
        evidence is marked as the course's addition; a label is empty or too long; a
        chapter is not in 1..13; a source is not a list of BibTeX keys; a
        parent does not exist, is the node itself, or closes a cycle; a node
        other than a claim is top-level; a claim is not on the proposal's
        side or supports something other than a claim; a rebuttal or an
        alternative is not on the essay's side or does not answer a claim;
        evidence supports another piece of evidence or sits on the other
        side from what it supports; or a claim has no rebuttal or alternative
        anywhere below it.

    Examples
    --------
    >>> amap = validate_map([
    ...     {"node_id": "c1", "kind": "claim", "parent_id": None, "side": "proposal",
    ...      "label": "A claim", "summary": "Something.", "chapter": 2, "source": "albessard2025"},
    ...     {"node_id": "r1", "kind": "rebuttal", "parent_id": "c1", "side": "essay",
    ...      "label": "An answer", "summary": "Not so.", "chapter": 3, "source": "albessard2025"},
    ... ])
    >>> amap.roots, amap.children("c1")
    (('c1',), ('r1',))
    >>> validate_map([{"node_id": "r1", "kind": "rebuttal", "parent_id": "c9", "side": "essay",
    ...     "label": "x", "summary": "y", "chapter": 3, "source": "albessard2025"}])
    Traceback (most recent call last):
    ...
    ValueError: node 'r1': field 'parent_id' names 'c9', which is not a node of the map
    """
    records = _records(nodes)
    if not records:
        raise ValueError("nodes is empty: the map needs at least one claim")
    parsed: list[MapNode] = []
    seen: set[str] = set()
    for i, rec in enumerate(records):
        node = _node(i, rec)
        if node.node_id in seen:
            raise ValueError(f"node {node.node_id!r}: field 'node_id' repeats an earlier node")
        seen.add(node.node_id)
        parsed.append(node)
    by_id = {n.node_id: n for n in parsed}

    for n in parsed:
        if n.parent_id is None:
            continue
        if n.parent_id == n.node_id:
            raise ValueError(f"node {n.node_id!r}: field 'parent_id' names the node itself")
        if n.parent_id not in by_id:
            raise ValueError(f"node {n.node_id!r}: field 'parent_id' names {n.parent_id!r}, "
                             f"which is not a node of the map")

    for n in parsed:  # follow each chain of parents; a repeat is a cycle
        chain = [n.node_id]
        parent_id = n.parent_id
        while parent_id is not None:
            if parent_id in chain:
                loop = " -> ".join(chain[chain.index(parent_id):] + [parent_id])
                raise ValueError(f"node {n.node_id!r}: field 'parent_id' closes a cycle ({loop})")
            chain.append(parent_id)
            parent_id = by_id[parent_id].parent_id

    for n in parsed:
        where = f"node {n.node_id!r}"
        parent = by_id[n.parent_id] if n.parent_id is not None else None
        if parent is None and n.kind != "claim":
            raise ValueError(f"{where}: field 'parent_id' is empty, but only claims can be top-level "
                             f"(a {n.kind} must answer or support another node)")
        if n.kind == "claim":
            if n.side != "proposal":
                raise ValueError(f"{where}: field 'side' must be 'proposal' for a claim, got {n.side!r}")
            if parent is not None and parent.kind != "claim":
                raise ValueError(f"{where}: field 'parent_id' names the {parent.kind} "
                                 f"{parent.node_id!r}, but a claim can only support another claim")
        elif n.kind in ANSWER_KINDS:
            if n.side != "essay":
                raise ValueError(f"{where}: field 'side' must be 'essay' for a {n.kind}, got {n.side!r}")
            assert parent is not None
            if parent.kind != "claim":
                raise ValueError(f"{where}: field 'parent_id' names the {parent.kind} "
                                 f"{parent.node_id!r}, but a {n.kind} must answer a claim")
        else:  # evidence
            assert parent is not None
            if parent.kind == "evidence":
                raise ValueError(f"{where}: field 'parent_id' names the evidence {parent.node_id!r}, "
                                 f"but evidence must support a claim, a rebuttal or an alternative")
            if n.side != parent.side:
                raise ValueError(f"{where}: field 'side' is {n.side!r}, but the node it supports "
                                 f"({parent.node_id!r}) is on the {parent.side!r} side")

    amap = ArgumentMap(tuple(parsed))
    for n in parsed:
        if n.kind == "claim" and not any(amap.node(d).kind in ANSWER_KINDS
                                         for d in amap.descendants(n.node_id)):
            raise ValueError(f"node {n.node_id!r}: field 'kind' is claim, but no rebuttal or "
                             f"alternative answers it")
    return amap


def _as_map(amap: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]]) -> ArgumentMap:
    return amap if isinstance(amap, ArgumentMap) else validate_map(amap)


def layout(amap: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    """Place every node: ``x`` is its depth in the tree, ``y`` its row in reading order.

    Top-level claims sit in column 0; a node that answers or supports another
    sits one column to its right. Rows count from 0 at the top: each
    top-level claim is followed by its whole sub-tree, depth first, so every
    sub-tree occupies a block of consecutive rows.

    Examples
    --------
    >>> amap = validate_map([
    ...     {"node_id": "c1", "kind": "claim", "parent_id": None, "side": "proposal",
    ...      "label": "Claim", "summary": "s", "chapter": 2, "source": "albessard2025"},
    ...     {"node_id": "c2", "kind": "claim", "parent_id": None, "side": "proposal",
    ...      "label": "Other claim", "summary": "s", "chapter": 7, "source": "albessard2025"},
    ...     {"node_id": "r1", "kind": "rebuttal", "parent_id": "c1", "side": "essay",
    ...      "label": "Answer", "summary": "s", "chapter": 3, "source": "albessard2025"},
    ...     {"node_id": "r2", "kind": "rebuttal", "parent_id": "c2", "side": "essay",
    ...      "label": "Answer 2", "summary": "s", "chapter": 8, "source": "albessard2025"},
    ...     {"node_id": "e1", "kind": "evidence", "parent_id": "r1", "side": "essay",
    ...      "label": "Fact", "summary": "s", "chapter": 3, "source": "albessard2025"},
    ... ])
    >>> layout(amap)
    {'c1': (0, 0), 'r1': (1, 1), 'e1': (2, 2), 'c2': (0, 3), 'r2': (1, 4)}
    """
    amap = _as_map(amap)
    return {node_id: (amap.depth(node_id), row) for row, node_id in enumerate(amap.order)}


@dataclass(frozen=True)
class Focus:
    """The part of the map connected to one node (or the whole map).

    Attributes
    ----------
    node_id
        The focused node, or ``None`` for the whole map.
    root
        Its top-level claim (``None`` for the whole map).
    nodes
        Ids of the focused node, its ancestors and its descendants, in reading order.
    edges
        ``(parent, child)`` pairs with both ends in ``nodes``, in reading order of the child.
    chapter
        The chapter that treats the focused node (``None`` for the whole map).
    chapters
        Every chapter that treats a node of the focus, in increasing order.
    """

    node_id: str | None
    root: str | None
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    chapter: int | None
    chapters: tuple[int, ...]


def focus(amap: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]],
          node_id: str | None = None) -> Focus:
    """The nodes connected to ``node_id``: its claim above it, its rebuttals, their evidence.

    Parameters
    ----------
    amap
        A validated map (or a table that :func:`validate_map` accepts).
    node_id
        The node to focus on, usually a claim; ``None`` for the whole map.

    Returns
    -------
    Focus
        For a claim: the claim, the claims it supports up to its top-level
        claim, and everything below it (sub-claims, rebuttals, alternatives,
        evidence), with the chapters that treat them.

    Raises
    ------
    ValueError
        If ``node_id`` is not a node of the map.

    Examples
    --------
    >>> amap = validate_map([
    ...     {"node_id": "c1", "kind": "claim", "parent_id": None, "side": "proposal",
    ...      "label": "Claim", "summary": "s", "chapter": 2, "source": "albessard2025"},
    ...     {"node_id": "r1", "kind": "rebuttal", "parent_id": "c1", "side": "essay",
    ...      "label": "Answer", "summary": "s", "chapter": 4, "source": "albessard2025"},
    ...     {"node_id": "c2", "kind": "claim", "parent_id": None, "side": "proposal",
    ...      "label": "Other", "summary": "s", "chapter": 7, "source": "albessard2025"},
    ...     {"node_id": "r2", "kind": "rebuttal", "parent_id": "c2", "side": "essay",
    ...      "label": "Answer 2", "summary": "s", "chapter": 8, "source": "albessard2025"},
    ... ])
    >>> f = focus(amap, "c1")
    >>> f.nodes, f.edges, f.chapter, f.chapters
    (('c1', 'r1'), (('c1', 'r1'),), 2, (2, 4))
    >>> focus(amap).chapters
    (2, 4, 7, 8)
    """
    amap = _as_map(amap)
    if node_id is None:
        members = set(amap.order)
        chapter, root = None, None
    else:
        node = amap.node(node_id)
        members = {node_id, *amap.ancestors(node_id), *amap.descendants(node_id)}
        chapter, root = node.chapter, amap.root_of(node_id)
    nodes = tuple(i for i in amap.order if i in members)
    edges = tuple((amap.node(i).parent_id, i) for i in nodes
                  if amap.node(i).parent_id is not None and amap.node(i).parent_id in members)
    chapters = tuple(sorted({amap.node(i).chapter for i in nodes}))
    return Focus(node_id=node_id, root=root, nodes=nodes, edges=edges,  # type: ignore[arg-type]
                 chapter=chapter, chapters=chapters)


def argument_table(amap: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """The map as a table in reading order, one row per node, grouped by top-level claim.

    Columns: ``claim`` (the top-level claim's label), ``node_id``, ``depth``,
    ``kind`` (as shown on the page), ``side``, ``origin``, ``label``, ``answers`` (the
    label of the node it answers or supports, empty for a top-level claim),
    ``chapter``, ``summary``, ``note``, ``detail`` (the summary followed by
    the note, for display) and ``source``.

    Examples
    --------
    >>> amap = validate_map([
    ...     {"node_id": "c1", "kind": "claim", "parent_id": None, "side": "proposal",
    ...      "label": "Claim", "summary": "s", "chapter": 2, "source": "albessard2025"},
    ...     {"node_id": "r1", "kind": "rebuttal", "parent_id": "c1", "side": "essay",
    ...      "label": "Answer", "summary": "t", "chapter": 4, "source": "albessard2025"},
    ... ])
    >>> argument_table(amap)[["claim", "kind", "answers"]].values.tolist()
    [['Claim', 'Claim', ''], ['Claim', 'Rebuttal', 'Claim']]
    """
    amap = _as_map(amap)
    rows = []
    for node_id in amap.order:
        n = amap.node(node_id)
        rows.append({
            "claim": amap.node(amap.root_of(node_id)).label,
            "node_id": n.node_id,
            "depth": amap.depth(node_id),
            "kind": _(KIND_LABELS[n.kind]),
            "side": n.side,
            "origin": n.origin,
            "label": n.label,
            "answers": amap.node(n.parent_id).label if n.parent_id is not None else "",
            "chapter": n.chapter,
            "summary": n.summary,
            "note": n.note,
            "detail": (_("{summary} Note: {note}").format(summary=n.summary, note=n.note) if n.note
                       else n.summary),
            "source": n.source,
        })
    return pd.DataFrame(rows)


def evidence_profile(amap: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """For each top-level claim: how the essay answers it, with evidence or with argument.

    Columns: ``claim`` (its label), ``rebuttals`` and ``alternatives`` (the
    essay's answers anywhere below the claim), ``backed`` (those answers
    with at least one piece of the essay's own evidence directly under
    them), ``unbacked`` (the others, answered by argument alone),
    ``essay_evidence`` (pieces of evidence the essay offers),
    ``course_evidence`` (pieces the course authors added, on either side)
    and ``chapters`` (the chapters that treat the claim's sub-tree, as text).

    Examples
    --------
    >>> amap = validate_map([
    ...     {"node_id": "c1", "kind": "claim", "parent_id": None, "side": "proposal",
    ...      "label": "Claim", "summary": "s", "chapter": 2, "source": "albessard2025"},
    ...     {"node_id": "r1", "kind": "rebuttal", "parent_id": "c1", "side": "essay",
    ...      "label": "Answer", "summary": "s", "chapter": 4, "source": "albessard2025"},
    ...     {"node_id": "r2", "kind": "rebuttal", "parent_id": "c1", "side": "essay",
    ...      "label": "Answer 2", "summary": "s", "chapter": 5, "source": "albessard2025"},
    ...     {"node_id": "e1", "kind": "evidence", "parent_id": "r1", "side": "essay",
    ...      "label": "Fact", "summary": "s", "chapter": 4, "source": "albessard2025"},
    ...     {"node_id": "e2", "kind": "evidence", "parent_id": "r2", "side": "essay",
    ...      "origin": "course", "label": "Added fact", "summary": "s", "chapter": 5,
    ...      "source": "albessard2025"},
    ... ])
    >>> profile = evidence_profile(amap)
    >>> [int(profile.loc[0, c]) for c in ("rebuttals", "backed", "unbacked", "essay_evidence",
    ...                                   "course_evidence")]
    [2, 1, 1, 1, 1]
    """
    amap = _as_map(amap)
    rows = []
    for root in amap.roots:
        below = [amap.node(i) for i in amap.descendants(root)]
        answers = [n for n in below if n.kind in ANSWER_KINDS]
        backed = [a for a in answers
                  if any(amap.node(c).kind == "evidence" and amap.node(c).origin == "essay"
                         for c in amap.children(a.node_id))]
        rows.append({
            "claim": amap.node(root).label,
            "rebuttals": sum(n.kind == "rebuttal" for n in below),
            "alternatives": sum(n.kind == "alternative" for n in below),
            "backed": len(backed),
            "unbacked": len(answers) - len(backed),
            "essay_evidence": sum(n.kind == "evidence" and n.origin == "essay" for n in below),
            "course_evidence": sum(n.kind == "evidence" and n.origin == "course" for n in below),
            "chapters": ", ".join(str(c) for c in focus(amap, root).chapters),
        })
    return pd.DataFrame(rows)
