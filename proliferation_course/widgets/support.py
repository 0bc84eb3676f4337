"""The live face of the support-roles explorer: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..data import text
from ..figures.support import (
    DEFAULT_THRESHOLD,
    DYNAMIC_TRACES,
    PRESET_LABEL,
    check_presets,
    dependence_from_roles,
    preset_rows,
    support_layout,
    support_snapshot_figure,
    support_state,
)
from ..i18n import _
from ..models.support import ROLE_LABELS, ROLES, ally_levels, preset_arguments, support_coverage
from .panel import ExplorerPanel, Redraw, dropdown, slider

__all__ = ["SupportPanel", "support_panel"]


class SupportPanel(ExplorerPanel):
    """The panel: the ally, the sharing level, the threshold, and per-role dependence and weight.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``ally``, ``sharing``, ``threshold``, ``d_<role>`` and ``w_<role>`` for each role.
    summary : ipywidgets.HTML
        The support index, the ready roles and the weakest role, or why it cannot be computed.
    figure : plotly.graph_objects.FigureWidget
        The same chart as the static face, updated live.
    """

    def __init__(self, capabilities: pd.DataFrame, roles: pd.DataFrame, presets: pd.DataFrame) -> None:
        dependence = dependence_from_roles(roles)
        rows = preset_rows(check_presets(presets))
        self.labels = {str(r["preset_id"]): text(r, "label") for r in rows}
        self.levels = {str(r["preset_id"]): ally_levels(capabilities, preset_arguments(r)["allies"])
                       for r in rows}
        first = str(rows[0]["preset_id"])
        sharing = preset_arguments(rows[0])["sharing"]
        # Choosing an ally changes only the levels: the other controls keep what the learner set.
        controls = {
            "ally": dropdown(_(PRESET_LABEL), [(label, pid) for pid, label in self.labels.items()], first),
            "sharing": slider(_("Planning shared s"), sharing, 0.0, 1.0, 0.05),
            "threshold": slider(_("Ready at coverage τ"), DEFAULT_THRESHOLD, 0.0, 1.0, 0.05),
            **{f"d_{r}": slider(_("Dependence: {role}").format(role=_(ROLE_LABELS[r])), dependence[r],
                                0.0, 1.0, 0.05) for r in ROLES},
            **{f"w_{r}": slider(_("Weight: {role}").format(role=_(ROLE_LABELS[r])), 1.0, 0.0, 3.0, 0.1, ".1f")
               for r in ROLES},
        }
        super().__init__(
            support_snapshot_figure(self.levels[first], dependence, sharing),
            controls,
            rows=[["ally"], ["sharing", "threshold"], [f"d_{r}" for r in ROLES], [f"w_{r}" for r in ROLES]],
            traces=DYNAMIC_TRACES,
            names={"weights": _("the weights of the six roles")},
        )

    def compute(self, values: dict[str, Any]) -> Redraw:
        result = support_coverage(
            self.levels[values["ally"]],
            {r: values[f"d_{r}"] for r in ROLES},
            sharing=values["sharing"],
            weights={r: values[f"w_{r}"] for r in ROLES},
            threshold=values["threshold"],
        )
        ready = _(", ").join(_(ROLE_LABELS[r]) for r in result.ready) or _("none")
        return Redraw(
            state=support_state(result),
            layout=support_layout(result),
            summary=_("<b>{ally}</b>: support index S = {index:.3f}; ready roles: {ready}; weakest role: "
                      "{weakest}.").format(ally=html.escape(self.labels[values["ally"]]), index=result.index,
                                           ready=html.escape(ready),
                                           weakest=html.escape(_(ROLE_LABELS[result.weakest]))),
        )


def support_panel(capabilities: pd.DataFrame, roles: pd.DataFrame, presets: pd.DataFrame) -> SupportPanel:
    """Build the live support-roles panel for the ``support_capabilities``, ``support_roles`` and
    ``support_presets`` tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = support_panel(load_table("support_capabilities"), load_table("support_roles"),
    ...                       load_table("support_presets"))
    >>> panel.controls["sharing"].value = 1.0
    >>> panel.figure.data[1].x[0]  # Japan's escort coverage with full sharing
    1.0
    """
    return SupportPanel(capabilities, roles, presets)
