"""The live face of the breakout timeline: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..data import text
from ..figures.breakout import (
    DYNAMIC_TRACES,
    PRESET_LABEL,
    SANCTIONS_LABEL,
    breakout_layout,
    breakout_snapshot_figure,
    breakout_state,
    check_presets,
    month_range,
    profile_name,
)
from ..i18n import _
from ..models.breakout import breakout_timeline, preset_arguments
from .panel import ExplorerPanel, Redraw, dropdown, number, slider

__all__ = ["BreakoutPanel", "breakout_panel"]


class BreakoutPanel(ExplorerPanel):
    """The panel: a country profile, the estimate level, the sanctions factor and parallel work.

    The profiles and the dials' starting values come from the presets table;
    changing the profile keeps the dials as the learner set them.

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

    def __init__(self, steps: pd.DataFrame, presets: pd.DataFrame) -> None:
        self.steps = steps
        rows = [{str(k): v for k, v in r.items()} for r in check_presets(presets).to_dict("records")]
        first = preset_arguments(rows[0])
        profile, estimate, parallel = str(first["profile"]), float(first["estimate"]), float(first["parallel"])
        self.result = breakout_timeline(steps, profile, estimate=estimate, parallel=parallel, sanctions=1.0)
        controls = {
            "profile": dropdown(_(PRESET_LABEL), [(text(r, "label"), str(r["profile"])) for r in rows], profile),
            "estimate": slider(_("Estimate (low → high)"), estimate, 0.0, 1.0, 0.05),
            # a number box: it does not clamp; the model accepts 1 to 10 and says so otherwise
            "sanctions": number(_(SANCTIONS_LABEL), 1.0, step=0.25),
            "parallel": slider(_("Parallel work"), parallel, 0.0, 1.0, 0.05),
        }
        super().__init__(breakout_snapshot_figure(self.result), controls,
                         rows=[["profile"], ["estimate", "parallel"], ["sanctions"]],
                         traces=DYNAMIC_TRACES)

    def compute(self, values: dict[str, Any]) -> Redraw:
        self.result = r = breakout_timeline(self.steps, values["profile"], estimate=values["estimate"],
                                            sanctions=values["sanctions"], parallel=values["parallel"])
        return Redraw(
            state=breakout_state(r),
            layout={**breakout_layout(r), "xaxis.range": month_range(max(60.0, r.months_to_arsenal))},
            summary=_("<b>{profile}</b>: a first device after <b>{first:.1f} months</b> ({first_years:.1f} "
                      "years); a credible arsenal after <b>{arsenal:.1f} months</b> ({arsenal_years:.1f} "
                      "years). Estimate {estimate:.2f}, sanctions × {sanctions:.2f}, parallel work "
                      "{parallel:.2f}.").format(
                profile=html.escape(profile_name(r.profile)), first=r.months_to_first_device,
                first_years=r.years_to_first_device, arsenal=r.months_to_arsenal,
                arsenal_years=r.years_to_arsenal, estimate=r.estimate, sanctions=r.sanctions,
                parallel=r.parallel),
        )


def breakout_panel(steps: pd.DataFrame, presets: pd.DataFrame) -> BreakoutPanel:
    """Build the live breakout-timeline panel for the steps and presets tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = breakout_panel(load_table("breakout_steps"), load_table("breakout_presets"))
    >>> panel.controls["parallel"].value = 1.0
    >>> bool(panel.result.months_to_arsenal == panel.result.steps["duration"].max())
    True
    """
    return BreakoutPanel(steps, presets)
