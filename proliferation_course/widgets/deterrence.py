"""The live face of the deterrence triangle: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import text
from ..figures.deterrence import (
    DYNAMIC_TRACES,
    check_presets,
    deterrence_snapshot_figure,
    deterrence_state,
    threshold_layout,
)
from ..i18n import N_, _
from ..models.deterrence import RULE_LABELS, RULES, evaluate_deterrence, preset_arguments
from .panel import ExplorerPanel, Redraw, dropdown, number, slider

__all__ = ["DeterrencePanel", "deterrence_panel"]

#: The factors as the summary names the weakest one, in a sentence.
FACTOR_WORDS = {"capabilities": N_("capabilities"), "credibility": N_("credibility"),
                "communication": N_("communication")}


class DeterrencePanel(ExplorerPanel):
    """The panel: a preset, the three factors, the rule and its weights, the challenger's stakes.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``capabilities``, ``credibility``, ``communication``,
        ``rule``, ``w_c``, ``w_r``, ``w_m``, ``gain``, ``cost``.
    summary : ipywidgets.HTML
        The verdict for the selected rule, or why it cannot be computed.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, presets: pd.DataFrame) -> None:
        self.presets_table = check_presets(presets)
        rows = [{str(k): v for k, v in r.items()} for r in self.presets_table.to_dict("records")]
        first = preset_arguments(rows[0])
        controls = {
            "preset": dropdown(_("Preset"), [(text(r, "label"), str(r["preset_id"])) for r in rows],
                               str(rows[0]["preset_id"])),
            "capabilities": slider(_("Capabilities c"), first["capabilities"], 0.0, 1.0, 0.01),
            "credibility": slider(_("Credibility r"), first["credibility"], 0.0, 1.0, 0.01),
            "communication": slider(_("Communication m"), first["communication"], 0.0, 1.0, 0.01),
            "rule": dropdown(_("Rule for verdict"), [(_(RULE_LABELS[r]), r) for r in RULES], "product"),
            "w_c": slider(_("Weight w_c"), 1.0, 0.0, 3.0, 0.1, ".1f"),
            "w_r": slider(_("Weight w_r"), 1.0, 0.0, 3.0, 0.1, ".1f"),
            "w_m": slider(_("Weight w_m"), 1.0, 0.0, 3.0, 0.1, ".1f"),
            "gain": number(_("Gain B"), 1.0),
            "cost": number(_("Punishment C"), 3.0),
        }
        super().__init__(
            deterrence_snapshot_figure(first["capabilities"], first["credibility"], first["communication"]),
            controls,
            rows=[["preset"], ["capabilities", "credibility", "communication"],
                  ["rule", "w_c", "w_r", "w_m"], ["gain", "cost"]],
            traces=DYNAMIC_TRACES,
            presets={str(r["preset_id"]): preset_arguments(r) for r in rows},
            names={"weights": _("the weights w_c, w_r and w_m")},
        )

    def compute(self, values: dict[str, Any]) -> Redraw:
        factors = {k: values[k] for k in ("capabilities", "credibility", "communication")}
        weights = (values["w_c"], values["w_r"], values["w_m"])
        result = evaluate_deterrence(**factors, rule=values["rule"], weights=weights,
                                     gain=values["gain"], cost=values["cost"])
        state = deterrence_state(**factors, weights=weights, gain=values["gain"], cost=values["cost"])
        if result.holds:
            summary = _("<b>{rule}</b>: D = {score:.3f} against a threshold of {threshold:.3f}, so the defender "
                        "<b>deters</b> in this model. Weakest factor: {weakest}.")
        else:
            summary = _("<b>{rule}</b>: D = {score:.3f} against a threshold of {threshold:.3f}, so the defender "
                        "<b>does not deter</b> in this model. Weakest factor: {weakest}.")
        weakest = _(FACTOR_WORDS[result.weakest_factor])
        return Redraw(
            state=state,
            layout=threshold_layout(result.threshold),
            summary=summary.format(rule=_(RULE_LABELS[result.rule]), score=result.score,
                                   threshold=result.threshold, weakest=weakest),
        )


def deterrence_panel(presets: pd.DataFrame) -> DeterrencePanel:
    """Build the live deterrence-triangle panel for the given presets table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = deterrence_panel(load_table("deterrence_presets"))
    >>> panel.controls["credibility"].value = 0.0
    >>> panel.figure.data[5].y[0]  # the product score
    0.0
    """
    return DeterrencePanel(presets)
