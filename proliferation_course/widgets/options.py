"""The live face of the options model: an ipywidgets panel that calls the model.

The callback only reads the controls (a weight for each of the seven criteria),
calls the model and updates the figure and the summary. It needs a running
Python kernel (JupyterLab); on the static website the page shows the
precomputed figure instead.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from ..figures.options import (
    _DYNAMIC,
    _check_scores,
    options_snapshot_figure,
    options_state,
    weight_ticktext,
)
from ..models.options import (
    CRITERIA,
    CRITERION_LABELS,
    OPTION_LABELS,
    lead_weight,
    preset_weights,
    rank_options,
)

__all__ = ["OptionsPanel", "options_panel"]


class OptionsPanel(w.VBox):
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
        self.order = _check_scores(scores)
        self.presets = preset_weights(presets)
        labels = dict(zip(presets["preset_id"].astype(str), presets["label"].astype(str), strict=True))
        first = next(iter(self.presets))
        slider = dict(min=0.0, max=10.0, step=0.5, continuous_update=False, readout_format=".1f",
                      style={"description_width": "24em"}, layout=w.Layout(width="44em"))
        self.controls: dict[str, w.Widget] = {
            "preset": w.Dropdown(options=[(labels[k], k) for k in self.presets], value=first,
                                 description="Set the weights to", style={"description_width": "24em"},
                                 layout=w.Layout(width="44em")),
        }
        for c in CRITERIA:
            self.controls[c] = w.FloatSlider(value=self.presets[first][c],
                                             description=f"Weight: {CRITERION_LABELS[c]}", **slider)
        self.summary = w.HTML()
        self.figure = go.FigureWidget(options_snapshot_figure(scores, self.presets[first]))
        self.controls["preset"].observe(self._on_preset, names="value")
        for c in CRITERIA:
            self.controls[c].observe(self._update, names="value")
        super().__init__([self.controls["preset"], *[self.controls[c] for c in CRITERIA],
                          self.summary, self.figure])
        self._update()

    def weights(self) -> dict[str, float]:
        """The weights the sliders show, ``{criterion: weight}``."""
        return {c: float(self.controls[c].value) for c in CRITERIA}

    def _on_preset(self, change: dict) -> None:
        preset = self.presets[change["new"]]
        with self.hold_trait_notifications():
            for c in CRITERIA:
                self.controls[c].value = preset[c]
        self._update()

    def _update(self, change: dict | None = None) -> None:
        try:
            result = rank_options(self.scores, self.weights(), option_order=self.order)
        except ValueError as err:  # e.g. every weight at zero: say so, keep the last figure
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        state = options_state(result)
        with self.figure.batch_update():
            bars = self.figure.data[_DYNAMIC[0]]
            bars.x = state["x"][0]
            bars.text = state["text"][0]
            bars.marker.color = state["marker.color"][0]
            self.figure.layout.xaxis.ticktext = weight_ticktext(result.weights)
        ranked = sorted(zip(result.options, result.overall, result.rank, result.worst, strict=True),
                        key=lambda t: t[2])
        items = "".join(f"<li>{html.escape(OPTION_LABELS.get(o, o))}: V = {v:.2f} (worst score {low})</li>"
                        for o, v, _, low in ranked)
        note = ""
        sp, leaders = "selective_proliferation", result.leaders
        if sp in result.options and sp not in leaders:
            lw = lead_weight(self.scores, result.weights, "ally_autonomy", sp)
            note = ("<br>Selective proliferation would take the lead (alone or tied) if ally autonomy "
                    f"weighed {lw:.1f} or more, the other weights unchanged." if lw is not None else
                    "<br>No weight on ally autonomy alone puts selective proliferation in the lead.")
        self.summary.value = f"<b>Weighted score V</b> (1 to 5), highest first:<ol>{items}</ol>{note}"


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
