"""The live face of the window-of-vulnerability model: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model and updates the figure
and the summary line. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.window import _DYNAMIC, check_window_presets, window_snapshot_figure, window_state
from ..models.window import (
    DEFAULT_BACKING_WEIGHT,
    DEFAULT_BASE_HAZARD,
    DEFAULT_LEGITIMACY_WEIGHT,
    DEFAULT_RAMP,
    MAX_BASE_HAZARD,
    MAX_WINDOW_MONTHS,
    evaluate_window,
)

__all__ = ["WindowPanel", "window_panel"]

_PRESET_PARAMS = ("window_months", "capability", "legitimacy", "us_backing", "coupling")
_STYLE = {"description_width": "13em"}


class WindowPanel(w.VBox):
    """The panel: controls on top, then a one-line summary, then the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``window_months``, ``capability``, ``legitimacy``,
        ``us_backing``, ``coupling``, ``base_hazard``, ``legitimacy_weight``,
        ``backing_weight``, ``ramp``.
    summary : ipywidgets.HTML
        The chance of reaching the end of the window unstruck, and why.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, presets: pd.DataFrame) -> None:
        self.presets = check_window_presets(presets)
        first = self.presets.iloc[0]
        unit = dict(min=0.0, max=1.0, step=0.01, continuous_update=False, readout_format=".2f",
                    style=_STYLE, layout=w.Layout(width="34em"))
        self.controls: dict[str, w.Widget] = {
            "preset": w.Dropdown(
                options=[(str(r.label), str(r.preset_id)) for r in self.presets.itertuples()],
                value=str(first["preset_id"]), description="Preset", style=_STYLE,
                layout=w.Layout(width="44em")),
            "window_months": w.FloatSlider(value=float(first["window_months"]), min=1.0,
                                           max=MAX_WINDOW_MONTHS / 2, step=1.0,
                                           continuous_update=False, readout_format=".0f",
                                           description="Window T (months)", style=_STYLE,
                                           layout=w.Layout(width="34em")),
            "capability": w.FloatSlider(value=float(first["capability"]),
                                        description="Adversary capability a", **unit),
            "legitimacy": w.FloatSlider(value=float(first["legitimacy"]),
                                        description="Legitimacy l", **unit),
            "us_backing": w.FloatSlider(value=float(first["us_backing"]),
                                        description="US backing on offer b", **unit),
            "coupling": w.FloatSlider(value=float(first["coupling"]),
                                      description="Coupling c", **unit),
            "base_hazard": w.FloatSlider(value=DEFAULT_BASE_HAZARD, min=0.0,
                                         max=min(0.2, MAX_BASE_HAZARD), step=0.005,
                                         continuous_update=False, readout_format=".3f",
                                         description="Base hazard λ0 (per month)", style=_STYLE,
                                         layout=w.Layout(width="34em")),
            "legitimacy_weight": w.FloatSlider(value=DEFAULT_LEGITIMACY_WEIGHT,
                                               description="Weight of legitimacy w_l", **unit),
            "backing_weight": w.FloatSlider(value=DEFAULT_BACKING_WEIGHT,
                                            description="Weight of backing w_b", **unit),
            "ramp": w.FloatSlider(value=DEFAULT_RAMP, description="Ramp r", **unit),
        }
        self.summary = w.HTML()
        self.figure = go.FigureWidget(window_snapshot_figure(self._result(), hazard_max=0.09))
        self.controls["preset"].observe(self._on_preset, names="value")
        for name, control in self.controls.items():
            if name != "preset":
                control.observe(self._update, names="value")
        c = self.controls
        super().__init__([
            c["preset"],
            w.HBox([w.VBox([c["window_months"], c["capability"], c["legitimacy"], c["us_backing"],
                            c["coupling"]]),
                    w.VBox([c["base_hazard"], c["legitimacy_weight"], c["backing_weight"],
                            c["ramp"]])]),
            self.summary,
            self.figure,
        ])
        self._update()

    def _result(self):
        c = self.controls
        return evaluate_window(
            window_months=c["window_months"].value, capability=c["capability"].value,
            legitimacy=c["legitimacy"].value, us_backing=c["us_backing"].value,
            coupling=c["coupling"].value, base_hazard=c["base_hazard"].value,
            legitimacy_weight=c["legitimacy_weight"].value,
            backing_weight=c["backing_weight"].value, ramp=c["ramp"].value)

    def _on_preset(self, change: dict) -> None:
        row = self.presets.loc[self.presets["preset_id"] == change["new"]].iloc[0]
        with self.hold_trait_notifications():
            for name in _PRESET_PARAMS:
                self.controls[name].value = float(row[name])
        self._update()

    def _update(self, change: dict | None = None) -> None:
        try:
            result = self._result()
        except ValueError as err:  # a value outside the model's range: say so, keep the figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        state = window_state(result)
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                trace.x, trace.y = state["x"][i], state["y"][i]
                if state["text"][i] is not None:
                    trace.text = state["text"][i]
            self.figure.layout.xaxis.range = [0, result.window_months]
            top = max(self.figure.layout.yaxis2.range[1], max(result.hazard) * 1.15)
            self.figure.layout.yaxis2.range = [0, top]
        self.summary.value = (
            f"Chance of reaching month {result.window_months:g} <b>unstruck</b>: "
            f"<b>{result.survival_at_end:.1%}</b> (struck at some point: {result.struck_by_end:.1%}). "
            f"Mean hazard {result.mean_hazard:.2%} per month; US backing actually delivered "
            f"{result.effective_backing:.2f} of the {self.controls['us_backing'].value:.2f} on offer."
        )


def window_panel(presets: pd.DataFrame) -> WindowPanel:
    """Build the live window-of-vulnerability panel for the given presets table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = window_panel(load_table("window_presets"))
    >>> panel.controls["capability"].value = 0.0
    >>> panel.figure.data[1].y[0]  # no capability, no strike: S(T) = 1
    1.0
    """
    return WindowPanel(presets)
