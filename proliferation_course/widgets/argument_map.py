"""The live face of the argument map: pick a claim, read its sub-tree, see it on the map.

The panel (see :mod:`.panel`) reads the dropdown, calls the model's ``focus``
(through :func:`proliferation_course.figures.argument_map.map_state`) and
updates the outline and the figure. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..figures.argument_map import (
    DYNAMIC_TRACES,
    FOCUS_LABEL,
    WHOLE_MAP,
    argument_map_snapshot_figure,
    focus_choices,
    focus_for,
    map_annotations,
    map_state,
)
from ..i18n import _
from ..models.argument_map import KIND_LABELS, ArgumentMap, validate_map
from ..references import cite_keys, short_citation
from .panel import ExplorerPanel, Redraw, dropdown

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
        if n.origin == "course":
            line = _("<b>{kind} (added by the course): {label}</b> (chapter {chapter}). {summary} "
                     "<i>Sources: {sources}.</i>")
        else:
            line = _("<b>{kind}: {label}</b> (chapter {chapter}). {summary} <i>Sources: {sources}.</i>")
        line = line.format(kind=_(KIND_LABELS[n.kind]), label=html.escape(n.label), chapter=n.chapter,
                           summary=html.escape(n.summary), sources=html.escape(sources))
        items.append(f'<li style="margin-left:{indent:.1f}em">{line}</li>')
    heading = (_("The whole map") if f.node_id is None
               else _("Focus: {label}").format(label=html.escape(amap.node(f.node_id).label)))
    chapters = ", ".join(str(c) for c in f.chapters)
    said = _("<b>{heading}</b>: {count} nodes, treated in chapters {chapters}.").format(
        heading=heading, count=len(f.nodes), chapters=chapters)
    return f'<p>{said}</p><ul style="list-style:none;padding-left:0">{"".join(items)}</ul>'


class ArgumentMapPanel(ExplorerPanel):
    """The panel: a dropdown of claims, the focused sub-tree as text, and the map.

    Its one control cannot make a combination the model rejects: every entry
    of the dropdown is a node of the validated map.

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
        controls = {"claim": dropdown(_(FOCUS_LABEL), focus_choices(self.map, claims="all"), WHOLE_MAP)}
        super().__init__(argument_map_snapshot_figure(self.map), controls, rows=[["claim"]],
                         traces=DYNAMIC_TRACES)

    def compute(self, values: dict[str, Any]) -> Redraw:
        choice = values["claim"]
        return Redraw(state=map_state(self.map, choice),
                      layout={"annotations": map_annotations(self.map, choice)},
                      summary=focus_outline(self.map, choice))


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
