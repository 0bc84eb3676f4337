"""The live face of the deterrence triangle: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model and updates the figure
and the summary line. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.deterrence import (
    _DYNAMIC,
    _check_presets,
    deterrence_snapshot_figure,
    deterrence_state,
    threshold_layout,
)
from ..models.deterrence import RULE_LABELS, RULES, evaluate_deterrence

__all__ = ["DeterrencePanel", "deterrence_panel"]


class DeterrencePanel(w.VBox):
    """The panel: controls on top, then a one-line verdict, then the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``capabilities``, ``credibility``, ``communication``,
        ``rule``, ``w_c``, ``w_r``, ``w_m``, ``gain``, ``cost``.
    summary : ipywidgets.HTML
        The verdict for the selected rule.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, presets: pd.DataFrame) -> None:
        self.presets = _check_presets(presets)
        first = self.presets.iloc[0]
        slider = dict(min=0.0, max=1.0, step=0.01, continuous_update=False,
                      readout_format=".2f", style={"description_width": "9em"})
        weight = dict(min=0.0, max=3.0, step=0.1, continuous_update=False,
                      readout_format=".1f", style={"description_width": "9em"})
        self.controls: dict[str, w.Widget] = {
            "preset": w.Dropdown(
                options=[(str(r.label), str(r.preset_id)) for r in self.presets.itertuples()],
                value=str(first["preset_id"]), description="Preset",
                style={"description_width": "9em"}, layout=w.Layout(width="32em")),
            "capabilities": w.FloatSlider(value=float(first["capabilities"]),
                                          description="Capabilities c", **slider),
            "credibility": w.FloatSlider(value=float(first["credibility"]),
                                         description="Credibility r", **slider),
            "communication": w.FloatSlider(value=float(first["communication"]),
                                           description="Communication m", **slider),
            "rule": w.Dropdown(options=[(RULE_LABELS[r], r) for r in RULES], value="product",
                               description="Rule for verdict", style={"description_width": "9em"}),
            "w_c": w.FloatSlider(value=1.0, description="Weight w_c", **weight),
            "w_r": w.FloatSlider(value=1.0, description="Weight w_r", **weight),
            "w_m": w.FloatSlider(value=1.0, description="Weight w_m", **weight),
            "gain": w.BoundedFloatText(value=1.0, min=0.01, max=100.0, step=0.1,
                                       description="Gain B", style={"description_width": "9em"}),
            "cost": w.BoundedFloatText(value=3.0, min=0.01, max=100.0, step=0.1,
                                       description="Punishment C",
                                       style={"description_width": "9em"}),
        }
        self.summary = w.HTML()
        self.figure = go.FigureWidget(deterrence_snapshot_figure(
            float(first["capabilities"]), float(first["credibility"]),
            float(first["communication"])))
        self.controls["preset"].observe(self._on_preset, names="value")
        for name, control in self.controls.items():
            if name != "preset":
                control.observe(self._update, names="value")
        c = self.controls
        super().__init__([
            c["preset"],
            w.HBox([w.VBox([c["capabilities"], c["credibility"], c["communication"]]),
                    w.VBox([c["w_c"], c["w_r"], c["w_m"]])]),
            w.HBox([c["rule"], c["gain"], c["cost"]]),
            self.summary,
            self.figure,
        ])
        self._update()

    def _weights(self) -> tuple[float, float, float]:
        return (self.controls["w_c"].value, self.controls["w_r"].value, self.controls["w_m"].value)

    def _on_preset(self, change: dict) -> None:
        row = self.presets.loc[self.presets["preset_id"] == change["new"]].iloc[0]
        with self.hold_trait_notifications():
            for factor in ("capabilities", "credibility", "communication"):
                self.controls[factor].value = float(row[factor])
        self._update()

    def _update(self, change: dict | None = None) -> None:
        c = self.controls
        factors = (c["capabilities"].value, c["credibility"].value, c["communication"].value)
        try:
            result = evaluate_deterrence(*factors, rule=c["rule"].value, weights=self._weights(),
                                         gain=c["gain"].value, cost=c["cost"].value)
            state = deterrence_state(*factors, weights=self._weights(),
                                     gain=c["gain"].value, cost=c["cost"].value)
        except ValueError as err:  # e.g. all weights at zero: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                trace.x, trace.y = state["x"][i], state["y"][i]
                trace.text = state["text"][i]
                trace.marker.color = state["marker.color"][i]
            self.figure.update_layout(**threshold_layout(result.threshold))
        verdict = "deters" if result.holds else "does not deter"
        self.summary.value = (
            f"<b>{RULE_LABELS[result.rule]}</b>: D = {result.score:.3f} against a threshold of "
            f"{result.threshold:.3f}, so the defender <b>{verdict}</b> in this model. "
            f"Weakest factor: {result.weakest_factor}."
        )


def deterrence_panel(presets: pd.DataFrame) -> DeterrencePanel:
    """Build the live deterrence-triangle panel for the given presets table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = deterrence_panel(load_table("deterrence_presets"))
    >>> panel.controls["credibility"].value = 0.0
    >>> panel.figure.data[5].y[0]  # the product score
    0.0
    """
    return DeterrencePanel(presets)
