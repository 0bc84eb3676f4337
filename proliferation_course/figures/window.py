"""Plotly faces of the window-of-vulnerability model and of the preventive-strikes table.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.window.evaluate_window`), so the website
needs no kernel: a dropdown switches the scenario presets, and a slider varies
the legitimacy of the programme with the preset's other parameters held fixed.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the survival curve, the end-of-window marker and the hazard curve;
* :func:`window_state`: the ``restyle`` payload for those traces, for one model result;
* :func:`window_snapshot_figure`: the figure for one model result, with no controls;
* :func:`window_axes`: the axis ranges that change with the window's length and the hazard.

The page's states are small: each curve keeps at most :data:`CURVE_POINTS`
points rounded to :data:`ROUND` decimals, and a slider step sends only what
legitimacy changes (not the months, which belong to the preset).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _, format_date, language
from ..models.window import PRESET_COLUMNS as MODEL_COLUMNS
from ..models.window import WindowResult, evaluate_window, preset_arguments
from ..tables import DataTable, data_table
from .controls import button_row, check_frame, check_initial, choice, dropdown, slider, step
from .style import SPACE, base_layout, color

__all__ = [
    "CURVE_POINTS",
    "DYNAMIC_TRACES",
    "LEGITIMACY_LABEL",
    "LEGITIMACY_STEPS",
    "NPT_STATUSES",
    "PRESET_COLUMNS",
    "PRESET_LABEL",
    "ROUND",
    "STRIKES_CAPTION",
    "STRIKE_CATEGORIES",
    "check_presets",
    "check_window_presets",
    "preventive_strikes_figure",
    "preventive_strikes_table",
    "window_axes",
    "window_figure",
    "window_presets_table",
    "window_snapshot_figure",
    "window_state",
]

#: Slider positions for legitimacy: 0.00, 0.05, ..., 1.00 (the preset's own value is added).
LEGITIMACY_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(21))
#: Decimals kept in the page's precomputed curves (ample for drawing: 1e-4 of a
#: probability is far below a pixel; a smaller page).
ROUND: int = 4
#: At most this many points per curve: every month for a window of up to 30 months, every
#: second month up to 60, and so on, always with the window's first and last month. The
#: curves are smooth (the hazard is a straight line), so drawing them from fewer points
#: changes no pixel, and the page is half the size.
CURVE_POINTS: int = 31
#: Indices of the traces a state changes: survival curve, end marker, hazard curve.
DYNAMIC_TRACES: tuple[int, int, int] = (0, 1, 2)
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the static figure's controls (the live panel uses the same words).
PRESET_LABEL, LEGITIMACY_LABEL = N_("Scenario"), N_("Legitimacy of the programme, l")
#: The lowest top of the hazard axis (strikes per month), so that a near-zero hazard stays flat.
_HAZARD_FLOOR = 0.005


def _r(values: tuple[float, ...] | list[float]) -> list[float]:
    return [round(float(v), ROUND) + 0.0 for v in values]


def _sample(n: int) -> list[int]:
    """Indices of at most :data:`CURVE_POINTS` evenly spaced points of ``n``, with the first and last."""
    every = max(1, math.ceil((n - 1) / (CURVE_POINTS - 1)))
    keep = list(range(0, n, every))
    return keep if keep[-1] == n - 1 else [*keep, n - 1]


def window_state(result: WindowResult) -> dict[str, list[Any]]:
    """Data for the figure's changing traces: survival curve, end marker and hazard curve.

    Returns a ``plotly`` ``restyle`` payload: each key maps to one value per
    dynamic trace, in that order. Values are rounded to :data:`ROUND` decimals,
    and each curve keeps at most :data:`CURVE_POINTS` of the model's monthly points.
    """
    keep = _sample(len(result.months))
    months = _r([result.months[i] for i in keep])
    end = result.survival_at_end
    text = _("{share:.0%} unstruck at month {month:g}").format(share=end, month=result.window_months)
    return {
        "x": [months, [months[-1]], months],
        "y": [_r([result.survival[i] for i in keep]), [round(end, ROUND)], _r([result.hazard[i] for i in keep])],
        "text": [None, [text], None],
    }


def window_axes(window_months: float, hazard_max: float) -> dict[str, Any]:
    """The layout that changes with the window: the months shown and the top of the hazard axis."""
    return {"xaxis.range": [0, float(window_months)],
            "yaxis2.range": [0, max(float(hazard_max), _HAZARD_FLOOR)]}


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``window_presets`` table checked (a DataFrame with the columns the explorer reads,
    at least one row, every value in the model's range) and sorted by ``order``."""
    presets = check_frame(presets, PRESET_COLUMNS)
    for row in presets.to_dict("records"):
        preset_arguments(row)
    return presets


#: The name this check had before the explorer contract (the chapter and the tests use it).
check_window_presets = check_presets


def window_snapshot_figure(result: WindowResult, hazard_max: float | None = None) -> go.Figure:
    """The survival and hazard curves for one model result, with no controls.

    The live panel (:func:`proliferation_course.widgets.window.window_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.

    Parameters
    ----------
    result
        A :class:`~proliferation_course.models.window.WindowResult`.
    hazard_max
        Upper end of the hazard axis (strikes per month); by default a little
        above the largest hazard in ``result``.
    """
    state = window_state(result)
    top = hazard_max if hazard_max is not None else max(result.hazard) * 1.15
    axes = window_axes(result.window_months, top)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=state["x"][0], y=state["y"][0], mode="lines", name=_("Not yet struck, S(t)"),
        line={"color": color("accent"), "width": 3}, fill="tozeroy", fillcolor=color("accent_fill"),
        hovertemplate=_("Month %{x:.0f}: %{y:.0%} not yet struck") + "<extra></extra>",
        showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x=state["x"][1], y=state["y"][1], mode="markers+text", text=state["text"][1],
        textposition="bottom left", textfont={"size": 13, "color": color("text")},
        marker={"color": color("accent"), "size": 11, "line": {"color": color("background"), "width": 1.5}},
        name=_("End of the window"), hoverinfo="skip", showlegend=False, cliponaxis=False,
        xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x=state["x"][2], y=state["y"][2], mode="lines", name=_("Hazard, strikes per month"),
        line={"color": color("series_1"), "width": 2.5},
        hovertemplate=_("Month %{x:.0f}: hazard %{y:.2%} per month") + "<extra></extra>",
        showlegend=False, xaxis="x2", yaxis="y2"))
    fig.update_layout(
        base_layout(title=_("Surviving the window of vulnerability (a teaching model)"), height=600),
        xaxis={"domain": [0.0, 1.0], "anchor": "y", "range": axes["xaxis.range"], "fixedrange": True,
               "showticklabels": False},
        yaxis={"domain": [0.42, 1.0], "range": [0, 1.08], "tickformat": ".0%", "fixedrange": True,
               "title": {"text": _("Not yet struck, S(t)")}},
        xaxis2={"domain": [0.0, 1.0], "anchor": "y2", "matches": "x", "fixedrange": True,
                "title": {"text": _("Months since the decision to build")}},
        yaxis2={"domain": [0.0, 0.3], "range": axes["yaxis2.range"], "tickformat": ".1%", "fixedrange": True,
                "title": {"text": _("Hazard per month")}},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 110, "b": SPACE["xl"]},
        meta={"narrow": {"height": 640, "title.font.size": 14,
                         "title.text": _("Surviving the window (a teaching model)"),
                         "yaxis.title.text": _("Not yet struck"), "yaxis2.title.text": _("Hazard")},
              "subtitle": _("Top, the chance that the programme has not yet been struck, month by month. "
                            "Bottom, the hazard: the chance per month of a strike, rising as the "
                            "programme nears completion."),
              "notes": _("A stylised teaching model, not a prediction: every parameter is a judgement. "
                         "The chance of getting through the window is S(T) = exp(−λ̄ T)."),
              "source": _("The course's model (chapter 4); the presets' values are the course authors' "
                          "judgements, with their reasons in the table below."),
              "description": _("As first drawn: a window of {months:g} months; "
                               "{share:.0%} reach its end unstruck.").format(
                                   months=result.window_months, share=result.survival_at_end)},
    )
    return fig


def _slider(row: Mapping[Any, Any]) -> dict[str, Any]:
    own = round(float(row["legitimacy"]), 4)
    values = sorted(set(LEGITIMACY_STEPS) | {own})
    steps = []
    for v in values:
        state = window_state(evaluate_window(**preset_arguments(row, v)))
        # The months (x) belong to the preset, which the dropdown sets: a step sends
        # only what legitimacy changes.
        del state["x"]
        steps.append(step(f"{v:.2f}", state=state, traces=DYNAMIC_TRACES))
    return slider(steps, label=_(LEGITIMACY_LABEL), active=values.index(own),
                  name=f"legitimacy-{row['preset_id']}")


def window_figure(presets: pd.DataFrame, initial: str | None = None) -> go.Figure:
    """The static face of the window explorer: presets in a dropdown, a legitimacy slider.

    The model's other parameters (base hazard, weights, ramp) take their
    defaults from :mod:`proliferation_course.models.window`.

    Parameters
    ----------
    presets
        The ``window_presets`` table (see ``data/datapackage.json``).
    initial
        ``preset_id`` shown first; the first preset by ``order`` if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Top: the chance of not yet having been struck, month by month. Bottom:
        the hazard. Every dropdown entry and slider step carries a state
        computed by the model.
    """
    presets = check_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    initial = check_initial(initial, ids)
    rows = presets.to_dict("records")
    # One hazard axis for every state the page can show, so that curves compare.
    peak = 0.0
    for row in rows:
        for v in (0.0, float(row["legitimacy"])):
            peak = max(peak, max(evaluate_window(**preset_arguments(row, v)).hazard))
    hazard_max = round(peak * 1.15, 4) if peak > 0 else _HAZARD_FLOOR

    sliders, entries = {}, []
    for row in rows:
        pid = str(row["preset_id"])
        sliders[pid] = _slider(row)
        entries.append(choice(
            text(row, "label"), state=window_state(evaluate_window(**preset_arguments(row))),
            layout={"sliders": [sliders[pid]], "xaxis.range": [0, float(row["window_months"])]},
            traces=DYNAMIC_TRACES))
    first = rows[ids.index(initial)]
    fig = window_snapshot_figure(evaluate_window(**preset_arguments(first)), hazard_max=hazard_max)
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


#: How each category of strike is drawn: (palette entry, marker symbol, size). The strike during
#: hostilities is an open ring, larger than the opening strike's diamond, so that where two
#: strikes fall on one point (Iran, 13 and 22 June 2025, in the full view) both stay visible.
_STRIKE_MARKS: dict[str, tuple[str, str, int]] = {
    "opening preventive strike": ("series_1", "diamond", 14),
    "strike during ongoing hostilities": ("series_2", "circle-open", 24),
}
#: Each category as the legend and the table name it (translated where shown).
STRIKE_CATEGORIES: dict[str, str] = {
    "opening preventive strike": N_("Opening preventive strike"),
    "strike during ongoing hostilities": N_("Strike during ongoing hostilities"),
}
#: The target's NPT status (the table's key) as the table shows it.
NPT_STATUSES: dict[str, str] = {"party": N_("party"), "non-party": N_("non-party"), "withdrawn": N_("withdrawn")}


#: The caption of the strikes' figure and table.
STRIKES_CAPTION = N_("Preventive strikes on nuclear programmes, 1981 to 2025")


def _short_operation(name: str) -> str:
    """An operation's name without its parenthesis and, in English, without "Operation"."""
    return name.split(" (")[0].split("（")[0].removeprefix("Operation ")


def preventive_strikes_figure(strikes: pd.DataFrame) -> go.Figure:
    """A timeline of the preventive strikes in the ``preventive_strikes`` table.

    Each strike is a marker at its date, on the row of its target state, drawn
    by category (an opening strike, or a strike during hostilities under way).
    Buttons switch between the whole period and a zoom on June 2025.
    """
    needed = ["date", "operation", "striker", "target_state", "category"]
    df = check_frame(strikes, needed, name="strikes").sort_values("date").reset_index(drop=True)
    unknown = sorted(set(str(c) for c in df["category"]) - set(_STRIKE_MARKS))
    if unknown:
        raise ValueError(_("strikes has unknown categor(ies): {categories}").format(categories=", ".join(unknown)))
    first, last = df["date"].min(), df["date"].max()
    fig = go.Figure()
    for category, (swatch, symbol, size) in _STRIKE_MARKS.items():
        part = df[df["category"] == category]
        if part.empty:
            continue
        side = "top" if category.startswith("opening") else "bottom"
        # Recent strikes sit near the right edge: put their labels to the left.
        positions = [f"{side} left" if d.year >= last.year - 5 else f"{side} center"
                     for d in part["date"]]
        fig.add_trace(go.Scatter(
            x=[d.isoformat() for d in part["date"]], y=list(localized(part, "target_state").astype(str)),
            mode="markers+text", name=_(STRIKE_CATEGORIES[category]),
            text=[_("{operation}, {year} ({striker})").format(
                      operation=_short_operation(text(row, "operation")), year=row["date"].year,
                      striker=text(row, "striker"))
                  for row in part.to_dict("records")],
            textposition=positions, cliponaxis=False, textfont={"size": 12, "color": color("text")},
            marker={"color": color(swatch), "size": size, "symbol": symbol,
                    "line": {"color": color(swatch) if symbol.endswith("-open") else color("background"),
                             "width": 3 if symbol.endswith("-open") else 1}},
            hovertemplate=("%{x|%Y年%-m月%-d日}" if language() == "ja" else "%{x|%d %B %Y}")
            + ": %{text}<extra></extra>"))
    full = [f"{first.year - 3}-01-01", f"{last.year + 2}-12-31"]
    zoom = ["2025-06-01", "2025-06-30"]
    fig.update_layout(
        base_layout(title=_(STRIKES_CAPTION), height=420),
        xaxis={"type": "date", "range": full, "title": {"text": _("Date of the strike")}, "fixedrange": True,
               **({"tickformat": "%Y年"} if language() == "ja" else {})},
        yaxis={"type": "category", "automargin": True, "title": {"text": _("Target state")}, "fixedrange": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": 70},
        meta={"narrow": {"title.text": _("Preventive strikes, 1981 to 2025"), "title.font.size": 14,
                         "height": 460},
              "subtitle": _("Strikes on a state's nuclear programme before it had a weapon, by target."),
              "notes": _("In the full view the two strikes on Iran, nine days apart in June 2025, share one "
                         "point: the ring around the diamond is the second. Zoom on June 2025 to see them "
                         "apart."),
              "source": _("The course's table of preventive strikes, with each row's sources, below.")},
        updatemenus=[button_row([choice(_("1981 to 2025"), layout={"xaxis.range": full}),
                                 choice(_("Zoom: June 2025"), layout={"xaxis.range": zoom})],
                                label=_("Period"))],
    )
    return fig


def window_presets_table(presets: pd.DataFrame) -> DataTable:
    """The table of the explorer's presets under the figure, in the reader's language."""
    shown = presets.assign(label=localized(presets, "label"), rationale=localized(presets, "rationale"))
    return data_table(
        shown,
        {"label": _("Scenario"), "window_months": _("Window T (months)"), "capability": _("Capability a"),
         "legitimacy": _("Legitimacy l"), "us_backing": _("US backing b"), "coupling": _("Coupling c")},
        caption=_("Scenario presets of the window explorer (the course authors' judgements)"),
        note_column="rationale",
        note_heading=_("Why these values"),
    )


def preventive_strikes_table(strikes: pd.DataFrame) -> DataTable:
    """The table of the preventive strikes under their figure, in the reader's language; the long
    columns go into one note under each row, so that the table stays readable."""
    details = [
        _("What was struck: {targets}. Reaction: {reaction} Caveats and context: {note}").format(
            targets=text(row, "targets"), reaction=text(row, "international_reaction"), note=text(row, "note"))
        for row in strikes.to_dict("records")
    ]
    shown = strikes.assign(
        details=details,
        operation=localized(strikes, "operation"), striker=localized(strikes, "striker"),
        target_state=localized(strikes, "target_state"),
        category=[_(STRIKE_CATEGORIES.get(str(c), str(c))) for c in strikes["category"]],
        target_npt_status=[_(NPT_STATUSES.get(str(c), str(c))) for c in strikes["target_npt_status"]],
    )
    if language() == "ja":
        shown = shown.assign(date=[format_date(d) for d in strikes["date"]])
    return data_table(
        shown,
        {"operation": _("Operation"), "date": _("Date"), "striker": _("Striker"), "target_state": _("Target"),
         "category": _("Category"), "target_npt_status": _("Target's NPT status")},
        caption=_(STRIKES_CAPTION),
        note_column="details",
        note_heading=_("Details"),
    )
