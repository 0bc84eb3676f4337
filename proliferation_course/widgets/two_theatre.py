"""The live face of the two-theatre explorer: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model (through the figure's
state function) and updates the figure and the summary line. It needs a
running Python kernel (JupyterLab); on the static website the page shows the
precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.two_theatre import (
    _DYNAMIC,
    _shock_annotations,
    _shock_shape,
    check_two_theatre_presets,
    preset_params,
    two_theatre_snapshot_figure,
    two_theatre_state,
)
from ..models.two_theatre import RULE_LABELS, RULES, compare_rules

__all__ = ["TwoTheatrePanel", "two_theatre_panel"]

_STYLE = {"description_width": "12em"}


class TwoTheatrePanel(w.VBox):
    """The panel: controls on top, then a summary, then the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``rule``, ``weeks``, ``demand_1``, ``baseline_2``, ``shock_2``,
        ``shock_week``, ``stock_1``, ``stock_2``, ``production_1``,
        ``production_2``, ``efficiency``.
    summary : ipywidgets.HTML
        Unmet demand and weeks of shortfall per theatre, separate and pooled.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, presets: pd.DataFrame) -> None:
        self.presets = check_two_theatre_presets(presets)
        first = self.presets.iloc[0]
        params = preset_params(first)

        def amount(name: str, label: str, high: float) -> w.FloatSlider:
            return w.FloatSlider(value=params[name], min=0.0, max=high, step=0.5, description=label,
                                 continuous_update=False, readout_format=".1f", style=_STYLE)

        self.controls: dict[str, w.Widget] = {
            "preset": w.Dropdown(
                options=[(str(r.label), str(r.preset_id)) for r in self.presets.itertuples()],
                value=str(first["preset_id"]), description="Preset", style=_STYLE,
                layout=w.Layout(width="36em")),
            "rule": w.Dropdown(options=[(RULE_LABELS[r], r) for r in RULES if r != "separate"],
                               value=str(first["rule"]), description="Pooled rule", style=_STYLE,
                               layout=w.Layout(width="36em")),
            "weeks": w.IntSlider(value=params["weeks"], min=4, max=104, description="Weeks",
                                 continuous_update=False, style=_STYLE),
            "demand_1": amount("demand_1", "Demand, theatre 1", 40.0),
            "baseline_2": amount("baseline_2", "Baseline, theatre 2", 40.0),
            "shock_2": amount("shock_2", "Shock, theatre 2", 60.0),
            "shock_week": w.IntSlider(value=params["shock_week"], min=0, max=params["weeks"] - 1,
                                      description="Shock week", continuous_update=False, style=_STYLE),
            "stock_1": amount("stock_1", "Stock, theatre 1", 400.0),
            "stock_2": amount("stock_2", "Stock, theatre 2", 400.0),
            "production_1": amount("production_1", "Production, theatre 1", 40.0),
            "production_2": amount("production_2", "Production, theatre 2", 40.0),
            "efficiency": w.FloatSlider(value=params["efficiency"], min=0.05, max=1.0, step=0.05,
                                        description="Transfer efficiency", continuous_update=False,
                                        readout_format=".2f", style=_STYLE),
        }
        self.summary = w.HTML()
        self.figure = go.FigureWidget(two_theatre_snapshot_figure(params, str(first["rule"])))
        self.controls["preset"].observe(self._on_preset, names="value")
        self.controls["weeks"].observe(self._on_weeks, names="value")
        for name, control in self.controls.items():
            if name not in ("preset", "weeks"):
                control.observe(self._update, names="value")
        c = self.controls
        super().__init__([
            c["preset"], c["rule"],
            w.HBox([w.VBox([c["weeks"], c["demand_1"], c["baseline_2"], c["shock_2"], c["shock_week"]]),
                    w.VBox([c["stock_1"], c["stock_2"], c["production_1"], c["production_2"],
                            c["efficiency"]])]),
            self.summary,
            self.figure,
        ])
        self._update()

    def params(self) -> dict[str, Any]:
        """The model's parameters (without the rule) as the controls set them."""
        c = self.controls
        return {name: c[name].value for name in ("weeks", "demand_1", "baseline_2", "shock_2",
                                                  "shock_week", "stock_1", "stock_2",
                                                  "production_1", "production_2", "efficiency")}

    def _on_preset(self, change: dict) -> None:
        row = self.presets.loc[self.presets["preset_id"] == change["new"]].iloc[0]
        values = preset_params(row)
        with self.hold_trait_notifications():
            self.controls["weeks"].value = values.pop("weeks")
            for name, value in values.items():
                self.controls[name].value = value
            self.controls["rule"].value = str(row["rule"])
        self._update()

    def _on_weeks(self, change: dict) -> None:
        week = self.controls["shock_week"]
        week.max = int(change["new"]) - 1
        self._update()

    def _update(self, change: dict | None = None) -> None:
        params, rule = self.params(), self.controls["rule"].value
        try:
            state = two_theatre_state(params, rule)
            table = compare_rules(**params)
        except ValueError as err:  # e.g. a shock week beyond the horizon: say so, keep the figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                trace.x, trace.y = state["x"][i], state["y"][i]
                trace.name = state["name"][i]
                if state["text"][i] is not None:
                    trace.text = state["text"][i]
            self.figure.update_layout(shapes=_shock_shape(params["shock_week"]),
                                      annotations=_shock_annotations(params["shock_week"]),
                                      xaxis={"range": [-0.5, params["weeks"] - 0.5]})
        sep, pooled = table.loc["separate"], table.loc[rule]
        self.summary.value = (
            f"<b>Separate pools</b>: theatre 1 short by {sep['unmet_1']:.1f} units in "
            f"{int(sep['shortfall_weeks_1'])} weeks, theatre 2 by {sep['unmet_2']:.1f} in "
            f"{int(sep['shortfall_weeks_2'])} weeks. <b>{html.escape(RULE_LABELS[rule])}</b>: theatre 1 "
            f"short by {pooled['unmet_1']:.1f} in {int(pooled['shortfall_weeks_1'])} weeks, theatre 2 by "
            f"{pooled['unmet_2']:.1f} in {int(pooled['shortfall_weeks_2'])} weeks; "
            f"{pooled['lost_in_transit']:.1f} units lost in transit."
        )


def two_theatre_panel(presets: pd.DataFrame) -> TwoTheatrePanel:
    """Build the live two-theatre panel for the given presets table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = two_theatre_panel(load_table("two_theatre_presets"))
    >>> panel.controls["shock_2"].value = 0.0
    >>> max(panel.figure.data[1].y)  # theatre 2's weekly demand stays at its baseline
    1
    """
    return TwoTheatrePanel(presets)
