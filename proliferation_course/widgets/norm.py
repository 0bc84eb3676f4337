"""The live face of the norm-strength explorer: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model and updates the figure
and the summary line. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures._checks import check_frame
from ..figures.norm import (
    _DYNAMIC,
    _describe,
    _names,
    norm_result,
    norm_snapshot_figure,
    norm_state,
    other_parties,
)
from ..models.norm import DEFAULT_STEEPNESS, DEFAULT_TIPPING_POINT, MAX_STEEPNESS

__all__ = ["NormPanel", "norm_panel"]


class NormPanel(w.VBox):
    """The panel: a defect/comply switch per key state, the model's parameters, a summary, the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``defect_<state_id>`` (a checkbox per key state), ``others_defecting``,
        ``tipping_point`` and ``steepness``.
    summary : ipywidgets.HTML
        U, W and S, and how much more the defections weigh than their number.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, states: pd.DataFrame) -> None:
        self.states = check_frame(states, ("state_id", "state", "complies_today"), name="states")
        self.names = _names(self.states)
        style = {"description_width": "11em"}
        self.controls: dict[str, w.Widget] = {}
        for row in self.states.itertuples(index=False):
            self.controls[f"defect_{row.state_id}"] = w.Checkbox(
                value=not bool(row.complies_today), description=f"{row.state} defects", indent=False)
        self.controls["others_defecting"] = w.IntSlider(
            value=0, min=0, max=min(40, other_parties(self.states)), description="Small states defecting",
            continuous_update=False, style=style)
        self.controls["tipping_point"] = w.FloatSlider(
            value=DEFAULT_TIPPING_POINT, min=0.5, max=0.99, step=0.01, description="Tipping point τ",
            readout_format=".2f", continuous_update=False, style=style)
        self.controls["steepness"] = w.FloatSlider(
            value=DEFAULT_STEEPNESS, min=0.0, max=MAX_STEEPNESS, step=1.0, description="Steepness k",
            readout_format=".0f", continuous_update=False, style=style)
        self.summary = w.HTML()
        self.baseline = norm_result(self.states, self._defectors())
        self.figure = go.FigureWidget(norm_snapshot_figure(self.baseline, self.baseline, self.names))
        for control in self.controls.values():
            control.observe(self._update, names="value")
        boxes = [c for name, c in self.controls.items() if name.startswith("defect_")]
        super().__init__([
            w.HBox([w.VBox(boxes[: (len(boxes) + 1) // 2]), w.VBox(boxes[(len(boxes) + 1) // 2:])]),
            self.controls["others_defecting"], self.controls["tipping_point"], self.controls["steepness"],
            self.summary,
            self.figure,
        ])
        self._update()

    def _defectors(self) -> list[str]:
        return [str(sid) for sid in self.states["state_id"]
                if self.controls[f"defect_{sid}"].value]

    def _update(self, change: dict | None = None) -> None:
        c = self.controls
        try:
            result = norm_result(self.states, self._defectors(), c["others_defecting"].value,
                                 c["tipping_point"].value, c["steepness"].value)
        except ValueError as err:  # e.g. a tipping point out of range: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        state = norm_state(result)
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                if state["x"][i] is not None:
                    trace.x = state["x"][i]
                trace.y = state["y"][i]
            self.figure.layout.annotations[0].text = _describe(result, self.baseline, self.names)
        ratio = ("no state defects" if result.n_defecting == 0 else
                 f"the defections weigh {result.multiplier:.1f} times their number")
        self.summary.value = (
            f"U = {result.unweighted:.3f} (share of states complying), W = {result.weighted:.3f} "
            f"(criticality-weighted), S = <b>{result.strength:.3f}</b> (norm strength); {ratio}."
        )


def norm_panel(states: pd.DataFrame) -> NormPanel:
    """Build the live norm-strength panel for the ``norm_states`` table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = norm_panel(load_table("norm_states"))
    >>> panel.controls["defect_japan"].value = True
    >>> panel.figure.data[0].y[1] < 0.95  # weighted compliance falls
    True
    """
    return NormPanel(states)
