"""Plotly face of the options model (ch. 13): the scores matrix and the weighted ranking.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.options.rank_options`). A dropdown switches
between the weight presets (the essay's priorities, Graefrath and Raymond's as
the course reads them, equal weights); a slider sets the weight of ally
autonomy from 0 to 10, the other weights held at the preset's values. Each
state sends only what changes: the bars (trace 1) and the weight labels of the
matrix's columns (``xaxis.ticktext``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ..models.options import (
    CRITERIA,
    CRITERION_LABELS,
    CRITERION_SHORT,
    MAX_SCORE,
    MIN_SCORE,
    OptionsResult,
    preset_weights,
    rank_options,
)
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "AUTONOMY_STEPS",
    "SLIDER_CRITERION",
    "TITLE",
    "options_figure",
    "options_snapshot_figure",
    "options_state",
    "ordinal",
    "weight_ticktext",
]

#: The criterion the slider varies, and its positions (0, 0.5, ..., 10).
SLIDER_CRITERION = "ally_autonomy"
AUTONOMY_STEPS: tuple[float, ...] = tuple(i / 2 for i in range(21))
TITLE = "Weighing the options (a teaching model)"
_DYNAMIC = [1]
_LEADER = COLORS["holds"]
_OTHER = COLORS["triangle"]
_SCALE = [[0.0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1.0, "#2166ac"]]


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``...

    Examples
    --------
    >>> [ordinal(k) for k in (1, 2, 3, 4, 11, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '22nd']
    """
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def weight_ticktext(weights: Mapping[str, float], slider: bool = False) -> list[str]:
    """Column labels of the matrix: the criterion's short name and its weight.

    With ``slider=True`` the slider's criterion is labelled "w: slider" (the
    slider shows its value), so that slider steps need not resend the labels.

    Examples
    --------
    >>> weight_ticktext({c: 1.0 for c in CRITERIA})[0]
    'Near-term deterrence<br><b>w = 1</b>'
    >>> weight_ticktext({c: 1.0 for c in CRITERIA}, slider=True)[-1]
    'Ally autonomy<br><b>w: slider</b>'
    """
    return [f"{CRITERION_SHORT[c]}<br><b>"
            + ("w: slider" if slider and c == SLIDER_CRITERION else f"w = {weights[c]:g}") + "</b>"
            for c in CRITERIA]


def options_state(result: OptionsResult) -> dict[str, list]:
    """The ``restyle`` payload for the bars (trace 1): overall scores, rank labels, colours.

    Values are rounded to 3 decimals (ample for drawing, and a smaller page).
    """
    counts = {r: result.rank.count(r) for r in result.rank}
    text = []
    for v, r in zip(result.overall, result.rank, strict=True):
        place = ("joint " if counts[r] > 1 else "") + ordinal(r)
        text.append(f"{v:.2f} ({place})")
    colors = [_LEADER if r == 1 else _OTHER for r in result.rank]
    return {
        "x": [[round(v, 3) for v in result.overall]],
        "text": [text],
        "marker.color": [colors],
    }


def _check_scores(scores: pd.DataFrame) -> list[str]:
    if not isinstance(scores, pd.DataFrame):
        raise ValueError(f"scores must be a pandas DataFrame, got {type(scores).__name__}")
    for col in ("option_id", "option_label", "option_order"):
        if col not in scores.columns:
            raise ValueError(f"scores is missing column(s): {col}")
    if scores.empty:
        raise ValueError("scores has no rows")
    first = scores.sort_values("option_order").drop_duplicates("option_id")
    return [str(o) for o in first["option_id"]]


def _labels(scores: pd.DataFrame, order: list[str]) -> list[str]:
    names = dict(zip(scores["option_id"].astype(str), scores["option_label"].astype(str), strict=False))
    return [_wrap(names[o], 26) for o in order]


def options_snapshot_figure(scores: pd.DataFrame, weights: Mapping[str, float] | None = None,
                            slider: bool = False) -> go.Figure:
    """The matrix and the ranking for one set of weights, with no controls.

    The live panel (:func:`proliferation_course.widgets.options.options_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.
    """
    order = _check_scores(scores)
    result = rank_options(scores, weights, option_order=order)
    labels = _labels(scores, order)
    state = options_state(result)
    hover = [[f"{CRITERION_LABELS[c]}: {s}" for c, s in zip(CRITERIA, row, strict=True)]
             for row in result.scores]
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        x=list(CRITERIA), y=labels, z=[list(row) for row in result.scores], customdata=hover,
        texttemplate="%{z}", textfont={"size": 13}, colorscale=_SCALE, zmin=MIN_SCORE, zmax=MAX_SCORE,
        showscale=False, xgap=2, ygap=2, name="Score (1-5)",
        hovertemplate="%{y}<br>%{customdata}<extra></extra>", xaxis="x", yaxis="y",
    ))
    fig.add_trace(go.Bar(
        x=state["x"][0], y=labels, text=state["text"][0], orientation="h", textposition="outside",
        cliponaxis=False, marker={"color": state["marker.color"][0]}, name="Weighted score V",
        hovertemplate="%{y}: V = %{x:.2f}<extra></extra>", showlegend=False, xaxis="x2", yaxis="y2",
    ))
    fig.update_layout(
        base_layout(title=TITLE, height=700),
        xaxis={"domain": [0.0, 0.6], "side": "top", "tickmode": "array", "tickvals": list(CRITERIA),
               "ticktext": weight_ticktext(result.weights, slider), "tickfont": {"size": 10}, "tickangle": -90,
               "fixedrange": True, "automargin": True},
        yaxis={"domain": [0.0, 0.8], "autorange": "reversed", "automargin": True, "fixedrange": True,
               "tickfont": {"size": 11}},
        xaxis2={"domain": [0.66, 0.93], "anchor": "y2", "range": [MIN_SCORE, MAX_SCORE + 0.9],
                "side": "top", "fixedrange": True, "tickvals": [1, 2, 3, 4, 5], "tickfont": {"size": 10},
                "title": {"text": "Weighted score V (1-5)", "font": {"size": 12}}},
        yaxis2={"domain": [0.0, 0.8], "anchor": "x2", "autorange": "reversed", "showticklabels": False,
                "fixedrange": True},
        annotations=[{"xref": "paper", "yref": "paper", "x": 0.0, "y": -0.04, "xanchor": "left",
                      "yanchor": "top", "align": "left", "showarrow": False,
                      "font": {"size": 11, "color": COLORS["text"]},
                      "text": ("Cells: the course's scores, 1 (worst for the option) to 5 (best).<br>"
                               "Column labels: each criterion's weight w (autonomy: see the slider).<br>"
                               "Bars: V = Σ w·s / Σ w, with the rank; the leader is drawn in green.")}],
        margin={"l": 10, "r": 20, "t": 220, "b": 150},
        # On a narrow screen course.js stacks the matrix above the bars (see render.py).
        meta={"narrow": {"height": 1150, "margin.t": 230, "margin.b": 250, "title.font.size": 14,
                         "title.text": "Weighing the options<br>(a teaching model)",
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 1.0],
                         "xaxis.tickfont.size": 9, "yaxis.tickfont.size": 9,
                         "xaxis2.domain": [0.0, 0.8], "yaxis2.domain": [0.0, 0.4],
                         "yaxis2.showticklabels": True, "yaxis2.tickfont": {"size": 9},
                         "annotations.0.y": -0.03, "annotations.0.x": -0.6,
                         "annotations.0.text": ("Cells: scores 1 (worst) to 5 (best);<br>"
                                                "w = weight of the criterion.<br>"
                                                "Bars: V = Σ w·s / Σ w; leader in green."),
                         "updatemenus.0.x": -0.6, "updatemenus.0.y": 1.2, "updatemenus.0.font.size": 10}},
    )
    fig.layout.meta["description"] = (
        "Left, a matrix of six policy options (rows) against seven criteria (columns): each cell is the "
        "course's score from 1, worst for the option, to 5, best, with the criterion's weight under its "
        "name. Right, each option's weighted mean score V with its rank; the leading option is drawn in "
        "green and labelled 1st. Switch the weight preset with the menu and move the slider to change "
        "the weight of ally autonomy: watch which option leads."
    )
    return fig


def _slider(scores: pd.DataFrame, weights: Mapping[str, float], preset_id: str, order: list[str]) -> dict:
    steps = []
    for k in AUTONOMY_STEPS:
        w = dict(weights) | {SLIDER_CRITERION: k}
        result = rank_options(scores, w, option_order=order)
        steps.append({"method": "restyle", "label": f"{k:g}", "value": f"{k:g}",
                      "args": [options_state(result), _DYNAMIC]})
    current = float(weights[SLIDER_CRITERION])
    if current not in AUTONOMY_STEPS:
        raise ValueError(f"the preset {preset_id!r} gives {SLIDER_CRITERION} a weight of {current:g}, "
                         "which is not a slider position (0 to 10 in steps of 0.5)")
    return {
        "name": f"autonomy-{preset_id}",
        "active": AUTONOMY_STEPS.index(current),
        "currentvalue": {"prefix": "Weight of ally autonomy: ", "font": {"size": 13}},
        "pad": {"t": 10, "b": 10},
        "len": 1.0,
        "x": 0.0,
        "y": -0.17,
        "yanchor": "top",
        "steps": steps,
    }


def options_figure(scores: pd.DataFrame, presets: pd.DataFrame, initial: str | None = None) -> go.Figure:
    """The static face of the options model: a dropdown of weight presets and an autonomy slider.

    Parameters
    ----------
    scores
        The ``option_scores`` table.
    presets
        The ``option_weight_presets`` table (one row per preset, one column per criterion).
    initial
        ``preset_id`` shown first; the first preset by ``order`` if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the option × criterion scores. Right: each option's weighted
        score and rank. Every dropdown entry and slider step carries a state
        computed by the model.
    """
    order = _check_scores(scores)
    weights = preset_weights(presets)
    labels = dict(zip(presets["preset_id"].astype(str), presets["label"].astype(str), strict=True)) \
        if "label" in presets.columns else {k: k for k in weights}
    ids = list(weights)
    if initial is None:
        initial = ids[0]
    if initial not in ids:
        raise ValueError(f"initial must be one of the presets ({', '.join(ids)}), got {initial!r}")
    buttons, sliders = [], {}
    for pid in ids:
        result = rank_options(scores, weights[pid], option_order=order)
        sliders[pid] = _slider(scores, weights[pid], pid, order)
        buttons.append({"method": "update", "label": labels[pid],
                        "args": [options_state(result),
                                 {"xaxis.ticktext": weight_ticktext(result.weights, slider=True),
                                  "sliders": [sliders[pid]]},
                                 _DYNAMIC]})
    fig = options_snapshot_figure(scores, weights[initial], slider=True)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.16, "yanchor": "bottom", "direction": "down", "active": ids.index(initial),
                      "pad": {"b": 4}, "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig
