"""Plotly faces of the breakout-timeline model and of the proliferation timelines table.

The static breakout figure is a Gantt chart: one horizontal bar per technical
step, from its start month to its end month. A dropdown switches the country
profile and a slider the sanctions factor; every state the figure can show is
computed here by calling the model
(:func:`proliferation_course.models.breakout.breakout_timeline`), so the
website needs no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..models.breakout import (
    BreakoutResult,
    breakout_profiles,
    breakout_timeline,
    pursuit_durations,
)
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "SANCTION_LEVELS",
    "STATIC_ESTIMATE",
    "STATIC_PARALLEL",
    "STEP_LABELS",
    "breakout_figure",
    "breakout_layout",
    "breakout_snapshot_figure",
    "breakout_state",
    "proliferation_timelines_figure",
]

#: Sanctions factors on the static figure's slider.
SANCTION_LEVELS: tuple[float, ...] = (1.0, 1.25, 1.5, 1.75, 2.0)
#: The slider's starting position: mild sanctions, which the essay expects.
DEFAULT_SANCTIONS = 1.25
#: Estimate level and degree of parallel work fixed on the static figure (the live panel varies them).
STATIC_ESTIMATE = 0.5
STATIC_PARALLEL = 0.5
#: Short labels for the steps on the chart's axis (the table holds the full names), and
#: shorter ones for narrow screens.
STEP_LABELS: dict[str, str] = {
    "fissile_material": "1. Fissile material",
    "metallisation": "2. Metallisation",
    "initiators_firing": "3. Initiators, firing",
    "miniaturisation": "4. Miniaturisation",
    "delivery_integration": "5. Delivery integration",
    "testing": "6. Testing",
    "secure_infrastructure": "7. Secure infrastructure",
}
NARROW_STEP_LABELS: tuple[str, ...] = ("1. Fissile", "2. Metal", "3. Firing", "4. Miniaturise",
                                       "5. Delivery", "6. Testing", "7. Infrastructure")
# Trace indices of the two bar series that change (first-device steps, later steps).
_DYNAMIC = [0, 1]
_BAR_COLORS = ("#D55E00", "#0072B2")  # Okabe-Ito vermilion and blue
_MARKER_COLOR = "#6b4c9a"
_HOVER = ("<b>%{customdata[0]}</b><br>months %{base:.1f} to %{customdata[1]:.1f}"
          "<br>duration %{x:.1f} months%{customdata[2]}<extra></extra>")


def _label(step_id: str, order: int) -> str:
    return STEP_LABELS.get(step_id, f"{order}. {step_id}")


def breakout_state(result: BreakoutResult) -> dict[str, list]:
    """Data for the chart's two bar series, as a plotly ``update`` payload.

    The first series holds the steps needed for a first device, the second the
    later steps; each key maps to one value per series, in that order.
    """
    df = result.steps
    payload: dict[str, list] = {"x": [], "base": [], "y": [], "customdata": [],
                                "marker.pattern.shape": []}
    for needed in (True, False):
        part = df.loc[df["first_device"] == needed]
        payload["x"].append([round(float(v), 4) for v in part["duration"]])
        payload["base"].append([round(float(v), 4) for v in part["start"]])
        payload["y"].append([int(v) for v in part["order"]])
        payload["customdata"].append([
            [str(row.step), round(float(row.end), 4),
             f" (× {result.sanctions:.2f} for sanctions)" if row.sanctions_sensitive else ""]
            for row in part.itertuples(index=False)
        ])
        payload["marker.pattern.shape"].append(
            ["/" if s else "" for s in part["sanctions_sensitive"]])
    return payload


def breakout_layout(result: BreakoutResult) -> dict[str, list]:
    """The two milestone lines and the box that gives their months, as ``shapes`` and ``annotations``.

    The dashed lines mark the months to a first device (vermilion) and to a
    credible arsenal (purple); the note above the chart's top right corner gives both.
    """
    first, arsenal = result.months_to_first_device, result.months_to_arsenal
    line = {"type": "line", "xref": "x", "yref": "paper", "y0": 0, "y1": 1}
    text = (f"<span style='color:{_BAR_COLORS[0]}'><b>First device</b>: "
            f"{first:.1f} months ({first / 12:.1f} years)</span><br>"
            f"<span style='color:{_MARKER_COLOR}'><b>Credible arsenal</b>: "
            f"{arsenal:.1f} months ({arsenal / 12:.1f} years)</span>")
    return {
        "shapes": [
            {**line, "x0": first, "x1": first,
             "line": {"color": _BAR_COLORS[0], "dash": "dash", "width": 2}},
            {**line, "x0": arsenal, "x1": arsenal,
             "line": {"color": _MARKER_COLOR, "dash": "dash", "width": 2}},
        ],
        "annotations": [
            {"xref": "paper", "x": 1.0, "yref": "paper", "y": 1.0, "xanchor": "right",
             "yanchor": "bottom", "showarrow": False, "align": "right", "text": text,
             "font": {"size": 12}},
        ],
    }


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
    names = ("Needed for a first device", "Needed for a credible arsenal")
    for i, name in enumerate(names):
        fig.add_trace(go.Bar(
            x=state["x"][i], base=state["base"][i], y=state["y"][i], orientation="h",
            customdata=state["customdata"][i], name=name, hovertemplate=_HOVER,
            marker={"color": _BAR_COLORS[i], "line": {"color": _BAR_COLORS[i], "width": 1},
                    "pattern": {"shape": state["marker.pattern.shape"][i], "fgcolor": "white",
                                "size": 7, "solidity": 0.3}},
        ))
    # A legend key for the hatching (no data).
    fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", name="Slowed by sanctions (hatched)",
                         marker={"color": "#bbbbbb",
                                 "pattern": {"shape": "/", "fgcolor": "white", "size": 7,
                                             "solidity": 0.3}},
                         hoverinfo="skip"))
    df = result.steps
    orders = [int(v) for v in df["order"]]
    labels = [_label(str(s), o) for s, o in zip(df["step_id"], orders, strict=True)]
    right = x_max if x_max is not None else result.months_to_arsenal * 1.08
    fig.update_layout(
        base_layout(title="Breakout timeline: the road to a credible arsenal (a teaching model)",
                    height=660),
        barmode="overlay",
        bargap=0.3,
        xaxis={"title": {"text": "Months after the decision to build"}, "range": [0, right],
               "rangemode": "tozero", "fixedrange": True, "showgrid": True,
               "gridcolor": "#e5e5e5", "zeroline": False},
        yaxis={"tickmode": "array", "tickvals": orders, "ticktext": labels,
               "autorange": "reversed", "fixedrange": True, "automargin": True},
        legend={"orientation": "h", "x": 0, "y": -0.15, "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 110, "b": 40},
        meta={"narrow": {"height": 760, "title.text": "Breakout timeline (a teaching model)",
                         "title.font.size": 14, "yaxis.tickfont.size": 10,
                         "margin.t": 150, "updatemenus.0.y": 1.09,
                         **({"yaxis.ticktext": list(NARROW_STEP_LABELS)}
                            if [str(v) for v in df["step_id"]] == list(STEP_LABELS) else {}),
                         "legend.y": -0.13, "font.size": 11}},
        **breakout_layout(result),
    )
    return fig


def _slider(steps: pd.DataFrame, profile: str, levels: Sequence[float], active: float,
            estimate: float, parallel: float) -> dict:
    out = []
    for s in levels:
        result = breakout_timeline(steps, profile, estimate=estimate, sanctions=s, parallel=parallel)
        out.append({
            "method": "update",
            "label": f"×{s:.2f}",
            "value": f"{s:.2f}",
            "args": [breakout_state(result), breakout_layout(result), _DYNAMIC],
        })
    return {
        "name": f"sanctions-{profile}",
        "active": list(levels).index(active),
        "currentvalue": {"prefix": "Sanctions factor: ", "font": {"size": 13}},
        "pad": {"t": 10, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "y": -0.3,
        "yanchor": "top",
        "steps": out,
    }


def breakout_figure(
    steps: pd.DataFrame,
    initial: str | None = None,
    estimate: float = STATIC_ESTIMATE,
    parallel: float = STATIC_PARALLEL,
    sanctions_levels: Sequence[float] = SANCTION_LEVELS,
    initial_sanctions: float = DEFAULT_SANCTIONS,
) -> go.Figure:
    """The static face of the breakout model: a profile dropdown and a sanctions slider.

    Parameters
    ----------
    steps
        The ``breakout_steps`` table.
    initial
        Profile shown first; the table's first profile if ``None``.
    estimate, parallel
        The model's estimate level and degree of parallel work, fixed for the
        static figure.
    sanctions_levels
        Sanctions factors on the slider, in increasing order (each in [1, 10]).
    initial_sanctions
        The slider's starting position; one of ``sanctions_levels``.

    Returns
    -------
    plotly.graph_objects.Figure
        A Gantt chart of the steps with the months to a first device and to a
        credible arsenal marked. Every dropdown entry and slider step carries a
        state computed by the model; the month axis is the same for all states,
        so that they can be compared.
    """
    profiles = breakout_profiles(steps)
    if initial is None:
        initial = profiles[0]
    if initial not in profiles:
        raise ValueError(f"initial must be one of {', '.join(profiles)}; got {initial!r}")
    levels = [float(s) for s in sanctions_levels]
    if not levels or levels != sorted(set(levels)):
        raise ValueError(f"sanctions_levels must be distinct and increasing, got {sanctions_levels!r}")
    if float(initial_sanctions) not in levels:
        raise ValueError(f"initial_sanctions must be one of sanctions_levels, got {initial_sanctions!r}")
    s0 = float(initial_sanctions)

    x_max = 0.0
    sliders, buttons = {}, []
    for profile in profiles:
        sliders[profile] = _slider(steps, profile, levels, s0, estimate, parallel)
        for level in levels:
            res = breakout_timeline(steps, profile, estimate=estimate, sanctions=level,
                                    parallel=parallel)
            x_max = max(x_max, res.months_to_arsenal)
        result = breakout_timeline(steps, profile, estimate=estimate, sanctions=s0, parallel=parallel)
        buttons.append({
            "method": "update",
            "label": profile,
            "args": [breakout_state(result), {"sliders": [sliders[profile]], **breakout_layout(result)},
                     _DYNAMIC],
        })
    first = breakout_timeline(steps, initial, estimate=estimate, sanctions=s0, parallel=parallel)
    fig = breakout_snapshot_figure(first, x_max=round(x_max * 1.04, 1))
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "direction": "down",
                      "active": profiles.index(initial), "pad": {"b": 6},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


def _decimal_year(day: object) -> float | None:
    if day is None or (isinstance(day, float) and pd.isna(day)) or day is pd.NaT:
        return None
    ts = pd.Timestamp(day)
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
    states = [str(s) for s in df["state"]]
    explore = [int(v) for v in df["explore"]]
    pursue = [int(v) for v in df["pursue"]]
    acquire = [int(v) for v in df["acquire"]]
    ended = [int(v) if not pd.isna(v) else until for v in df["ended"]]
    tests = [_decimal_year(v) for v in df["first_test"]]
    tested = [i for i, t in enumerate(tests) if t is not None]
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
            return {"xaxis.range": [1936, until + 2], "xaxis.title.text": "Year", "shapes": []}
        shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": median, "x1": median,
                   "y0": 0, "y1": 1, "line": {"color": COLORS["text"], "dash": "dot", "width": 2}}]
        if model is not None:
            shapes.append({"type": "rect", "xref": "x", "yref": "paper",
                           "x0": round(model.years_to_first_device, 3),
                           "x1": round(model.years_to_arsenal, 3), "y0": 0, "y1": 1,
                           "fillcolor": "rgba(107, 76, 154, 0.25)", "layer": "above",
                           "line": {"color": _MARKER_COLOR, "width": 1.5}})
        return {"xaxis.range": [-20, 45], "xaxis.title.text": "Years from the start of pursuit",
                "shapes": shapes}

    calendar = view(False)
    fig = go.Figure()
    series = (("Exploring", "#bbbbbb"), ("Pursuing, until acquisition", _BAR_COLORS[0]),
              ("Possessing", "rgba(0, 114, 178, 0.55)"))
    for i, (name, color) in enumerate(series):
        fig.add_trace(go.Bar(
            y=states, x=calendar["x"][i], base=calendar["base"][i], orientation="h", name=name,
            marker={"color": color},
            hovertemplate="%{y}: " + name.split(",")[0].lower() + " for %{x} years<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        y=[states[i] for i in tested], x=calendar["x"][3], mode="markers", name="First nuclear test",
        marker={"symbol": "diamond", "size": 11, "color": "white",
                "line": {"color": COLORS["text"], "width": 2}},
        hovertemplate="%{y}: first test<extra></extra>",
    ))
    # Legend keys for the aligned view's median line and model band (no data).
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", visible=False, hoverinfo="skip",
                             name=f"Median, pursuit to acquisition: {median:g} years",
                             line={"color": COLORS["text"], "dash": "dot", "width": 2}))
    keys = 1
    if model is not None:
        fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", visible=False, hoverinfo="skip",
                             name=(f"Model, {model.profile}: device {model.years_to_first_device:.1f} y,"
                                   f" arsenal {model.years_to_arsenal:.1f} y"),
                             marker={"color": "rgba(107, 76, 154, 0.35)"}))
        keys = 2
    buttons = []
    for label, aligned in (("By year", False), ("From the start of pursuit", True)):
        state = view(aligned)
        data = {"x": state["x"] + [[None]] * keys, "base": state["base"] + [None] * (1 + keys),
                "visible": [True] * 4 + [aligned] * keys}
        buttons.append({"label": label, "method": "update", "args": [data, layout(aligned)]})
    fig.update_layout(
        base_layout(title="When the ten nuclear-armed states explored, pursued and acquired the bomb",
                    height=600),
        barmode="overlay",
        bargap=0.35,
        xaxis={"title": {"text": "Year"}, "range": [1936, until + 2], "fixedrange": True,
               "showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True},
        legend={"orientation": "h", "x": 0, "y": -0.17, "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 110, "b": 40},
        updatemenus=[{"type": "buttons", "direction": "right", "x": 0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "pad": {"b": 6}, "active": 0,
                      "buttons": buttons, "font": {"family": FONT_FAMILY, "size": 12}}],
        meta={"narrow": {"height": 700, "title.text": "Ten nuclear-armed states: explore, pursue, acquire",
                         "title.font.size": 13, "legend.y": -0.12, "font.size": 11,
                         "updatemenus.0.buttons.1.label": "Aligned"}},
        shapes=[],
    )
    return fig
