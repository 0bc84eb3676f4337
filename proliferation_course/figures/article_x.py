"""Plotly faces of the Article X model and of the NPT milestones table.

The static face shows the cases of ``data/article_x_cases.csv`` side by side:
a grid of condition by case (top) and each case's legitimacy score and verdict
(bottom). A dropdown switches whose reading is shown (the withdrawing state's
or the other parties'), and a slider moves the score at which a withdrawal
counts as justified. Every state is computed here by calling the model
(:func:`proliferation_course.models.article_x.assess_withdrawal`), so the
website needs no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence

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
)
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "JUSTIFIED_STEPS",
    "MILESTONE_VIEWS",
    "LEVEL_COLORS",
    "VERDICT_COLORS",
    "article_x_figure",
    "article_x_snapshot_figure",
    "article_x_state",
    "cases_for_display",
    "check_cases",
    "npt_milestones_figure",
    "reading_assessments",
]

#: Colours of the three assessment levels (Okabe-Ito: green, orange, vermilion).
LEVEL_COLORS: dict[str, str] = {"met": COLORS["holds"], "arguable": "#E69F00", "not_met": COLORS["fails"]}
#: Colours of the verdict bars.
VERDICT_COLORS: dict[str, str] = {"justified": COLORS["holds"], "contested": "#E69F00",
                                  "unjustified": COLORS["fails"], "invalid": "#6b6b6b"}
#: Slider positions for the "justified at" threshold: 0.35, 0.40, ..., 1.00 (the default 2/3 is added).
JUSTIFIED_STEPS: tuple[float, ...] = tuple(round(0.35 + 0.05 * i, 2) for i in range(14))
# A discrete colour scale: scores 0, 0.5 and 1 each get one colour.
_COLORSCALE = [[0.0, LEVEL_COLORS["not_met"]], [0.25, LEVEL_COLORS["not_met"]],
               [0.25, LEVEL_COLORS["arguable"]], [0.75, LEVEL_COLORS["arguable"]],
               [0.75, LEVEL_COLORS["met"]], [1.0, LEVEL_COLORS["met"]]]
# Trace indices of the parts that change: grid, verdict bars, the two threshold lines.
_DYNAMIC = [0, 1, 2, 3]
_CASE_COLUMNS = ("case_id", "case_order", "case_label", "reading_id", "reading_label",
                 "condition_id", "assessment")
_SHORT_CONDITION = {"sovereignty": "1 Sovereign decision", "extraordinary_events": "2 Extraordinary events",
                    "subject_matter": "3 Subject matter", "supreme_interests": "4 Supreme interests",
                    "notice": "5 Three months' notice", "statement": "6 Statement of events"}
_NARROW_CONDITION = {"sovereignty": "Sovereign", "extraordinary_events": "Extraordinary",
                     "subject_matter": "Subject matter", "supreme_interests": "Supreme int.",
                     "notice": "Notice", "statement": "Statement"}


def _condition_ticks(narrow: bool = False) -> list[str]:
    """Row labels, top row first: number, short name and (P) or (S) for procedural or substantive."""
    if narrow:
        return [_SHORT_CONDITION[c.id].split(" ", 1)[0] + " " + _NARROW_CONDITION[c.id] for c in CONDITIONS]
    return [f"{_SHORT_CONDITION[c.id]} ({'P' if c.kind == 'procedural' else 'S'})" for c in CONDITIONS]


def _case_tick(label: str) -> str:
    """A case label on two lines where it has a parenthesis: 'Japan today<br>(hypothetical)'."""
    return label.replace(" (", "<br>(")


def check_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """Check the ``article_x_cases`` table's shape; return it sorted by case order.

    Every (case, reading) pair must assess all six conditions exactly once.
    """
    if not isinstance(cases, pd.DataFrame):
        raise ValueError(f"cases must be a pandas DataFrame, got {type(cases).__name__}")
    missing = [c for c in _CASE_COLUMNS if c not in cases.columns]
    if missing:
        raise ValueError(f"cases is missing column(s): {', '.join(missing)}")
    if cases.empty:
        raise ValueError("cases has no rows")
    for (case, reading), group in cases.groupby(["case_id", "reading_id"], sort=False):
        got = sorted(str(c) for c in group["condition_id"])
        if got != sorted(CONDITION_IDS):
            raise ValueError(f"cases: {case}/{reading} must assess each of {', '.join(CONDITION_IDS)} "
                             f"once; got {', '.join(got)}")
    # A stable sort keeps the file's order of readings and conditions within each case.
    return cases.sort_values("case_order", kind="stable").reset_index(drop=True)


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
    ticks = dict(zip(CONDITION_IDS, _condition_ticks(), strict=True))
    shown["condition_id"] = [ticks[str(c)] for c in shown["condition_id"]]
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
    readings = list(dict.fromkeys(cases["reading_id"]))
    if reading not in readings:
        raise ValueError(f"reading must be one of {', '.join(readings)}; got {reading!r}")
    sub = cases[cases["reading_id"] == reading]
    out = []
    for case_id, group in sub.groupby("case_id", sort=False):
        levels = {str(r.condition_id): str(r.assessment) for r in group.itertuples(index=False)}
        out.append((str(case_id), str(group["case_label"].iloc[0]), levels))
    order = {str(c): int(o) for c, o in zip(cases["case_id"], cases["case_order"], strict=True)}
    return sorted(out, key=lambda row: order[row[0]])


def article_x_state(labels: Sequence[str], results: Sequence[ArticleXResult]) -> dict[str, list]:
    """Data for the figure's changing traces: grid, verdict bars and the two threshold lines.

    Returns a ``plotly`` ``update`` payload: each key maps to one value per
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
    bar_text = [f"L = {r.legitimacy:.2f}<br>{r.verdict_label.replace('; ', '<br>')}" for r in results]
    bar_colors = [VERDICT_COLORS[r.verdict] for r in results]
    hi, lo = results[0].justified_at, results[0].unjustified_at
    span = [-0.5, n - 0.5]
    return {
        "z": [z, None, None, None],
        "x": [list(range(n)), list(range(n)), span, span],
        "y": [list(range(len(CONDITIONS))), legit, [hi, hi], [lo, lo]],
        "text": [text, bar_text, None, None],
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
        texttemplate="%{text}", textfont={"size": 13}, colorscale=_COLORSCALE, zmin=0, zmax=1,
        showscale=False, xgap=3, ygap=3, name="Assessment",
        hovertemplate="%{text}<extra></extra>", xaxis="x", yaxis="y"))
    # 1: legitimacy score and verdict per case.
    fig.add_trace(go.Bar(
        x=state["x"][1], y=state["y"][1], text=state["text"][1], textposition="outside",
        constraintext="none", cliponaxis=False,
        marker={"color": state["marker.color"][1]}, name=state["name"][1],
        hovertemplate="L = %{y:.3f}<extra></extra>", showlegend=False, xaxis="x2", yaxis="y2"))
    # 2, 3: the two thresholds, as lines (data, so the slider changes them visibly).
    for k, (dash, color) in enumerate((("dash", COLORS["threshold"]), ("dot", COLORS["fails"])), start=2):
        fig.add_trace(go.Scatter(
            x=state["x"][k], y=state["y"][k], mode="lines", name=state["name"][k],
            line={"color": color, "dash": dash, "width": 2}, hoverinfo="skip", showlegend=True,
            xaxis="x2", yaxis="y2"))
    # 4-6: colour key (legend only).
    for level in LEVELS:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=f"{LEVEL_LABELS[level]} ({LEVEL_SCORES[level]:g})",
            marker={"symbol": "square", "size": 14, "color": LEVEL_COLORS[level]}, hoverinfo="skip",
            xaxis="x", yaxis="y"))
    ticks = [_case_tick(label) for label in labels]
    fig.update_layout(
        base_layout(title=title, height=760),
        xaxis={"domain": [0.0, 1.0], "range": [-0.5, n - 0.5], "tickvals": list(range(n)),
               "ticktext": ticks, "side": "top", "fixedrange": True, "showgrid": False, "zeroline": False,
               "showline": False, "ticks": ""},
        yaxis={"domain": [0.44, 0.86], "tickvals": list(range(len(CONDITIONS))),
               "ticktext": _condition_ticks(), "autorange": "reversed", "fixedrange": True,
               "automargin": True, "showline": False, "ticks": ""},
        xaxis2={"domain": [0.0, 1.0], "anchor": "y2", "range": [-0.5, n - 0.5],
                "tickvals": list(range(n)), "ticktext": ticks, "fixedrange": True},
        yaxis2={"domain": [0.0, 0.29], "anchor": "x2", "range": [0, 1.8], "fixedrange": True,
                "tickvals": [0, 0.5, 1], "title": {"text": "Legitimacy L"}},
        legend={"orientation": "h", "x": 0, "y": 0.40, "yanchor": "top", "font": {"size": 12}},
        margin={"l": 10, "r": 10, "t": 130, "b": 40},
        bargap=0.45,
        # On a narrow screen course.js shortens the row and column labels (see render.py).
        meta={"narrow": {"height": 900, "title.font.size": 14, "font.size": 10,
                         "yaxis.domain": [0.5, 0.86], "yaxis2.domain": [0.0, 0.25], "legend.y": 0.45,
                         "yaxis.ticktext": _condition_ticks(narrow=True),
                         "xaxis2.ticktext": [label.split(" (")[0] for label in labels]}},
    )
    return fig


def _slider(reading: str, labels: Sequence[str], assessments: Sequence[dict[str, str]], rule: str,
            justified_at: float, unjustified_at: float) -> dict:
    values = sorted(set(JUSTIFIED_STEPS) | {float(justified_at)})
    values = [v for v in values if v > unjustified_at]
    steps = []
    for v in values:
        state = article_x_state(labels, _results(assessments, rule, v, unjustified_at))
        steps.append({"method": "restyle", "label": f"{v:.2f}", "value": f"{v:.2f}",
                      "args": [state, _DYNAMIC]})
    return {
        "name": f"justified-at-{reading}",
        "active": values.index(float(justified_at)),
        "currentvalue": {"prefix": "Justified at L ≥ ", "font": {"size": 13}},
        "pad": {"t": 45, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "steps": steps,
    }


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
    readings = list(dict.fromkeys(cases["reading_id"]))
    reading_labels = {str(r): str(lab) for r, lab in zip(cases["reading_id"], cases["reading_label"],
                                                          strict=True)}
    if initial is None:
        initial = readings[0]
    if initial not in readings:
        raise ValueError(f"initial must be one of the readings ({', '.join(readings)}), got {initial!r}")
    buttons, sliders, first = [], {}, None
    for reading in readings:
        rows = reading_assessments(cases, reading)
        labels = [r[1] for r in rows]
        assessments = [r[2] for r in rows]
        results = _results(assessments, rule, justified_at, unjustified_at)
        slider = _slider(reading, labels, assessments, rule, justified_at, unjustified_at)
        sliders[reading] = slider
        buttons.append({"method": "update", "label": reading_labels[reading],
                        "args": [article_x_state(labels, results), {"sliders": [slider]}, _DYNAMIC]})
        if reading == initial:
            first = (labels, results)
    assert first is not None
    fig = article_x_snapshot_figure(*first)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "direction": "down",
                      "active": readings.index(initial), "pad": {"b": 4},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


# --------------------------------------------------------------------------------------
# NPT milestones
# --------------------------------------------------------------------------------------

_LANES = ("The treaty", "Canada", "Federal Republic of Germany", "Japan", "Republic of Korea", "DPRK")
_GROUPS = (
    ("Treaty event", ("opened_for_signature", "entry_into_force", "extension", "party_count"),
     "star", "#0072B2"),
    ("Signature", ("signature",), "circle-open", "#0072B2"),
    ("Ratification or accession", ("ratification", "accession"), "circle", COLORS["holds"]),
    ("Withdrawal notice", ("withdrawal_notice",), "x", COLORS["fails"]),
    ("Notice suspended", ("withdrawal_suspended",), "diamond-open", "#E69F00"),
    ("Withdrawal effective (claimed or generally held)", ("withdrawal_effective",),
     "triangle-up", COLORS["fails"]),
    ("Security Council", ("security_council",), "square", COLORS["threshold"]),
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
    if not isinstance(milestones, pd.DataFrame):
        raise ValueError(f"milestones must be a pandas DataFrame, got {type(milestones).__name__}")
    missing = [c for c in needed if c not in milestones.columns]
    if missing:
        raise ValueError(f"milestones is missing column(s): {', '.join(missing)}")
    unknown = sorted(set(milestones["party"]) - set(_LANES))
    if unknown:
        raise ValueError(f"milestones has unknown part(ies): {', '.join(unknown)}")
    df = milestones.copy()
    day = df[df["date_precision"] == "day"]
    year = df[df["date_precision"] == "year"]
    fig = go.Figure()
    for name, types, symbol, color in _GROUPS:
        sub = day[day["event_type"].isin(types)]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[str(d) for d in sub["date"]], y=[str(p) for p in sub["party"]], mode="markers", name=name,
            marker={"symbol": symbol, "size": 13, "color": color, "line": {"width": 2, "color": color}},
            text=[str(t) for t in sub["description"]],
            hovertemplate="%{x|%-d %B %Y}<br>%{y}: %{text}<extra></extra>"))
    for row in year.itertuples(index=False):
        fig.add_trace(go.Scatter(
            x=[f"{row.date}-01-01", f"{row.date}-12-31"], y=[row.party, row.party], mode="lines",
            line={"width": 9, "color": COLORS["holds"]}, opacity=0.55,
            name="Ratification, year only", text=[row.description] * 2,
            hovertemplate=f"{row.date} (year only)<br>%{{y}}: %{{text}}<extra></extra>"))
    label, first_range = MILESTONE_VIEWS[0]
    fig.update_layout(
        base_layout(title="NPT milestones: the treaty, four allies and the DPRK", height=580),
        xaxis={"type": "date", "range": first_range, "title": {"text": "Date"}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(_LANES)), "automargin": True,
               "tickvals": list(_LANES), "ticktext": list(_LANES)},
        legend={"orientation": "h", "y": -0.16, "x": 0, "yanchor": "top", "font": {"size": 12}},
        margin={"l": 10, "r": 10, "t": 90, "b": 20},
        updatemenus=[{"type": "buttons", "direction": "right", "x": 0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "pad": {"b": 4},
                      "buttons": [{"label": lab, "method": "relayout", "args": [{"xaxis.range": rng}]}
                                  for lab, rng in MILESTONE_VIEWS]}],
        meta={"narrow": {"height": 720, "legend.y": -0.12, "title.font.size": 14, "font.size": 11,
                         "yaxis.ticktext": ["Treaty", "Canada", "FRG", "Japan", "ROK", "DPRK"],
                         "updatemenus.0.type": "dropdown", "updatemenus.0.direction": "down"}},
    )
    return fig
