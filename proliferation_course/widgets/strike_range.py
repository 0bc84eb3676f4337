"""The live face of the strike-range explorer: a panel that calls the model (see :mod:`.panel`).

It reads the controls and draws every ring through
:func:`proliferation_course.figures.strike_range.strike_state`, which calls
:func:`proliferation_course.models.strike_range.range_ring`. It needs a running
kernel; on the static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..data import text
from ..figures.strike_range import (
    DYNAMIC_TRACES,
    RANGE_LABEL,
    SYSTEM_LABEL,
    check_inputs,
    launch_areas,
    strike_snapshot_figure,
    strike_state,
    system_layout,
)
from ..i18n import _
from ..models.strike_range import MAX_RANGE_KM, largest_separation_km, preset_arguments
from .panel import ExplorerPanel, Redraw, dropdown, number

__all__ = ["StrikeRangePanel", "strike_range_panel"]


class StrikeRangePanel(ExplorerPanel):
    """The panel: a system (the preset) and a what-if range in km, any the model accepts.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset`` (the system) and ``range_km`` (a number box, km; choosing a
        system sets it to the system's stated range).
    summary : ipywidgets.HTML
    figure : plotly.graph_objects.FigureWidget
    """

    def __init__(self, systems: pd.DataFrame, areas: pd.DataFrame, coastlines: pd.DataFrame) -> None:
        self.systems, self.areas = check_inputs(systems, areas)
        rows = [{str(k): v for k, v in r.items()} for r in self.systems.to_dict("records")]
        presets = {str(r["system_id"]): preset_arguments(r) for r in rows}
        first = next(iter(presets))
        names = [(text(r, "label"), str(r["system_id"])) for r in rows]
        controls = {"preset": dropdown(_(SYSTEM_LABEL), names, first),
                    "range_km": number(_(RANGE_LABEL), presets[first]["range_km"], step=100.0)}
        super().__init__(strike_snapshot_figure(self.systems, self.areas, coastlines, first), controls,
                         rows=[["preset", "range_km"]], traces=DYNAMIC_TRACES, presets=presets)

    def compute(self, values: dict[str, Any]) -> Redraw:
        system = self.systems.loc[self.systems["system_id"] == values["preset"]].iloc[0].to_dict()
        what_if = values["range_km"]
        state = strike_state(system, self.areas, what_if)
        own = launch_areas(self.areas, str(system["system_id"]))
        span = largest_separation_km(list(zip(own["lat"], own["lon"], strict=True)))
        return Redraw(
            state=state,
            layout=system_layout(system, self.areas, what_if),
            summary=(_("{system}: stated range about {stated:,} km; dashed ring at {range:,.0f} km from "
                       "{areas} launch area(s) up to {span:,.0f} km apart. (The model accepts ranges from 0 "
                       "to {limit:,.0f} km.)") if len(own) > 1 else
                     _("{system}: stated range about {stated:,} km; dashed ring at {range:,.0f} km from "
                       "{areas} launch area(s). (The model accepts ranges from 0 to {limit:,.0f} km.)")).format(
                system=html.escape(text(system, "label")), stated=int(system["range_km"]), range=float(what_if),
                areas=len(own), span=span, limit=MAX_RANGE_KM),
        )


def strike_range_panel(systems: pd.DataFrame, areas: pd.DataFrame, coastlines: pd.DataFrame) -> StrikeRangePanel:
    """Build the live strike-range panel.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = strike_range_panel(load_table("strike_systems"), load_table("strike_launch_areas"),
    ...                            load_table("coastlines_110m"))
    >>> panel.controls["range_km"].value = 500
    >>> len(panel.figure.data[2].x) > 0
    True
    """
    return StrikeRangePanel(systems, areas, coastlines)
