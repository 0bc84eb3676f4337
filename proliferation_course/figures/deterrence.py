"""Plotly faces of the deterrence-triangle model and of the nuclear-forces table.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.evaluate_deterrence`), so the website
needs no kernel: buttons switch scenario presets, and a slider raises
capabilities from 0 to 1 with the preset's other two factors held fixed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..models.deterrence import RULE_LABELS, RULES, evaluate_deterrence
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "CAPABILITY_STEPS",
    "FACTOR_LABELS",
    "deterrence_snapshot_figure",
    "deterrence_state",
    "deterrence_triangle_figure",
    "threshold_layout",
    "nuclear_forces_figure",
    "triangle_points",
]

#: Slider positions for capabilities: 0.00, 0.05, ..., 1.00 (the preset's own value is added).
CAPABILITY_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(21))
FACTOR_LABELS: tuple[str, str, str] = ("Capabilities", "Credibility", "Communication")
_ANGLES = (90.0, 210.0, 330.0)
# Trace indices of the parts that change; the others (outline, grid) are fixed.
_DYNAMIC = [3, 4, 5]
_PRESET_COLUMNS = ("preset_id", "label", "capabilities", "credibility", "communication")


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
    bar_colors = [COLORS["holds"] if res.holds else COLORS["fails"] for res in results]
    return {
        "x": [xs, lx[:3], [RULE_LABELS[r] for r in RULES]],
        "y": [ys, ly[:3], scores],
        "text": [None, labels, bar_text],
        "marker.color": [COLORS["triangle"], COLORS["text"], bar_colors],
    }


def _check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    return check_frame(presets, _PRESET_COLUMNS)


def _slider(preset_id: str, capability: float, credibility: float, communication: float,
            gain: float, cost: float) -> dict:
    values = sorted(set(CAPABILITY_STEPS) | {float(capability)})
    steps = []
    for v in values:
        state = deterrence_state(v, credibility, communication, gain=gain, cost=cost)
        steps.append({
            "method": "restyle",
            "label": f"{v:.2f}",
            "value": f"{v:.2f}",
            "args": [state, _DYNAMIC],
        })
    active = values.index(float(capability))
    return {
        "name": f"capabilities-{preset_id}",
        "active": active,
        "currentvalue": {"prefix": "Capabilities: ", "font": {"size": 13}},
        "pad": {"t": 40, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "steps": steps,
    }


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
    # 0-2: fixed outline, half-way grid and spokes.
    fig.add_trace(go.Scatter(x=outline_x, y=outline_y, mode="lines", hoverinfo="skip",
                             line={"color": COLORS["grid"], "width": 1.5}, showlegend=False,
                             xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(x=half_x, y=half_y, mode="lines", hoverinfo="skip",
                             line={"color": COLORS["grid"], "width": 1, "dash": "dot"},
                             showlegend=False, xaxis="x", yaxis="y"))
    spoke_x, spoke_y = [], []
    for vx, vy in zip(outline_x[:3], outline_y[:3], strict=True):
        spoke_x += [0, vx, None]
        spoke_y += [0, vy, None]
    fig.add_trace(go.Scatter(x=spoke_x, y=spoke_y, mode="lines", hoverinfo="skip",
                             line={"color": COLORS["grid"], "width": 1}, showlegend=False,
                             xaxis="x", yaxis="y"))
    # 3: the triangle of the factors; 4: its labels; 5: the score bars.
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], mode="lines+markers",
                             fill="toself",
                             marker={"color": state["marker.color"][0], "size": 8},
                             line={"color": COLORS["triangle"], "width": 2.5},
                             fillcolor=COLORS["triangle_fill"], hoverinfo="skip",
                             showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], mode="text", text=state["text"][1],
                             textfont={"size": 12}, marker={"color": state["marker.color"][1]},
                             hoverinfo="skip", showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Bar(x=state["x"][2], y=state["y"][2], text=state["text"][2],
                         textposition="outside", cliponaxis=False, name="Score",
                         marker={"color": state["marker.color"][2]},
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
        # On a narrow screen course.js stacks the two panels (see render.py).
        meta={"narrow": {"height": 760,
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 0.9],
                         "yaxis.scaleanchor": None, "title.font.size": 14,
                         "xaxis2.domain": [0.12, 1.0], "yaxis2.domain": [0.0, 0.36]}},
        **threshold_layout(threshold),
        bargap=0.35,
    )
    fig.layout.meta["description"] = (
        f"As first drawn: capabilities {capabilities:.2f}, credibility {credibility:.2f}, "
        f"communication {communication:.2f}; the threshold B/(B+C) is {threshold:.2f}."
    )
    return fig


def threshold_layout(threshold: float) -> dict:
    """The dashed threshold line and its label, as layout ``shapes`` and ``annotations``."""
    return {
        "shapes": [{"type": "line", "xref": "x2 domain", "x0": 0, "x1": 1, "yref": "y2",
                    "y0": threshold, "y1": threshold,
                    "line": {"color": COLORS["threshold"], "dash": "dash", "width": 2}}],
        "annotations": [{"xref": "x2 domain", "x": 0, "yref": "y2 domain", "y": 1.0,
                         "text": f"– – threshold B/(B+C) = {threshold:.2f}", "showarrow": False,
                         "xanchor": "left", "yanchor": "bottom",
                         "font": {"size": 12, "color": COLORS["threshold"]}}],
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
        under each rule, against the threshold. Every button and slider step
        carries a state computed by the model.
    """
    presets = _check_presets(presets)
    ids = list(presets["preset_id"])
    if initial is None:
        initial = ids[0]
    if initial not in ids:
        raise ValueError(f"initial must be one of the presets ({', '.join(ids)}), got {initial!r}")

    sliders, buttons = {}, []
    for row in presets.itertuples(index=False):
        slider = _slider(row.preset_id, row.capabilities, row.credibility,
                            row.communication, gain, cost)
        sliders[row.preset_id] = slider
        state = deterrence_state(row.capabilities, row.credibility, row.communication,
                                 gain=gain, cost=cost)
        buttons.append({
            "method": "update",
            "label": str(row.label),
            "args": [state, {"sliders": [slider]}, _DYNAMIC],
        })
    first = presets.loc[presets["preset_id"] == initial].iloc[0]
    fig = deterrence_snapshot_figure(first["capabilities"], first["credibility"],
                                     first["communication"], gain=gain, cost=cost)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "direction": "down",
                      "active": ids.index(initial), "pad": {"b": 4},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
        bargap=0.35,
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
    if not isinstance(forces, pd.DataFrame):
        raise ValueError(f"forces must be a pandas DataFrame, got {type(forces).__name__}")
    missing = [c for c in needed if c not in forces.columns]
    if missing:
        raise ValueError(f"forces is missing column(s): {', '.join(missing)}")
    df = forces.sort_values("total_inventory", ascending=True).reset_index(drop=True)
    labels = [f"{s} (yardstick)" if y else str(s) for s, y in zip(df["state"], df["yardstick"], strict=True)]
    fig = go.Figure()
    for column, name, color in (
        ("deployed", "Deployed", COLORS["deployed"]),
        ("stored", "Stored", COLORS["stored"]),
        ("retired", "Retired, awaiting dismantlement", COLORS["retired"]),
    ):
        fig.add_trace(go.Bar(
            y=labels, x=[int(v) for v in df[column]], name=name, orientation="h",
            marker={"color": color},
            hovertemplate="%{y}: %{x:,} " + name.lower() + "<extra></extra>",
        ))
    small_max = int(df.loc[df["total_inventory"] < 1000, "total_inventory"].max() * 1.1)
    full_max = int(df["total_inventory"].max() * 1.05)
    fig.update_layout(
        base_layout(title="Estimated nuclear warheads by state, January 2025", height=480),
        barmode="stack",
        xaxis={"title": {"text": "Warheads (estimates)"}, "range": [0, full_max]},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.22, "x": 0},
        updatemenus=[{"type": "buttons", "direction": "right", "x": 0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "pad": {"b": 4},
                      "buttons": [
                          {"label": "All states", "method": "relayout",
                           "args": [{"xaxis.range": [0, full_max]}]},
                          {"label": "Zoom: below 1,000", "method": "relayout",
                           "args": [{"xaxis.range": [0, small_max]}]},
                      ]}],
    )
    return fig
