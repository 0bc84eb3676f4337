"""The live face of the risk matrix: an ipywidgets panel that calls the model.

The callback only reads the controls (a weight for each of the seven risks and
the view), calls the model and updates the figure and the summary. It needs a
running Python kernel (JupyterLab); on the static website the page shows the
precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.risk_matrix import (
    _DYNAMIC,
    _bar_title,
    _check_studies,
    risk_matrix_snapshot_figure,
    risk_view_state,
)
from ..models.risk_matrix import (
    RISK_LABELS,
    RISKS,
    WEIGHT_PRESET_LABELS,
    WEIGHT_PRESETS,
    risk_matrix,
)

__all__ = ["LIVE_VIEWS", "RiskMatrixPanel", "risk_matrix_panel"]

#: The panel's two views, and the figure drawing each one uses.
LIVE_VIEWS: dict[str, str] = {"identified": "identified", "weighted": "equal"}
_LIVE_VIEW_LABELS = {"identified": "Which risks each study identified",
                     "weighted": "Severity, weighted by the sliders"}
_TRACE_KEYS = ("x", "y", "z", "text", "customdata", "colorscale", "zmin", "zmax")


class RiskMatrixPanel(w.VBox):
    """The panel: view and weight controls, a one-paragraph summary, then the figure.

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

    def __init__(self, studies: pd.DataFrame, risks: pd.DataFrame) -> None:
        self.studies = _check_studies(studies)
        self.risks = risks
        self.order = [str(s) for s in self.studies["study_id"]]
        self.labels = list(self.studies["label"])
        slider = dict(min=0.0, max=5.0, step=0.5, continuous_update=False, readout_format=".1f",
                      style={"description_width": "16em"}, layout=w.Layout(width="34em"))
        self.controls: dict[str, w.Widget] = {
            "view": w.Dropdown(options=[(v, k) for k, v in _LIVE_VIEW_LABELS.items()], value="weighted",
                               description="View", style={"description_width": "16em"},
                               layout=w.Layout(width="34em")),
            "preset": w.Dropdown(options=[(v, k) for k, v in WEIGHT_PRESET_LABELS.items()], value="equal",
                                 description="Set the weights to", style={"description_width": "16em"},
                                 layout=w.Layout(width="34em")),
        }
        for r in RISKS:
            self.controls[r] = w.FloatSlider(value=1.0, description=f"Weight: {RISK_LABELS[r]}", **slider)
        self.summary = w.HTML()
        self.figure = go.FigureWidget(risk_matrix_snapshot_figure(self.studies, risks, view="equal"))
        self.controls["preset"].observe(self._on_preset, names="value")
        for name, control in self.controls.items():
            if name != "preset":
                control.observe(self._update, names="value")
        c = self.controls
        super().__init__([c["view"], c["preset"], *[c[r] for r in RISKS], self.summary, self.figure])
        self._update()

    def weights(self) -> dict[str, float]:
        """The weights the sliders show, ``{risk: weight}``."""
        return {r: float(self.controls[r].value) for r in RISKS}

    def _on_preset(self, change: dict) -> None:
        preset = WEIGHT_PRESETS[change["new"]]
        with self.hold_trait_notifications():
            for r in RISKS:
                self.controls[r].value = preset[r]
        self._update()

    def _update(self, change: dict | None = None) -> None:
        view = LIVE_VIEWS[self.controls["view"].value]
        try:
            result = risk_matrix(self.risks, self.weights(), study_order=self.order)
        except ValueError as err:  # e.g. every weight at zero: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        state = risk_view_state(result, view, self.labels)
        with self.figure.batch_update():
            for i, index in enumerate(_DYNAMIC):
                trace = self.figure.data[index]
                for key in _TRACE_KEYS:
                    value = state[key][i]
                    if value is not None:
                        trace[key] = value
            self.figure.layout.xaxis2.title.text = _bar_title(view)
        ranked = sorted(zip(self.labels, result.weighted_score, result.identified_share,
                            result.documented_share, strict=True), key=lambda t: -t[1])
        items = "".join(
            f"<li>{html.escape(label)}: S = {score:.2f}; identified {ident:.0%}, documented {docu:.0%}</li>"
            for label, score, ident, docu in ranked
        )
        self.summary.value = ("<b>Weighted risk score S</b> (0 = none of the weighted risks identified, "
                              f"1 = all identified as decisive), highest first:<ol>{items}</ol>")


def risk_matrix_panel(studies: pd.DataFrame, risks: pd.DataFrame) -> RiskMatrixPanel:
    """Build the live risk-matrix panel for the given tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = risk_matrix_panel(load_table("japan_studies"), load_table("japan_study_risks"))
    >>> panel.controls["preset"].value = "economic"
    >>> panel.controls["sanctions"].value
    3.0
    """
    return RiskMatrixPanel(studies, risks)
