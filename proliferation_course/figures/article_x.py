"""Plotly faces of the Article X model and of the NPT milestones table.

The static face shows the cases of ``data/article_x_cases.csv`` side by side:
a grid of condition by case (top) and each case's legitimacy score and verdict
(bottom). A dropdown switches whose reading is shown (the withdrawing state's
or the other parties'), and a slider moves the score at which a withdrawal
counts as justified. Every state is computed here by calling the model
(:func:`proliferation_course.models.article_x.assess_withdrawal`), so the
website needs no kernel.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the grid, the verdict bars and the two threshold lines;
* :func:`article_x_state`: the ``restyle`` payload for those traces, for given cases and results;
* :func:`article_x_snapshot_figure`: the figure for given cases and results, with no controls;
* :data:`CONDITION_LABELS`, :data:`READING_LABEL`, :data:`JUSTIFIED_LABEL`,
  :data:`UNJUSTIFIED_LABEL`: the words the figure and the live panel share.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..models.article_x import (
    CONDITION_IDS,
    CONDITIONS,
    LEVEL_LABELS,
    LEVEL_SCORES,
    LEVELS,
    ArticleXResult,
    assess_withdrawal,
    preset_arguments,
)
from .controls import button_row, check_frame, check_initial, choice, dropdown, slider, step
from .style import SPACE, base_layout, color

__all__ = [
    "CONDITION_LABELS",
    "DYNAMIC_TRACES",
    "JUSTIFIED_LABEL",
    "JUSTIFIED_STEPS",
    "LEVEL_COLORS",
    "MILESTONE_VIEWS",
    "PRESET_COLUMNS",
    "READING_LABEL",
    "UNJUSTIFIED_LABEL",
    "VERDICT_COLORS",
    "article_x_figure",
    "article_x_snapshot_figure",
    "article_x_state",
    "case_tick",
    "cases_for_display",
    "check_cases",
    "check_presets",
    "npt_milestones_figure",
    "reading_assessments",
]

#: Colours of the three assessment levels: the palette's outcome colours.
LEVEL_COLORS: dict[str, str] = {"met": color("meets"), "arguable": color("contested"),
                                "not_met": color("fails")}
#: Colours of the verdict bars ("not a valid withdrawal" is no outcome of the substance: muted).
VERDICT_COLORS: dict[str, str] = {"justified": color("meets"), "contested": color("contested"),
                                  "unjustified": color("fails"), "invalid": color("muted")}
#: Slider positions for the "justified at" threshold: 0.35, 0.40, ..., 1.00 (the default 2/3 is added).
JUSTIFIED_STEPS: tuple[float, ...] = tuple(round(0.35 + 0.05 * i, 2) for i in range(14))
#: Indices of the traces a state changes: the grid, the verdict bars, the two threshold lines.
DYNAMIC_TRACES: tuple[int, int, int, int] = (0, 1, 2, 3)
#: The columns of the ``article_x_cases`` table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("case_id", "case_order", "case_label", "reading_id", "reading_label",
                                   "condition_id", "assessment")
#: Row labels of the grid (and the live panel's controls): "1 Sovereign decision (P)", ...
CONDITION_LABELS: dict[str, str] = {c.id: c.tag for c in CONDITIONS}
#: The visible labels of the controls, shared with the live panel.
READING_LABEL = "Reading"
JUSTIFIED_LABEL = "Upper threshold (justified at L ≥)"
UNJUSTIFIED_LABEL = "Lower threshold (not justified at L ≤)"
# A discrete colour scale: scores 0, 0.5 and 1 each get one colour.
_COLORSCALE = [[0.0, LEVEL_COLORS["not_met"]], [0.25, LEVEL_COLORS["not_met"]],
               [0.25, LEVEL_COLORS["arguable"]], [0.75, LEVEL_COLORS["arguable"]],
               [0.75, LEVEL_COLORS["met"]], [1.0, LEVEL_COLORS["met"]]]
#: A verdict's words are wrapped to lines of this many characters, so that three bars' labels
#: fit side by side on a phone.
_BAR_LINE = 13


#: One word for each condition, for the grid's rows on a phone.
_NARROW_CONDITION = {"sovereignty": "Sovereign", "extraordinary_events": "Events",
                     "subject_matter": "Subject", "supreme_interests": "Interests",
                     "notice": "Notice", "statement": "Statement"}


def _condition_ticks(narrow: bool = False) -> list[str]:
    """Row labels, top row first; on a phone, the number, one word and P or S."""
    if narrow:
        return [f"{c.number} {_NARROW_CONDITION[c.id]} ({c.tag[-2]})" for c in CONDITIONS]
    return [CONDITION_LABELS[c.id] for c in CONDITIONS]


def _narrow_tick(label: str) -> str:
    """A case's column label on a phone: its name without the parenthesis, one word a line."""
    return label.split(" (")[0].replace(" ", "<br>")


def case_tick(label: str) -> str:
    """A case label on two lines where it has a parenthesis: 'Japan today<br>(hypothetical)'.

    >>> case_tick("Japan today (hypothetical)")
    'Japan today<br>(hypothetical)'
    """
    return label.replace(" (", "<br>(")


def check_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """Check the ``article_x_cases`` table's shape; return it sorted by case order.

    Every (case, reading) pair must assess all six conditions exactly once
    (:func:`proliferation_course.models.article_x.preset_arguments`).
    """
    cases = check_frame(cases, PRESET_COLUMNS, name="cases")
    for (case, reading), group in cases.groupby(["case_id", "reading_id"], sort=False):
        got = sorted(str(c) for c in group["condition_id"])
        if got != sorted(CONDITION_IDS):
            raise ValueError(f"cases: {case}/{reading} must assess each of {', '.join(CONDITION_IDS)} "
                             f"once; got {', '.join(got)}")
        preset_arguments(group.to_dict("records"), name=f"cases: {case}/{reading}")
    # A stable sort keeps the file's order of readings and conditions within each case.
    return cases.sort_values("case_order", kind="stable").reset_index(drop=True)


#: The contract's name for the check of the presets table (here, the cases).
check_presets = check_cases


def cases_for_display(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases table with readable condition and assessment labels, for a data table.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> shown = cases_for_display(load_table("article_x_cases"))
    >>> shown.loc[1, "condition_id"], shown.loc[1, "assessment"]
    ('2 Extraordinary events (S)', 'met')
    """
    shown = check_cases(cases).copy()
    shown["condition_id"] = [CONDITION_LABELS[str(c)] for c in shown["condition_id"]]
    shown["assessment"] = [LEVEL_LABELS[str(a)] for a in shown["assessment"]]
    return shown


def reading_assessments(cases: pd.DataFrame, reading: str) -> list[tuple[str, str, dict[str, str]]]:
    """``[(case_id, case_label, {condition: level}), ...]`` for one reading, in case order.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> rows = reading_assessments(load_table("article_x_cases"), "others")
    >>> [r[0] for r in rows], rows[2][2]["extraordinary_events"]
    (['dprk_1993', 'dprk_2003', 'japan_today'], 'not_met')
    """
    cases = check_cases(cases)
    readings = list(dict.fromkeys(str(r) for r in cases["reading_id"]))
    if reading not in readings:
        raise ValueError(f"reading must be one of {', '.join(readings)}; got {reading!r}")
    sub = cases[cases["reading_id"] == reading]
    out = []
    for case_id, group in sub.groupby("case_id", sort=False):
        levels = preset_arguments(group.to_dict("records"), name=f"{case_id}/{reading}")
        out.append((str(case_id), str(group["case_label"].iloc[0]), levels))
    order = {str(c): int(o) for c, o in zip(cases["case_id"], cases["case_order"], strict=True)}
    return sorted(out, key=lambda row: order[row[0]])


def _bar_text(result: ArticleXResult) -> str:
    words = "<br>".join(textwrap.wrap(result.verdict_label.replace(";", ""), _BAR_LINE))
    return f"L = {result.legitimacy:.2f}<br>{words}"


def article_x_state(labels: Sequence[str], results: Sequence[ArticleXResult]) -> dict[str, list[Any]]:
    """Data for the figure's changing traces: grid, verdict bars and the two threshold lines.

    Returns a ``plotly`` ``restyle`` payload: each key maps to one value per
    dynamic trace (grid, bars, "justified" line, "not justified" line), in
    that order; ``None`` where an attribute does not apply to a trace.
    """
    if len(labels) != len(results) or not results:
        raise ValueError("labels and results must be non-empty and of the same length")
    n = len(results)
    # Grid: one row per condition (treaty order, top first), one column per case.
    z = [[r.scores[c.id] for r in results] for c in CONDITIONS]
    text = [[LEVEL_LABELS[r.levels[c.id]] for r in results] for c in CONDITIONS]
    legit = [r.legitimacy for r in results]
    bar_colors = [VERDICT_COLORS[r.verdict] for r in results]
    hi, lo = results[0].justified_at, results[0].unjustified_at
    span = [-0.5, n - 0.5]
    return {
        "z": [z, None, None, None],
        "x": [list(range(n)), list(range(n)), span, span],
        "y": [list(range(len(CONDITIONS))), legit, [hi, hi], [lo, lo]],
        "text": [text, [_bar_text(r) for r in results], None, None],
        "marker.color": [None, bar_colors, None, None],
        "name": ["Assessment", "Legitimacy L", f"justified at L ≥ {hi:.2f}", f"not justified at L ≤ {lo:.2f}"],
    }


def _results(assessments: Sequence[dict[str, str]], rule: str, justified_at: float,
             unjustified_at: float) -> list[ArticleXResult]:
    return [assess_withdrawal(a, rule=rule, justified_at=justified_at, unjustified_at=unjustified_at)
            for a in assessments]


def article_x_snapshot_figure(labels: Sequence[str], results: Sequence[ArticleXResult],
                              title: str = "Article X, condition by condition (a teaching model)"
                              ) -> go.Figure:
    """The grid and verdict bars for given cases and results, with no controls.

    The live panel (:func:`proliferation_course.widgets.article_x.article_x_panel`)
    wraps this figure and updates it; :func:`article_x_figure` adds the
    reading dropdown and the threshold slider.
    """
    state = article_x_state(labels, results)
    n = len(results)
    fig = go.Figure()
    # 0: the grid of conditions by case.
    fig.add_trace(go.Heatmap(
        z=state["z"][0], x=state["x"][0], y=state["y"][0], text=state["text"][0],
        texttemplate="%{text}", textfont={"size": 13, "color": color("background")},
        colorscale=_COLORSCALE, zmin=0, zmax=1,
        showscale=False, xgap=3, ygap=3, name="Assessment",
        hovertemplate="%{text}<extra></extra>", xaxis="x", yaxis="y"))
    # 1: legitimacy score and verdict per case.
    fig.add_trace(go.Bar(
        x=state["x"][1], y=state["y"][1], text=state["text"][1], textposition="outside",
        constraintext="none", cliponaxis=False, textfont={"size": 12, "color": color("text")},
        marker={"color": state["marker.color"][1]}, name=state["name"][1],
        hovertemplate="L = %{y:.3f}<extra></extra>", showlegend=False, xaxis="x2", yaxis="y2"))
    # 2, 3: the two thresholds, as lines in the threshold colour (data, so the slider moves them);
    # the upper dashed, the lower dotted.
    for k, dash in ((2, "dash"), (3, "dot")):
        fig.add_trace(go.Scatter(
            x=state["x"][k], y=state["y"][k], mode="lines", name=state["name"][k],
            line={"color": color("threshold"), "dash": dash, "width": 2}, hoverinfo="skip",
            showlegend=True, xaxis="x2", yaxis="y2"))
    # 4-6: colour key (legend only).
    for level in LEVELS:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=f"{LEVEL_LABELS[level]} ({LEVEL_SCORES[level]:g})",
            marker={"symbol": "square", "size": 14, "color": LEVEL_COLORS[level]}, hoverinfo="skip",
            xaxis="x", yaxis="y"))
    ticks = [case_tick(label) for label in labels]
    fig.update_layout(
        base_layout(title=title, height=780),
        xaxis={"domain": [0.0, 1.0], "range": [-0.5, n - 0.5], "tickvals": list(range(n)),
               "ticktext": ticks, "side": "top", "fixedrange": True, "showgrid": False, "zeroline": False,
               "showline": False, "ticks": ""},
        yaxis={"domain": [0.47, 1.0], "tickvals": list(range(len(CONDITIONS))),
               "ticktext": _condition_ticks(), "autorange": "reversed", "fixedrange": True,
               "automargin": True, "showline": False, "ticks": ""},
        xaxis2={"domain": [0.0, 1.0], "anchor": "y2", "range": [-0.5, n - 0.5],
                "tickvals": list(range(n)), "ticktext": ticks, "fixedrange": True},
        yaxis2={"domain": [0.0, 0.30], "anchor": "x2", "range": [0, 2.0], "fixedrange": True,
                "tickvals": [0, 0.5, 1], "title": {"text": "Legitimacy L"}},
        legend={"orientation": "h", "x": 0, "y": 0.43, "yanchor": "top", "font": {"size": 12}},
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 130, "b": SPACE["xl"]},
        bargap=0.45,
        # On a narrow screen course.js shortens the row and column labels (see render.py).
        meta={"narrow": {"height": 900, "title.font.size": 14,
                         "yaxis.domain": [0.52, 1.0], "yaxis2.domain": [0.0, 0.30], "legend.y": 0.47,
                         "yaxis.ticktext": _condition_ticks(narrow=True), "data[0].textfont.size": 11,
                         "xaxis.ticktext": [_narrow_tick(label) for label in labels], "xaxis.tickangle": 0,
                         "xaxis2.ticktext": [_narrow_tick(label) for label in labels], "xaxis2.tickangle": 0},
              "subtitle": ("Top, each condition of Article X.1 as read for each case: met, arguable or "
                           "not met. Bottom, each case's legitimacy score L and the model's verdict, "
                           "against the two thresholds."),
              "notes": ("A stylised teaching model, not a legal opinion. P marks a procedural condition, "
                        "S a substantive one; L is the mean of the three S scores. A withdrawal whose "
                        "procedure is not met is not a valid withdrawal, whatever L."),
              "source": ("The course's model (chapter 5); the assessments are the course authors' "
                         "readings of the sourced facts in the table below."),
              "description": "; ".join(
                  f"{label}: L = {r.legitimacy:.2f}, {r.verdict_label}"
                  for label, r in zip(labels, results, strict=True))},
    )
    return fig


def _slider(reading: str, labels: Sequence[str], assessments: Sequence[dict[str, str]], rule: str,
            justified_at: float, unjustified_at: float) -> dict[str, Any]:
    values = sorted(set(JUSTIFIED_STEPS) | {float(justified_at)})
    values = [v for v in values if v > unjustified_at]
    steps = [step(f"{v:.2f}", state=article_x_state(labels, _results(assessments, rule, v, unjustified_at)),
                  traces=DYNAMIC_TRACES)
             for v in values]
    return slider(steps, label=JUSTIFIED_LABEL, active=values.index(float(justified_at)),
                  name=f"justified-at-{reading}")


def article_x_figure(
    cases: pd.DataFrame,
    initial: str | None = None,
    rule: str = "mean",
    justified_at: float = 2 / 3,
    unjustified_at: float = 1 / 3,
) -> go.Figure:
    """The static face: cases side by side, a reading dropdown and a threshold slider.

    Parameters
    ----------
    cases
        The ``article_x_cases`` table (see ``data/datapackage.json``).
    initial
        ``reading_id`` shown first; the table's first reading if ``None``.
    rule
        ``"mean"`` or ``"minimum"``: how the substantive scores combine.
    justified_at, unjustified_at
        The verdict thresholds; the slider varies ``justified_at``.

    Returns
    -------
    plotly.graph_objects.Figure
        Top: condition by case, coloured by assessment. Bottom: legitimacy
        score and verdict of each case. Every dropdown entry and slider step
        carries a state computed by the model.
    """
    cases = check_cases(cases)
    readings = list(dict.fromkeys(str(r) for r in cases["reading_id"]))
    reading_labels = {str(r): str(lab) for r, lab in zip(cases["reading_id"], cases["reading_label"],
                                                          strict=True)}
    initial = check_initial(initial, readings, what="the readings")
    entries, sliders, first = [], {}, None
    for reading in readings:
        rows = reading_assessments(cases, reading)
        labels = [r[1] for r in rows]
        assessments = [r[2] for r in rows]
        results = _results(assessments, rule, justified_at, unjustified_at)
        sliders[reading] = _slider(reading, labels, assessments, rule, justified_at, unjustified_at)
        entries.append(choice(reading_labels[reading], state=article_x_state(labels, results),
                              layout={"sliders": [sliders[reading]]}, traces=DYNAMIC_TRACES))
        if reading == initial:
            first = (labels, results)
    assert first is not None
    fig = article_x_snapshot_figure(*first)
    fig.update_layout(
        updatemenus=[dropdown(entries, label=READING_LABEL, active=readings.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


# --------------------------------------------------------------------------------------
# NPT milestones
# --------------------------------------------------------------------------------------

_LANES = ("The treaty", "Canada", "Federal Republic of Germany", "Japan", "Republic of Korea", "DPRK")
_GROUPS = (
    ("Treaty event", ("opened_for_signature", "entry_into_force", "extension", "party_count"),
     "star", "accent"),
    ("Ratification or accession", ("ratification", "accession"), "circle", "series_1"),
    # After the ratifications, and larger, so that a signature close to its ratification
    # (Canada's, under six months apart) rings the ratification's dot instead of hiding under it.
    ("Signature", ("signature",), "circle-open", "series_2"),
    ("Withdrawal notice", ("withdrawal_notice",), "x", "fails"),
    ("Notice suspended", ("withdrawal_suspended",), "diamond-open", "contested"),
    ("Withdrawal effective<br>(claimed or generally held)", ("withdrawal_effective",),
     "triangle-up-open", "fails"),
    ("Security Council", ("security_council",), "square", "text"),
)
#: The milestone figure's views: (button label, x-axis range).
MILESTONE_VIEWS: tuple[tuple[str, list[str]], ...] = (
    ("All, 1968–2018", ["1967-01-01", "2020-01-01"]),
    ("1968–77: allies join", ["1968-01-01", "1977-06-30"]),
    ("1985–2007: DPRK", ["1985-01-01", "2007-06-30"]),
)


def npt_milestones_figure(milestones: pd.DataFrame) -> go.Figure:
    """A timeline of the NPT's milestones, one lane per party, with zoom buttons.

    Parameters
    ----------
    milestones
        The ``npt_milestones`` table. Events known only to the year are drawn
        as a bar spanning that year, not as a point.

    Returns
    -------
    plotly.graph_objects.Figure
        Buttons switch between the whole period and two close-ups (the allies
        joining in 1968-1977; the DPRK in 1985-2007).
    """
    needed = ["event_id", "date", "date_precision", "party", "event_type", "description"]
    df = check_frame(milestones, needed, name="milestones")
    unknown = sorted(set(df["party"]) - set(_LANES))
    if unknown:
        raise ValueError(f"milestones has unknown part(ies): {', '.join(unknown)}")
    day = df[df["date_precision"] == "day"]
    year = df[df["date_precision"] == "year"]
    fig = go.Figure()
    for name, types, symbol, swatch in _GROUPS:
        sub = day[day["event_type"].isin(types)]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[str(d) for d in sub["date"]], y=[str(p) for p in sub["party"]], mode="markers", name=name,
            # Open marks are larger, so that they ring a filled mark on the same day or month.
            marker={"symbol": symbol, "size": 19 if symbol.endswith("-open") else 13, "color": color(swatch),
                    "line": {"width": 2, "color": color(swatch)}},
            text=[str(t) for t in sub["description"]],
            hovertemplate="%{x|%-d %B %Y}<br>%{y}: %{text}<extra></extra>"))
    for row in year.itertuples(index=False):
        fig.add_trace(go.Scatter(
            x=[f"{row.date}-01-01", f"{row.date}-12-31"], y=[row.party, row.party], mode="lines",
            line={"width": 9, "color": color("series_2")},
            name="Ratification, year only", text=[row.description] * 2,
            hovertemplate=f"{row.date} (year only)<br>%{{y}}: %{{text}}<extra></extra>"))
    first_range = MILESTONE_VIEWS[0][1]
    fig.update_layout(
        base_layout(title="NPT milestones: the treaty, four allies and the DPRK", height=580),
        xaxis={"type": "date", "range": first_range, "title": {"text": "Date"}, "fixedrange": True},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(_LANES)), "automargin": True,
               "tickvals": list(_LANES), "ticktext": list(_LANES), "fixedrange": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "font": {"size": 12}},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": SPACE["xl"]},
        updatemenus=[button_row([choice(lab, layout={"xaxis.range": rng}) for lab, rng in MILESTONE_VIEWS],
                                label="Period")],
        meta={"narrow": {"height": 760, "title.font.size": 14,
                         "yaxis.ticktext": ["Treaty", "Canada", "FRG", "Japan", "ROK", "DPRK"]},
              "subtitle": ("When the treaty opened, when four allies and the DPRK joined it, and the "
                           "DPRK's two notices of withdrawal."),
              "notes": ("A bar marks an event known only to the year (the Republic of Korea's "
                        "ratification, 1975). The DPRK claimed its 2003 withdrawal took effect the next "
                        "day; it is generally held to have taken effect three months after the notice. A "
                        "ring around a dot is a signature close to its ratification; zoom on the DPRK to see its "
                        "notices and their effects apart."),
              "source": "Depositary records, UN documents and reports: each row's source is in the "
                        "table below."},
    )
    return fig
