"""The live face of the two-theatre explorer: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..figures.two_theatre import (
    DYNAMIC_TRACES,
    SHOCK_LABEL,
    check_presets,
    shock_layout,
    two_theatre_snapshot_figure,
    two_theatre_state,
)
from ..models.two_theatre import PARAMETERS, RULE_LABELS, RULES, compare_rules, preset_arguments
from .panel import ExplorerPanel, Redraw, dropdown, slider

__all__ = ["TwoTheatrePanel", "two_theatre_panel"]

#: The whole-number parameters (the sliders give floats; the model wants whole weeks).
_WHOLE = ("weeks", "shock_week")


class TwoTheatrePanel(ExplorerPanel):
    """The panel: a preset, the pooled rule, and every parameter of the model.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``rule``, ``weeks``, ``demand_1``, ``baseline_2``, ``shock_2``,
        ``shock_week``, ``stock_1``, ``stock_2``, ``production_1``,
        ``production_2``, ``efficiency``.
    summary : ipywidgets.HTML
        Unmet demand and weeks of shortfall per theatre, separate and pooled,
        or why the controls cannot be computed (a shock week beyond the horizon).
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, presets: pd.DataFrame) -> None:
        self.presets_table = check_presets(presets)
        rows = [{str(k): v for k, v in r.items()} for r in self.presets_table.to_dict("records")]
        first = preset_arguments(rows[0])

        def amount(name: str, label: str, high: float) -> Any:
            return slider(label, first[name], 0.0, high, 0.5, ".1f")

        controls = {
            "preset": dropdown("Preset", [(str(r["label"]), str(r["preset_id"])) for r in rows],
                               str(rows[0]["preset_id"])),
            "rule": dropdown("Pooled rule", [(RULE_LABELS[r], r) for r in RULES if r != "separate"],
                             first["rule"]),
            "weeks": slider("Weeks", first["weeks"], 4, 104, 1, ".0f"),
            "shock_week": slider("Shock week", first["shock_week"], 0, 103, 1, ".0f"),
            "demand_1": amount("demand_1", "Demand, theatre 1", 40.0),
            "baseline_2": amount("baseline_2", "Baseline, theatre 2", 40.0),
            "shock_2": amount("shock_2", SHOCK_LABEL.replace(", units a week", ""), 60.0),
            "stock_1": amount("stock_1", "Stock, theatre 1", 400.0),
            "stock_2": amount("stock_2", "Stock, theatre 2", 400.0),
            "production_1": amount("production_1", "Production, theatre 1", 40.0),
            "production_2": amount("production_2", "Production, theatre 2", 40.0),
            "efficiency": slider("Transfer efficiency", first["efficiency"], 0.05, 1.0, 0.05),
        }
        super().__init__(
            two_theatre_snapshot_figure(self._params(first), first["rule"]),
            controls,
            rows=[["preset"], ["rule"], ["weeks", "shock_week"],
                  ["demand_1", "baseline_2", "shock_2"], ["stock_1", "stock_2"],
                  ["production_1", "production_2"], ["efficiency"]],
            traces=DYNAMIC_TRACES,
            presets={str(r["preset_id"]): preset_arguments(r) for r in rows},
        )

    @staticmethod
    def _params(values: dict[str, Any]) -> dict[str, Any]:
        return {name: round(values[name]) if name in _WHOLE else values[name] for name in PARAMETERS}

    def params(self) -> dict[str, Any]:
        """The model's parameters (without the rule) as the controls set them."""
        return self._params(self.values())

    def compute(self, values: dict[str, Any]) -> Redraw:
        params, rule = self._params(values), values["rule"]
        state = two_theatre_state(params, rule)
        table = compare_rules(**params)
        by_rule = table.to_dict("index")
        sep, pooled = by_rule["separate"], by_rule[rule]
        return Redraw(
            state=state,
            layout=shock_layout(params["shock_week"], params["weeks"]),
            summary=(
                f"<b>Separate pools</b>: theatre 1 short by {sep['unmet_1']:.1f} units in "
                f"{int(sep['shortfall_weeks_1'])} weeks, theatre 2 by {sep['unmet_2']:.1f} in "
                f"{int(sep['shortfall_weeks_2'])} weeks. <b>{html.escape(RULE_LABELS[rule])}</b>: "
                f"theatre 1 short by {pooled['unmet_1']:.1f} in {int(pooled['shortfall_weeks_1'])} weeks, "
                f"theatre 2 by {pooled['unmet_2']:.1f} in {int(pooled['shortfall_weeks_2'])} weeks; "
                f"{pooled['lost_in_transit']:.1f} units lost in transit."),
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
    >>> panel.controls["shock_week"].value = 40  # beyond the 26 weeks of the horizon
    >>> panel.summary.value  # doctest: +ELLIPSIS
    '<b>Cannot compute:</b> the Shock week must lie between 0 and 25, got 40...'
    """
    return TwoTheatrePanel(presets)
