"""Plotly faces of the deterrence-triangle model and of the nuclear-forces table.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.evaluate_deterrence`), so the website
needs no kernel: a dropdown switches scenario presets, and a slider raises
capabilities from 0 to 1 with the preset's other two factors held fixed.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the indices of the traces a state changes (the
  triangle, its labels, the score bars); the others (outline, grid) are fixed;
* :func:`deterrence_state`: the state for one set of inputs, a ``restyle``
  payload for those traces (the same payload the static figure's controls send);
* :func:`deterrence_snapshot_figure`: the figure for one set of inputs, with no controls;
* :func:`threshold_layout`: the threshold line and its label, which move with ``B`` and ``C``.

This is the reference explorer: the others follow its shape (CONTRIBUTING.md,
"How to add an explorer").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..models.deterrence import PRESET_COLUMNS as MODEL_COLUMNS
from ..models.deterrence import RULE_LABELS, RULES, evaluate_deterrence, preset_arguments
from .controls import (
    button_row,
    check_frame,
    check_initial,
    check_preset_rows,
    choice,
    dropdown,
    records,
    slider,
    step,
)
from .style import SPACE, base_layout, color, threshold_line

__all__ = [
    "CAPABILITY_STEPS",
    "DYNAMIC_TRACES",
    "FACTOR_LABELS",
    "PRESET_COLUMNS",
    "check_presets",
    "deterrence_snapshot_figure",
    "deterrence_state",
    "deterrence_triangle_figure",
    "nuclear_forces_figure",
    "threshold_layout",
    "triangle_points",
]

#: Slider positions for capabilities: 0.00, 0.05, ..., 1.00 (the preset's own value is added).
CAPABILITY_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(21))
FACTOR_LABELS: tuple[str, str, str] = ("Capabilities", "Credibility", "Communication")
_ANGLES = (90.0, 210.0, 330.0)
#: Indices of the traces a state changes: the triangle, its labels, the score bars.
DYNAMIC_TRACES: tuple[int, int, int] = (3, 4, 5)
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the static figure's controls.
PRESET_LABEL, CAPABILITIES_LABEL = "Scenario", "Capabilities"


def triangle_points(values: Sequence[float]) -> tuple[list[float], list[float]]:
    """Cartesian vertices of the triangle for three factor values (closed polygon).

    Capabilities point up, credibility lower left, communication lower right.
    Coordinates are rounded to 4 decimals (ample for drawing, and a smaller page).

    Examples
    --------
    >>> triangle_points([1.0, 0.0, 0.0])
    ([0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 1.0])
    >>> triangle_points([0.5, 0.5, 0.5])[0]
    [0.0, -0.433, 0.433, 0.0]
    """
    xs, ys = [], []
    for value, angle in zip(values, _ANGLES, strict=True):
        theta = math.radians(angle)
        xs.append(round(value * math.cos(theta), 4) + 0.0)
        ys.append(round(value * math.sin(theta), 4) + 0.0)
    return xs + xs[:1], ys + ys[:1]


def deterrence_state(
    capabilities: float,
    credibility: float,
    communication: float,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
    gain: float = 1.0,
    cost: float = 3.0,
) -> dict[str, list]:
    """Data for the figure's changing traces: the triangle, its labels and the score bars.

    Returns a ``plotly`` ``update`` payload: each key maps to one value per
    dynamic trace (triangle, labels, bars), in that order.
    """
    factors = (capabilities, credibility, communication)
    results = [
        evaluate_deterrence(*factors, rule=rule, weights=weights, gain=gain, cost=cost)
        for rule in RULES
    ]
    xs, ys = triangle_points(factors)
    lx, ly = triangle_points([1.22] * 3)
    labels = [f"{name}<br>{value:.2f}" for name, value in zip(FACTOR_LABELS, factors, strict=True)]
    scores = [res.score for res in results]
    bar_text = [f"{s:.2f} · {'deters' if res.holds else 'fails'}" for s, res in zip(scores, results, strict=True)]
    bar_colors = [color("meets") if res.holds else color("fails") for res in results]
    return {
        "x": [xs, lx[:3], [RULE_LABELS[r] for r in RULES]],
        "y": [ys, ly[:3], scores],
        "text": [None, labels, bar_text],
        "marker.color": [color("accent"), color("text"), bar_colors],
    }


def _factors(args: dict[str, float]) -> tuple[float, float, float]:
    return args["capabilities"], args["credibility"], args["communication"]


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``deterrence_presets`` table checked (a DataFrame with the columns the explorer
    reads, at least one row, each factor in [0, 1]) and sorted by ``order``."""
    return check_preset_rows(presets, PRESET_COLUMNS, preset_arguments)


def _capability_slider(preset_id: str, capability: float, credibility: float, communication: float,
                       gain: float, cost: float) -> dict:
    values = sorted(set(CAPABILITY_STEPS) | {float(capability)})
    steps = [step(f"{v:.2f}", state=deterrence_state(v, credibility, communication, gain=gain, cost=cost),
                  traces=DYNAMIC_TRACES)
             for v in values]
    return slider(steps, label=CAPABILITIES_LABEL, active=values.index(float(capability)),
                  name=f"capabilities-{preset_id}")


def deterrence_snapshot_figure(
    capabilities: float,
    credibility: float,
    communication: float,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
    gain: float = 1.0,
    cost: float = 3.0,
) -> go.Figure:
    """The deterrence triangle for one set of inputs, with no controls.

    The live panel (:func:`proliferation_course.widgets.deterrence_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.
    """
    state = deterrence_state(capabilities, credibility, communication, weights=weights,
                             gain=gain, cost=cost)
    threshold = evaluate_deterrence(1, 1, 1, gain=gain, cost=cost).threshold

    fig = go.Figure()
    outline_x, outline_y = triangle_points([1.0] * 3)
    half_x, half_y = triangle_points([0.5] * 3)
    # 0-2: fixed outline (the maximum, 1), half-way guide and spokes.
    fig.add_trace(go.Scatter(x=outline_x, y=outline_y, mode="lines", hoverinfo="skip",
                             line={"color": color("axis"), "width": 1.5}, showlegend=False,
                             xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(x=half_x, y=half_y, mode="lines", hoverinfo="skip",
                             line={"color": color("muted"), "width": 1, "dash": "dot"},
                             showlegend=False, xaxis="x", yaxis="y"))
    spoke_x, spoke_y = [], []
    for vx, vy in zip(outline_x[:3], outline_y[:3], strict=True):
        spoke_x += [0, vx, None]
        spoke_y += [0, vy, None]
    fig.add_trace(go.Scatter(x=spoke_x, y=spoke_y, mode="lines", hoverinfo="skip",
                             line={"color": color("grid"), "width": 1}, showlegend=False,
                             xaxis="x", yaxis="y"))
    # 3: the triangle of the factors; 4: its labels; 5: the score bars (DYNAMIC_TRACES).
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], mode="lines+markers",
                             fill="toself",
                             marker={"color": state["marker.color"][0], "size": 8},
                             line={"color": color("accent"), "width": 2.5},
                             fillcolor=color("accent_fill"), hoverinfo="skip",
                             showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], mode="text", text=state["text"][1],
                             textfont={"size": 12, "color": color("text")},
                             marker={"color": state["marker.color"][1]},
                             hoverinfo="skip", showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Bar(x=state["x"][2], y=state["y"][2], text=state["text"][2],
                         textposition="outside", cliponaxis=False, name="Score",
                         marker={"color": state["marker.color"][2]},
                         textfont={"size": 12, "color": color("text")},
                         hovertemplate="%{x}: %{y:.3f}<extra></extra>",
                         showlegend=False, xaxis="x2", yaxis="y2"))
    fig.update_layout(
        base_layout(
            title="The deterrence triangle (a teaching model)",
            height=560,
        ),
        xaxis={"domain": [0.0, 0.46], "range": [-1.75, 1.75], "visible": False, "fixedrange": True},
        yaxis={"domain": [0.0, 0.86], "range": [-1.0, 1.45], "visible": False,
               "scaleanchor": "x", "fixedrange": True},
        xaxis2={"domain": [0.6, 1.0], "anchor": "y2", "fixedrange": True, "automargin": True},
        yaxis2={"domain": [0.0, 0.86], "anchor": "x2", "range": [0, 1.12],
                "title": {"text": "Combined score D"}, "fixedrange": True},
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 90, "b": SPACE["xl"]},
        # On a narrow screen course.js stacks the two panels (see render.py).
        meta={"narrow": {"height": 700,
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 0.9],
                         "yaxis.scaleanchor": None, "title.font.size": 14,
                         "xaxis2.domain": [0.12, 1.0], "yaxis2.domain": [0.0, 0.36],
                         # two-word rule names on two lines, so that they do not run together
                         "xaxis2.tickmode": "array", "xaxis2.tickvals": [RULE_LABELS[r] for r in RULES],
                         "xaxis2.ticktext": [RULE_LABELS[r].replace(" ", "<br>") for r in RULES]}},
        **threshold_layout(threshold),
        bargap=0.35,
    )
    fig.layout.meta["subtitle"] = (
        "Left, the three factors of deterrence, each from 0 to 1. Right, the one score they "
        "make under each rule: where a bar clears the dashed threshold, the challenger is deterred.")
    fig.layout.meta["notes"] = (
        f"A stylised teaching model, not a prediction. The threshold is B/(B+C) = {threshold:.2f}, "
        f"for a challenger's gain B = {gain:g} and punishment C = {cost:g}.")
    fig.layout.meta["source"] = ("The course's model (chapter 2); the presets' values are the course "
                                 "authors' judgements, with their sources in the table below.")
    fig.layout.meta["description"] = (
        f"As first drawn: capabilities {capabilities:.2f}, credibility {credibility:.2f}, "
        f"communication {communication:.2f}; the threshold B/(B+C) is {threshold:.2f}."
    )
    return fig


def threshold_layout(threshold: float) -> dict:
    """The dashed threshold line and its label, as layout ``shapes`` and ``annotations``."""
    return {
        "shapes": [threshold_line(xref="x2 domain", x0=0, x1=1, yref="y2", y0=threshold, y1=threshold)],
        "annotations": [{"xref": "x2 domain", "x": 0, "yref": "y2 domain", "y": 1.0,
                         "text": f"– – threshold B/(B+C) = {threshold:.2f}", "showarrow": False,
                         "xanchor": "left", "yanchor": "bottom",
                         "font": {"size": 12, "color": color("threshold")}}],
    }


def deterrence_triangle_figure(
    presets: pd.DataFrame,
    initial: str | None = None,
    gain: float = 1.0,
    cost: float = 3.0,
) -> go.Figure:
    """The static face of the deterrence triangle, with presets and a capabilities slider.

    Parameters
    ----------
    presets
        The ``deterrence_presets`` table (see ``data/datapackage.json``).
    initial
        ``preset_id`` shown first; the first preset by ``order`` if ``None``.
    gain, cost
        The challenger's gain ``B`` and punishment ``C``; the threshold line
        sits at ``B / (B + C)``.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the triangle of the three factors. Right: the combined score
        under each rule, against the threshold. Every dropdown entry and slider
        step carries a state computed by the model; each preset brings its own
        slider, which starts at the preset's capabilities.
    """
    presets = check_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    initial = check_initial(initial, ids)

    sliders, entries = {}, []
    for row in records(presets):
        factors = preset_arguments(row)
        sliders[row["preset_id"]] = _capability_slider(
            row["preset_id"], factors["capabilities"], factors["credibility"],
            factors["communication"], gain, cost)
        entries.append(choice(str(row["label"]),
                              state=deterrence_state(*_factors(factors), gain=gain, cost=cost),
                              layout={"sliders": [sliders[row["preset_id"]]]},
                              traces=DYNAMIC_TRACES))
    first = preset_arguments(records(presets.loc[presets["preset_id"] == initial])[0])
    fig = deterrence_snapshot_figure(*_factors(first), gain=gain, cost=cost)
    fig.update_layout(
        updatemenus=[dropdown(entries, label=PRESET_LABEL, active=ids.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


def nuclear_forces_figure(forces: pd.DataFrame) -> go.Figure:
    """Stacked bars of deployed, stored and retired warheads by state.

    Parameters
    ----------
    forces
        The ``nuclear_forces_2025`` table. The medium-power yardsticks
        (France and the United Kingdom) are marked in the state labels.

    Returns
    -------
    plotly.graph_objects.Figure
        Buttons switch between all states and the states below 1,000 warheads,
        where the medium powers become visible.
    """
    needed = ["state", "deployed", "stored", "retired", "total_inventory", "yardstick"]
    df = check_frame(forces, needed, name="forces")
    df = df.sort_values("total_inventory", ascending=True).reset_index(drop=True)
    labels = [f"{s} (yardstick)" if y else str(s) for s, y in zip(df["state"], df["yardstick"], strict=True)]
    # On a phone, "(yardstick)" becomes an asterisk that the note explains.
    narrow_labels = [f"{s} *" if y else str(s) for s, y in zip(df["state"], df["yardstick"], strict=True)]
    fig = go.Figure()
    for column, name, swatch in (
        ("deployed", "Deployed", "series_1"),
        ("stored", "Stored", "series_2"),
        ("retired", "Retired, awaiting dismantlement", "series_3"),
    ):
        fig.add_trace(go.Bar(
            y=labels, x=[int(v) for v in df[column]], name=name, orientation="h",
            marker={"color": color(swatch)},
            hovertemplate="%{y}: %{x:,} " + name.lower() + "<extra></extra>",
        ))
    small_max = int(df.loc[df["total_inventory"] < 1000, "total_inventory"].max() * 1.1)
    full_max = int(df["total_inventory"].max() * 1.05)
    fig.update_layout(
        base_layout(title="Estimated nuclear warheads by state, January 2025", height=480),
        barmode="stack",
        xaxis={"title": {"text": "Warheads (estimates)"}, "range": [0, full_max], "fixedrange": True,
               "showgrid": True},
        yaxis={"automargin": True, "fixedrange": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": SPACE["xl"]},
        updatemenus=[button_row([
            choice("All states", layout={"xaxis.range": [0, full_max]}),
            choice("Below 1,000 warheads", layout={"xaxis.range": [0, small_max]}),
        ], label="Scale")],
        meta={"subtitle": ("Deployed, stored and retired warheads. Zoom in below 1,000 to see the "
                           "medium powers that the course takes as yardsticks, France and the "
                           "United Kingdom."),
              "notes": ("All numbers are estimates: few nuclear-armed states publish their warhead counts. "
                        "The yardsticks (marked * on a small screen) are the medium powers France and "
                        "the United Kingdom."),
              "source": "SIPRI Yearbook 2025 (January 2025 estimates), checked against FAS.",
              "narrow": {"height": 560, "yaxis.tickmode": "array",
                         "yaxis.tickvals": labels, "yaxis.ticktext": narrow_labels}},
    )
    return fig
