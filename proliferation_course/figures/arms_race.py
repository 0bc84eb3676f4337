"""Plotly faces of the Richardson arms-race model and of the warhead-stockpiles table.

Every state the static explorer can show is computed here by calling the model
(:func:`proliferation_course.models.arms_race.evaluate_preset`), so the website
needs no kernel: a dropdown switches the scenario presets (the rows of
``data/arms_race_presets.csv``), and a slider sets the common reaction
coefficient ``k``. To keep the page light, each step sends only what changes
(the paths' ``y``, the eigenvalue bars, the verdict and the axis ranges),
rounded to three significant digits.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the indices of the traces a state changes (the six
  actors' paths, the equilibrium markers, the eigenvalue bars);
* :func:`arms_race_state`: the state for one scenario and ``k``, a ``restyle`` payload;
* :func:`arms_race_layout`: what changes in the layout with it (the verdict above
  the chart, the level axis fitted to the paths, the eigenvalue slots in use);
* :func:`arms_race_snapshot_figure`: the figure for one scenario, with no controls.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized
from ..i18n import N_, _
from ..models.arms_race import (
    ACTORS,
    ArmsRacePreset,
    ArmsRaceResult,
    critical_reaction,
    evaluate_preset,
    preset_from_row,
)
from ..models.arms_race import PRESET_COLUMNS as MODEL_COLUMNS
from ..tables import DataTable, data_table
from .controls import button_row, check_frame, check_initial, choice, dropdown, slider, step
from .style import SPACE, base_layout, color, threshold_line

__all__ = [
    "ACTOR_NAMES",
    "ACTOR_STYLES",
    "DYNAMIC_TRACES",
    "PRESET_COLUMNS",
    "REACTION_LABEL",
    "REACTION_STEPS",
    "Y_MAX",
    "arms_race_figure",
    "arms_race_layout",
    "arms_race_snapshot_figure",
    "arms_race_state",
    "check_presets",
    "eigenvalue_range",
    "preset_labels",
    "presets_table",
    "round_sig",
    "stockpiles_figure",
    "stockpiles_table",
    "verdict_text",
]

#: Slider positions for the reaction coefficient k: 0.00, 0.05, ..., 0.60 (the preset's own is added).
REACTION_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(13))
#: Top of the level axis at most; a path is cut just after it leaves the chart.
Y_MAX: float = 5.0
#: Significant digits kept in the page's precomputed numbers.
SIG: int = 3
#: Palette entry, dash and marker symbol for each actor, so colour is never the only cue.
ACTOR_STYLES: dict[str, dict[str, str]] = {
    "United States": {"color": "united_states", "dash": "solid", "symbol": "circle"},
    "Russia": {"color": "russia", "dash": "dash", "symbol": "square"},
    "China": {"color": "china", "dash": "dot", "symbol": "diamond"},
    "Canada": {"color": "canada", "dash": "dashdot", "symbol": "triangle-up"},
    "Germany": {"color": "germany", "dash": "longdash", "symbol": "x"},
    "Japan": {"color": "japan", "dash": "longdashdot", "symbol": "star"},
}
_EQ = len(ACTORS)          # trace index of the equilibrium markers
_EIG = len(ACTORS) + 1     # trace index of the eigenvalue bars
#: Indices of the traces a state changes: every actor's path, the equilibrium markers, the bars.
DYNAMIC_TRACES: tuple[int, ...] = tuple(range(len(ACTORS) + 2))
_EIG_LABELS = [f"λ{i + 1}" for i in range(len(ACTORS))]
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the static figure's controls.
PRESET_LABEL, REACTION_LABEL = N_("Scenario"), N_("Reaction coefficient k")
#: The actors' names as a reader sees them (translate with ``_``): the model's names are keys.
ACTOR_NAMES: dict[str, str] = {"United States": N_("United States"), "Russia": N_("Russia"),
                               "China": N_("China"), "Canada": N_("Canada"), "Germany": N_("Germany"),
                               "Japan": N_("Japan")}


def actor_name(actor: str) -> str:
    """An actor's name in the reader's language (an actor the course does not know keeps its own)."""
    return _(ACTOR_NAMES[actor]) if actor in ACTOR_NAMES else actor


def preset_labels(presets: pd.DataFrame) -> dict[str, str]:
    """Each preset's label in the reader's language, by ``preset_id``."""
    return dict(zip((str(i) for i in presets["preset_id"]), localized(presets, "label"), strict=True))


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


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``arms_race_presets`` table checked (the columns the explorer reads, at least one
    row, distinct ids, every row accepted by the model) and sorted by ``order``."""
    presets = check_frame(presets, PRESET_COLUMNS)
    ids = [str(i) for i in presets["preset_id"]]
    if len(set(ids)) != len(ids):
        raise ValueError(f"presets must have distinct preset_id values, got {ids}")
    for row in presets.to_dict("records"):
        preset_from_row(row)
    return presets


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
    word = _("<b>Stable</b>") if result.stable else _("<b>Runaway</b>")
    if len(preset.actors) == 2:
        a, b = preset.fatigue
        kk = k * preset.weights[0][1]
        ll = k * preset.weights[1][0]
        sign = ">" if a * b > kk * ll else ("=" if a * b == kk * ll else "<")
        first = _("{verdict}: ab = {ab:.2f} {sign} kl = {kl:.2f}").format(verdict=word, ab=a * b, sign=sign,
                                                                         kl=kk * ll)
    else:
        k_star = critical_reaction(preset.weights, preset.fatigue)
        if math.isinf(k_star):
            first = _("{verdict}: no loop of mutual reaction, so no critical k").format(verdict=word)
        else:
            sign = "<" if k < k_star else "≥"
            first = _("{verdict}: k = {k:.2f} {sign} critical k* = {critical:.3f}").format(
                verdict=word, k=k, sign=sign, critical=k_star)
    return _("{verdict}<br>largest eigenvalue λ1 = {growth:+.3f} per year").format(verdict=first, growth=lam)


def arms_race_state(preset: ArmsRacePreset, k: float) -> dict[str, list[Any]]:
    """The figure's changing data for one scenario and reaction coefficient ``k``.

    Returns a ``restyle`` payload for :data:`DYNAMIC_TRACES` (the six actors'
    paths, the equilibrium markers and the eigenvalue bars, in that order).
    Actors not in the scenario are hidden; the equilibrium is shown only when
    the race is stable and the point is on the chart.
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
    eig_colors = [color("meets") if z.real < 0 else color("fails") for z in result.eigenvalues]
    pad = len(ACTORS) - len(eig_y)
    eig_y += [None] * pad
    eig_text += [""] * pad
    eig_colors += [color("muted")] * pad  # no bar is drawn in these slots (the axis shows n of them)
    actor_colors = [color(ACTOR_STYLES[a]["color"]) for a in ACTORS]
    return {
        "y": [*paths, eq, eig_y],
        "visible": [*visible, True, True],
        "text": [None] * len(ACTORS) + [[actor_name(a) for a in ACTORS], eig_text],
        "marker.color": [*actor_colors, actor_colors, eig_colors],
    }


def _level_top(state: dict[str, list[Any]]) -> float:
    """Top of the level axis: the highest point drawn, with room above, on a step of 0.5 (or 1)."""
    shown = [v for path in state["y"][: _EQ + 1] for v in path if v is not None]
    top = min(max(shown, default=1.0), Y_MAX)
    unit = 0.5 if top <= 3 else 1.0
    return min(Y_MAX, math.ceil(top * 1.08 / unit) * unit)


def arms_race_layout(preset: ArmsRacePreset, k: float, state: dict[str, list[Any]] | None = None
                     ) -> dict[str, Any]:
    """What changes in the layout with the state: the verdict, the level axis fitted to the
    paths (0 to the highest point drawn), and only as many eigenvalue slots as there are actors."""
    state = arms_race_state(preset, k) if state is None else state
    return {"annotations[0].text": verdict_text(preset, k, evaluate_preset(preset, k)),
            "yaxis.range": [0, _level_top(state)],
            "xaxis2.range": [-0.5, len(preset.actors) - 0.5]}


def eigenvalue_range(presets: Sequence[ArmsRacePreset], ks: Sequence[float] = (0.0, REACTION_STEPS[-1])
                     ) -> list[float]:
    """An eigenvalue axis that holds every bar of these scenarios at these ``k`` (and their own)."""
    low, high = 0.0, 0.0
    for p in presets:
        for k in (*ks, p.reaction):
            eig = evaluate_preset(p, k).eigenvalues
            low = min(low, min(z.real for z in eig))
            high = max(high, max(z.real for z in eig))
    # room for the value written beyond the end of the longest bar, even on a phone
    return [round(low - 0.35, 1), round(high + 0.3, 1)]


def arms_race_snapshot_figure(preset: ArmsRacePreset, k: float | None = None,
                              eig_range: Sequence[float] | None = None) -> go.Figure:
    """The arms-race explorer for one scenario and one ``k``, with no controls.

    The live panel (:func:`proliferation_course.widgets.arms_race.arms_race_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.
    """
    kk = preset.reaction if k is None else k
    state = arms_race_state(preset, kk)
    changes = arms_race_layout(preset, kk, state)
    years = list(evaluate_preset(preset, kk).times)
    fig = go.Figure()
    for i, name in enumerate(ACTORS):
        style = ACTOR_STYLES[name]
        ink = color(style["color"])
        fig.add_trace(go.Scatter(
            x=years, y=state["y"][i], visible=state["visible"][i], mode="lines+markers", name=actor_name(name),
            line={"color": ink, "dash": style["dash"], "width": 2.5},
            marker={"color": ink, "symbol": style["symbol"], "size": 7, "maxdisplayed": 7},
            hovertemplate=_("{actor}, year %{{x}}: level %{{y:.2f}}").format(actor=actor_name(name))
            + "<extra></extra>",
            xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x=[years[-1] + 0.8] * len(ACTORS), y=state["y"][_EQ], mode="markers",
        name=_("Equilibrium x* (if stable)"), text=state["text"][_EQ],
        marker={"color": state["marker.color"][_EQ], "size": 11, "symbol": "triangle-left",
                "line": {"color": color("background"), "width": 1}},
        hovertemplate=_("%{text}: equilibrium x* = %{y:.2f}") + "<extra></extra>", cliponaxis=False,
        xaxis="x", yaxis="y"))
    fig.add_trace(go.Bar(
        x=_EIG_LABELS, y=state["y"][_EIG], text=state["text"][_EIG], textposition="outside",
        cliponaxis=False, name=_("Eigenvalues (real part)"), textfont={"size": 12, "color": color("text")},
        marker={"color": state["marker.color"][_EIG]}, showlegend=False,
        hovertemplate=_("%{x}: %{text} per year") + "<extra></extra>", xaxis="x2", yaxis="y2"))
    eig_axis = list(eig_range) if eig_range is not None else eigenvalue_range([preset])
    fig.update_layout(
        base_layout(title=_("A Richardson arms race (a teaching model)"), height=620),
        xaxis={"domain": [0.0, 0.6], "anchor": "y", "range": [0, years[-1] + 1.5], "fixedrange": True,
               "title": {"text": _("Years from the start")}},
        yaxis={"domain": [0.0, 1.0], "anchor": "x", "range": changes["yaxis.range"], "fixedrange": True,
               "showgrid": True, "title": {"text": _("Arms level (index: US today = 1)")}},
        xaxis2={"domain": [0.74, 1.0], "anchor": "y2", "range": changes["xaxis2.range"], "fixedrange": True,
                "title": {"text": _("Eigenvalues of K − A<br>above – – 0: runaway<br>below: stable")}},
        yaxis2={"domain": [0.0, 1.0], "anchor": "x2", "range": eig_axis, "fixedrange": True,
                "zeroline": False, "title": {"text": _("Real part, per year")}},
        shapes=[threshold_line(xref="x2 domain", x0=0, x1=1, yref="y2", y0=0, y1=0)],
        annotations=[
            {"xref": "paper", "x": 0.0, "xanchor": "left", "yref": "paper", "y": 1.0,
             "yanchor": "bottom", "align": "left", "showarrow": False,
             "text": changes["annotations[0].text"], "font": {"size": 13, "color": color("text")}},
        ],
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 90, "b": 110},
        bargap=0.3,
        meta={
            "subtitle": _("Left, each actor's arms level over 30 years. Right, the eigenvalues of the "
                         "system: if the largest is below zero, the race settles; above zero, it runs away."),
            "notes": _("A stylised teaching model, not a prediction: the levels are an index, not warhead "
                      "counts, and the coefficients are the course authors' judgements."),
            "source": _("The course's model (chapter 9), after Richardson (1960); the presets, with their "
                       "sources, are in the table further down the page."),
            "description": _(
                "Left: the arms level of each actor, year by year, as an index in which the "
                "United States starts at 1; each actor has its own colour, dash style and marker, and a "
                "triangle at the right edge marks where it would settle if the race is stable. "
                "Right: the real parts of the eigenvalues of K − A, largest first; if the first "
                "bar is below the dashed zero line the race is stable, if it is above, the levels "
                "run away. The verdict above the chart gives the numbers that decide it."),
            "narrow": {"height": 900, "margin.b": 150,
                       # the verdict from the figure's left edge, so that its lines fit a phone
                       "annotations[0].xref": "container", "annotations[0].font.size": 12,
                       "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.42, 1.0],
                       "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": [0.0, 0.27],
                       "yaxis2.title.text": _("Re λ, per year")},
        },
    )
    return fig


def _reaction_slider(preset: ArmsRacePreset) -> dict[str, Any]:
    traces = [ACTORS.index(a) for a in preset.actors] + [_EQ, _EIG]
    own = round(float(preset.reaction), 4)
    values = sorted(set(REACTION_STEPS) | {own})
    steps = []
    for v in values:
        state = arms_race_state(preset, v)
        # A step sends only what changes: the preset's own actors, the markers and the bars.
        payload = {key: [vals[i] for i in traces] for key, vals in state.items() if key != "visible"}
        steps.append(step(f"{v:.2f}", state=payload, layout=arms_race_layout(preset, v, state),
                          traces=traces))
    return slider(steps, label=_(REACTION_LABEL), active=values.index(own), name=f"reaction-{preset.preset_id}")


def arms_race_figure(presets: pd.DataFrame, initial: str | None = None) -> go.Figure:
    """The static face of the arms-race explorer: presets in a dropdown, a slider over ``k``.

    Parameters
    ----------
    presets
        The ``arms_race_presets`` table (see ``data/datapackage.json``).
    initial
        ``preset_id`` shown first; the first preset by ``order`` if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: each actor's arms level over 30 years. Right: the eigenvalues'
        real parts against zero. Every dropdown entry and slider step carries
        a state computed by the model.
    """
    table = check_presets(presets)
    scenarios = [preset_from_row(r) for r in table.to_dict("records")]
    ids = [p.preset_id for p in scenarios]
    initial = check_initial(initial, ids)
    labels = preset_labels(table)
    sliders, entries = {}, []
    for p in scenarios:
        sliders[p.preset_id] = _reaction_slider(p)
        state = arms_race_state(p, p.reaction)
        entries.append(choice(labels[p.preset_id], state=state,
                              layout={"sliders": [sliders[p.preset_id]], **arms_race_layout(p, p.reaction, state)},
                              traces=DYNAMIC_TRACES))
    fig = arms_race_snapshot_figure(scenarios[ids.index(initial)], eig_range=eigenvalue_range(scenarios))
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


# --------------------------------------------------------------------------------------
# The data: warhead stockpiles by state
# --------------------------------------------------------------------------------------

#: Palette entry, dash and marker of each state of the stockpiles table.
_STATE_STYLES: dict[str, tuple[str, str, str]] = {
    "United States": ("united_states", "solid", "circle"),
    "Russia": ("russia", "dash", "square"),
    "United Kingdom": ("united_kingdom", "dot", "triangle-up"),
    "France": ("france", "dashdot", "diamond"),
    "China": ("china", "solid", "star"),
    "Israel": ("israel", "longdash", "cross"),
    "India": ("india", "dot", "triangle-down"),
    "Pakistan": ("pakistan", "dashdot", "pentagon"),
    "North Korea": ("dprk", "dash", "x"),
    "South Africa": ("other", "longdashdot", "hexagon"),
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
    df = check_frame(stockpiles, ["state", "year", "warheads"], name="stockpiles")
    df = df.sort_values(["state", "year"])
    shown = dict(zip(df["state"], localized(df, "state"), strict=True))
    latest = int(df["year"].max())
    order = (df[df["year"] == latest].sort_values("warheads", ascending=False)["state"].tolist()
             + sorted(set(df["state"]) - set(df.loc[df["year"] == latest, "state"])))
    fig = go.Figure()
    for state in order:
        part = df[df["state"] == state]
        swatch, dash, symbol = _STATE_STYLES.get(str(state), ("other", "solid", "circle"))
        ink = color(swatch)
        fig.add_trace(go.Scatter(
            x=[int(y) for y in part["year"]], y=[int(v) for v in part["warheads"]], name=shown[state],
            mode="lines+markers", line={"color": ink, "dash": dash, "width": 2},
            marker={"color": ink, "symbol": symbol, "size": 7},
            hovertemplate=_("{state}, %{{x}}: %{{y:,}} warheads").format(state=shown[state]) + "<extra></extra>"))
    top = int(df["warheads"].max())
    linear = [0, round(top * 1.05)]
    log = [0, round(math.log10(top * 1.5), 2)]
    fig.update_layout(
        base_layout(title=_("Estimated nuclear warhead stockpiles by state, 1945 to {latest}").format(
            latest=latest),
                    height=560),
        xaxis={"title": {"text": _("Year")}, "range": [1943, latest + 2], "dtick": 10, "fixedrange": True},
        yaxis={"title": {"text": _("Warheads (estimates)")}, "range": linear, "type": "linear",
               "showgrid": True, "fixedrange": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": 110},
        updatemenus=[button_row([
            choice(_("All, linear"), layout={"yaxis.type": "linear", "yaxis.range": linear}),
            choice(_("Below 1,000"), layout={"yaxis.type": "linear", "yaxis.range": [0, 1000]}),
            choice(_("Log scale"), layout={"yaxis.type": "log", "yaxis.range": log}),
        ], label=_("Scale"))],
        meta={
            "subtitle": _("Military stockpiles (deployed and reserve warheads) at selected years. The "
                         "United States and the Soviet Union, later Russia, dwarf the others: zoom in "
                         "below 1,000 or use the log scale to see the smaller arsenals."),
            "notes": _("Nearly all numbers are outside estimates: few governments publish their stockpiles. "
                      "Retired warheads awaiting dismantlement are not counted."),
            "source": _("Kristensen, Korda, Johns and colleagues (FAS), compiled by Our World in Data; "
                       "2025: SIPRI Yearbook 2025. Sources row by row in the table below."),
            "description": _(
                "One line per state, through estimates at selected years (every five years, the "
                "peak years 1967 and 1986, and the latest years); each state has its own colour, "
                "dash style and marker. The United States and the Soviet Union, later Russia, "
                "dwarf the others on a linear scale: use the zoom or the log scale to see the "
                "smaller arsenals, and note China's recent rise."),
            "narrow": {"height": 640, "margin.b": 150, "xaxis.dtick": 20},
        },
    )
    return fig


# --------------------------------------------------------------------------------------
# The chapter's tables, with their headings and captions in the reader's language
# --------------------------------------------------------------------------------------

def presets_table(presets: pd.DataFrame) -> DataTable:
    """The ``arms_race_presets`` table as the chapter shows it."""
    return data_table(
        presets,
        {"label": _("Scenario"), "actors": _("Actors"), "reaction": "k",
         "weights": _("Weights W (row: who watches)"), "fatigue": _("Fatigue a"),
         "grievance": _("Grievance g"), "initial": _("Start")},
        caption=_("Scenario presets of the arms-race explorer (the course authors' judgements)"),
        note_column="rationale", note_heading=_("Why these values"))


def stockpiles_table(stockpiles: pd.DataFrame) -> DataTable:
    """The ``warhead_stockpiles`` rows of 1986, 2023 and 2025 as the chapter shows them."""
    selected = stockpiles[stockpiles["year"].isin([1986, 2023, 2025])].copy()
    selected.attrs = stockpiles.attrs
    return data_table(
        selected,
        {"state": _("State"), "year": _("Year"), "warheads": _("Warheads")},
        caption=_("Estimated warhead stockpiles in 1986, 2023 and January 2025 (the full table has "
                  "{rows} rows)").format(rows=len(stockpiles)),
        note_column="note", note_heading=_("About this estimate"))
