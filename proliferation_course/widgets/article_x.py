"""The live face of the Article X model: assess a case condition by condition (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..data import localized
from ..figures.article_x import (
    DYNAMIC_TRACES,
    JUSTIFIED_LABEL,
    UNJUSTIFIED_LABEL,
    article_x_snapshot_figure,
    article_x_state,
    case_tick,
    check_cases,
    condition_label,
    level_label,
    reading_assessments,
)
from ..i18n import N_, _, language
from ..models.article_x import CONDITIONS, LEVELS, assess_withdrawal
from .panel import ExplorerPanel, Redraw, dropdown, slider

__all__ = ["RULE_CHOICES", "ArticleXPanel", "article_x_panel"]

#: How the legitimacy score L is made from the substantive scores, as the panel offers it.
RULE_CHOICES: tuple[tuple[str, str], ...] = ((N_("mean of the three"), "mean"),
                                             (N_("minimum (strict)"), "minimum"))
#: The panel's title (the figure's, for one case the learner assesses), translated where shown.
TITLE = N_("Article X: your assessment (a teaching model)")
#: How the rules are named in the summary.
_RULE_NAMES = {"mean": N_("mean"), "minimum": N_("minimum")}


class ArticleXPanel(ExplorerPanel):
    """The panel: a starting point (a case in one reading), six assessments, the rule, two thresholds.

    Choosing a starting point sets the six assessments, and only those (the
    panel says so under the controls); the rule and the thresholds keep the
    values the learner set.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset`` (a case in one reading: ``"dprk_2003/others"``), one per
        condition id (``sovereignty`` ... ``statement``), ``rule``,
        ``justified_at``, ``unjustified_at``.
    summary : ipywidgets.HTML
        The verdict and the reasons for it, or why it cannot be computed.
    figure : plotly.graph_objects.FigureWidget
        The same grid and verdict bar as the static face, for the case being assessed.
    """

    def __init__(self, cases: pd.DataFrame) -> None:
        self.cases = check_cases(cases)
        readings = list(dict.fromkeys(str(r) for r in self.cases["reading_id"]))
        reading_labels = dict(zip(self.cases["reading_id"], localized(self.cases, "reading_label"), strict=True))
        presets: dict[str, dict[str, str]] = {}
        options: list[tuple[str, str]] = []
        self.case_labels: dict[str, str] = {}
        for reading in readings:
            for case_id, label, levels in reading_assessments(self.cases, reading):
                key = f"{case_id}/{reading}"
                presets[key] = levels
                shown = _("{case}: {reading}").format(case=label, reading=reading_labels[reading])
                options.append((shown, key))
                self.case_labels[key] = label
        first = options[0][1]
        controls = {"preset": dropdown(_("Start from"), options, first)}
        for c in CONDITIONS:
            controls[c.id] = dropdown(condition_label(c.id), [(level_label(lv), lv) for lv in LEVELS],
                                      presets[first][c.id])
        controls["rule"] = dropdown(_("Legitimacy L from S conditions"),
                                    [(_(label), rule) for label, rule in RULE_CHOICES], "mean")
        controls["justified_at"] = slider(_(JUSTIFIED_LABEL), 2 / 3, 0.0, 1.0, 0.01)
        controls["unjustified_at"] = slider(_(UNJUSTIFIED_LABEL), 1 / 3, 0.0, 1.0, 0.01)
        figure = article_x_snapshot_figure([self.case_labels[first]], [assess_withdrawal(presets[first])],
                                           title=_(TITLE))
        figure.update_layout(height=640)
        super().__init__(
            figure, controls,
            rows=[["preset"], [c.id for c in CONDITIONS], ["rule"], ["justified_at", "unjustified_at"]],
            traces=DYNAMIC_TRACES,
            presets=presets,
            names={"justified_at": _("the upper threshold"), "unjustified_at": _("the lower threshold")},
        )

    def compute(self, values: dict[str, Any]) -> Redraw:
        levels = {c.id: values[c.id] for c in CONDITIONS}
        result = assess_withdrawal(levels, rule=values["rule"], justified_at=values["justified_at"],
                                   unjustified_at=values["unjustified_at"])
        label = self.case_labels[values["preset"]]
        unmet = ("、" if language() == "ja" else ", ").join(condition_label(cid) for cid in result.unmet)
        return Redraw(
            state=article_x_state([label], [result]),
            layout={"xaxis.ticktext": [case_tick(label)], "xaxis2.ticktext": [case_tick(label)]},
            summary=_("<b>{case}</b>, as you assess it: legitimacy L = {score:.3f} ({rule} rule); verdict in "
                      "this model: <b>{verdict}</b>. Not met: {unmet}.").format(
                          case=html.escape(label), score=result.legitimacy, rule=_(_RULE_NAMES[result.rule]),
                          verdict=result.verdict_label,
                          unmet=html.escape(unmet) if unmet else _("none")),
        )


def article_x_panel(cases: pd.DataFrame) -> ArticleXPanel:
    """Build the live Article X panel for the given cases table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = article_x_panel(load_table("article_x_cases"))
    >>> panel.controls["notice"].value = "not_met"
    >>> "not a valid withdrawal" in panel.summary.value
    True
    """
    return ArticleXPanel(cases)
