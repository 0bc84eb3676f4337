"""The live face of the argument map: pick a claim, read its sub-tree, see it on the map.

The callback only reads the dropdown, calls the model's ``focus`` (through
:func:`proliferation_course.figures.argument_map.map_state`) and updates the
outline and the figure. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.argument_map import (
    DYNAMIC_TRACES,
    WHOLE_MAP,
    argument_map_snapshot_figure,
    focus_choices,
    focus_for,
    map_annotations,
    map_state,
)
from ..models.argument_map import KIND_LABELS, ArgumentMap, validate_map
from ..references import cite_keys, short_citation

__all__ = ["ArgumentMapPanel", "argument_map_panel", "focus_outline"]


def focus_outline(amap: ArgumentMap, choice: str) -> str:
    """The focused sub-tree as an indented HTML list: kind, label, chapter, summary, sources.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> amap = validate_map(load_table("argument_map"))
    >>> text = focus_outline(amap, "c_selective")
    >>> "South Korea would want its own" in text and "chapter 8" in text
    True
    """
    f = focus_for(amap, choice)
    items = []
    for node_id in f.nodes:
        n = amap.node(node_id)
        indent = 1.6 * amap.depth(node_id)
        sources = "; ".join(short_citation(k) for k in cite_keys(n.source))
        added = " (added by the course)" if n.origin == "course" else ""
        items.append(
            f'<li style="margin-left:{indent:.1f}em">'
            f"<b>{KIND_LABELS[n.kind]}{added}: {html.escape(n.label)}</b> (chapter {n.chapter}). "
            f"{html.escape(n.summary)} <i>Sources: {html.escape(sources)}.</i></li>"
        )
    heading = ("The whole map" if f.node_id is None
               else f"Focus: {html.escape(amap.node(f.node_id).label)}")
    chapters = ", ".join(str(c) for c in f.chapters)
    return (f"<p><b>{heading}</b>: {len(f.nodes)} nodes, treated in chapters {chapters}.</p>"
            f'<ul style="list-style:none;padding-left:0">{"".join(items)}</ul>')


class ArgumentMapPanel(w.VBox):
    """The panel: a dropdown of claims, the focused sub-tree as text, and the map.

    Attributes
    ----------
    map : ArgumentMap
        The validated map.
    controls : dict[str, ipywidgets.Widget]
        ``claim``: the whole map, every top-level claim and every sub-claim.
    summary : ipywidgets.HTML
        The focused sub-tree as an indented list.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, nodes: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]]) -> None:
        self.map = nodes if isinstance(nodes, ArgumentMap) else validate_map(nodes)
        self.controls: dict[str, w.Widget] = {
            "claim": w.Dropdown(options=focus_choices(self.map, claims="all"), value=WHOLE_MAP,
                                description="Focus on", style={"description_width": "6em"},
                                layout=w.Layout(width="36em")),
        }
        self.summary = w.HTML()
        self.figure = go.FigureWidget(argument_map_snapshot_figure(self.map))
        self.controls["claim"].observe(self._update, names="value")
        super().__init__([self.controls["claim"], self.summary, self.figure])
        self._update()

    def _update(self, change: dict | None = None) -> None:
        choice = self.controls["claim"].value
        state = map_state(self.map, choice)
        with self.figure.batch_update():
            for i, index in enumerate(DYNAMIC_TRACES):
                trace = self.figure.data[index]
                trace.x, trace.y = state["x"][i], state["y"][i]
                if state["text"][i] is not None:
                    trace.text = state["text"][i]
                    trace.marker.color = state["marker.color"][i]
                    trace.marker.symbol = state["marker.symbol"][i]
                    trace.marker.size = state["marker.size"][i]
            self.figure.layout.annotations = map_annotations(self.map, choice)
        self.summary.value = focus_outline(self.map, choice)


def argument_map_panel(nodes: ArgumentMap | pd.DataFrame | Iterable[Mapping[str, Any]]) -> ArgumentMapPanel:
    """Build the live argument-map panel for the given map.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = argument_map_panel(load_table("argument_map"))
    >>> panel.controls["claim"].value = "c_burden"
    >>> list(panel.figure.data[3].text)[0]
    'Allies carry more, the US less · ch. 4'
    """
    return ArgumentMapPanel(nodes)
