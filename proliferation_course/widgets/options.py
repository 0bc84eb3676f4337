"""The live face of the options model: a panel that calls the model (see :mod:`.panel`).

It reads the controls (a weight for each of the seven criteria), calls the
model and returns the bars' state and the weight labels of the matrix's
columns. It needs a running Python kernel (JupyterLab); on the static website
the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..data import text
from ..figures.options import (
    DYNAMIC_TRACES,
    PRESET_LABEL,
    check_presets,
    check_scores,
    options_snapshot_figure,
    options_state,
    weight_ticktext,
)
from ..i18n import _
from ..models.options import (
    CRITERIA,
    CRITERION_LABELS,
    OPTION_LABELS,
    lead_weight,
    preset_arguments,
    rank_options,
)
from .panel import ExplorerPanel, Redraw, dropdown, slider

__all__ = ["OptionsPanel", "options_panel"]


class OptionsPanel(ExplorerPanel):
    """The panel: a preset menu and seven weight sliders, a summary, then the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, and one slider per criterion, named by its id
        (``near_term_deterrence``, ..., ``ally_autonomy``).
    summary : ipywidgets.HTML
        The options ranked by weighted score, and what it would take for
        selective proliferation to lead.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, scores: pd.DataFrame, presets: pd.DataFrame) -> None:
        self.scores = scores
        self.order = check_scores(scores)
        rows = [{str(k): v for k, v in r.items()} for r in check_presets(presets).to_dict("records")]
        weights = {str(r["preset_id"]): preset_arguments(r)["weights"] for r in rows}
        first = str(rows[0]["preset_id"])
        controls = {"preset": dropdown(_(PRESET_LABEL), [(text(r, "label"), str(r["preset_id"])) for r in rows],
                                       first)}
        for c in CRITERIA:
            controls[c] = slider(_("Weight: {criterion}").format(criterion=_(CRITERION_LABELS[c])),
                                 weights[first][c], 0.0, 10.0, 0.5, ".1f")
        super().__init__(options_snapshot_figure(scores, weights[first]), controls,
                         rows=[["preset"], *[[c] for c in CRITERIA]], traces=DYNAMIC_TRACES,
                         presets=weights, names={"weights": _("the weights")})

    def weights(self) -> dict[str, float]:
        """The weights the sliders show, ``{criterion: weight}``."""
        return {c: float(self.controls[c].value) for c in CRITERIA}

    def compute(self, values: dict[str, Any]) -> Redraw:
        result = rank_options(self.scores, {c: values[c] for c in CRITERIA}, option_order=self.order)
        ranked = sorted(zip(result.options, result.overall, result.rank, result.worst, strict=True),
                        key=lambda t: t[2])
        item = _("{option}: V = {score:.2f} (worst score {worst})")
        items = "".join("<li>" + item.format(option=html.escape(_(OPTION_LABELS[o]) if o in OPTION_LABELS else o),
                                             score=v, worst=low) + "</li>"
                        for o, v, _rank, low in ranked)
        note = ""
        sp, leaders = "selective_proliferation", result.leaders
        if sp in result.options and sp not in leaders:
            lw = lead_weight(self.scores, result.weights, "ally_autonomy", sp)
            note = "<br>" + (_("Selective proliferation would take the lead (alone or tied) if ally autonomy "
                               "weighed {weight:.1f} or more, the other weights unchanged.").format(weight=lw)
                             if lw is not None else
                             _("No weight on ally autonomy alone puts selective proliferation in the lead."))
        return Redraw(state=options_state(result),
                      layout={"xaxis.ticktext": weight_ticktext(result.weights)},
                      summary=_("<b>Weighted score V</b> (1 to 5), highest first:") + f"<ol>{items}</ol>{note}")


def options_panel(scores: pd.DataFrame, presets: pd.DataFrame) -> OptionsPanel:
    """Build the live options panel for the given tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = options_panel(load_table("option_scores"), load_table("option_weight_presets"))
    >>> panel.controls["preset"].value = "equal"
    >>> panel.controls["us_burden"].value
    1.0
    """
    return OptionsPanel(scores, presets)
