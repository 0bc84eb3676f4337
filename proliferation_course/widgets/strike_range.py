"""The live face of the strike-range explorer: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model (through
:func:`proliferation_course.figures.strike_range.strike_state`, which draws
every ring with :func:`proliferation_course.models.strike_range.range_ring`)
and updates the figure and the summary line. It needs a running kernel.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.strike_range import (
    _DYNAMIC,
    _areas_for,
    _axes,
    _check_inputs,
    _info,
    strike_snapshot_figure,
    strike_state,
)
from ..models.strike_range import MAX_RANGE_KM, largest_separation_km

__all__ = ["StrikeRangePanel", "strike_range_panel"]


class StrikeRangePanel(w.VBox):
    """Controls (system, what-if range), a summary line, and the map.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``system`` (dropdown) and ``range_km`` (slider, km).
    summary : ipywidgets.HTML
    figure : plotly.graph_objects.FigureWidget
    """

    def __init__(self, systems: pd.DataFrame, areas: pd.DataFrame, coastlines: pd.DataFrame) -> None:
        self.systems, self.areas = _check_inputs(systems, areas)
        first = self.systems.iloc[0]
        self.controls: dict[str, w.Widget] = {
            "system": w.Dropdown(options=[(str(r.label), str(r.system_id)) for r in self.systems.itertuples()],
                                 value=str(first["system_id"]), description="System",
                                 style={"description_width": "8em"}, layout=w.Layout(width="36em")),
            "range_km": w.IntSlider(value=int(first["range_km"]), min=100, max=6000, step=50,
                                    description="What-if range (km)", continuous_update=False,
                                    style={"description_width": "8em"}, layout=w.Layout(width="36em")),
        }
        self.summary = w.HTML()
        self.figure = go.FigureWidget(strike_snapshot_figure(self.systems, self.areas, coastlines,
                                                             str(first["system_id"]), int(first["range_km"])))
        self.controls["system"].observe(self._on_system, names="value")
        self.controls["range_km"].observe(self._update, names="value")
        super().__init__([self.controls["system"], self.controls["range_km"], self.summary, self.figure])
        self._update()

    def _system(self) -> dict:
        sid = self.controls["system"].value
        return self.systems.loc[self.systems["system_id"] == sid].iloc[0].to_dict()

    def _on_system(self, change: dict) -> None:
        self.controls["range_km"].value = int(self._system()["range_km"])  # triggers _update if changed
        self._update()

    def _update(self, change: dict | None = None) -> None:
        system = self._system()
        what_if = float(self.controls["range_km"].value)
        try:
            state = strike_state(system, self.areas, what_if)
        except ValueError as err:
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                trace.x, trace.y = state["x"][i], state["y"][i]
                trace.text = state["text"][i]
                trace.name = state["name"][i]
                trace.line.color = state["line.color"][i]
                trace.marker.color = state["marker.color"][i]
                if state["marker.symbol"][i] is not None:
                    trace.marker.symbol = state["marker.symbol"][i]
            axes = _axes(system["theatre"])
            self.figure.layout.xaxis.range = axes["xaxis.range"]
            self.figure.layout.yaxis.range = axes["yaxis.range"]
            self.figure.layout.yaxis.scaleratio = axes["yaxis.scaleratio"]
            self.figure.layout.annotations[0].text = _info(system)
        own = _areas_for(self.areas, system["system_id"])
        span = largest_separation_km(list(zip(own["lat"], own["lon"], strict=True)))
        self.summary.value = (
            f"{html.escape(str(system['label']))}: stated range about {int(system['range_km']):,} km; "
            f"dashed ring at {int(what_if):,} km from {len(own)} launch area(s)"
            + (f" up to {span:,.0f} km apart" if len(own) > 1 else "")
            + f". (The model accepts ranges up to {MAX_RANGE_KM:,.0f} km.)")


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
