"""The live face of the Article X model: assess a case condition by condition (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..figures.article_x import (
    CONDITION_LABELS,
    DYNAMIC_TRACES,
    JUSTIFIED_LABEL,
    UNJUSTIFIED_LABEL,
    article_x_snapshot_figure,
    article_x_state,
    case_tick,
    check_cases,
    reading_assessments,
)
from ..models.article_x import CONDITIONS, LEVEL_LABELS, LEVELS, assess_withdrawal
from .panel import ExplorerPanel, Redraw, dropdown, slider

__all__ = ["RULE_CHOICES", "ArticleXPanel", "article_x_panel"]

#: How the legitimacy score L is made from the substantive scores, as the panel offers it.
RULE_CHOICES: tuple[tuple[str, str], ...] = (("mean of the three", "mean"), ("minimum (strict)", "minimum"))
#: The panel's title (the figure's, for one case the learner assesses).
TITLE = "Article X: your assessment (a teaching model)"


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
        reading_labels = dict(zip(self.cases["reading_id"], self.cases["reading_label"], strict=True))
        presets: dict[str, dict[str, str]] = {}
        options: list[tuple[str, str]] = []
        self.case_labels: dict[str, str] = {}
        for reading in readings:
            for case_id, label, levels in reading_assessments(self.cases, reading):
                key = f"{case_id}/{reading}"
                presets[key] = levels
                options.append((f"{label}: {reading_labels[reading]}", key))
                self.case_labels[key] = label
        first = options[0][1]
        controls = {"preset": dropdown("Start from", options, first)}
        for c in CONDITIONS:
            controls[c.id] = dropdown(CONDITION_LABELS[c.id], [(LEVEL_LABELS[lv], lv) for lv in LEVELS],
                                      presets[first][c.id])
        controls["rule"] = dropdown("Legitimacy L from S conditions", list(RULE_CHOICES), "mean")
        controls["justified_at"] = slider(JUSTIFIED_LABEL, 2 / 3, 0.0, 1.0, 0.01)
        controls["unjustified_at"] = slider(UNJUSTIFIED_LABEL, 1 / 3, 0.0, 1.0, 0.01)
        figure = article_x_snapshot_figure([self.case_labels[first]], [assess_withdrawal(presets[first])],
                                           title=TITLE)
        figure.update_layout(height=640)
        super().__init__(
            figure, controls,
            rows=[["preset"], [c.id for c in CONDITIONS], ["rule"], ["justified_at", "unjustified_at"]],
            traces=DYNAMIC_TRACES,
            presets=presets,
            names={"justified_at": "the upper threshold", "unjustified_at": "the lower threshold"},
        )

    def compute(self, values: dict[str, Any]) -> Redraw:
        levels = {c.id: values[c.id] for c in CONDITIONS}
        result = assess_withdrawal(levels, rule=values["rule"], justified_at=values["justified_at"],
                                   unjustified_at=values["unjustified_at"])
        label = self.case_labels[values["preset"]]
        unmet = [CONDITION_LABELS[cid] for cid in result.unmet]
        return Redraw(
            state=article_x_state([label], [result]),
            layout={"xaxis.ticktext": [case_tick(label)], "xaxis2.ticktext": [case_tick(label)]},
            summary=(f"<b>{html.escape(label)}</b>, as you assess it: legitimacy L = {result.legitimacy:.3f} "
                     f"({result.rule} rule); verdict in this model: <b>{result.verdict_label}</b>. "
                     f"Not met: {html.escape(', '.join(unmet)) if unmet else 'none'}."),
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
