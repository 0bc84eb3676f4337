"""Plotly face of the argument map: the debate as a tree, with a "Focus on a claim" dropdown.

Nodes are drawn as an outline: each top-level claim in column 0, and every
node that answers or supports another one column to its right, on its own
row, linked to it by an elbow line. Colour shows the side (the proposal, the
essay, the essay's alternatives) and the marker's shape shows the kind of node.

Every state of the dropdown is computed here by calling the model's
:func:`proliferation_course.models.argument_map.focus`: the focused sub-tree
is drawn in full, the rest of the map is dimmed, and an annotation names the
chapters that treat it. Hovering over a node shows its summary. The key to the
colours and shapes is the legend (legend-only traces after the four drawn
ones), so that dark mode recolours it with the rest.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..i18n import N_, _
from ..models.argument_map import (
    KIND_LABELS,
    ArgumentMap,
    Focus,
    argument_table,
    evidence_profile,
    focus,
    layout,
    validate_map,
)
from ..tables import DataTable, data_table
from .controls import check_initial, choice, dropdown
from .style import SPACE, base_layout, color

__all__ = [
    "DYNAMIC_TRACES",
    "KIND_SIZES",
    "KIND_SYMBOLS",
    "FOCUS_LABEL",
    "SIDE_COLORS",
    "SIDE_NAMES",
    "WHOLE_MAP",
    "argument_map_figure",
    "argument_map_snapshot_figure",
    "claim_tables",
    "focus_annotation",
    "focus_choices",
    "focus_for",
    "map_annotations",
    "map_state",
    "node_color",
    "profile_table",
]

#: The dropdown entry that shows the whole map (it is not a node id).
WHOLE_MAP = "whole_map"
#: Marker shape of each kind of node.
KIND_SYMBOLS: dict[str, str] = {
    "claim": "square",
    "rebuttal": "circle",
    "evidence": "diamond",
    "alternative": "triangle-up",
}
#: Palette colours of the sides (unordered categories): the proposal (vermilion), the essay
#: (blue), the essay's alternatives (green).
SIDE_COLORS: dict[str, str] = {
    "proposal": color("category_2"),
    "essay": color("category_1"),
    "alternative": color("category_4"),
}
#: The key's names for the sides, in the legend.
SIDE_NAMES: dict[str, str] = {"proposal": N_("the proposal"), "essay": N_("the essay"),
                              "alternative": N_("its alternatives")}
#: The sides as the page's tables name them.
SIDE_WORDS: dict[str, str] = {"proposal": N_("proposal"), "essay": N_("essay")}
#: The kinds as the legend names them (lower case, after the shapes).
KIND_WORDS: dict[str, str] = {"claim": N_("claim"), "rebuttal": N_("rebuttal"), "evidence": N_("evidence"),
                              "alternative": N_("alternative")}
#: The visible label of the focus control (the static dropdown and the live panel's), shown as
#: ``_(FOCUS_LABEL)``.
FOCUS_LABEL = N_("Focus on a claim")
#: Marker size of each kind of node (triangles look smaller than squares at the same size).
KIND_SIZES: dict[str, int] = {"claim": 10, "rebuttal": 10, "evidence": 11, "alternative": 13}
#: Traces that change with the focus: dimmed labels, focused edges, focused nodes.
DYNAMIC_TRACES = [1, 2, 3]
_ROW_PX, _ROW_PX_NARROW = 19, 18
_TOP, _BOTTOM, _BOTTOM_NARROW = 90, 80, 120


def _as_map(nodes: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]]) -> ArgumentMap:
    return nodes if isinstance(nodes, ArgumentMap) else validate_map(nodes)


def node_color(amap: ArgumentMap, node_id: str) -> str:
    """The colour of a node: its side's, or green for the essay's alternatives and their evidence.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> amap = validate_map(load_table("argument_map"))
    >>> node_color(amap, "c_security") == SIDE_COLORS["proposal"]
    True
    >>> node_color(amap, "e_b52") == SIDE_COLORS["alternative"]
    True
    """
    node = amap.node(node_id)
    line = (node_id, *amap.ancestors(node_id))
    if any(amap.node(i).kind == "alternative" for i in line):
        return SIDE_COLORS["alternative"]
    return SIDE_COLORS[node.side]


def _display(amap: ArgumentMap, node_id: str) -> str:
    node = amap.node(node_id)
    return _("{label} · ch. {chapter}").format(label=node.label, chapter=node.chapter)


def _hover(amap: ArgumentMap, node_id: str) -> str:
    node = amap.node(node_id)
    if node.side == "essay":
        kind = _("{kind} from the essay").format(kind=_(KIND_LABELS[node.kind]))
    else:
        kind = _("{kind} from the proposal (as the essay reports it)").format(kind=_(KIND_LABELS[node.kind]))
    origin = _(" · added by the course") if node.origin == "course" else ""
    summary = "<br>".join(textwrap.wrap(node.summary, 58))
    chapter = _("Chapter {chapter}").format(chapter=node.chapter)
    return f"<b>{node.label}</b><br>{kind}{origin}<br>{summary}<br><i>{chapter}</i>"


def focus_choices(nodes: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]],
                  claims: str = "top") -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a focus control: the whole map, then the claims.

    ``claims="top"`` lists the top-level claims (the static figure's dropdown);
    ``claims="all"`` adds the sub-claims, indented (the live panel).

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> focus_choices(load_table("argument_map"))[:2]
    [('Whole map', 'whole_map'), ('Most reliable protection', 'c_security')]
    """
    amap = _as_map(nodes)
    if claims not in ("top", "all"):
        raise ValueError(f"claims must be one of top, all; got {claims!r}")
    ids = amap.roots if claims == "top" else amap.claims
    out = [(_("Whole map"), WHOLE_MAP)]
    for node_id in ids:
        indent = "  ↳ " * amap.depth(node_id)
        out.append((f"{indent}{amap.node(node_id).label}", node_id))
    return out


def focus_for(amap: ArgumentMap, choice: str) -> Focus:
    """The model's :func:`~proliferation_course.models.argument_map.focus` for a control's value.

    :data:`WHOLE_MAP` stands for the whole map; any other value is a node id.
    """
    return focus(amap, None if choice == WHOLE_MAP else choice)


def focus_annotation(amap: ArgumentMap, choice: str) -> dict[str, Any]:
    """The annotation above the map that names the chapters treating the focused claim.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> amap = validate_map(load_table("argument_map"))
    >>> focus_annotation(amap, "c_burden")["text"]
    'In chapter 4 · its sub-tree in 4, 9'
    """
    f = focus_for(amap, choice)
    # short enough for one line on a 320 px phone
    if f.node_id is None:
        text = _("Whole map · chapters {first}–{last}").format(first=f.chapters[0], last=f.chapters[-1])
    else:
        text = _("In chapter {chapter} · its sub-tree in {chapters}").format(
            chapter=f.chapter, chapters=", ".join(str(c) for c in f.chapters))
    return {"xref": "paper", "x": 0, "yref": "paper", "y": 1, "yanchor": "bottom",
            "xanchor": "left", "yshift": 6, "showarrow": False, "align": "left",
            "text": text}


def _key_traces() -> list[go.Scatter]:
    """Legend-only traces: the kinds (shapes, in ink) and the sides (colours)."""
    kinds = [go.Scatter(x=[None], y=[None], mode="markers", name=_(KIND_WORDS[k]),
                        marker={"symbol": KIND_SYMBOLS[k], "size": 10, "color": color("text")},
                        hoverinfo="skip", legendgroup="kinds")
             for k in KIND_SYMBOLS]
    sides = [go.Scatter(x=[None], y=[None], mode="markers", name=_(SIDE_NAMES[side]),
                        marker={"symbol": "square", "size": 10, "color": value},
                        hoverinfo="skip", legendgroup="sides")
             for side, value in SIDE_COLORS.items()]
    return kinds + sides


def map_annotations(amap: ArgumentMap, choice: str) -> list[dict[str, Any]]:
    """The figure's annotations for one focus: the chapters that treat it."""
    return [focus_annotation(amap, choice)]


def _edges(amap: ArgumentMap, pos: dict[str, tuple[int, int]],
           pairs: Iterable[tuple[str, str]]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for parent, child in pairs:
        (xp, yp), (xc, yc) = pos[parent], pos[child]
        xs += [xp, xp, xc, None]
        ys += [yp, yc, yc, None]
    return xs, ys


def map_state(nodes: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]],
              choice: str = WHOLE_MAP) -> dict[str, list]:
    """The ``restyle`` payload for one focus: dimmed labels, focused edges and focused nodes.

    Each key maps to one value per trace of :data:`DYNAMIC_TRACES`, in that
    order; the nodes and edges come from
    :func:`~proliferation_course.models.argument_map.focus`.

    Parameters
    ----------
    nodes
        The map (validated, or a table :func:`validate_map` accepts).
    choice
        A node id, or :data:`WHOLE_MAP`.
    """
    amap = _as_map(nodes)
    f = focus_for(amap, choice)
    pos = layout(amap)
    inside = set(f.nodes)
    dim_text = ["" if i in inside else _display(amap, i) for i in amap.order]
    ex, ey = _edges(amap, pos, f.edges)
    return {
        "x": [[pos[i][0] for i in amap.order], ex, [pos[i][0] for i in f.nodes]],
        "y": [[pos[i][1] for i in amap.order], ey, [pos[i][1] for i in f.nodes]],
        "text": [dim_text, None, [_display(amap, i) for i in f.nodes]],
        "marker.color": [[node_color(amap, i) for i in amap.order], None,
                         [node_color(amap, i) for i in f.nodes]],
        # outside the focus, hollow shapes (full colour, so that they keep 3:1 on the page)
        "marker.symbol": [[KIND_SYMBOLS[amap.node(i).kind] + "-open" for i in amap.order], None,
                          [KIND_SYMBOLS[amap.node(i).kind] for i in f.nodes]],
        "marker.size": [[KIND_SIZES[amap.node(i).kind] for i in amap.order], None,
                        [KIND_SIZES[amap.node(i).kind] + 1 for i in f.nodes]],
    }


def _height(rows: int, row_px: int, bottom: int = _BOTTOM) -> int:
    return _TOP + bottom + row_px * rows


def argument_map_snapshot_figure(nodes: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]],
                                 choice: str = WHOLE_MAP) -> go.Figure:
    """The argument map for one focus, with no controls (the live panel wraps this).

    Parameters
    ----------
    nodes
        The ``argument_map`` table, or a validated map.
    choice
        A node id to focus on, or :data:`WHOLE_MAP`.

    Returns
    -------
    plotly.graph_objects.Figure
        Trace 0: every edge, faint; trace 1: every node, hollow, with the
        labels of the nodes outside the focus; trace 2: the focused edges;
        trace 3: the focused nodes with their labels.
    """
    amap = _as_map(nodes)
    state = map_state(amap, choice)
    pos = layout(amap)
    rows = len(amap)
    depth = max(x for x, _ in pos.values())
    all_edges = [(amap.node(i).parent_id, i) for i in amap.order if amap.node(i).parent_id]
    ex, ey = _edges(amap, pos, all_edges)  # type: ignore[arg-type]
    hover = "%{customdata}<extra></extra>"
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ex, y=ey, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": color("grid"), "width": 1}, name=_("All links")))
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], mode="markers+text",
                             text=state["text"][0], textposition="middle right",
                             textfont={"color": color("muted")},
                             customdata=[_hover(amap, i) for i in amap.order],
                             hovertemplate=hover, showlegend=False, name=_("Other nodes"),
                             marker={"color": state["marker.color"][0],
                                     "symbol": state["marker.symbol"][0],
                                     "size": state["marker.size"][0]},
                             cliponaxis=False))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], mode="lines", hoverinfo="skip",
                             showlegend=False, line={"color": color("axis"), "width": 1.6},
                             name=_("Focused links")))
    fig.add_trace(go.Scatter(x=state["x"][2], y=state["y"][2], mode="markers+text",
                             text=state["text"][2], textposition="middle right",
                             # Hover passes through to the dimmed marker beneath (trace 1),
                             # which holds every node's summary: no button resends them.
                             hoverinfo="skip",
                             showlegend=False, name=_("Focused nodes"), cliponaxis=False,
                             marker={"color": state["marker.color"][2],
                                     "symbol": state["marker.symbol"][2],
                                     "size": state["marker.size"][2],
                                     "line": {"color": color("background"), "width": 1}}))
    fig.add_traces(_key_traces())
    narrow_height = _height(rows, _ROW_PX_NARROW, _BOTTOM_NARROW)
    fig.update_layout(
        base_layout(title=_("The debate as an argument map (the course's reconstruction)"),
                    height=_height(rows, _ROW_PX)),
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": _TOP, "b": _BOTTOM},
        xaxis={"range": [-0.25, depth + 3.6], "visible": False, "fixedrange": True},
        yaxis={"range": [rows - 0.4, -0.8], "visible": False, "fixedrange": True},
        annotations=map_annotations(amap, choice),
        hovermode="closest",
        hoverlabel={"align": "left", "font": {"size": 12}},
        # The key: shapes (kinds) on one row, colours (sides) on the next.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "grouped", "tracegroupgap": SPACE["xs"],
                "itemclick": False, "itemdoubleclick": False},
        meta={
            "subtitle": _("The two sides of the debate as a tree: each claim, the rebuttals and "
                          "evidence that answer it, and the essay's alternatives. Focus on a claim "
                          "to see its sub-tree and the chapters that treat it."),
            "notes": _("The course's reconstruction of the essay's argument; hover over (or tap) a "
                       "node for its summary. Shapes give the kind of node, colours the side."),
            "source": _("Albessard (2025), and Graefrath and Raymond (2025) as the essay reports "
                        "them; the nodes the course added are marked as such."),
            "description": _("{rows} nodes in {claims} top-level claims; {focus}.").format(
                rows=rows, claims=len(amap.roots), focus=focus_annotation(amap, choice)["text"]),
            # Below 560 px a wider x range squeezes the columns into narrow indents, so that
            # every label (at 11 px) still fits to the right of its marker on a 320 px phone.
            "narrow": {"height": narrow_height, "margin.b": _BOTTOM_NARROW,
                       "margin.l": SPACE["xs"], "margin.r": 0,
                       # the node labels at the minimum size (the template's is 12 px)
                       "data[1].textfont.size": 11, "data[3].textfont.size": 11,
                       "xaxis.range": [-0.2, depth + 22.0], "font.size": 11}},
    )
    return fig


def argument_map_figure(nodes: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]],
                        initial: str = WHOLE_MAP) -> go.Figure:
    """The static face of the argument map, with a "Focus on a claim" dropdown.

    Parameters
    ----------
    nodes
        The ``argument_map`` table (see ``data/datapackage.json``), or a validated map.
    initial
        The entry shown first: :data:`WHOLE_MAP` or the id of a top-level claim.

    Returns
    -------
    plotly.graph_objects.Figure
        One dropdown entry for the whole map and one per top-level claim;
        each carries the state computed by :func:`map_state` (from the
        model's ``focus``) and the annotation naming the chapters.

    Raises
    ------
    ValueError
        If the map is invalid (see :func:`validate_map`) or ``initial`` is not
        an entry of the dropdown.
    """
    amap = _as_map(nodes)
    choices = focus_choices(amap)
    values = [v for _, v in choices]
    initial = check_initial(initial, values, what="the whole map and the top-level claims")
    entries = [choice(label, state=map_state(amap, value),
                      layout={"annotations": map_annotations(amap, value)}, traces=DYNAMIC_TRACES)
               for label, value in choices]
    fig = argument_map_snapshot_figure(amap, initial)
    menu = dropdown(entries, label=_(FOCUS_LABEL), active=values.index(initial))
    menu["pad"] = {"b": 28}  # room for the chapters' note above the map (Jupyter)
    fig.update_layout(updatemenus=[menu])
    return fig


def profile_table(amap: ArgumentMap) -> DataTable:
    """How the essay answers each top-level claim, as the page shows it (counts from the map)."""
    return data_table(
        evidence_profile(amap),
        {"claim": _("Top-level claim"), "rebuttals": _("Rebuttals"), "alternatives": _("Alternatives"),
         "backed": _("With evidence"), "unbacked": _("By argument"),
         "essay_evidence": _("Essay's evidence"), "course_evidence": _("Course's additions")},
        caption=_("How the essay answers each claim (counts from the argument map)"),
        source_column=None,
    )


def claim_tables(amap: ArgumentMap) -> list[DataTable]:
    """The map as tables, one per top-level claim, as the page shows them: each node, its kind,
    side, what it answers and its chapter, with its summary under it."""
    table = argument_table(amap)
    table = table.assign(side=[_(SIDE_WORDS.get(str(s), str(s))) for s in table["side"]])
    return [data_table(rows,
                       {"label": _("Node"), "kind": _("Kind"), "side": _("Side"),
                        "answers": _("Answers or supports"), "chapter": _("Chapter")},
                       caption=_("Argument map, claim {number}: {claim}").format(number=n, claim=claim),
                       note_column="detail", note_heading=_("Summary"))
            for n, (claim, rows) in enumerate(table.groupby("claim", sort=False), start=1)]
