"""The live face of the two-theatre explorer: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..data import text
from ..figures.two_theatre import (
    DYNAMIC_TRACES,
    check_presets,
    shock_layout,
    two_theatre_snapshot_figure,
    two_theatre_state,
)
from ..i18n import _
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
            "preset": dropdown(_("Preset"), [(text(r, "label"), str(r["preset_id"])) for r in rows],
                               str(rows[0]["preset_id"])),
            "rule": dropdown(_("Pooled rule"), [(_(RULE_LABELS[r]), r) for r in RULES if r != "separate"],
                             first["rule"]),
            "weeks": slider(_("Weeks"), first["weeks"], 4, 104, 1, ".0f"),
            "shock_week": slider(_("Shock week"), first["shock_week"], 0, 103, 1, ".0f"),
            "demand_1": amount("demand_1", _("Demand, theatre 1"), 40.0),
            "baseline_2": amount("baseline_2", _("Baseline, theatre 2"), 40.0),
            "shock_2": amount("shock_2", _("Shock in theatre 2"), 60.0),
            "stock_1": amount("stock_1", _("Stock, theatre 1"), 400.0),
            "stock_2": amount("stock_2", _("Stock, theatre 2"), 400.0),
            "production_1": amount("production_1", _("Production, theatre 1"), 40.0),
            "production_2": amount("production_2", _("Production, theatre 2"), 40.0),
            "efficiency": slider(_("Transfer efficiency"), first["efficiency"], 0.05, 1.0, 0.05),
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
            summary=_(
                "<b>Separate pools</b>: theatre 1 short by {sep_unmet_1:.1f} units in {sep_weeks_1} weeks, "
                "theatre 2 by {sep_unmet_2:.1f} in {sep_weeks_2} weeks. <b>{rule}</b>: theatre 1 short by "
                "{unmet_1:.1f} in {weeks_1} weeks, theatre 2 by {unmet_2:.1f} in {weeks_2} weeks; "
                "{lost:.1f} units lost in transit.").format(
                sep_unmet_1=sep["unmet_1"], sep_weeks_1=int(sep["shortfall_weeks_1"]),
                sep_unmet_2=sep["unmet_2"], sep_weeks_2=int(sep["shortfall_weeks_2"]),
                rule=html.escape(_(RULE_LABELS[rule])), unmet_1=pooled["unmet_1"],
                weeks_1=int(pooled["shortfall_weeks_1"]), unmet_2=pooled["unmet_2"],
                weeks_2=int(pooled["shortfall_weeks_2"]), lost=pooled["lost_in_transit"]),
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
