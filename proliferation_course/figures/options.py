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
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..i18n import N_, _, language
from ..models.options import (
    CRITERIA,
    CRITERION_LABELS,
    CRITERION_SHORT,
    MAX_SCORE,
    MIN_SCORE,
    OPTION_SHORT,
    OptionsResult,
    preset_arguments,
    rank_options,
)
from ..models.options import PRESET_COLUMNS as MODEL_COLUMNS
from ..tables import DataTable, data_table
from .controls import check_frame, check_initial, choice, dropdown, records, slider, step
from .style import SPACE, base_layout, color

__all__ = [
    "AUTONOMY_LABEL",
    "AUTONOMY_STEPS",
    "DYNAMIC_TRACES",
    "PRESET_COLUMNS",
    "PRESET_LABEL",
    "SLIDER_CRITERION",
    "TITLE",
    "check_presets",
    "check_scores",
    "options_figure",
    "options_snapshot_figure",
    "options_state",
    "presets_table",
    "scores_table",
    "ordinal",
    "weight_ticktext",
]

#: The criterion the slider varies, and its positions (0, 0.5, ..., 10).
SLIDER_CRITERION = "ally_autonomy"
AUTONOMY_STEPS: tuple[float, ...] = tuple(i / 2 for i in range(21))
TITLE = N_("Weighing the options (a teaching model)")
#: Indices of the traces a state changes: the bars of the weighted scores.
DYNAMIC_TRACES: tuple[int] = (1,)
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the controls (the live panel uses the same).
PRESET_LABEL, AUTONOMY_LABEL = N_("Set the weights to"), N_("Weight of ally autonomy")
# The leading option is the one thing the bars are about; the others are a neutral series.
_LEADER, _OTHER = color("accent"), color("series_3")
# Scores from 1 (light) to 5 (dark): one sequential scale of the palette, dark mode included.
_SCALE = [[0.0, color("grid")], [1.0, color("series_1")]]


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``... (in Japanese ``1位``, ``2位``...).

    Examples
    --------
    >>> [ordinal(k) for k in (1, 2, 3, 4, 11, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '22nd']
    """
    if language() == "ja":
        return f"{n}位"
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _wrap(text: str, width: int) -> str:
    # Japanese has no spaces to break at, and its characters are twice as wide.
    japanese = language() == "ja"
    lines = textwrap.wrap(str(text), width=width // 2 if japanese else width, break_long_words=japanese)
    return "<br>".join(lines) or str(text)


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
    return [f"{_(CRITERION_SHORT[c])}<br><b>"
            + (_("w: slider") if slider and c == SLIDER_CRITERION else f"w = {weights[c]:g}") + "</b>"
            for c in CRITERIA]


def options_state(result: OptionsResult) -> dict[str, list[Any]]:
    """The ``restyle`` payload for the bars (trace 1): overall scores, rank labels, colours.

    Values are rounded to 3 decimals (ample for drawing, and a smaller page).
    """
    counts = {r: result.rank.count(r) for r in result.rank}
    text = []
    for v, r in zip(result.overall, result.rank, strict=True):
        place = _("joint {place}").format(place=ordinal(r)) if counts[r] > 1 else ordinal(r)
        text.append(_("{score:.2f} ({place})").format(score=v, place=place))
    colors = [_LEADER if r == 1 else _OTHER for r in result.rank]
    return {
        "x": [[round(v, 3) for v in result.overall]],
        "text": [text],
        "marker.color": [colors],
    }


def check_scores(scores: pd.DataFrame) -> list[str]:
    """The ``option_scores`` table's options in display order (``option_order``), once checked."""
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
    names = dict(zip(scores["option_id"].astype(str), data.localized(scores, "option_label").astype(str),
                     strict=False))
    return [_wrap(names[o], 26) for o in order]


def options_snapshot_figure(scores: pd.DataFrame, weights: Mapping[str, float] | None = None,
                            slider: bool = False) -> go.Figure:
    """The matrix and the ranking for one set of weights, with no controls.

    The live panel (:func:`proliferation_course.widgets.options.options_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.
    """
    order = check_scores(scores)
    result = rank_options(scores, weights, option_order=order)
    labels = _labels(scores, order)
    state = options_state(result)
    hover = [[f"{_(CRITERION_LABELS[c])}: {s}" for c, s in zip(CRITERIA, row, strict=True)]
             for row in result.scores]
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        x=list(CRITERIA), y=labels, z=[list(row) for row in result.scores], customdata=hover,
        texttemplate="%{z}", textfont={"size": 13}, colorscale=_SCALE, zmin=MIN_SCORE, zmax=MAX_SCORE,
        showscale=False, xgap=2, ygap=2, name=_("Score (1-5)"),
        hovertemplate="%{y}<br>%{customdata}<extra></extra>", xaxis="x", yaxis="y",
    ))
    fig.add_trace(go.Bar(
        x=state["x"][0], y=labels, text=state["text"][0], orientation="h", textposition="outside",
        cliponaxis=False, marker={"color": state["marker.color"][0]}, name=_("Weighted score V"),
        hovertemplate="%{y}: V = %{x:.2f}<extra></extra>", showlegend=False, xaxis="x2", yaxis="y2",
    ))
    fig.update_layout(
        base_layout(title=_(TITLE), height=620),
        xaxis={"domain": [0.0, 0.6], "side": "top", "tickmode": "array", "tickvals": list(CRITERIA),
               "ticktext": weight_ticktext(result.weights, slider), "tickfont": {"size": 11}, "tickangle": -90,
               "fixedrange": True, "automargin": True, "showline": False, "ticks": ""},
        yaxis={"domain": [0.0, 1.0], "autorange": "reversed", "automargin": True, "fixedrange": True,
               "tickfont": {"size": 12}, "showline": False, "ticks": ""},
        xaxis2={"domain": [0.66, 0.93], "anchor": "y2", "range": [MIN_SCORE, MAX_SCORE + 0.9],
                "side": "top", "fixedrange": True, "tickvals": [1, 2, 3, 4, 5],
                "title": {"text": _("Weighted score V (1-5)")}},
        yaxis2={"domain": [0.0, 1.0], "anchor": "x2", "autorange": "reversed", "showticklabels": False,
                "fixedrange": True},
        margin={"l": SPACE["s"], "r": SPACE["l"], "t": 90, "b": SPACE["xl"]},
        # On a narrow screen course.js stacks the matrix above the bars (see render.py); the
        # bars then name their options. The options take their short names, so that the
        # columns are wide enough for their two-line labels.
        meta={"narrow": {"height": 960, "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.46, 1.0],
                         "xaxis2.domain": [0.0, 0.82], "yaxis2.domain": [0.0, 0.38],
                         "xaxis2.side": "bottom", "yaxis2.showticklabels": True,
                         "yaxis.tickfont.size": 11, "yaxis2.tickfont.size": 11,
                         **{f"{axis}.{key}": value for axis in ("yaxis", "yaxis2") for key, value in
                            (("tickmode", "array"), ("tickvals", labels),
                             ("ticktext", [_(OPTION_SHORT[o]) if o in OPTION_SHORT else o for o in order]))}}},
    )
    fig.layout.meta["subtitle"] = _(
        "Left, the course's score of each option on each criterion, from 1 (worst for the option) to 5 "
        "(best), with the criterion's weight w under its name. Right, the weighted score V and the rank.")
    fig.layout.meta["notes"] = _(
        "A stylised teaching model, not a prediction: V = Σ w·s / Σ w, the weighted mean of an option's "
        "scores; the leading option's bar is drawn in the accent colour. The scores and the presets' "
        "weights are the course authors' judgements; the weights are values, not facts.")
    fig.layout.meta["source"] = _("The option_scores and option_weight_presets tables (reasons and sources "
                                 "for every value in the tables below).")
    fig.layout.meta["description"] = _(
        "Left, a matrix of six policy options (rows) against seven criteria (columns): each cell is the "
        "course's score from 1, worst for the option, to 5, best, with the criterion's weight under its "
        "name. Right, each option's weighted mean score V with its rank; the leading option is drawn in "
        "the accent colour and labelled 1st. Switch the weight preset with the menu and move the slider to change "
        "the weight of ally autonomy: watch which option leads."
    )
    return fig


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``option_weight_presets`` table checked (the columns the explorer reads, at least one
    row, no preset twice, every weight one the model accepts) and sorted by ``order``."""
    presets = check_frame(presets, PRESET_COLUMNS)
    if presets["preset_id"].duplicated().any():
        raise ValueError("presets repeats a preset_id")
    for row in records(presets):
        preset_arguments(row)
    return presets


def _autonomy_slider(scores: pd.DataFrame, weights: Mapping[str, float], preset_id: str,
                     order: list[str]) -> dict[str, Any]:
    current = float(weights[SLIDER_CRITERION])
    if current not in AUTONOMY_STEPS:
        raise ValueError(f"the preset {preset_id!r} gives {SLIDER_CRITERION} a weight of {current:g}, "
                         "which is not a slider position (0 to 10 in steps of 0.5)")
    steps = [step(f"{k:g}", traces=DYNAMIC_TRACES,
                  state=options_state(rank_options(scores, dict(weights) | {SLIDER_CRITERION: k},
                                                   option_order=order)))
             for k in AUTONOMY_STEPS]
    return slider(steps, label=_(AUTONOMY_LABEL), active=AUTONOMY_STEPS.index(current),
                  name=f"autonomy-{preset_id}")


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
    order = check_scores(scores)
    rows = records(check_presets(presets))
    ids = [str(r["preset_id"]) for r in rows]
    initial = check_initial(initial, ids)
    weights = {str(r["preset_id"]): preset_arguments(r)["weights"] for r in rows}
    entries, sliders = [], {}
    for row in rows:
        pid = str(row["preset_id"])
        result = rank_options(scores, weights[pid], option_order=order)
        sliders[pid] = _autonomy_slider(scores, weights[pid], pid, order)
        entries.append(choice(data.text(row, "label"), state=options_state(result), traces=DYNAMIC_TRACES,
                              layout={"xaxis.ticktext": weight_ticktext(result.weights, slider=True),
                                      "sliders": [sliders[pid]]}))
    fig = options_snapshot_figure(scores, weights[initial], slider=True)
    fig.update_layout(updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
                      sliders=[sliders[initial]])
    return fig


def scores_table(scores: pd.DataFrame) -> DataTable:
    """The ``option_scores`` table as the chapter shows it: each score with its reasons and caveat."""
    caveat = _("{justification} Caveat or other view: {note}")
    shown = scores.assign(
        option_label=data.localized(scores, "option_label"),
        criterion_id=[_(CRITERION_SHORT[str(c)]) if str(c) in CRITERION_SHORT else str(c)
                      for c in scores["criterion_id"]],
        reasoning=[caveat.format(justification=j, note=n) for j, n in
                   zip(data.localized(scores, "justification"), data.localized(scores, "note"), strict=True)])
    return data_table(
        shown, {"option_label": _("Option"), "criterion_id": _("Criterion"), "score": _("Score (1-5)"),
                "chapter": _("Chapter")},
        caption=_("The options explorer: scores by option and criterion (the course authors' judgements)"),
        note_column="reasoning", note_heading=_("Why this score"))


def presets_table(presets: pd.DataFrame) -> DataTable:
    """The ``option_weight_presets`` table as the chapter shows it: each preset's weights and reasons."""
    shown = presets.assign(label=data.localized(presets, "label"), rationale=data.localized(presets, "rationale"))
    return data_table(
        shown, {"label": _("Preset"), **{c: _(CRITERION_SHORT[c]) for c in CRITERIA}},
        caption=_("Weight presets of the options explorer (the course's reading of each side's priorities)"),
        note_column="rationale", note_heading=_("Why these weights"))
