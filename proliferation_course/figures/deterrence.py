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

from ..data import text
from ..i18n import N_, _, format_count
from ..models.deterrence import PRESET_COLUMNS as MODEL_COLUMNS
from ..models.deterrence import RULE_LABELS, RULES, evaluate_deterrence, preset_arguments
from ..tables import DataTable, data_table
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
    "NPT_STATUS",
    "PRESET_COLUMNS",
    "check_presets",
    "deterrence_snapshot_figure",
    "deterrence_state",
    "deterrence_triangle_figure",
    "forces_caption",
    "forces_table",
    "nuclear_forces_figure",
    "presets_table",
    "threshold_layout",
    "triangle_points",
]

#: Slider positions for capabilities: 0.00, 0.05, ..., 1.00 (the preset's own value is added).
CAPABILITY_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(21))
#: The three factors' names (English, marked for translation: show ``_(FACTOR_LABELS[i])``).
FACTOR_LABELS: tuple[str, str, str] = (N_("Capabilities"), N_("Credibility"), N_("Communication"))
_ANGLES = (90.0, 210.0, 330.0)
#: Indices of the traces a state changes: the triangle, its labels, the score bars.
DYNAMIC_TRACES: tuple[int, int, int] = (3, 4, 5)
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The NPT status codes of the nuclear-forces table, as a reader sees them.
NPT_STATUS: dict[str, str] = {"NWS": N_("NWS"), "non-party": N_("non-party"), "withdrawn": N_("withdrawn")}
#: The visible labels of the static figure's controls (English, marked: shown as ``_(PRESET_LABEL)``).
PRESET_LABEL, CAPABILITIES_LABEL = N_("Scenario"), N_("Capabilities")


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
    labels = [f"{_(name)}<br>{value:.2f}" for name, value in zip(FACTOR_LABELS, factors, strict=True)]
    scores = [res.score for res in results]
    deters, fails = _("{score:.2f} · deters"), _("{score:.2f} · fails")
    bar_text = [(deters if res.holds else fails).format(score=s) for s, res in zip(scores, results, strict=True)]
    bar_colors = [color("meets") if res.holds else color("fails") for res in results]
    return {
        "x": [xs, lx[:3], [_(RULE_LABELS[r]) for r in RULES]],
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
    return slider(steps, label=_(CAPABILITIES_LABEL), active=values.index(float(capability)),
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
                         textposition="outside", cliponaxis=False, name=_("Score"),
                         marker={"color": state["marker.color"][2]},
                         textfont={"size": 12, "color": color("text")},
                         hovertemplate="%{x}: %{y:.3f}<extra></extra>",
                         showlegend=False, xaxis="x2", yaxis="y2"))
    fig.update_layout(
        base_layout(
            title=_("The deterrence triangle (a teaching model)"),
            height=560,
        ),
        xaxis={"domain": [0.0, 0.46], "range": [-1.75, 1.75], "visible": False, "fixedrange": True},
        yaxis={"domain": [0.0, 0.86], "range": [-1.0, 1.45], "visible": False,
               "scaleanchor": "x", "fixedrange": True},
        xaxis2={"domain": [0.6, 1.0], "anchor": "y2", "fixedrange": True, "automargin": True},
        yaxis2={"domain": [0.0, 0.86], "anchor": "x2", "range": [0, 1.12],
                "title": {"text": _("Combined score D")}, "fixedrange": True},
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 90, "b": SPACE["xl"]},
        # On a narrow screen course.js stacks the two panels (see render.py).
        meta={"narrow": {"height": 700,
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 0.9],
                         "yaxis.scaleanchor": None, "title.font.size": 14,
                         "xaxis2.domain": [0.12, 1.0], "yaxis2.domain": [0.0, 0.36],
                         # two-word rule names on two lines, so that they do not run together
                         "xaxis2.tickmode": "array", "xaxis2.tickvals": [_(RULE_LABELS[r]) for r in RULES],
                         "xaxis2.ticktext": [_(RULE_LABELS[r]).replace(" ", "<br>") for r in RULES]}},
        **threshold_layout(threshold),
        bargap=0.35,
    )
    fig.layout.meta["subtitle"] = _(
        "Left, the three factors of deterrence, each from 0 to 1. Right, the one score they "
        "make under each rule: where a bar clears the dashed threshold, the challenger is deterred.")
    fig.layout.meta["notes"] = _(
        "A stylised teaching model, not a prediction. The threshold is B/(B+C) = {threshold:.2f}, "
        "for a challenger's gain B = {gain:g} and punishment C = {cost:g}.").format(
            threshold=threshold, gain=gain, cost=cost)
    fig.layout.meta["source"] = _("The course's model (chapter 2); the presets' values are the course "
                                  "authors' judgements, with their sources in the table below.")
    fig.layout.meta["description"] = _(
        "As first drawn: capabilities {capabilities:.2f}, credibility {credibility:.2f}, "
        "communication {communication:.2f}; the threshold B/(B+C) is {threshold:.2f}.").format(
            capabilities=capabilities, credibility=credibility, communication=communication, threshold=threshold)
    return fig


def threshold_layout(threshold: float) -> dict:
    """The dashed threshold line and its label, as layout ``shapes`` and ``annotations``."""
    return {
        "shapes": [threshold_line(xref="x2 domain", x0=0, x1=1, yref="y2", y0=threshold, y1=threshold)],
        "annotations": [{"xref": "x2 domain", "x": 0, "yref": "y2 domain", "y": 1.0,
                         "text": _("– – threshold B/(B+C) = {threshold:.2f}").format(threshold=threshold),
                         "showarrow": False,
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
        entries.append(choice(text(row, "label"),
                              state=deterrence_state(*_factors(factors), gain=gain, cost=cost),
                              layout={"sliders": [sliders[row["preset_id"]]]},
                              traces=DYNAMIC_TRACES))
    first = preset_arguments(records(presets.loc[presets["preset_id"] == initial])[0])
    fig = deterrence_snapshot_figure(*_factors(first), gain=gain, cost=cost)
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


def forces_caption() -> str:
    """The nuclear-forces figure's title, which is also its table's caption on the page."""
    return _("Estimated nuclear warheads by state, January 2025")


def presets_table(presets: pd.DataFrame) -> DataTable:
    """The presets as the page shows them under the explorer: labels, factors, and why these values."""
    return data_table(
        presets,
        {"label": _("Scenario"), "capabilities": _(FACTOR_LABELS[0]), "credibility": _(FACTOR_LABELS[1]),
         "communication": _(FACTOR_LABELS[2])},
        caption=_("Scenario presets of the deterrence triangle (the course authors' judgements)"),
        note_column="rationale",
        note_heading=_("Why these values"),
    )


def forces_table(forces: pd.DataFrame) -> DataTable:
    """The nuclear-forces table as the page shows it, with each estimate's note and sources."""
    forces = forces.assign(npt_status=[_(NPT_STATUS.get(str(v), str(v))) for v in forces["npt_status"]])
    return data_table(
        forces,
        {"state": _("State"), "deployed": _("Deployed"), "stored": _("Stored"),
         "military_stockpile": _("Military stockpile"), "retired": _("Retired"),
         "total_inventory": _("Total inventory"), "npt_status": _("NPT status")},
        caption=forces_caption(),
        note_column="source_note",
        note_heading=_("About this estimate"),
    )


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
    states = [text(row, "state") for row in records(df)]
    yardstick = _("{state} (yardstick)")
    labels = [yardstick.format(state=s) if y else s for s, y in zip(states, df["yardstick"], strict=True)]
    # On a phone, "(yardstick)" becomes an asterisk that the note explains.
    narrow_labels = [f"{s} *" if y else s for s, y in zip(states, df["yardstick"], strict=True)]
    fig = go.Figure()
    for column, name, hover, swatch in (
        ("deployed", _("Deployed"), _("%{y}: %{x:,} deployed"), "series_1"),
        ("stored", _("Stored"), _("%{y}: %{x:,} stored"), "series_2"),
        ("retired", _("Retired, awaiting dismantlement"), _("%{y}: %{x:,} retired, awaiting dismantlement"),
         "series_3"),
    ):
        fig.add_trace(go.Bar(
            y=labels, x=[int(v) for v in df[column]], name=name, orientation="h",
            marker={"color": color(swatch)},
            hovertemplate=hover + "<extra></extra>",
        ))
    small_max = int(df.loc[df["total_inventory"] < 1000, "total_inventory"].max() * 1.1)
    full_max = int(df["total_inventory"].max() * 1.05)
    fig.update_layout(
        base_layout(title=forces_caption(), height=480),
        barmode="stack",
        xaxis={"title": {"text": _("Warheads (estimates)")}, "range": [0, full_max], "fixedrange": True,
               "showgrid": True},
        yaxis={"automargin": True, "fixedrange": True},
        # The legend along the bottom of the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": SPACE["xl"]},
        updatemenus=[button_row([
            choice(_("All states"), layout={"xaxis.range": [0, full_max]}),
            choice(_("Below {count} warheads").format(count=format_count(1000)),
                   layout={"xaxis.range": [0, small_max]}),
        ], label=_("Scale"))],
        meta={"subtitle": _("Deployed, stored and retired warheads. Zoom in below 1,000 to see the "
                            "medium powers that the course takes as yardsticks, France and the "
                            "United Kingdom."),
              "notes": _("All numbers are estimates: few nuclear-armed states publish their warhead counts. "
                         "The yardsticks (marked * on a small screen) are the medium powers France and "
                         "the United Kingdom."),
              "source": _("SIPRI Yearbook 2025 (January 2025 estimates), checked against FAS."),
              "narrow": {"height": 560, "yaxis.tickmode": "array",
                         "yaxis.tickvals": labels, "yaxis.ticktext": narrow_labels}},
    )
    return fig
