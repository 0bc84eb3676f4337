"""The live face of the proliferation cascade: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model and updates the figure
and the summary line. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed, animated figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.cascade import DYNAMIC, _check_inputs, cascade_snapshot_figure, cascade_state
from ..models.cascade import run_cascade_tables

__all__ = ["CascadePanel", "cascade_panel"]

_CHANNELS = (("allies following", "Allies following ×"), ("adversary response", "Adversary response ×"),
             ("regional", "Regional rivals ×"))


class CascadePanel(w.VBox):
    """The panel: controls on top, then a one-line summary, then the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``seeds``, ``assurance``, ``norm_erosion``, ``threshold_shift``, ``round``
        and one factor per link channel (``allies following``,
        ``adversary response``, ``regional``).
    summary : ipywidgets.HTML
        The fixed point and who followed.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, states: pd.DataFrame, links: pd.DataFrame) -> None:
        self.states, self.links = _check_inputs(states, links)
        self.names = dict(zip(self.states["state_id"], self.states["state"], strict=True))
        style = {"description_width": "11em"}
        num = dict(continuous_update=False, style=style, layout=w.Layout(width="30em"))
        self.controls: dict[str, w.Widget] = {
            "seeds": w.SelectMultiple(options=[(n, s) for s, n in self.names.items()],
                                      value=("JPN",), rows=6, description="First movers", style=style),
            "assurance": w.FloatSlider(value=0.3, min=0.0, max=1.0, step=0.05, readout_format=".2f",
                                       description="US assurance a", **num),
            "norm_erosion": w.FloatSlider(value=0.05, min=0.0, max=0.2, step=0.01, readout_format=".2f",
                                          description="Norm erosion g", **num),
            "threshold_shift": w.FloatSlider(value=0.0, min=-0.3, max=0.5, step=0.05,
                                             readout_format="+.2f", description="Shift all thresholds",
                                             **num),
            **{key: w.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.1, readout_format=".1f",
                                  description=label, **num) for key, label in _CHANNELS},
            "round": w.IntSlider(value=0, min=0, max=0, description="Show round", **num),
        }
        self.summary = w.HTML()
        self.result = self._run()
        self.figure = go.FigureWidget(cascade_snapshot_figure(self.result, self.states, self.links,
                                                              title=self._title()))
        for name, control in self.controls.items():
            control.observe(self._update if name != "round" else self._show_round, names="value")
        c = self.controls
        super().__init__([
            w.HBox([c["seeds"], w.VBox([c["assurance"], c["norm_erosion"], c["threshold_shift"]])]),
            w.HBox([w.VBox([c[key] for key, _ in _CHANNELS]), c["round"]]),
            self.summary,
            self.figure,
        ])
        self._update()

    def _title(self) -> str:
        seeds = ", ".join(self.names[s] for s in self.controls["seeds"].value) or "no first mover"
        return f"{seeds} · assurance a = {self.controls['assurance'].value:.2f}"

    def _run(self):
        c = self.controls
        return run_cascade_tables(
            self.states, self.links, seeds=list(c["seeds"].value), assurance=c["assurance"].value,
            norm_erosion=c["norm_erosion"].value, threshold_shift=c["threshold_shift"].value,
            channel_scale={key: c[key].value for key, _ in _CHANNELS})

    def _draw(self, t: int) -> None:
        state = cascade_state(self.result, t, self.names, self.links, self._title())
        with self.figure.batch_update():
            for i, index in enumerate(DYNAMIC):
                trace = self.figure.data[index]
                trace.x, trace.y, trace.text = state["x"][i], state["y"][i], state["text"][i]

    def _show_round(self, change: dict | None = None) -> None:
        self._draw(self.controls["round"].value)

    def _update(self, change: dict | None = None) -> None:
        try:
            self.result = self._run()
        except ValueError as err:  # e.g. thresholds shifted below zero: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        res = self.result
        rnd = self.controls["round"]
        with rnd.hold_trait_notifications():
            rnd.max = res.rounds
            rnd.value = res.rounds
        self._draw(res.rounds)
        follow = ", ".join(self.names[s] for s in res.followers) or "none"
        self.summary.value = (
            f"Fixed point after <b>{res.rounds}</b> round(s): <b>{len(res.final)}</b> state(s) nuclear. "
            f"Not chosen as first movers but nuclear: <b>{html.escape(follow)}</b>."
        )


def cascade_panel(states: pd.DataFrame, links: pd.DataFrame) -> CascadePanel:
    """Build the live cascade panel for the ``cascade_states`` and ``cascade_links`` tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = cascade_panel(load_table("cascade_states"), load_table("cascade_links"))
    >>> panel.controls["assurance"].value = 0.5
    >>> panel.result.followers
    ()
    """
    return CascadePanel(states, links)
