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

import datetime
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _, format_date, language
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
from ..tables import DataTable, data_table
from .controls import button_row, check_frame, check_initial, choice, dropdown, slider, step
from .style import SPACE, base_layout, color

__all__ = [
    "CONDITION_LABELS",
    "DYNAMIC_TRACES",
    "JUSTIFIED_LABEL",
    "JUSTIFIED_STEPS",
    "LANE_LABELS",
    "LEVEL_COLORS",
    "MILESTONES_CAPTION",
    "MILESTONE_VIEWS",
    "PRESET_COLUMNS",
    "READING_LABEL",
    "TITLE",
    "UNJUSTIFIED_LABEL",
    "VERDICT_COLORS",
    "article_x_cases_table",
    "article_x_figure",
    "article_x_snapshot_figure",
    "article_x_state",
    "case_tick",
    "cases_for_display",
    "check_cases",
    "check_presets",
    "condition_label",
    "level_label",
    "npt_milestones_figure",
    "npt_milestones_table",
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
#: Row labels of the grid (and the live panel's controls), in English: "1 Sovereign decision (P)", ...
#: (:func:`condition_label` gives them in the reader's language).
CONDITION_LABELS: dict[str, str] = {
    c.id: f"{c.number} {c.short or c.label} ({'P' if c.kind == 'procedural' else 'S'})" for c in CONDITIONS}
_BY_ID = {c.id: c for c in CONDITIONS}
#: The visible labels of the controls, shared with the live panel (translated where shown).
READING_LABEL = N_("Reading")
JUSTIFIED_LABEL = N_("Upper threshold (justified at L ≥)")
UNJUSTIFIED_LABEL = N_("Lower threshold (not justified at L ≤)")
#: The default title of the figure.
TITLE = N_("Article X, condition by condition (a teaching model)")


def condition_label(condition_id: str) -> str:
    """A condition's row label in the reader's language: "1 Sovereign decision (P)"."""
    return _BY_ID[condition_id].tag


def level_label(level: str) -> str:
    """An assessment level in the reader's language: "met", "arguable", "not met"."""
    return _(LEVEL_LABELS[level])
# A discrete colour scale: scores 0, 0.5 and 1 each get one colour.
_COLORSCALE = [[0.0, LEVEL_COLORS["not_met"]], [0.25, LEVEL_COLORS["not_met"]],
               [0.25, LEVEL_COLORS["arguable"]], [0.75, LEVEL_COLORS["arguable"]],
               [0.75, LEVEL_COLORS["met"]], [1.0, LEVEL_COLORS["met"]]]
#: A verdict's words are wrapped to lines of this many characters, so that three bars' labels
#: fit side by side on a phone.
_BAR_LINE = 13


#: One word for each condition, for the grid's rows on a phone.
_NARROW_CONDITION = {"sovereignty": N_("Sovereign"), "extraordinary_events": N_("Events"),
                     "subject_matter": N_("Subject"), "supreme_interests": N_("Interests"),
                     "notice": N_("Notice"), "statement": N_("Statement")}


def _condition_ticks(narrow: bool = False) -> list[str]:
    """Row labels, top row first; on a phone, the number, one word and P or S."""
    if narrow:
        return [_("{number} {name} ({kind})").format(number=c.number, name=_(_NARROW_CONDITION[c.id]),
                                                      kind="P" if c.kind == "procedural" else "S")
                for c in CONDITIONS]
    return [condition_label(c.id) for c in CONDITIONS]


def _narrow_tick(label: str) -> str:
    """A case's column label on a phone: its name without the parenthesis, one word a line."""
    return label.split(" (")[0].split("（")[0].replace(" ", "<br>")


def case_tick(label: str) -> str:
    """A case label on two lines where it has a parenthesis: 'Japan today<br>(hypothetical)'.

    >>> case_tick("Japan today (hypothetical)")
    'Japan today<br>(hypothetical)'
    >>> case_tick("今日の日本（仮定）")
    '今日の日本<br>（仮定）'
    """
    return label.replace(" (", "<br>(").replace("（", "<br>（")


def check_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """Check the ``article_x_cases`` table's shape; return it sorted by case order.

    Every (case, reading) pair must assess all six conditions exactly once
    (:func:`proliferation_course.models.article_x.preset_arguments`).
    """
    cases = check_frame(cases, PRESET_COLUMNS, name="cases")
    for (case, reading), group in cases.groupby(["case_id", "reading_id"], sort=False):
        got = sorted(str(c) for c in group["condition_id"])
        if got != sorted(CONDITION_IDS):
            raise ValueError(_("cases: {case}/{reading} must assess each of {conditions} once; got {got}")
                             .format(case=case, reading=reading, conditions=", ".join(CONDITION_IDS),
                                     got=", ".join(got)))
        preset_arguments(group.to_dict("records"), name=f"cases: {case}/{reading}")
    # A stable sort keeps the file's order of readings and conditions within each case.
    return cases.sort_values("case_order", kind="stable").reset_index(drop=True)


#: The contract's name for the check of the presets table (here, the cases).
check_presets = check_cases


def cases_for_display(cases: pd.DataFrame) -> pd.DataFrame:
    """The cases table with readable condition and assessment labels, for a data table (in the
    reader's language, with the case, the reading and the rationale).

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> shown = cases_for_display(load_table("article_x_cases"))
    >>> shown.loc[1, "condition_id"], shown.loc[1, "assessment"]
    ('2 Extraordinary events (S)', 'met')
    """
    shown = check_cases(cases).copy()
    shown["condition_id"] = [condition_label(str(c)) for c in shown["condition_id"]]
    shown["assessment"] = [level_label(str(a)) for a in shown["assessment"]]
    for column in ("case_label", "reading_label", "rationale"):
        if column in shown.columns:
            shown[column] = localized(shown, column)
    return shown


def article_x_cases_table(cases: pd.DataFrame) -> DataTable:
    """The table of the explorer's assessments under the figure, in the reader's language."""
    return data_table(
        cases_for_display(cases),
        {"case_label": _("Case"), "reading_label": _("Reading"), "condition_id": _("Condition"),
         "assessment": _("Assessment")},
        caption=_("Article X assessments by case, reading and condition (the course authors' readings)"),
        note_column="rationale",
        note_heading=_("Why"),
    )


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
        raise ValueError(_("reading must be one of {readings}; got {reading!r}").format(
            readings=", ".join(readings), reading=reading))
    sub = cases[cases["reading_id"] == reading]
    out = []
    for case_id, group in sub.groupby("case_id", sort=False):
        levels = preset_arguments(group.to_dict("records"), name=f"{case_id}/{reading}")
        out.append((str(case_id), text(group.iloc[0], "case_label"), levels))
    order = {str(c): int(o) for c, o in zip(cases["case_id"], cases["case_order"], strict=True)}
    return sorted(out, key=lambda row: order[row[0]])


def _bar_text(result: ArticleXResult) -> str:
    label = result.verdict_label
    # A Japanese verdict has no spaces to wrap at: its two parts go on two lines.
    words = (label.replace("；", "<br>") if "；" in label
             else "<br>".join(textwrap.wrap(label.replace(";", ""), _BAR_LINE)))
    return f"L = {result.legitimacy:.2f}<br>{words}"


def article_x_state(labels: Sequence[str], results: Sequence[ArticleXResult]) -> dict[str, list[Any]]:
    """Data for the figure's changing traces: grid, verdict bars and the two threshold lines.

    Returns a ``plotly`` ``restyle`` payload: each key maps to one value per
    dynamic trace (grid, bars, "justified" line, "not justified" line), in
    that order; ``None`` where an attribute does not apply to a trace.
    """
    if len(labels) != len(results) or not results:
        raise ValueError(_("labels and results must be non-empty and of the same length"))
    n = len(results)
    # Grid: one row per condition (treaty order, top first), one column per case.
    z = [[r.scores[c.id] for r in results] for c in CONDITIONS]
    levels = [[level_label(r.levels[c.id]) for r in results] for c in CONDITIONS]
    legit = [r.legitimacy for r in results]
    bar_colors = [VERDICT_COLORS[r.verdict] for r in results]
    hi, lo = results[0].justified_at, results[0].unjustified_at
    span = [-0.5, n - 0.5]
    return {
        "z": [z, None, None, None],
        "x": [list(range(n)), list(range(n)), span, span],
        "y": [list(range(len(CONDITIONS))), legit, [hi, hi], [lo, lo]],
        "text": [levels, [_bar_text(r) for r in results], None, None],
        "marker.color": [None, bar_colors, None, None],
        "name": [_("Assessment"), _("Legitimacy L"), _("justified at L ≥ {high:.2f}").format(high=hi),
                 _("not justified at L ≤ {low:.2f}").format(low=lo)],
    }


def _results(assessments: Sequence[dict[str, str]], rule: str, justified_at: float,
             unjustified_at: float) -> list[ArticleXResult]:
    return [assess_withdrawal(a, rule=rule, justified_at=justified_at, unjustified_at=unjustified_at)
            for a in assessments]


def article_x_snapshot_figure(labels: Sequence[str], results: Sequence[ArticleXResult],
                              title: str | None = None) -> go.Figure:
    """The grid and verdict bars for given cases and results, with no controls.

    The live panel (:func:`proliferation_course.widgets.article_x.article_x_panel`)
    wraps this figure and updates it; :func:`article_x_figure` adds the
    reading dropdown and the threshold slider. ``title`` is the figure's default (:data:`TITLE`) if
    ``None``.
    """
    state = article_x_state(labels, results)
    n = len(results)
    fig = go.Figure()
    # 0: the grid of conditions by case.
    fig.add_trace(go.Heatmap(
        z=state["z"][0], x=state["x"][0], y=state["y"][0], text=state["text"][0],
        texttemplate="%{text}", textfont={"size": 13, "color": color("background")},
        colorscale=_COLORSCALE, zmin=0, zmax=1,
        showscale=False, xgap=3, ygap=3, name=_("Assessment"),
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
            x=[None], y=[None], mode="markers",
            name=_("{level} ({score:g})").format(level=level_label(level), score=LEVEL_SCORES[level]),
            marker={"symbol": "square", "size": 14, "color": LEVEL_COLORS[level]}, hoverinfo="skip",
            xaxis="x", yaxis="y"))
    ticks = [case_tick(label) for label in labels]
    fig.update_layout(
        base_layout(title=title if title is not None else _(TITLE), height=780),
        xaxis={"domain": [0.0, 1.0], "range": [-0.5, n - 0.5], "tickvals": list(range(n)),
               "ticktext": ticks, "side": "top", "fixedrange": True, "showgrid": False, "zeroline": False,
               "showline": False, "ticks": ""},
        yaxis={"domain": [0.47, 1.0], "tickvals": list(range(len(CONDITIONS))),
               "ticktext": _condition_ticks(), "autorange": "reversed", "fixedrange": True,
               "automargin": True, "showline": False, "ticks": ""},
        xaxis2={"domain": [0.0, 1.0], "anchor": "y2", "range": [-0.5, n - 0.5],
                "tickvals": list(range(n)), "ticktext": ticks, "fixedrange": True},
        yaxis2={"domain": [0.0, 0.30], "anchor": "x2", "range": [0, 2.0], "fixedrange": True,
                "tickvals": [0, 0.5, 1], "title": {"text": _("Legitimacy L")}},
        legend={"orientation": "h", "x": 0, "y": 0.43, "yanchor": "top", "font": {"size": 12}},
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 130, "b": SPACE["xl"]},
        bargap=0.45,
        # On a narrow screen course.js shortens the row and column labels (see render.py).
        meta={"narrow": {"height": 900, "title.font.size": 14,
                         "yaxis.domain": [0.52, 1.0], "yaxis2.domain": [0.0, 0.30], "legend.y": 0.47,
                         "yaxis.ticktext": _condition_ticks(narrow=True), "data[0].textfont.size": 11,
                         "xaxis.ticktext": [_narrow_tick(label) for label in labels], "xaxis.tickangle": 0,
                         "xaxis2.ticktext": [_narrow_tick(label) for label in labels], "xaxis2.tickangle": 0},
              "subtitle": _("Top, each condition of Article X.1 as read for each case: met, arguable or "
                            "not met. Bottom, each case's legitimacy score L and the model's verdict, "
                            "against the two thresholds."),
              "notes": _("A stylised teaching model, not a legal opinion. P marks a procedural condition, "
                         "S a substantive one; L is the mean of the three S scores. A withdrawal whose "
                         "procedure is not met is not a valid withdrawal, whatever L."),
              "source": _("The course's model (chapter 5); the assessments are the course authors' "
                          "readings of the sourced facts in the table below."),
              "description": ("；" if language() == "ja" else "; ").join(
                  _("{case}: L = {score:.2f}, {verdict}").format(case=label, score=r.legitimacy,
                                                                verdict=r.verdict_label)
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
    return slider(steps, label=_(JUSTIFIED_LABEL), active=values.index(float(justified_at)),
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
    reading_labels = {str(r): str(lab) for r, lab in zip(cases["reading_id"],
                                                          localized(cases, "reading_label"), strict=True)}
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
        updatemenus=[dropdown(entries, label=_(READING_LABEL), active=readings.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


# --------------------------------------------------------------------------------------
# NPT milestones
# --------------------------------------------------------------------------------------

_LANES = ("The treaty", "Canada", "Federal Republic of Germany", "Japan", "Republic of Korea", "DPRK")
#: Each lane (the table's ``party``, a key) as the figure and the table name it (translated where shown).
LANE_LABELS: dict[str, str] = {"The treaty": N_("The treaty"), "Canada": N_("Canada"),
                               "Federal Republic of Germany": N_("Federal Republic of Germany"),
                               "Japan": N_("Japan"), "Republic of Korea": N_("Republic of Korea"),
                               "DPRK": N_("DPRK")}
_NARROW_LANES = (N_("Treaty"), N_("Canada"), N_("FRG"), N_("Japan"), N_("ROK"), N_("DPRK"))
#: The caption of the milestones' figure and table.
MILESTONES_CAPTION = N_("NPT milestones: the treaty, four allies and the DPRK")
_GROUPS = (
    (N_("Treaty event"), ("opened_for_signature", "entry_into_force", "extension", "party_count"),
     "star", "accent"),
    (N_("Ratification or accession"), ("ratification", "accession"), "circle", "series_1"),
    # After the ratifications, and larger, so that a signature close to its ratification
    # (Canada's, under six months apart) rings the ratification's dot instead of hiding under it.
    (N_("Signature"), ("signature",), "circle-open", "series_2"),
    (N_("Withdrawal notice"), ("withdrawal_notice",), "x", "fails"),
    (N_("Notice suspended"), ("withdrawal_suspended",), "diamond-open", "contested"),
    (N_("Withdrawal effective<br>(claimed or generally held)"), ("withdrawal_effective",),
     "triangle-up-open", "fails"),
    (N_("Security Council"), ("security_council",), "square", "text"),
)
#: The milestone figure's views: (button label, translated where shown; x-axis range).
MILESTONE_VIEWS: tuple[tuple[str, list[str]], ...] = (
    (N_("All, 1968–2018"), ["1967-01-01", "2020-01-01"]),
    (N_("1968–77: allies join"), ["1968-01-01", "1977-06-30"]),
    (N_("1985–2007: DPRK"), ["1985-01-01", "2007-06-30"]),
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
        raise ValueError(_("milestones has unknown part(ies): {parties}").format(parties=", ".join(unknown)))
    day = df[df["date_precision"] == "day"]
    year = df[df["date_precision"] == "year"]
    ja = language() == "ja"
    fig = go.Figure()
    for name, types, symbol, swatch in _GROUPS:
        sub = day[day["event_type"].isin(types)]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[str(d) for d in sub["date"]], y=[str(p) for p in sub["party"]], mode="markers", name=_(name),
            # Open marks are larger, so that they ring a filled mark on the same day or month.
            marker={"symbol": symbol, "size": 19 if symbol.endswith("-open") else 13, "color": color(swatch),
                    "line": {"width": 2, "color": color(swatch)}},
            text=list(localized(sub, "description").astype(str)),
            customdata=[_(LANE_LABELS[str(p)]) for p in sub["party"]],
            hovertemplate=("%{x|%Y年%-m月%-d日}" if ja else "%{x|%-d %B %Y}")
            + "<br>%{customdata}: %{text}<extra></extra>"))
    for row in year.to_dict("records"):
        party = _(LANE_LABELS[str(row["party"])])
        fig.add_trace(go.Scatter(
            x=[f"{row['date']}-01-01", f"{row['date']}-12-31"], y=[row["party"], row["party"]], mode="lines",
            line={"width": 9, "color": color("series_2")},
            name=_("Ratification, year only"), text=[text(row, "description")] * 2,
            hovertemplate=_("{year} (year only)").format(year=row["date"])
            + "<br>" + party + ": %{text}<extra></extra>"))
    first_range = MILESTONE_VIEWS[0][1]
    fig.update_layout(
        base_layout(title=_(MILESTONES_CAPTION), height=580),
        xaxis={"type": "date", "range": first_range, "title": {"text": _("Date")}, "fixedrange": True,
               **({"tickformat": "%Y年"} if ja else {})},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(_LANES)), "automargin": True,
               "tickvals": list(_LANES), "ticktext": [_(LANE_LABELS[lane]) for lane in _LANES],
               "fixedrange": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "font": {"size": 12}},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": SPACE["xl"]},
        updatemenus=[button_row([choice(_(lab), layout={"xaxis.range": rng}) for lab, rng in MILESTONE_VIEWS],
                                label=_("Period"))],
        meta={"narrow": {"height": 760, "title.font.size": 14,
                         "yaxis.ticktext": [_(lane) for lane in _NARROW_LANES]},
              "subtitle": _("When the treaty opened, when four allies and the DPRK joined it, and the "
                            "DPRK's two notices of withdrawal."),
              "notes": _("A bar marks an event known only to the year (the Republic of Korea's "
                         "ratification, 1975). The DPRK claimed its 2003 withdrawal took effect the next "
                         "day; it is generally held to have taken effect three months after the notice. A "
                         "ring around a dot is a signature close to its ratification; zoom on the DPRK to see "
                         "its notices and their effects apart."),
              "source": _("Depositary records, UN documents and reports: each row's source is in the "
                          "table below.")},
    )
    return fig


def npt_milestones_table(milestones: pd.DataFrame) -> DataTable:
    """The table of the NPT's milestones under their figure, in the reader's language."""
    shown = milestones.assign(
        party=[_(LANE_LABELS.get(str(p), str(p))) for p in milestones["party"]],
        description=localized(milestones, "description"),
        note=localized(milestones, "note"),
    )
    if language() == "ja":
        shown = shown.assign(date=[
            format_date(datetime.date.fromisoformat(str(d))) if precision == "day" else f"{d}年"
            for d, precision in zip(milestones["date"], milestones["date_precision"], strict=True)])
    return data_table(
        shown,
        {"date": _("Date"), "party": _("Party"), "description": _("Event")},
        caption=_(MILESTONES_CAPTION),
        note_column="note",
        note_heading=_("About this date"),
    )
