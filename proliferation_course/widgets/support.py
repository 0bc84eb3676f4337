"""The live face of the support-roles explorer: an ipywidgets panel that calls the model.

The callback only reads the controls, calls the model and updates the figure
and the summary line. It needs a running Python kernel (JupyterLab); on the
static website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.support import (
    _BOTH_TRACES,
    ALLY_LABELS,
    DEFAULT_SHARING,
    DEFAULT_THRESHOLD,
    VIEWS,
    coverage_state,
    dependence_from_roles,
    summary_text,
    support_snapshot_figure,
    view_levels,
)
from ..models.support import ROLE_LABELS, ROLES, support_coverage

__all__ = ["SupportPanel", "support_panel"]

_STYLE = {"description_width": "13em"}


class SupportPanel(w.VBox):
    """The panel: the ally, the sharing level, the threshold, and per-role dependence and weight.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``ally``, ``sharing``, ``threshold``, ``d_<role>`` and ``w_<role>`` for each role.
    summary : ipywidgets.HTML
        The support index, the ready roles and the weakest role.
    figure : plotly.graph_objects.FigureWidget
        The same chart as the static face, updated live.
    """

    def __init__(self, capabilities: pd.DataFrame, roles: pd.DataFrame) -> None:
        self.capabilities = capabilities
        dependence = dependence_from_roles(roles)
        self.levels = {view: view_levels(capabilities, view) for view in VIEWS}
        unit = dict(min=0.0, max=1.0, step=0.05, continuous_update=False, readout_format=".2f", style=_STYLE)
        self.controls: dict[str, w.Widget] = {
            "ally": w.Dropdown(options=[(ALLY_LABELS[v], v) for v in VIEWS], value=VIEWS[0],
                               description="Ally", style=_STYLE, layout=w.Layout(width="34em")),
            "sharing": w.FloatSlider(value=DEFAULT_SHARING, description="Planning shared s", **unit),
            "threshold": w.FloatSlider(value=DEFAULT_THRESHOLD, description="Ready at coverage τ", **unit),
        }
        for r in ROLES:
            self.controls[f"d_{r}"] = w.FloatSlider(value=dependence[r],
                                                    description=f"Dependence: {ROLE_LABELS[r]}", **unit)
            self.controls[f"w_{r}"] = w.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.1,
                                                    continuous_update=False, readout_format=".1f",
                                                    description=f"Weight: {ROLE_LABELS[r]}", style=_STYLE)
        self.summary = w.HTML()
        self.figure = go.FigureWidget(support_snapshot_figure(self.levels[VIEWS[0]], dependence))
        for control in self.controls.values():
            control.observe(self._update, names="value")
        c = self.controls
        super().__init__([
            w.HBox([c["ally"]]),
            w.HBox([c["sharing"], c["threshold"]]),
            w.HBox([w.VBox([c[f"d_{r}"] for r in ROLES]), w.VBox([c[f"w_{r}"] for r in ROLES])]),
            self.summary,
            self.figure,
        ])
        self._update()

    def _update(self, change: dict | None = None) -> None:
        c = self.controls
        try:
            result = support_coverage(
                self.levels[c["ally"].value],
                {r: c[f"d_{r}"].value for r in ROLES},
                sharing=c["sharing"].value,
                weights={r: c[f"w_{r}"].value for r in ROLES},
                threshold=c["threshold"].value,
            )
        except ValueError as err:  # e.g. all weights at zero: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        state = coverage_state(result)
        with self.figure.batch_update():
            for i, index in enumerate(_BOTH_TRACES):
                self.figure.data[index].x = state["x"][i]
                self.figure.data[index].text = state["text"][i]
            self.figure.layout.annotations[0].text = summary_text(result)
            self.figure.layout.shapes[0].x0 = result.threshold
            self.figure.layout.shapes[0].x1 = result.threshold
        ready = ", ".join(ROLE_LABELS[r] for r in result.ready) or "none"
        self.summary.value = (
            f"<b>{html.escape(ALLY_LABELS[c['ally'].value])}</b>: support index S = {result.index:.3f}; "
            f"ready roles: {html.escape(ready)}; weakest role: {html.escape(ROLE_LABELS[result.weakest])}."
        )


def support_panel(capabilities: pd.DataFrame, roles: pd.DataFrame) -> SupportPanel:
    """Build the live support-roles panel.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = support_panel(load_table("support_capabilities"), load_table("support_roles"))
    >>> panel.controls["sharing"].value = 1.0
    >>> panel.figure.data[1].x[0]  # Japan's escort coverage with full sharing
    1.0
    """
    return SupportPanel(capabilities, roles)
