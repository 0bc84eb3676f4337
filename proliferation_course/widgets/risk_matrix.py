"""The live face of the risk matrix: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..data import localized, text
from ..figures.risk_matrix import (
    DYNAMIC_TRACES,
    IDENTIFIED,
    IDENTIFIED_LABEL,
    VIEW_LABEL,
    check_presets,
    check_studies,
    drawing_layout,
    risk_matrix_snapshot_figure,
    risk_matrix_state,
)
from ..i18n import N_, _
from ..models.risk_matrix import RISK_LABELS, RISKS, preset_arguments, risk_matrix
from .panel import ExplorerPanel, Redraw, dropdown, slider

__all__ = ["LIVE_VIEWS", "RiskMatrixPanel", "risk_matrix_panel"]

#: The panel's two views: the statuses, or the severities weighted by the sliders.
LIVE_VIEWS: dict[str, str] = {IDENTIFIED: IDENTIFIED_LABEL, "weighted": N_("Severity, weighted by the sliders")}
#: The label of the preset dropdown (translated where shown).
PRESET_LABEL = N_("Set the weights to")


class RiskMatrixPanel(ExplorerPanel):
    """The panel: the view, a weighting preset, and one weight slider per risk.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``view``, ``preset``, and one slider per risk, named by its id
        (``arms_race``, ``preventive_attack``, ...).
    summary : ipywidgets.HTML
        The studies ranked by weighted score, with their shares.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, studies: pd.DataFrame, risks: pd.DataFrame, presets: pd.DataFrame) -> None:
        self.studies = check_studies(studies)
        self.risks = risks
        self.order = [str(s) for s in self.studies["study_id"]]
        self.labels = [str(x) for x in localized(self.studies, "label")]
        rows = [{str(k): v for k, v in r.items()} for r in check_presets(presets).to_dict("records")]
        weights = {str(r["preset_id"]): preset_arguments(r)["weights"] for r in rows}
        first = weights[str(rows[0]["preset_id"])]
        controls: dict[str, Any] = {
            "view": dropdown(_(VIEW_LABEL), [(_(label), key) for key, label in LIVE_VIEWS.items()], "weighted"),
            "preset": dropdown(_(PRESET_LABEL), [(text(r, "label"), str(r["preset_id"])) for r in rows],
                               str(rows[0]["preset_id"])),
        }
        for r in RISKS:
            label = _("Weight: {risk}").format(risk=_(RISK_LABELS[r]))
            controls[r] = slider(label, first[r], 0.0, 5.0, 0.5, ".1f")
        super().__init__(
            risk_matrix_snapshot_figure(self.studies, risks, "severity", first),
            controls,
            rows=[["view"], ["preset"], *[[r] for r in RISKS]],
            traces=DYNAMIC_TRACES,
            presets=weights,
            names={"weights": _("the seven weights")},
        )

    def weights(self) -> dict[str, float]:
        """The weights the sliders show, ``{risk: weight}``."""
        return {r: float(self.controls[r].value) for r in RISKS}

    def compute(self, values: dict[str, Any]) -> Redraw:
        drawing = IDENTIFIED if values["view"] == IDENTIFIED else "severity"
        result = risk_matrix(self.risks, {r: float(values[r]) for r in RISKS}, study_order=self.order)
        ranked = sorted(zip(self.labels, result.weighted_score, result.identified_share,
                            result.documented_share, strict=True), key=lambda t: -t[1])
        line = _("{study}: S = {score:.2f}; identified {identified:.0%}, documented {documented:.0%}")
        items = "".join(
            "<li>" + line.format(study=html.escape(label), score=score, identified=ident,
                                 documented=docu) + "</li>"
            for label, score, ident, docu in ranked
        )
        return Redraw(
            state=(risk_matrix_state(result, drawing, self.labels)),
            layout=drawing_layout(drawing),
            summary=_("<b>Weighted risk score S</b> (0 = none of the weighted risks identified, "
                      "1 = all identified as decisive), highest first:") + f"<ol>{items}</ol>",
        )


def risk_matrix_panel(studies: pd.DataFrame, risks: pd.DataFrame, presets: pd.DataFrame) -> RiskMatrixPanel:
    """Build the live risk-matrix panel for the given tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = risk_matrix_panel(load_table("japan_studies"), load_table("japan_study_risks"),
    ...                           load_table("risk_matrix_presets"))
    >>> panel.controls["preset"].value = "economic"
    >>> panel.controls["sanctions"].value
    3.0
    """
    return RiskMatrixPanel(studies, risks, presets)
