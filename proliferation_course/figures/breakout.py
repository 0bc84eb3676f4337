"""Plotly faces of the breakout-timeline model and of the proliferation timelines table.

The static breakout figure is a Gantt chart: one horizontal bar per technical
step, from its start month to its end month. A dropdown switches the preset
(a country profile at the course's central reading, from
``data/breakout_presets.csv``) and a slider the sanctions factor; every state
the figure can show is computed here by calling the model
(:func:`proliferation_course.models.breakout.breakout_timeline`), so the
website needs no kernel.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the two bar series (steps needed for a first device,
  later steps);
* :func:`breakout_state`: the state for one model result, a ``restyle`` payload;
* :func:`breakout_layout`: the two milestone lines and their note;
* :func:`breakout_snapshot_figure`: the figure for one result, with no controls.

Each preset keeps one month axis for all its sanctions levels (so that the
slider's states can be compared), fitted to its slowest level.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _
from ..models.breakout import PRESET_COLUMNS as MODEL_COLUMNS
from ..models.breakout import (
    BreakoutResult,
    breakout_timeline,
    preset_arguments,
    pursuit_durations,
)
from ..tables import DataTable, data_table
from .controls import (
    button_row,
    check_initial,
    check_preset_rows,
    choice,
    dropdown,
    records,
    slider,
    step,
)
from .style import SPACE, base_layout, color

__all__ = [
    "DYNAMIC_TRACES",
    "PRESET_COLUMNS",
    "PROFILE_NAMES",
    "SANCTIONS_LABEL",
    "SANCTION_LEVELS",
    "STEP_LABELS",
    "breakout_figure",
    "breakout_layout",
    "breakout_snapshot_figure",
    "breakout_state",
    "check_presets",
    "month_range",
    "profile_name",
    "proliferation_timelines_figure",
    "steps_table",
    "timelines_table",
]

#: Sanctions factors on the static figure's slider.
SANCTION_LEVELS: tuple[float, ...] = (1.0, 1.25, 1.5, 1.75, 2.0)
#: The slider's starting position: mild sanctions, which the essay expects.
DEFAULT_SANCTIONS = 1.25
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the static figure's controls (the live panel uses the same words).
PRESET_LABEL, SANCTIONS_LABEL = N_("Country profile"), N_("Sanctions factor")
#: The country profiles' names as a reader sees them (the ``profile`` column is a key).
PROFILE_NAMES: dict[str, str] = {"Japan": N_("Japan"), "Germany": N_("Germany"), "Canada": N_("Canada")}
#: Short labels for the steps on the chart's axis (the table holds the full names), and
#: shorter ones for narrow screens.
STEP_LABELS: dict[str, str] = {
    "fissile_material": N_("1. Fissile material"),
    "metallisation": N_("2. Metallisation"),
    "initiators_firing": N_("3. Initiators, firing"),
    "miniaturisation": N_("4. Miniaturisation"),
    "delivery_integration": N_("5. Delivery integration"),
    "testing": N_("6. Testing"),
    "secure_infrastructure": N_("7. Secure infrastructure"),
}
NARROW_STEP_LABELS: tuple[str, ...] = (N_("1. Fissile"), N_("2. Metal"), N_("3. Firing"), N_("4. Miniaturise"),
                                       N_("5. Delivery"), N_("6. Testing"), N_("7. Infrastructure"))
#: Indices of the traces a state changes: the two bar series (first-device steps, later steps).
DYNAMIC_TRACES: tuple[int, int] = (0, 1)
#: Palette entries: the two bar series and their milestone lines.
_SERIES = ("category_2", "category_1")
_HOVER = N_("<b>%{customdata[0]}</b><br>months %{base:.1f} to %{customdata[1]:.1f}"
           "<br>duration %{x:.1f} months%{customdata[2]}<extra></extra>")


def _label(step_id: str, order: int) -> str:
    return _(STEP_LABELS[step_id]) if step_id in STEP_LABELS else f"{order}. {step_id}"


def profile_name(profile: str) -> str:
    """A country profile's name in the reader's language (the profile itself if it has none)."""
    return _(PROFILE_NAMES[profile]) if profile in PROFILE_NAMES else profile


def breakout_state(result: BreakoutResult) -> dict[str, list]:
    """Data for the chart's two bar series, as a plotly ``update`` payload.

    The first series holds the steps needed for a first device, the second the
    later steps; each key maps to one value per series, in that order.
    """
    df = result.steps
    payload: dict[str, list] = {"x": [], "base": [], "y": [], "customdata": [],
                                "marker.pattern.shape": []}
    slowed = _(" (× {sanctions:.2f} for sanctions)").format(sanctions=result.sanctions)
    for needed in (True, False):
        part = df.loc[df["first_device"] == needed]
        payload["x"].append([round(float(v), 4) for v in part["duration"]])
        payload["base"].append([round(float(v), 4) for v in part["start"]])
        payload["y"].append([int(v) for v in part["order"]])
        payload["customdata"].append([
            [str(row.step), round(float(str(row.end)), 4),
             slowed if row.sanctions_sensitive else ""]
            for row in part.itertuples(index=False)
        ])
        payload["marker.pattern.shape"].append(
            ["/" if s else "" for s in part["sanctions_sensitive"]])
    return payload


def breakout_layout(result: BreakoutResult) -> dict[str, list[dict[str, Any]]]:
    """The two milestone lines and the note that gives their months, as ``shapes`` and ``annotations``.

    The dashed lines mark the months to a first device (in the first-device
    bars' colour) and to a credible arsenal (in the later steps' colour); the
    note above the chart's top right corner gives both (short enough for a phone).
    """
    first, arsenal = result.months_to_first_device, result.months_to_arsenal
    line = {"type": "line", "xref": "x", "yref": "paper", "y0": 0, "y1": 1}
    note = _("<b>First device</b>: {first:.1f} months ({first_years:.1f} years)<br>"
             "<b>Credible arsenal</b>: {arsenal:.1f} months ({arsenal_years:.1f} years)").format(
        first=first, first_years=first / 12, arsenal=arsenal, arsenal_years=arsenal / 12)
    return {
        "shapes": [
            {**line, "x0": first, "x1": first,
             "line": {"color": color(_SERIES[0]), "dash": "dash", "width": 2}},
            {**line, "x0": arsenal, "x1": arsenal,
             "line": {"color": color(_SERIES[1]), "dash": "dash", "width": 2}},
        ],
        "annotations": [
            {"xref": "paper", "x": 1.0, "yref": "paper", "y": 1.0, "xanchor": "right",
             "yanchor": "bottom", "showarrow": False, "align": "right", "text": note,
             "font": {"size": 12, "color": color("text")}},
        ],
    }


def month_range(arsenal: float) -> list[float]:
    """The month axis for a slowest arsenal of ``arsenal`` months: from 0 to a little past it.

    >>> month_range(100.0)
    [0, 104.0]
    """
    return [0, round(arsenal * 1.04, 1)]



def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``breakout_presets`` table checked (a DataFrame with the columns the explorer reads,
    at least one row, each row's dials in [0, 1]) and sorted by ``order``."""
    return check_preset_rows(presets, PRESET_COLUMNS, preset_arguments)


def breakout_snapshot_figure(result: BreakoutResult, x_max: float | None = None) -> go.Figure:
    """The Gantt chart for one model result, with no controls.

    Parameters
    ----------
    result
        A :class:`~proliferation_course.models.breakout.BreakoutResult`.
    x_max
        Right end of the month axis; by default a little past the arsenal.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> from proliferation_course.models.breakout import breakout_timeline
    >>> fig = breakout_snapshot_figure(breakout_timeline(load_table("breakout_steps"), "Japan"))
    >>> [t.name for t in fig.data][:2]
    ['Needed for a first device', 'Needed for a credible arsenal']
    """
    if not isinstance(result, BreakoutResult):
        raise ValueError(f"result must be a BreakoutResult, got {type(result).__name__}")
    state = breakout_state(result)
    fig = go.Figure()
    names = (_("Needed for a first device"), _("Needed for a credible arsenal"))
    # stripes in the page's colour over the bar's own (plotly's default would leave the bar empty)
    hatch = {"fillmode": "overlay", "fgcolor": color("background"), "size": 7, "solidity": 0.3}
    for i, name in enumerate(names):
        fig.add_trace(go.Bar(
            x=state["x"][i], base=state["base"][i], y=state["y"][i], orientation="h",
            customdata=state["customdata"][i], name=name, hovertemplate=_(_HOVER),
            marker={"color": color(_SERIES[i]), "line": {"color": color(_SERIES[i]), "width": 1},
                    "pattern": {"shape": state["marker.pattern.shape"][i], **hatch}},
        ))
    # A legend key for the hatching (no data).
    fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", name=_("Slowed by sanctions (hatched)"),
                         marker={"color": color("muted"), "pattern": {"shape": "/", **hatch}},
                         hoverinfo="skip"))
    df = result.steps
    orders = [int(v) for v in df["order"]]
    labels = [_label(str(s), o) for s, o in zip(df["step_id"], orders, strict=True)]
    fig.update_layout(
        base_layout(title=_("Breakout timeline: the road to a credible arsenal (a teaching model)"),
                    height=600),
        barmode="overlay",
        bargap=0.3,
        xaxis={"title": {"text": _("Months after the decision to build")},
               "range": [0, x_max] if x_max is not None else month_range(result.months_to_arsenal),
               "fixedrange": True, "showgrid": True},
        yaxis={"tickmode": "array", "tickvals": orders, "ticktext": labels,
               "autorange": "reversed", "fixedrange": True, "automargin": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": 90},
        meta={
            "subtitle": _("The technical steps from a decision to build to a credible arsenal, each "
                          "from its start to its end month. Hatched steps are slowed by sanctions."),
            "notes": _("A stylised teaching model, not a prediction: each step's duration lies between "
                       "a low and a high estimate (here halfway), steps start when the one before is "
                       "half done, and sanctions multiply the hatched steps."),
            "source": _("The course's model (chapter 3); the step estimates are the course authors' "
                        "judgements, with their sources in the table below."),
            "description": _("As first drawn, {profile}: a first device after {first:.1f} months, a credible "
                             "arsenal after {arsenal:.1f} months, with sanctions factor {sanctions:.2f}.").format(
                profile=profile_name(result.profile), first=result.months_to_first_device,
                arsenal=result.months_to_arsenal, sanctions=result.sanctions),
            "narrow": {"height": 640, "margin.b": 110, "yaxis.tickfont.size": 11,
                       **({"yaxis.ticktext": [_(label) for label in NARROW_STEP_LABELS]}
                          if [str(v) for v in df["step_id"]] == list(STEP_LABELS) else {})}},
        **breakout_layout(result),
    )
    return fig


def _run(steps: pd.DataFrame, arguments: dict[str, str | float], sanctions: float) -> BreakoutResult:
    """The model for one preset's arguments (:func:`preset_arguments`) and a sanctions factor."""
    return breakout_timeline(steps, str(arguments["profile"]), estimate=float(arguments["estimate"]),
                             sanctions=sanctions, parallel=float(arguments["parallel"]))


def _slider(steps: pd.DataFrame, preset_id: str, arguments: dict[str, str | float],
            levels: Sequence[float], active: float) -> tuple[dict[str, Any], float]:
    """The sanctions slider of one preset, and the months to its slowest arsenal."""
    out, slowest = [], 0.0
    for s in levels:
        result = _run(steps, arguments, s)
        slowest = max(slowest, result.months_to_arsenal)
        out.append(step(f"×{s:.2f}", value=f"{s:.2f}", state=breakout_state(result),
                        layout=breakout_layout(result), traces=DYNAMIC_TRACES))
    control = slider(out, label=_(SANCTIONS_LABEL), active=list(levels).index(active),
                     name=f"sanctions-{arguments['profile']}-{preset_id}")
    return control, slowest


def breakout_figure(
    steps: pd.DataFrame,
    presets: pd.DataFrame,
    initial: str | None = None,
    sanctions_levels: Sequence[float] = SANCTION_LEVELS,
    initial_sanctions: float = DEFAULT_SANCTIONS,
) -> go.Figure:
    """The static face of the breakout model: a preset dropdown and a sanctions slider.

    Parameters
    ----------
    steps
        The ``breakout_steps`` table.
    presets
        The ``breakout_presets`` table: each row a profile with its estimate
        level and degree of parallel work.
    initial
        ``preset_id`` shown first; the first preset by ``order`` if ``None``.
    sanctions_levels
        Sanctions factors on the slider, in increasing order (each in [1, 10]).
    initial_sanctions
        The slider's starting position; one of ``sanctions_levels``.

    Returns
    -------
    plotly.graph_objects.Figure
        A Gantt chart of the steps with the months to a first device and to a
        credible arsenal marked. Every dropdown entry and slider step carries a
        state computed by the model; each preset brings its own slider and its
        own month axis, fitted to its slowest sanctions level.
    """
    presets = check_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    initial = check_initial(initial, ids)
    levels = [float(s) for s in sanctions_levels]
    if not levels or levels != sorted(set(levels)):
        raise ValueError(f"sanctions_levels must be distinct and increasing, got {sanctions_levels!r}")
    if float(initial_sanctions) not in levels:
        raise ValueError(f"initial_sanctions must be one of sanctions_levels, got {initial_sanctions!r}")
    s0 = float(initial_sanctions)

    entries, sliders, ranges = [], {}, {}
    for row in records(presets):
        pid, arguments = str(row["preset_id"]), preset_arguments(row)
        sliders[pid], slowest = _slider(steps, pid, arguments, levels, s0)
        ranges[pid] = month_range(slowest)
        result = _run(steps, arguments, s0)
        entries.append(choice(text(row, "label"), state=breakout_state(result),
                              layout={"sliders": [sliders[pid]], "xaxis.range": ranges[pid],
                                      **breakout_layout(result)},
                              traces=DYNAMIC_TRACES))
    first = preset_arguments(records(presets)[ids.index(initial)])
    fig = breakout_snapshot_figure(_run(steps, first, s0),
                                   x_max=ranges[initial][1])
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


def steps_table(steps: pd.DataFrame) -> DataTable:
    """The steps table as the page shows it: each profile's steps, their estimates and why."""
    steps = steps.assign(profile=[profile_name(str(p)) for p in steps["profile"]])
    return data_table(
        steps,
        {"profile": _("Profile"), "order": _("Step"), "step": _("Name"), "low_months": _("Low (months)"),
         "high_months": _("High (months)"), "first_device": _("First device"),
         "sanctions_sensitive": _("Slowed by sanctions")},
        caption=_("Technical steps and duration estimates by profile (the course authors' judgements)"),
        note_column="note",
        note_heading=_("Why these estimates"),
    )


def timelines_table(timelines: pd.DataFrame) -> DataTable:
    """The proliferation timelines as the page shows them, with the years from pursuit to acquisition."""
    timelines = timelines.assign(years_to_acquire=pursuit_durations(timelines).to_numpy())
    return data_table(
        timelines,
        {"state": _("State"), "explore": _("Explore"), "pursue": _("Pursue"), "acquire": _("Acquire"),
         "years_to_acquire": _("Pursue to acquire (years)"), "first_test": _("First test")},
        caption=_("Exploration, pursuit and acquisition of nuclear weapons (Bleek 2017) and first tests (CTBTO)"),
        note_column="note",
        note_heading=_("About these dates"),
    )


def _decimal_year(day: object) -> float | None:
    if day is None or (isinstance(day, float) and pd.isna(day)) or day is pd.NaT:
        return None
    ts = pd.Timestamp(str(day))
    start = pd.Timestamp(year=ts.year, month=1, day=1)
    length = 366 if ts.is_leap_year else 365
    return round(ts.year + (ts - start).days / length, 3)


def proliferation_timelines_figure(timelines: pd.DataFrame, model: BreakoutResult | None = None,
                                   until: int = 2025) -> go.Figure:
    """Exploration, pursuit and possession of nuclear weapons by state, with first tests.

    Parameters
    ----------
    timelines
        The ``proliferation_timelines`` table.
    model
        A breakout-model result to compare with history in the aligned view
        (a shaded band runs from its first device to its credible arsenal).
    until
        Last year drawn for possession that has not ended.

    Returns
    -------
    plotly.graph_objects.Figure
        Two buttons switch between calendar years and years counted from the
        start of pursuit, where the states' paths can be compared with each
        other, with their median (a dotted line) and with the model.
    """
    needed = ["state", "explore", "pursue", "acquire", "ended", "first_test"]
    if not isinstance(timelines, pd.DataFrame):
        raise ValueError(f"timelines must be a pandas DataFrame, got {type(timelines).__name__}")
    missing = [c for c in needed if c not in timelines.columns]
    if missing:
        raise ValueError(f"timelines is missing column(s): {', '.join(missing)}")
    if model is not None and not isinstance(model, BreakoutResult):
        raise ValueError(f"model must be a BreakoutResult or None, got {type(model).__name__}")
    df = timelines.sort_values(["acquire", "pursue"]).reset_index(drop=True)
    states = [str(s) for s in localized(df, "state")]
    explore = [int(v) for v in df["explore"]]
    pursue = [int(v) for v in df["pursue"]]
    acquire = [int(v) for v in df["acquire"]]
    ended = [int(v) if not pd.isna(v) else until for v in df["ended"]]
    dated = [_decimal_year(v) for v in df["first_test"]]
    tested = [i for i, t in enumerate(dated) if t is not None]
    tests = [t if t is not None else 0.0 for t in dated]  # read only where tested
    median = float(pursuit_durations(df).median())

    def view(aligned: bool) -> dict[str, list]:
        shift = pursue if aligned else [0] * len(states)
        return {
            "base": [[e - s for e, s in zip(explore, shift, strict=True)],
                     [p - s for p, s in zip(pursue, shift, strict=True)],
                     [a - s for a, s in zip(acquire, shift, strict=True)]],
            "x": [[p - e for p, e in zip(pursue, explore, strict=True)],
                  [a - p for a, p in zip(acquire, pursue, strict=True)],
                  [n - a for n, a in zip(ended, acquire, strict=True)],
                  [round(tests[i] - shift[i], 3) for i in tested]],
        }

    def layout(aligned: bool) -> dict:
        if not aligned:
            return {"xaxis.range": [1936, until + 2], "xaxis.title.text": _("Year"), "shapes": []}
        shapes: list[dict[str, Any]] = [
            {"type": "line", "xref": "x", "yref": "paper", "x0": median, "x1": median,
             "y0": 0, "y1": 1, "line": {"color": color("text"), "dash": "dot", "width": 2}}]
        if model is not None:
            shapes.append({"type": "rect", "xref": "x", "yref": "paper",
                           "x0": round(model.years_to_first_device, 3),
                           "x1": round(model.years_to_arsenal, 3), "y0": 0, "y1": 1,
                           "fillcolor": color("accent_fill"), "layer": "above",
                           "line": {"color": color("accent"), "width": 1.5}})
        return {"xaxis.range": [-20, 45], "xaxis.title.text": _("Years from the start of pursuit"),
                "shapes": shapes}

    calendar = view(False)
    fig = go.Figure()
    series = ((_("Exploring"), _("%{y}: exploring for %{x} years"), "series_3"),
              (_("Pursuing, until acquisition"), _("%{y}: pursuing for %{x} years"), "series_2"),
              (_("Possessing"), _("%{y}: possessing for %{x} years"), "series_1"))
    for i, (name, hover, swatch) in enumerate(series):
        fig.add_trace(go.Bar(
            y=states, x=calendar["x"][i], base=calendar["base"][i], orientation="h", name=name,
            marker={"color": color(swatch)},
            hovertemplate=hover + "<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        y=[states[i] for i in tested], x=calendar["x"][3], mode="markers", name=_("First nuclear test"),
        marker={"symbol": "diamond", "size": 11, "color": color("background"),
                "line": {"color": color("text"), "width": 2}},
        hovertemplate=_("%{y}: first test") + "<extra></extra>",
    ))
    # Legend keys for the aligned view's median line and model band (no data).
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", visible=False, hoverinfo="skip",
                             name=_("Median, pursuit to acquisition: {median:g} years").format(median=median),
                             line={"color": color("text"), "dash": "dot", "width": 2}))
    keys = 1
    if model is not None:
        fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", visible=False, hoverinfo="skip",
                             name=_("Model, {profile}: device {device:.1f} y, arsenal {arsenal:.1f} y").format(
                                 profile=profile_name(model.profile), device=model.years_to_first_device,
                                 arsenal=model.years_to_arsenal),
                             marker={"color": color("accent_fill"),
                                     "line": {"color": color("accent"), "width": 1.5}}))
        keys = 2
    buttons = []
    for label, aligned in ((_("By year"), False), (_("From the start of pursuit"), True)):
        state = view(aligned)
        data = {"x": state["x"] + [[None]] * keys, "base": state["base"] + [None] * (1 + keys),
                "visible": [True] * 4 + [aligned] * keys}
        buttons.append(choice(label, state=data, layout=layout(aligned)))
    fig.update_layout(
        base_layout(title=_("When the ten nuclear-armed states explored, pursued and acquired the bomb"),
                    height=600),
        barmode="overlay",
        bargap=0.35,
        xaxis={"title": {"text": _("Year")}, "range": [1936, until + 2], "fixedrange": True,
               "showgrid": True},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": 110},
        updatemenus=[button_row(buttons, label=_("Time axis"))],
        meta={"subtitle": _("Bars show when each state explored, pursued and possessed nuclear weapons; "
                            "diamonds mark first nuclear tests. Align the bars on the start of pursuit "
                            "to compare the states' paths with each other and with the model."),
              "notes": _("Median from pursuit to acquisition: {median:g} years (dotted line in the "
                         "aligned view). Israel and South Africa conducted no acknowledged test.").format(
                  median=median),
              "source": _("Bleek (2017) for exploration, pursuit and acquisition; CTBTO for first tests."),
              "description": _("{count} states, from {first} (acquired {first_year}) to {last} (acquired "
                               "{last_year}); the median time from the start of pursuit to acquisition is "
                               "{median:g} years.").format(count=len(states), first=states[0],
                                                           first_year=acquire[0], last=states[-1],
                                                           last_year=acquire[-1], median=median),
              "narrow": {"height": 720, "margin.b": 170, "font.size": 11}},
        shapes=[],
    )
    return fig
