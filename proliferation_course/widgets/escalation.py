"""The live face of the escalation-ladder explorer: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model and updates the figure
and the summary line. Besides the theatre and the band, the panel lets the
reader choose which conventional rungs the "with" ladder contains.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.escalation import (
    _DYNAMIC,
    DEFAULT_BAND,
    THEATRE_LABELS,
    escalation_inputs,
    escalation_snapshot_figure,
    escalation_state,
    escalation_ticks,
)
from ..models.escalation import compare_ladders

__all__ = ["EscalationPanel", "escalation_panel"]


class EscalationPanel(w.VBox):
    """Controls (theatre, band, conventional rungs), a summary line, and the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``theatre``, ``band`` and ``rungs`` (the conventional rungs kept in the "with" ladder).
    """

    def __init__(self, rungs: pd.DataFrame, scenarios: pd.DataFrame) -> None:
        self.rungs, self.scenarios = rungs, scenarios
        theatre = "east_asia"
        self.controls: dict[str, w.Widget] = {
            "theatre": w.Dropdown(options=[(v, k) for k, v in THEATRE_LABELS.items()], value=theatre,
                                  description="Theatre", style={"description_width": "10em"}),
            "band": w.FloatSlider(value=DEFAULT_BAND, min=0.0, max=0.5, step=0.01, readout_format=".2f",
                                  continuous_update=False, description="Band b",
                                  style={"description_width": "10em"}),
            "rungs": w.SelectMultiple(description="Conventional rungs", rows=2,
                                      style={"description_width": "10em"}, layout=w.Layout(width="40em")),
        }
        self._set_rung_options(theatre)
        self.summary = w.HTML()
        self.figure = go.FigureWidget(escalation_snapshot_figure(self._inputs(), DEFAULT_BAND))
        self.controls["theatre"].observe(self._on_theatre, names="value")
        for name in ("band", "rungs"):
            self.controls[name].observe(self._update, names="value")
        super().__init__([*self.controls.values(), self.summary, self.figure])
        self._update()

    def _set_rung_options(self, theatre: str) -> None:
        r = self.rungs.loc[(self.rungs["theatre"] == theatre) & self.rungs["conventional_rung"]]
        options = [(str(x.label), str(x.rung_id)) for x in r.itertuples()]
        self.controls["rungs"].options = options
        self.controls["rungs"].value = tuple(v for _, v in options)

    def _inputs(self) -> dict:
        theatre = self.controls["theatre"].value
        kept = set(self.controls["rungs"].value)
        r = self.rungs.loc[(self.rungs["theatre"] != theatre) | ~self.rungs["conventional_rung"]
                           | self.rungs["rung_id"].isin(kept)]
        return escalation_inputs(r, self.scenarios, theatre)

    def _on_theatre(self, change: dict) -> None:
        with self.hold_trait_notifications():
            self._set_rung_options(change["new"])
        self._update()

    def _update(self, change: dict | None = None) -> None:
        band = float(self.controls["band"].value)
        try:
            inputs = self._inputs()
            state = escalation_state(inputs, band, full=True)
            without, with_ = compare_ladders(inputs["severities"], inputs["levels"], inputs["nuclear"],
                                             inputs["conventional"], band)
        except ValueError as err:
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                trace.x, trace.y, trace.text = state["x"][i], state["y"][i], state["text"][i]
                trace.marker.color = state["marker.color"][i]
                if state["marker.symbol"][i] is not None:
                    trace.marker.symbol = state["marker.symbol"][i]
                if state["hovertext"][i] is not None:
                    trace.hovertext = state["hovertext"][i]
            ticks = escalation_ticks(inputs)
            self.figure.layout.yaxis.tickvals = ticks["yaxis.tickvals"]
            self.figure.layout.yaxis.ticktext = ticks["yaxis.ticktext"]
        self.summary.value = (
            f"Band b = {band:.2f}: a credible non-nuclear response in "
            f"<b>{without.share('non_nuclear'):.0%}</b> of the scenarios without the conventional rungs and "
            f"<b>{with_.share('non_nuclear'):.0%}</b> with them; the 'nuclear or nothing' gap falls from "
            f"{without.share('gap'):.0%} to {with_.share('gap'):.0%}.")


def escalation_panel(rungs: pd.DataFrame, scenarios: pd.DataFrame) -> EscalationPanel:
    """Build the live escalation-ladder panel.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = escalation_panel(load_table("escalation_rungs"), load_table("escalation_scenarios"))
    >>> panel.controls["band"].value = 0.3
    >>> "100%" in panel.summary.value
    True
    """
    return EscalationPanel(rungs, scenarios)
