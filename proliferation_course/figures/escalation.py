"""Plotly face of the escalation-ladder model.

Left: a matrix of the stylised scenarios (rows, from least to most severe)
against the two ladders (columns: without and with the conventional rungs),
each cell marked by the scenario's category. Right: the share of scenarios in
each category, for both ladders. A dropdown switches the theatre; a slider
varies the proportionality band ``b``. Every state comes from
:func:`proliferation_course.models.escalation.compare_ladders`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..models.escalation import CATEGORIES, CATEGORY_LABELS, LadderResult, compare_ladders
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "BAND_STEPS",
    "CATEGORY_STYLE",
    "LADDER_LABELS",
    "THEATRE_LABELS",
    "escalation_figure",
    "escalation_inputs",
    "escalation_snapshot_figure",
    "escalation_state",
    "escalation_ticks",
]

#: Slider positions for the band b (the default 0.10 among them).
BAND_STEPS: tuple[float, ...] = (0.05, 0.10, 0.15, 0.20, 0.25, 0.30)
DEFAULT_BAND: float = 0.10
LADDER_LABELS: tuple[str, str] = ("Without conventional rungs", "With conventional rungs")
THEATRE_LABELS: dict[str, str] = {"east_asia": "East Asia", "europe": "Europe"}
#: Colour and marker symbol of each category (two cues, not colour alone).
CATEGORY_STYLE: dict[str, dict[str, str]] = {
    "non_nuclear": {"color": COLORS["holds"], "symbol": "circle", "short": "non-nuclear"},
    "nuclear_only": {"color": COLORS["threshold"], "symbol": "diamond", "short": "nuclear only"},
    "gap": {"color": COLORS["fails"], "symbol": "x", "short": "nuclear or nothing"},
}
# Trace indices that change: the two matrix columns, then one bar trace per category.
_DYNAMIC = [0, 1, 2, 3, 4]
_RUNG_COLUMNS = ("theatre", "rung_id", "label", "short_label", "level", "nuclear", "conventional_rung")
_SCENARIO_COLUMNS = ("theatre", "scenario_id", "label", "short_label", "severity")


def escalation_inputs(rungs: pd.DataFrame, scenarios: pd.DataFrame, theatre: str) -> dict:
    """The model's inputs for one theatre, read from the two tables (scenarios by severity)."""
    rungs = check_frame(rungs, _RUNG_COLUMNS, name="rungs")
    scenarios = check_frame(scenarios, _SCENARIO_COLUMNS, name="scenarios")
    r = rungs.loc[rungs["theatre"] == theatre]
    s = scenarios.loc[scenarios["theatre"] == theatre].sort_values("severity", kind="mergesort")
    if r.empty or s.empty:
        raise ValueError(f"theatre {theatre!r} has no rungs or no scenarios")
    return {
        "rung_labels": [str(v) for v in r["label"]],
        "rung_short": [str(v) for v in r["short_label"]],
        "levels": [float(v) for v in r["level"]],
        "nuclear": [bool(v) for v in r["nuclear"]],
        "conventional": [bool(v) for v in r["conventional_rung"]],
        "scenario_labels": [str(v) for v in s["label"]],
        "scenario_short": [str(v) for v in s["short_label"]],
        "severities": [float(v) for v in s["severity"]],
    }


def _cell_text(result: LadderResult, i: int, inputs: dict) -> str:
    """The mark's label: the rung that answers the scenario, or the gap."""
    k = result.responses[i]
    return inputs["rung_short"][k] if k >= 0 else "none: nuclear or nothing"


def _hover(inputs: dict) -> list[str]:
    return [f"{label} (severity {s:.2f})"
            for label, s in zip(inputs["scenario_labels"], inputs["severities"], strict=True)]


def escalation_state(inputs: dict, band: float, full: bool = False) -> dict[str, list]:
    """Data of the changing traces: the two matrix columns, then one bar trace per category.

    Returns a ``plotly`` ``restyle`` payload with one value per trace of
    ``_DYNAMIC``. Matrix rows sit at ``y = 0, 1, ...`` (scenarios by severity;
    their names are the axis's tick labels, see :func:`escalation_ticks`) and
    columns at ``x = 0`` (without) and ``x = 1`` (with). The bars are
    horizontal: ``x`` is the share of scenarios. A band step sends only marks,
    texts and shares; ``full=True`` adds the positions and hover texts, which
    a change of theatre needs.
    """
    results = compare_ladders(inputs["severities"], inputs["levels"], inputs["nuclear"],
                              inputs["conventional"], band)
    n = len(inputs["severities"])
    xs, ys, texts, colors, symbols, hovers = [], [], [], [], [], []
    for col, res in enumerate(results):
        xs.append([col] * n)
        ys.append(list(range(n)))
        texts.append([_cell_text(res, i, inputs) for i in range(n)])
        colors.append([CATEGORY_STYLE[c]["color"] for c in res.categories])
        symbols.append([CATEGORY_STYLE[c]["symbol"] for c in res.categories])
        hovers.append(_hover(inputs))
    for cat in CATEGORIES:
        shares = [round(res.share(cat), 4) for res in results]
        xs.append(shares)
        ys.append([1, 0])
        texts.append([f"{s:.0%}" if s > 0 else "" for s in shares])
        colors.append(CATEGORY_STYLE[cat]["color"])
        symbols.append(None)
        hovers.append(None)
    state = {"x": xs, "text": texts, "marker.color": colors, "marker.symbol": symbols}
    if full:
        state["y"] = ys
        state["hovertext"] = hovers
    return state


def escalation_ticks(inputs: dict) -> dict:
    """Layout keys that name the matrix rows (``yaxis.tickvals``, ``yaxis.ticktext``)."""
    return {"yaxis.tickvals": list(range(len(inputs["scenario_short"]))),
            "yaxis.ticktext": list(inputs["scenario_short"])}


def escalation_snapshot_figure(inputs: dict, band: float = DEFAULT_BAND,
                               theatre_label: str = "") -> go.Figure:
    """The matrix and the bars for one theatre and one band, with no controls."""
    state = escalation_state(inputs, band, full=True)
    ticks = escalation_ticks(inputs)
    fig = go.Figure()
    for col in range(2):
        fig.add_trace(go.Scatter(
            x=state["x"][col], y=state["y"][col], mode="markers+text", text=state["text"][col],
            textposition="middle right", textfont={"size": 11},
            marker={"color": state["marker.color"][col], "symbol": state["marker.symbol"][col],
                    "size": 14, "line": {"width": 2, "color": state["marker.color"][col]}},
            hovertext=state["hovertext"][col], hovertemplate="%{hovertext}<br>%{text}<extra></extra>",
            name=LADDER_LABELS[col], showlegend=False, cliponaxis=False, xaxis="x", yaxis="y"))
    for j, cat in enumerate(CATEGORIES):
        idx = 2 + j
        fig.add_trace(go.Bar(
            x=state["x"][idx], y=state["y"][idx], text=state["text"][idx], name=CATEGORY_LABELS[cat],
            orientation="h",
            marker={"color": state["marker.color"][idx],
                    "pattern": {"shape": {"non_nuclear": "", "nuclear_only": "/", "gap": "x"}[cat]}},
            textposition="inside", insidetextanchor="middle",
            hovertemplate="%{fullData.name}: %{x:.0%}<extra></extra>", xaxis="x2", yaxis="y2"))
    title = "Escalation ladder: non-nuclear answers (a teaching model)"
    n = len(ticks["yaxis.tickvals"])
    fig.update_layout(
        base_layout(title=title, height=720),
        barmode="stack",
        xaxis={"domain": [0.0, 1.0], "range": [-0.25, 1.95], "fixedrange": True, "side": "top",
               "tickvals": [0, 1], "ticktext": list(LADDER_LABELS), "showline": False, "ticks": ""},
        yaxis={"domain": [0.38, 0.93], "tickvals": ticks["yaxis.tickvals"], "ticktext": ticks["yaxis.ticktext"],
               "range": [-0.6, n - 0.4], "automargin": True, "fixedrange": True, "showgrid": True,
               "gridcolor": "rgba(150,150,150,0.25)"},
        xaxis2={"domain": [0.0, 1.0], "anchor": "y2", "range": [0, 1], "tickformat": ".0%",
                "fixedrange": True, "title": {"text": "Share of the scenarios"}},
        yaxis2={"domain": [0.15, 0.29], "anchor": "x2", "tickvals": [1, 0], "ticktext": ["Without", "With"],
                "range": [-0.6, 1.6], "fixedrange": True, "automargin": True},
        legend={"orientation": "h", "x": 0, "y": 0.0, "yanchor": "top", "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 120, "b": 40},
        # On a phone the response names of the two columns would run into each other: the
        # cells show their symbols only, and a tap on one shows its response.
        meta={"narrow": {"height": 800, "title.font.size": 12, "yaxis.tickfont.size": 10,
                         "xaxis.tickfont.size": 10, "xaxis.range": [-0.5, 1.5],
                         "title.text": "Escalation ladder: non-nuclear<br>answers (a teaching model)",
                         "xaxis.ticktext": [label.replace(" ", "<br>") for label in LADDER_LABELS],
                         "xaxis.tickangle": 0,
                         "data[0].mode": "markers", "data[1].mode": "markers"}},
    )
    fig.layout.meta["description"] = (
        f"Top, one row per stylised scenario{' in ' + theatre_label if theatre_label else ''}, from "
        "least to most severe, and two columns: the alliance's ladder of responses without and with the "
        "conventional long-range strike rungs. Each cell names the fitting response and shows its category: "
        "a circle for a credible non-nuclear response, a diamond when only a nuclear response is "
        "proportionate, a cross for the 'nuclear or nothing' gap. Below, stacked bars give the share of "
        "scenarios in each category for both ladders."
    )
    return fig


def _slider(theatre: str, inputs: dict) -> dict:
    steps = []
    for b in BAND_STEPS:
        steps.append({"method": "restyle", "label": f"{b:.2f}", "value": f"{b:.2f}",
                      "args": [escalation_state(inputs, b), _DYNAMIC]})
    return {"name": f"band-{theatre}", "active": BAND_STEPS.index(DEFAULT_BAND),
            "currentvalue": {"prefix": "Proportionality band b: ", "font": {"size": 13}},
            "pad": {"t": 95, "b": 10}, "len": 0.9, "x": 0.05, "steps": steps}


def escalation_figure(rungs: pd.DataFrame, scenarios: pd.DataFrame, initial: str = "east_asia") -> go.Figure:
    """The static face of the escalation-ladder explorer: a theatre menu and a band slider.

    Parameters
    ----------
    rungs, scenarios
        The ``escalation_rungs`` and ``escalation_scenarios`` tables.
    initial
        The theatre shown first (``"east_asia"`` or ``"europe"``).
    """
    theatres = [t for t in THEATRE_LABELS if t in set(check_frame(rungs, _RUNG_COLUMNS, "rungs")["theatre"])]
    if initial not in theatres:
        raise ValueError(f"initial must be one of {', '.join(theatres)}; got {initial!r}")
    buttons, sliders = [], {}
    for t in theatres:
        inputs = escalation_inputs(rungs, scenarios, t)
        sliders[t] = _slider(t, inputs)
        buttons.append({"method": "update", "label": THEATRE_LABELS[t],
                        "args": [escalation_state(inputs, DEFAULT_BAND, full=True),
                                 {"sliders": [sliders[t]], **escalation_ticks(inputs)}, _DYNAMIC]})
    fig = escalation_snapshot_figure(escalation_inputs(rungs, scenarios, initial), DEFAULT_BAND)
    fig.update_layout(
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "x": 0.0,
                      "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                      "active": theatres.index(initial), "pad": {"b": 4},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig
