"""The live face of the Article X model: assess a case condition by condition.

The callback only reads the controls, calls the model and updates the figure
and the summary. It needs a running Python kernel (JupyterLab); on the static
website the page shows the precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.article_x import (
    _DYNAMIC,
    _case_tick,
    article_x_snapshot_figure,
    article_x_state,
    check_cases,
    reading_assessments,
)
from ..models.article_x import (
    CONDITIONS,
    LEGITIMACY_RULES,
    LEVEL_LABELS,
    LEVELS,
    ArticleXResult,
    assess_withdrawal,
)

__all__ = ["ArticleXPanel", "article_x_panel"]

_STYLE = {"description_width": "17em"}


class ArticleXPanel(w.VBox):
    """The panel: a preset (case and reading), six assessments, the rule, then verdict and figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``case``, ``reading``, one per condition id (``sovereignty`` ...
        ``statement``), ``rule``, ``justified_at``, ``unjustified_at``.
    summary : ipywidgets.HTML
        The verdict and the reasons for it.
    figure : plotly.graph_objects.FigureWidget
        The same grid and verdict bar as the static face, for the case being assessed.
    """

    def __init__(self, cases: pd.DataFrame) -> None:
        self.cases = check_cases(cases)
        case_ids = list(dict.fromkeys(self.cases["case_id"]))
        labels = dict(zip(self.cases["case_id"], self.cases["case_label"], strict=True))
        readings = list(dict.fromkeys(self.cases["reading_id"]))
        reading_labels = dict(zip(self.cases["reading_id"], self.cases["reading_label"], strict=True))
        self.controls: dict[str, w.Widget] = {
            "case": w.Dropdown(options=[(str(labels[c]), str(c)) for c in case_ids], value=str(case_ids[0]),
                               description="Case", style=_STYLE, layout=w.Layout(width="40em")),
            "reading": w.Dropdown(options=[(str(reading_labels[r]), str(r)) for r in readings],
                                  value=str(readings[0]), description="Start from the reading of",
                                  style=_STYLE, layout=w.Layout(width="40em")),
        }
        for c in CONDITIONS:
            self.controls[c.id] = w.ToggleButtons(
                options=[(LEVEL_LABELS[lv], lv) for lv in LEVELS], value="met",
                description=f"{c.number}. {c.label}", style={**_STYLE, "button_width": "7em"})
        self.controls["rule"] = w.Dropdown(options=[("mean of the three", "mean"),
                                                    ("minimum (strict)", "minimum")],
                                           value="mean", description="Legitimacy L from S-conditions",
                                           style=_STYLE)
        self.controls["justified_at"] = w.FloatSlider(value=2 / 3, min=0.0, max=1.0, step=0.01,
                                                      description="Justified at L ≥", style=_STYLE,
                                                      readout_format=".2f", continuous_update=False)
        self.controls["unjustified_at"] = w.FloatSlider(value=1 / 3, min=0.0, max=1.0, step=0.01,
                                                        description="Not justified at L ≤", style=_STYLE,
                                                        readout_format=".2f", continuous_update=False)
        assert set(LEGITIMACY_RULES) == {"mean", "minimum"}
        self.summary = w.HTML()
        first = self._preset_levels()
        self._apply_levels(first)
        self.figure = go.FigureWidget(article_x_snapshot_figure(
            [self._case_label()], [assess_withdrawal(first)],
            title="Article X: your assessment (a teaching model)"))
        self.figure.update_layout(height=620, meta=None)
        self.controls["case"].observe(self._on_preset, names="value")
        self.controls["reading"].observe(self._on_preset, names="value")
        for name, control in self.controls.items():
            if name not in ("case", "reading"):
                control.observe(self._update, names="value")
        c = self.controls
        super().__init__([
            c["case"], c["reading"],
            w.HTML("<b>Assess each condition</b> (P procedural, S substantive):"),
            *[c[cond.id] for cond in CONDITIONS],
            c["rule"], w.HBox([c["justified_at"], c["unjustified_at"]]),
            self.summary,
            self.figure,
        ])
        self._update()

    def _case_label(self) -> str:
        return str(self.controls["case"].label)

    def _preset_levels(self) -> dict[str, str]:
        rows = reading_assessments(self.cases, self.controls["reading"].value)
        return next(levels for case_id, _, levels in rows if case_id == self.controls["case"].value)

    def _apply_levels(self, levels: dict[str, str]) -> None:
        for cid, level in levels.items():
            self.controls[cid].value = level

    def _levels(self) -> dict[str, str]:
        return {c.id: self.controls[c.id].value for c in CONDITIONS}

    def _on_preset(self, change: dict) -> None:
        with self.hold_trait_notifications():
            self._apply_levels(self._preset_levels())
        self._update()

    def _result(self) -> ArticleXResult:
        c = self.controls
        return assess_withdrawal(self._levels(), rule=c["rule"].value,
                                 justified_at=c["justified_at"].value,
                                 unjustified_at=c["unjustified_at"].value)

    def _update(self, change: dict | None = None) -> None:
        try:
            result = self._result()
        except ValueError as err:  # e.g. thresholds crossed: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        label = self._case_label()
        state = article_x_state([label], [result])
        with self.figure.batch_update():
            grid, bars, hi, lo = (self.figure.data[i] for i in _DYNAMIC)
            grid.z, grid.text = state["z"][0], state["text"][0]
            bars.y, bars.text = state["y"][1], state["text"][1]
            bars.marker.color = state["marker.color"][1]
            hi.y, hi.name = state["y"][2], state["name"][2]
            lo.y, lo.name = state["y"][3], state["name"][3]
            self.figure.layout.xaxis.ticktext = [_case_tick(label)]
            self.figure.layout.xaxis2.ticktext = [_case_tick(label)]
        unmet = [f"{c.number}. {c.label}" for c in result.conditions if c.level == "not_met"]
        self.summary.value = (
            f"<b>{html.escape(label)}</b>: legitimacy L = {result.legitimacy:.3f} ({result.rule} rule); "
            f"verdict in this model: <b>{result.verdict_label}</b>. "
            f"Not met: {html.escape(', '.join(unmet)) if unmet else 'none'}."
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
