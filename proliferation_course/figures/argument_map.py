"""Plotly face of the argument map: the debate as a tree, with a "Focus on a claim" dropdown.

Nodes are drawn as an outline: each top-level claim in column 0, and every
node that answers or supports another one column to its right, on its own
row, linked to it by an elbow line. Colour shows the side (the proposal, the
essay, the essay's alternatives) and the marker's shape shows the kind of node.

Every state of the dropdown is computed here by calling the model's
:func:`proliferation_course.models.argument_map.focus`: the focused sub-tree
is drawn in full, the rest of the map is dimmed, and an annotation names the
chapters that treat it. Hovering over a node shows its summary.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..models.argument_map import KIND_LABELS, ArgumentMap, Focus, focus, layout, validate_map
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "DYNAMIC_TRACES",
    "KIND_SIZES",
    "KIND_SYMBOLS",
    "SIDE_COLORS",
    "WHOLE_MAP",
    "argument_map_figure",
    "argument_map_snapshot_figure",
    "focus_annotation",
    "focus_choices",
    "focus_for",
    "map_annotations",
    "map_state",
    "node_color",
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
#: Okabe-Ito colours: the proposal (vermillion), the essay (blue), the essay's alternatives (green).
SIDE_COLORS: dict[str, str] = {
    "proposal": COLORS["fails"],
    "essay": COLORS["triangle"],
    "alternative": COLORS["holds"],
}
#: Marker size of each kind of node (triangles look smaller than squares at the same size).
KIND_SIZES: dict[str, int] = {"claim": 10, "rebuttal": 10, "evidence": 11, "alternative": 13}
#: Unicode glyphs matching the marker shapes, for the key under the figure.
_GLYPHS = {"claim": "■", "rebuttal": "●", "evidence": "◆", "alternative": "▲"}
#: Traces that change with the focus: dimmed labels, focused edges, focused nodes.
DYNAMIC_TRACES = [1, 2, 3]
_DIM_TEXT = "rgba(140, 140, 140, 0.85)"
_DIM_EDGE = "rgba(154, 154, 154, 0.35)"
_FOCUS_EDGE = "#8a8a8a"
_ROW_PX, _ROW_PX_NARROW = 19, 17
_TOP, _BOTTOM = 140, 56


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
    return f"{node.label} · ch. {node.chapter}"


def _hover(amap: ArgumentMap, node_id: str) -> str:
    node = amap.node(node_id)
    side = "the essay" if node.side == "essay" else "the proposal (as the essay reports it)"
    origin = " · added by the course" if node.origin == "course" else ""
    summary = "<br>".join(textwrap.wrap(node.summary, 58))
    return (f"<b>{node.label}</b><br>{KIND_LABELS[node.kind]} from {side}{origin}<br>"
            f"{summary}<br><i>Chapter {node.chapter}</i>")


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
    out = [("Whole map", WHOLE_MAP)]
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
    'Claim treated in chapter 4 · its sub-tree in chapters 4, 9'
    """
    f = focus_for(amap, choice)
    if f.node_id is None:
        text = (f"Whole map · the essay's argument in chapters "
                f"{f.chapters[0]}–{f.chapters[-1]}")
    else:
        text = (f"Claim treated in chapter {f.chapter} · its sub-tree in chapters "
                f"{', '.join(str(c) for c in f.chapters)}")
    return {"xref": "paper", "x": 0, "yref": "paper", "y": 1, "yanchor": "bottom",
            "xanchor": "left", "yshift": 6, "showarrow": False, "align": "left",
            "text": text}


def _key_annotation() -> dict[str, Any]:
    kinds = "   ".join(f'<span style="color:{COLORS["text"]}">{_GLYPHS[k]}</span> {KIND_LABELS[k].lower()}'
                       for k in KIND_SYMBOLS)
    sides = (f'<span style="color:{SIDE_COLORS["proposal"]}">■</span> the proposal   '
             f'<span style="color:{SIDE_COLORS["essay"]}">■</span> the essay   '
             f'<span style="color:{SIDE_COLORS["alternative"]}">■</span> its alternatives')
    return {"xref": "paper", "x": 0, "yref": "paper", "y": 0, "yanchor": "top", "xanchor": "left",
            "yshift": -6, "showarrow": False, "align": "left", "text": f"{kinds}<br>{sides}"}


def _label_annotation() -> dict[str, Any]:
    return {"xref": "paper", "x": 0, "yref": "paper", "y": 1, "yanchor": "bottom",
            "xanchor": "left", "yshift": 72, "showarrow": False, "text": "<b>Focus on a claim:</b>"}


def map_annotations(amap: ArgumentMap, choice: str) -> list[dict[str, Any]]:
    """The figure's annotations for one focus: the control's label, the chapters, the key."""
    return [_label_annotation(), focus_annotation(amap, choice), _key_annotation()]


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
        "marker.symbol": [[KIND_SYMBOLS[amap.node(i).kind] for i in amap.order], None,
                          [KIND_SYMBOLS[amap.node(i).kind] for i in f.nodes]],
        "marker.size": [[KIND_SIZES[amap.node(i).kind] for i in amap.order], None,
                        [KIND_SIZES[amap.node(i).kind] + 1 for i in f.nodes]],
    }


def _height(rows: int, row_px: int) -> int:
    return _TOP + _BOTTOM + row_px * rows


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
        Trace 0: every edge, faint; trace 1: every node, dimmed, with the
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
                             line={"color": _DIM_EDGE, "width": 1}, name="All links"))
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], mode="markers+text",
                             text=state["text"][0], textposition="middle right",
                             textfont={"color": _DIM_TEXT},
                             customdata=[_hover(amap, i) for i in amap.order],
                             hovertemplate=hover, showlegend=False, name="Other nodes",
                             marker={"color": state["marker.color"][0],
                                     "symbol": state["marker.symbol"][0],
                                     "size": state["marker.size"][0], "opacity": 0.3},
                             cliponaxis=False))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], mode="lines", hoverinfo="skip",
                             showlegend=False, line={"color": _FOCUS_EDGE, "width": 1.6},
                             name="Focused links"))
    fig.add_trace(go.Scatter(x=state["x"][2], y=state["y"][2], mode="markers+text",
                             text=state["text"][2], textposition="middle right",
                             # Hover passes through to the dimmed marker beneath (trace 1),
                             # which holds every node's summary: no button resends them.
                             hoverinfo="skip",
                             showlegend=False, name="Focused nodes", cliponaxis=False,
                             marker={"color": state["marker.color"][2],
                                     "symbol": state["marker.symbol"][2],
                                     "size": state["marker.size"][2],
                                     "line": {"color": "white", "width": 1}}))
    narrow_height = _height(rows, _ROW_PX_NARROW)
    fig.update_layout(
        base_layout(title="The debate as an argument map (the course's reconstruction)",
                    height=_height(rows, _ROW_PX)),
        margin={"l": 12, "r": 12, "t": _TOP, "b": _BOTTOM},
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8}},
        xaxis={"range": [-0.25, depth + 3.6], "visible": False, "fixedrange": True},
        yaxis={"range": [rows - 0.4, -0.8], "visible": False, "fixedrange": True},
        annotations=map_annotations(amap, choice),
        hovermode="closest",
        hoverlabel={"align": "left", "font": {"family": FONT_FAMILY, "size": 12}},
        # On a narrow screen course.js squeezes the columns into indents, so that
        # every label still fits to the right of its marker (see course.js).
        meta={"narrow": {"height": narrow_height,
                         "xaxis.range": [-0.2, depth + 7.4],
                         "font.size": 10, "title.font.size": 14,
                         "title.text": "The debate as an argument map"}},
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
    if initial not in values:
        raise ValueError(f"initial must be one of {', '.join(values)}; got {initial!r}")
    buttons = []
    for label, value in choices:
        buttons.append({"method": "update", "label": label,
                        "args": [map_state(amap, value), {"annotations": map_annotations(amap, value)},
                                 DYNAMIC_TRACES]})
    fig = argument_map_snapshot_figure(amap, initial)
    fig.update_layout(updatemenus=[{
        "type": "dropdown", "buttons": buttons, "active": values.index(initial),
        "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "direction": "down",
        "pad": {"b": 32}, "showactive": True,
        "font": {"family": FONT_FAMILY, "size": 12},
    }])
    return fig
