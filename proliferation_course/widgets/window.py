"""The live face of the window-of-vulnerability model: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import text
from ..figures.window import (
    DYNAMIC_TRACES,
    LEGITIMACY_LABEL,
    PRESET_LABEL,
    check_presets,
    window_axes,
    window_snapshot_figure,
    window_state,
)
from ..i18n import _
from ..models.window import (
    DEFAULT_BACKING_WEIGHT,
    DEFAULT_BASE_HAZARD,
    DEFAULT_LEGITIMACY_WEIGHT,
    DEFAULT_RAMP,
    MAX_BASE_HAZARD,
    evaluate_window,
    preset_arguments,
)
from .panel import ExplorerPanel, Redraw, dropdown, number, slider

__all__ = ["HAZARD_AXIS", "WindowPanel", "window_panel"]

#: The lowest top of the live figure's hazard axis (strikes per month); it grows with a larger hazard.
HAZARD_AXIS = 0.09


class WindowPanel(ExplorerPanel):
    """The panel: a preset, the five parameters it sets, the model's four constants, then the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``window_months``, ``capability``, ``legitimacy``,
        ``us_backing``, ``coupling``, ``base_hazard``, ``legitimacy_weight``,
        ``backing_weight``, ``ramp``.
    summary : ipywidgets.HTML
        The chance of reaching the end of the window unstruck, and why, or why
        it cannot be computed.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, presets: pd.DataFrame) -> None:
        self.presets_table = check_presets(presets)
        rows = [{str(k): v for k, v in r.items()} for r in self.presets_table.to_dict("records")]
        first = preset_arguments(rows[0])
        controls = {
            "preset": dropdown(_(PRESET_LABEL), [(text(r, "label"), str(r["preset_id"])) for r in rows],
                               str(rows[0]["preset_id"])),
            # A number box: the model says when a window is too long or not positive.
            "window_months": number(_("Window T (months)"), first["window_months"], step=1.0),
            "capability": slider(_("Adversary capability a"), first["capability"], 0.0, 1.0, 0.01),
            "legitimacy": slider(_(LEGITIMACY_LABEL), first["legitimacy"], 0.0, 1.0, 0.01),
            "us_backing": slider(_("US backing on offer b"), first["us_backing"], 0.0, 1.0, 0.01),
            "coupling": slider(_("Coupling c"), first["coupling"], 0.0, 1.0, 0.01),
            "base_hazard": slider(_("Base hazard λ0 (per month)"), DEFAULT_BASE_HAZARD, 0.0,
                                  min(0.2, MAX_BASE_HAZARD), 0.005, ".3f"),
            "legitimacy_weight": slider(_("Weight of legitimacy w_l"), DEFAULT_LEGITIMACY_WEIGHT, 0.0, 1.0, 0.01),
            "backing_weight": slider(_("Weight of backing w_b"), DEFAULT_BACKING_WEIGHT, 0.0, 1.0, 0.01),
            "ramp": slider(_("Ramp r"), DEFAULT_RAMP, 0.0, 1.0, 0.01),
        }
        super().__init__(
            window_snapshot_figure(evaluate_window(**first), hazard_max=HAZARD_AXIS),
            controls,
            rows=[["preset"], ["window_months", "capability", "legitimacy", "us_backing", "coupling"],
                  ["base_hazard", "legitimacy_weight", "backing_weight", "ramp"]],
            traces=DYNAMIC_TRACES,
            presets={str(r["preset_id"]): preset_arguments(r) for r in rows},
        )

    def compute(self, values: dict[str, Any]) -> Redraw:
        result = evaluate_window(**{k: v for k, v in values.items() if k != "preset"})
        return Redraw(
            state=window_state(result),
            layout=window_axes(result.window_months, max(HAZARD_AXIS, max(result.hazard) * 1.15)),
            summary=_("Chance of reaching month {month:g} <b>unstruck</b>: <b>{survival:.1%}</b> "
                      "(struck at some point: {struck:.1%}). Mean hazard {hazard:.2%} per month; US backing "
                      "actually delivered {delivered:.2f} of the {offered:.2f} on offer.").format(
                          month=result.window_months, survival=result.survival_at_end,
                          struck=result.struck_by_end, hazard=result.mean_hazard,
                          delivered=result.effective_backing, offered=values["us_backing"]),
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
