"""The live face of the breakout timeline: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model and updates the figure
and the summary line. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.breakout import (
    _DYNAMIC,
    breakout_layout,
    breakout_snapshot_figure,
    breakout_state,
)
from ..models.breakout import SANCTIONS_MAX, breakout_profiles, breakout_timeline

__all__ = ["BreakoutPanel", "breakout_panel"]

_STYLE = {"description_width": "11em"}


class BreakoutPanel(w.VBox):
    """The panel: controls on top, then the months to a first device and an arsenal, then the chart.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``profile``, ``estimate``, ``sanctions``, ``parallel``.
    summary : ipywidgets.HTML
        The months (and years) to a first device and to a credible arsenal.
    figure : plotly.graph_objects.FigureWidget
        The same Gantt chart as the static face, updated live.
    result : BreakoutResult
        The model's last answer.
    """

    def __init__(self, steps: pd.DataFrame) -> None:
        self.steps = steps
        profiles = breakout_profiles(steps)
        slider = dict(continuous_update=False, style=_STYLE, layout=w.Layout(width="34em"))
        self.controls: dict[str, w.Widget] = {
            "profile": w.Dropdown(options=profiles, value=profiles[0], description="Country profile",
                                  style=_STYLE),
            "estimate": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05, readout_format=".2f",
                                      description="Estimate (low → high)", **slider),
            "sanctions": w.FloatSlider(value=1.0, min=1.0, max=min(3.0, SANCTIONS_MAX), step=0.05,
                                       readout_format=".2f", description="Sanctions factor",
                                       **slider),
            "parallel": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05, readout_format=".2f",
                                      description="Parallel work", **slider),
        }
        self.summary = w.HTML()
        self.result = self._compute()
        self.figure = go.FigureWidget(breakout_snapshot_figure(self.result))
        for control in self.controls.values():
            control.observe(self._update, names="value")
        c = self.controls
        super().__init__([c["profile"], c["estimate"], c["sanctions"], c["parallel"],
                          self.summary, self.figure])
        self._show()

    def _compute(self):
        c = self.controls
        return breakout_timeline(self.steps, c["profile"].value, estimate=c["estimate"].value,
                                 sanctions=c["sanctions"].value, parallel=c["parallel"].value)

    def _update(self, change: dict | None = None) -> None:
        try:
            self.result = self._compute()
        except ValueError as err:  # a malformed table: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        state = breakout_state(self.result)
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                trace.x, trace.base, trace.y = state["x"][i], state["base"][i], state["y"][i]
                trace.customdata = state["customdata"][i]
                trace.marker.pattern.shape = state["marker.pattern.shape"][i]
            self.figure.update_layout(**breakout_layout(self.result))
            self.figure.layout.xaxis.range = [0, max(60.0, self.result.months_to_arsenal * 1.08)]
        self._show()

    def _show(self) -> None:
        r = self.result
        self.summary.value = (
            f"<b>{html.escape(r.profile)}</b>: a first device after <b>{r.months_to_first_device:.1f} "
            f"months</b> ({r.years_to_first_device:.1f} years); a credible arsenal after "
            f"<b>{r.months_to_arsenal:.1f} months</b> ({r.years_to_arsenal:.1f} years). "
            f"Estimate {r.estimate:.2f}, sanctions × {r.sanctions:.2f}, parallel work {r.parallel:.2f}."
        )


def breakout_panel(steps: pd.DataFrame) -> BreakoutPanel:
    """Build the live breakout-timeline panel for the given steps table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = breakout_panel(load_table("breakout_steps"))
    >>> panel.controls["parallel"].value = 1.0
    >>> bool(panel.result.months_to_arsenal == panel.result.steps["duration"].max())
    True
    """
    return BreakoutPanel(steps)
