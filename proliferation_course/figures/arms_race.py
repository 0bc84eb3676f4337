"""Plotly faces of the Richardson arms-race model and of the warhead-stockpiles table.

Every state the static explorer can show is computed here by calling the model
(:func:`proliferation_course.models.arms_race.evaluate_preset`), so the website
needs no kernel: a dropdown switches the scenario presets, and a slider sets
the common reaction coefficient ``k``. To keep the page light, each step
sends only what changes (the paths' ``y``, the eigenvalue bars and the
verdict), rounded to three significant digits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..models.arms_race import (
    ACTORS,
    PRESETS,
    ArmsRacePreset,
    ArmsRaceResult,
    critical_reaction,
    evaluate_preset,
    get_preset,
)
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "ACTOR_STYLES",
    "REACTION_STEPS",
    "Y_MAX",
    "arms_race_figure",
    "arms_race_snapshot_figure",
    "arms_race_state",
    "round_sig",
    "stockpiles_figure",
    "verdict_text",
]

#: Slider positions for the reaction coefficient k: 0.00, 0.05, ..., 0.60 (the preset's own is added).
REACTION_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(13))
#: Top of the level axis; a path is cut just after it leaves the chart.
Y_MAX: float = 5.0
#: Significant digits kept in the page's precomputed numbers.
SIG: int = 3
#: Colour (Okabe-Ito), dash and marker symbol for each actor, so colour is never the only cue.
ACTOR_STYLES: dict[str, dict[str, str]] = {
    "United States": {"color": COLORS["triangle"], "dash": "solid", "symbol": "circle"},
    "Russia": {"color": COLORS["fails"], "dash": "dash", "symbol": "square"},
    "China": {"color": "#CC79A7", "dash": "dot", "symbol": "diamond"},
    "Canada": {"color": "#E69F00", "dash": "dashdot", "symbol": "triangle-up"},
    "Germany": {"color": "#222222", "dash": "longdash", "symbol": "x"},
    "Japan": {"color": COLORS["holds"], "dash": "longdashdot", "symbol": "star"},
}
_EQ = len(ACTORS)          # trace index of the equilibrium markers
_EIG = len(ACTORS) + 1     # trace index of the eigenvalue bars
_ALL = list(range(len(ACTORS) + 2))
_EIG_LABELS = [f"λ{i + 1}" for i in range(len(ACTORS))]


def round_sig(value: float | None, digits: int = SIG) -> float | None:
    """Round to ``digits`` significant digits (``None`` and non-finite values give ``None``).

    Examples
    --------
    >>> round_sig(1.23456), round_sig(0.0012345), round_sig(-0.2), round_sig(None)
    (1.23, 0.00123, -0.2, None)
    """
    if value is None or not math.isfinite(value):
        return None
    if value == 0:
        return 0.0
    return float(f"{value:.{digits}g}") + 0.0


def _cut(path: Sequence[float], top: float = Y_MAX) -> list[float | None]:
    """The path rounded, kept up to its first point above ``top`` and blank after it."""
    out: list[float | None] = []
    gone = False
    for v in path:
        out.append(None if gone else round_sig(v))
        if v > top:
            gone = True
    return out


def verdict_text(preset: ArmsRacePreset, k: float, result: ArmsRaceResult) -> str:
    """The stability verdict shown above the chart, with the numbers that decide it.

    Examples
    --------
    >>> from proliferation_course.models.arms_race import evaluate_preset, get_preset
    >>> p = get_preset("two_stable")
    >>> verdict_text(p, 0.2, evaluate_preset(p)).split("<br>")[0]
    '<b>Stable</b>: ab = 0.16 > kl = 0.04'
    """
    lam = result.growth_rate
    word = "<b>Stable</b>" if result.stable else "<b>Runaway</b>"
    if len(preset.actors) == 2:
        a, b = preset.fatigue
        kk = k * preset.weights[0][1]
        ll = k * preset.weights[1][0]
        sign = ">" if a * b > kk * ll else ("=" if a * b == kk * ll else "<")
        first = f"{word}: ab = {a * b:.2f} {sign} kl = {kk * ll:.2f}"
    else:
        k_star = critical_reaction(preset.weights, preset.fatigue)
        if math.isinf(k_star):
            first = f"{word}: no loop of mutual reaction, so no critical k"
        else:
            sign = "<" if k < k_star else "≥"
            first = f"{word}: k = {k:.2f} {sign} critical k* = {k_star:.3f}"
    return f"{first}<br>largest eigenvalue λ1 = {lam:+.3f} per year"


def arms_race_state(preset: ArmsRacePreset, k: float) -> tuple[dict[str, list], str]:
    """The figure's changing data for one preset and reaction coefficient, and its verdict.

    Returns a ``restyle`` payload for all dynamic traces (the six actors' paths,
    the equilibrium markers and the eigenvalue bars, in that order) and the
    verdict text. Actors not in the preset are hidden; the equilibrium is
    shown only when the race is stable and the point is on the chart.
    """
    result = evaluate_preset(preset, k)
    paths: list[list[float | None]] = []
    visible: list[bool] = []
    eq: list[float | None] = []
    for name in ACTORS:
        if name in result.actors:
            i = result.actors.index(name)
            paths.append(_cut(result.levels[i]))
            visible.append(True)
            x_star = result.equilibrium[i] if result.equilibrium is not None else None
            on_chart = result.stable and x_star is not None and 0 <= x_star <= Y_MAX
            eq.append(round_sig(x_star) if on_chart else None)
        else:
            paths.append([])
            visible.append(False)
            eq.append(None)
    eig_y: list[float | None] = [round_sig(z.real) for z in result.eigenvalues]
    eig_text = [(f"{z.real:+.2f}" if abs(z.imag) < 1e-9 else f"{z.real:+.2f}±{abs(z.imag):.2f}i")
                for z in result.eigenvalues]
    eig_colors = [COLORS["holds"] if z.real < 0 else COLORS["fails"] for z in result.eigenvalues]
    pad = len(ACTORS) - len(eig_y)
    eig_y += [None] * pad
    eig_text += [""] * pad
    eig_colors += [COLORS["grid"]] * pad
    state = {
        "y": [*paths, eq, eig_y],
        "visible": [*visible, True, True],
        "text": [None] * len(ACTORS) + [list(ACTORS), eig_text],
        "marker.color": [ACTOR_STYLES[a]["color"] for a in ACTORS]
        + [[ACTOR_STYLES[a]["color"] for a in ACTORS], eig_colors],
    }
    return state, verdict_text(preset, k, result)


def _subset(state: dict[str, list], indices: list[int]) -> dict[str, list]:
    """The payload restricted to some trace indices (a slider step leaves the rest alone)."""
    return {key: [values[i] for i in indices] for key, values in state.items() if key != "visible"}


def _eig_range() -> list[float]:
    low, high = 0.0, 0.0
    for p in PRESETS:
        for k in (0.0, REACTION_STEPS[-1], p.reaction):
            eig = evaluate_preset(p, k).eigenvalues
            low = min(low, min(z.real for z in eig))
            high = max(high, max(z.real for z in eig))
    return [round(low - 0.15, 1), round(high + 0.25, 1)]


def arms_race_snapshot_figure(preset: ArmsRacePreset | str = "two_stable",
                              k: float | None = None) -> go.Figure:
    """The arms-race explorer for one preset and one ``k``, with no controls.

    The live panel (:func:`proliferation_course.widgets.arms_race.arms_race_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.
    """
    p = get_preset(preset) if isinstance(preset, str) else preset
    kk = p.reaction if k is None else k
    state, verdict = arms_race_state(p, kk)
    years = list(evaluate_preset(p, kk).times)
    fig = go.Figure()
    for i, name in enumerate(ACTORS):
        style = ACTOR_STYLES[name]
        fig.add_trace(go.Scatter(
            x=years, y=state["y"][i], visible=state["visible"][i], mode="lines", name=name,
            line={"color": style["color"], "dash": style["dash"], "width": 2.5},
            marker={"color": style["color"]},
            hovertemplate=f"{name}, year %{{x}}: level %{{y:.2f}}<extra></extra>",
            xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x=[years[-1] + 0.8] * len(ACTORS), y=state["y"][_EQ], mode="markers",
        name="Equilibrium x* (if stable)", text=state["text"][_EQ],
        marker={"color": state["marker.color"][_EQ], "size": 11, "symbol": "triangle-left",
                "line": {"color": "white", "width": 1}},
        hovertemplate="%{text}: equilibrium x* = %{y:.2f}<extra></extra>", cliponaxis=False,
        xaxis="x", yaxis="y"))
    fig.add_trace(go.Bar(
        x=_EIG_LABELS, y=state["y"][_EIG], text=state["text"][_EIG], textposition="outside",
        cliponaxis=False, name="Eigenvalues (real part)",
        marker={"color": state["marker.color"][_EIG]}, showlegend=False,
        hovertemplate="%{x}: %{text} per year<extra></extra>", xaxis="x2", yaxis="y2"))
    fig.update_layout(
        base_layout(title="A Richardson arms race (a teaching model)", height=700),
        xaxis={"domain": [0.0, 0.6], "anchor": "y", "range": [0, years[-1] + 1.5], "fixedrange": True,
               "title": {"text": "Years from the start"}},
        yaxis={"domain": [0.0, 1.0], "anchor": "x", "range": [0, Y_MAX], "fixedrange": True,
               "title": {"text": "Arms level (index: US today = 1)"}},
        xaxis2={"domain": [0.72, 1.0], "anchor": "y2", "fixedrange": True,
                "title": {"text": "Eigenvalues of K − A"}},
        yaxis2={"domain": [0.0, 1.0], "anchor": "x2", "range": _eig_range(), "fixedrange": True,
                "zeroline": False, "title": {"text": "Real part, per year"}},
        shapes=[{"type": "line", "xref": "x2 domain", "x0": 0, "x1": 1, "yref": "y2", "y0": 0, "y1": 0,
                 "line": {"color": COLORS["threshold"], "dash": "dash", "width": 2}}],
        annotations=[
            {"xref": "paper", "x": 1.0, "xanchor": "right", "yref": "paper", "y": 1.02,
             "yanchor": "bottom", "align": "right", "showarrow": False, "text": verdict,
             "font": {"size": 13, "color": COLORS["text"]}},
            {"xref": "x2 domain", "x": 0.98, "xanchor": "right", "yref": "y2 domain", "y": 1.0,
             "yanchor": "top", "showarrow": False, "text": "above – – 0: runaway",
             "font": {"size": 11, "color": COLORS["threshold"]}},
            {"xref": "x2 domain", "x": 0.98, "xanchor": "right", "yref": "y2 domain", "y": 0.0,
             "yanchor": "bottom", "showarrow": False, "text": "below 0: stable",
             "font": {"size": 11, "color": COLORS["threshold"]}},
        ],
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.12, "yanchor": "top",
                "font": {"size": 12}, "entrywidth": 0.3, "entrywidthmode": "fraction"},
        margin={"l": 10, "r": 10, "t": 120, "b": 60},
        bargap=0.3,
        meta={
            "description": (
                "Left: the arms level of each actor, year by year, as an index in which the "
                "United States starts at 1; each actor has its own colour and dash style, and a "
                "triangle at the right edge marks where it would settle if the race is stable. "
                "Right: the real parts of the eigenvalues of K − A, largest first; if the first "
                "bar is below the dashed zero line the race is stable, if it is above, the levels "
                "run away. The verdict above the chart gives the numbers that decide it."),
            "narrow": {"height": 1150, "margin.b": 300, "title.font.size": 14, "legend.entrywidthmode": "pixels",
                       "legend.entrywidth": 0,
                       "title.text": "A Richardson arms race (teaching model)",
                       "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.57, 1.0],
                       "xaxis2.domain": [0.12, 1.0], "yaxis2.domain": [0.0, 0.26],
                       "yaxis2.title.text": "Re λ", "legend.y": 0.48,
                       "annotations[0].x": 0.0, "annotations[0].xanchor": "left",
                       "annotations[0].align": "left", "annotations[0].y": 0.31,
                       "annotations[0].yanchor": "bottom", "annotations[0].font.size": 11,
                       "margin.t": 110},
        },
    )
    return fig


def _slider(preset: ArmsRacePreset, indices: list[int]) -> dict:
    values = sorted(set(REACTION_STEPS) | {round(float(preset.reaction), 4)})
    steps = []
    for v in values:
        state, verdict = arms_race_state(preset, v)
        steps.append({"method": "update", "label": f"{v:.2f}", "value": f"{v:.2f}",
                      "args": [_subset(state, indices), {"annotations[0].text": verdict}, indices]})
    return {
        "name": f"reaction-{preset.preset_id}",
        "active": values.index(round(float(preset.reaction), 4)),
        "currentvalue": {"prefix": "Reaction coefficient k: ", "font": {"size": 13}},
        "pad": {"t": 10, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "y": -0.27,
        "yanchor": "top",
        "steps": steps,
    }


def arms_race_figure(presets: Sequence[ArmsRacePreset] = PRESETS,
                     initial: str | None = None) -> go.Figure:
    """The static face of the arms-race explorer: presets in a dropdown, a slider over ``k``.

    Parameters
    ----------
    presets
        The scenarios to offer (default: :data:`~proliferation_course.models.arms_race.PRESETS`).
    initial
        ``preset_id`` shown first; the first preset if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: each actor's arms level over 30 years. Right: the eigenvalues'
        real parts against zero. Every dropdown entry and slider step carries
        a state computed by the model.
    """
    presets = list(presets)
    if not presets or not all(isinstance(p, ArmsRacePreset) for p in presets):
        raise ValueError("presets must be a non-empty sequence of ArmsRacePreset")
    ids = [p.preset_id for p in presets]
    if len(set(ids)) != len(ids):
        raise ValueError(f"presets must have distinct ids, got {ids}")
    if initial is None:
        initial = ids[0]
    if initial not in ids:
        raise ValueError(f"initial must be one of the presets ({', '.join(ids)}), got {initial!r}")
    sliders, buttons = {}, []
    for p in presets:
        indices = [ACTORS.index(a) for a in p.actors] + [_EQ, _EIG]
        sliders[p.preset_id] = _slider(p, indices)
        state, verdict = arms_race_state(p, p.reaction)
        buttons.append({"method": "update", "label": p.label,
                        "args": [state, {"sliders": [sliders[p.preset_id]],
                                         "annotations[0].text": verdict}, _ALL]})
    first = presets[ids.index(initial)]
    fig = arms_race_snapshot_figure(first)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.02, "yanchor": "bottom", "direction": "down",
                      "active": ids.index(initial), "pad": {"b": 4},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


# --------------------------------------------------------------------------------------
# The data: warhead stockpiles by state
# --------------------------------------------------------------------------------------

_STATE_STYLES: dict[str, tuple[str, str, str]] = {
    "United States": (COLORS["triangle"], "solid", "circle"),
    "Russia": (COLORS["fails"], "dash", "square"),
    "United Kingdom": ("#56B4E9", "dot", "triangle-up"),
    "France": ("#E69F00", "dashdot", "diamond"),
    "China": ("#CC79A7", "solid", "star"),
    "Israel": ("#6b4c9a", "longdash", "cross"),
    "India": (COLORS["holds"], "dot", "triangle-down"),
    "Pakistan": ("#8c6d1f", "dashdot", "pentagon"),
    "North Korea": ("#222222", "dash", "x"),
    "South Africa": ("#777777", "longdashdot", "hexagon"),
}


def stockpiles_figure(stockpiles: pd.DataFrame) -> go.Figure:
    """Warhead stockpiles by state and year, with buttons for the scale.

    Parameters
    ----------
    stockpiles
        The ``warhead_stockpiles`` table (one row per state and year).

    Returns
    -------
    plotly.graph_objects.Figure
        One line per state through its data points. Buttons switch between a
        linear scale with every state, a zoom on the arsenals below 1,000, and
        a logarithmic scale that shows all of them at once.
    """
    needed = ["state", "year", "warheads"]
    if not isinstance(stockpiles, pd.DataFrame):
        raise ValueError(f"stockpiles must be a pandas DataFrame, got {type(stockpiles).__name__}")
    missing = [c for c in needed if c not in stockpiles.columns]
    if missing:
        raise ValueError(f"stockpiles is missing column(s): {', '.join(missing)}")
    df = stockpiles.sort_values(["state", "year"])
    latest = int(df["year"].max())
    order = (df[df["year"] == latest].sort_values("warheads", ascending=False)["state"].tolist()
             + sorted(set(df["state"]) - set(df.loc[df["year"] == latest, "state"])))
    fig = go.Figure()
    for state in order:
        part = df[df["state"] == state]
        color, dash, symbol = _STATE_STYLES.get(str(state), (COLORS["grid"], "solid", "circle"))
        fig.add_trace(go.Scatter(
            x=[int(y) for y in part["year"]], y=[int(v) for v in part["warheads"]], name=str(state),
            mode="lines+markers", line={"color": color, "dash": dash, "width": 2},
            marker={"color": color, "symbol": symbol, "size": 7},
            hovertemplate=f"{state}, %{{x}}: %{{y:,}} warheads<extra></extra>"))
    top = int(df["warheads"].max())
    linear = [0, round(top * 1.05)]
    log = [0, round(math.log10(top * 1.5), 2)]
    fig.update_layout(
        base_layout(title=f"Estimated nuclear warhead stockpiles by state, 1945 to {latest}", height=520),
        xaxis={"title": {"text": "Year"}, "range": [1943, latest + 2], "dtick": 10},
        yaxis={"title": {"text": "Warheads (estimates)"}, "range": linear, "type": "linear"},
        legend={"orientation": "h", "y": -0.18, "x": 0},
        margin={"l": 10, "r": 10, "t": 100, "b": 40},
        updatemenus=[{"type": "buttons", "direction": "right", "x": 0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "pad": {"b": 6},
                      "buttons": [
                          {"label": "All, linear", "method": "relayout",
                           "args": [{"yaxis.type": "linear", "yaxis.range": linear}]},
                          {"label": "Below 1,000", "method": "relayout",
                           "args": [{"yaxis.type": "linear", "yaxis.range": [0, 1000]}]},
                          {"label": "Log scale", "method": "relayout",
                           "args": [{"yaxis.type": "log", "yaxis.range": log}]},
                      ]}],
        meta={
            "description": (
                "One line per state, through estimates at selected years (every five years, the "
                "peak years 1967 and 1986, and the latest years); each state has its own colour, "
                "dash style and marker. The United States and the Soviet Union, later Russia, "
                "dwarf the others on a linear scale: use the zoom or the log scale to see the "
                "smaller arsenals, and note China's recent rise."),
            "narrow": {"height": 600, "title.font.size": 14,
                       "title.text": f"Warhead stockpiles, 1945 to {latest}", "legend.y": -0.22,
                       "updatemenus[0].font.size": 10, "xaxis.dtick": 20},
        },
    )
    return fig
