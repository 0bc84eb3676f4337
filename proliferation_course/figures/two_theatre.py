"""Plotly faces of the two-theatre model and of the Poland-South Korea agreements table.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.two_theatre.two_theatre` and
:func:`~proliferation_course.models.two_theatre.compare_rules`), so the website
needs no kernel: a dropdown switches the scenario presets (each with its own
allocation rule), and a slider varies the size of the shock in theatre 2.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..models.two_theatre import (
    PARAMETERS,
    RULE_LABELS,
    RULE_SHORT,
    RULES,
    compare_rules,
    preset_params,
    two_theatre,
)
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "PARAMETERS",
    "SHOCK_STEPS",
    "agreements_figure",
    "check_two_theatre_presets",
    "preset_params",
    "two_theatre_figure",
    "two_theatre_snapshot_figure",
    "two_theatre_state",
]

#: Slider positions for the shock in theatre 2 (units a week); the preset's own value is added.
SHOCK_STEPS: tuple[float, ...] = tuple(float(v) for v in range(0, 31, 3))
_PRESET_COLUMNS = ("preset_id", "label", "rule", *PARAMETERS)
# Trace indices of the parts that change: demand (2), cumulative unmet (4), bars (2).
_DYNAMIC = [0, 1, 2, 3, 4, 5, 6, 7]
# What a shock-slider step changes: theatre 1's demand, and its shortfall under separate
# pools, do not depend on theatre 2 at all, so traces 0 and 2 stay as they are.
_SHOCK_DYNAMIC = [1, 3, 4, 5, 6, 7]
T1_COLOR = COLORS["triangle"]   # blue
T2_COLOR = COLORS["fails"]      # vermillion
_T2_PATTERN = {"shape": "/", "fgcolor": "white", "size": 6, "solidity": 0.3}


def _r(values: Any, digits: int = 1) -> list[float | int]:
    """Round for the page; whole numbers are written without a decimal point (a smaller page)."""
    out: list[float | int] = []
    for v in values:
        x = round(float(v), digits) + 0.0
        out.append(int(x) if x.is_integer() else x)
    return out


def check_two_theatre_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """Check that ``presets`` has the columns the figure needs; return it sorted by ``order``."""
    return check_frame(presets, _PRESET_COLUMNS)


def two_theatre_state(params: dict[str, Any], rule: str) -> dict[str, list]:
    """Data for the figure's changing traces, from the model.

    Traces, in order: weekly demand of theatres 1 and 2; cumulative unmet
    demand of theatres 1 and 2 under separate pools; the same under ``rule``;
    total unmet demand of theatre 1 and theatre 2 under every rule (bars).
    Returns a ``plotly`` ``restyle`` payload (one value per dynamic trace);
    values are rounded to 1 decimal (supply units).
    """
    sep = two_theatre(**params, rule="separate")
    pooled = two_theatre(**params, rule=rule)
    table = compare_rules(**params)
    weeks = list(sep.weeks)
    cats = [RULE_SHORT[r] for r in RULES]
    # Two-line tick labels (they fit the narrow bar panel); the chosen rule in bold.
    ticks = [RULE_SHORT[r].replace(" ", "<br>") for r in RULES]
    marked = [f"<b>{t}</b>" if r == rule else t for r, t in zip(RULES, ticks, strict=True)]
    bar_text = [[f"{int(table.loc[r, f'shortfall_weeks_{i}'])} wk" for r in RULES] for i in (1, 2)]
    return {
        "x": [weeks, weeks, weeks, weeks, weeks, weeks, marked, marked],
        "y": [_r(sep.demand[0]), _r(sep.demand[1]),
              _r(sep.cumulative_unmet(1)), _r(sep.cumulative_unmet(2)),
              _r(pooled.cumulative_unmet(1)), _r(pooled.cumulative_unmet(2)),
              _r(table.loc[list(RULES), "unmet_1"]), _r(table.loc[list(RULES), "unmet_2"])],
        "text": [None, None, None, None, None, None, bar_text[0], bar_text[1]],
        "name": ["Demand, theatre 1", "Demand, theatre 2",
                 "Theatre 1, separate pools", "Theatre 2, separate pools",
                 f"Theatre 1, {RULE_LABELS[rule].lower()}",
                 f"Theatre 2, {RULE_LABELS[rule].lower()}",
                 "Theatre 1: total unmet", "Theatre 2: total unmet"],
        "customdata": [None, None, None, None, None, None, cats, cats],
    }


def _shock_shape(shock_week: int) -> list[dict]:
    return [{"type": "line", "xref": "x", "x0": shock_week, "x1": shock_week, "yref": "y domain",
             "y0": 0, "y1": 1, "line": {"color": COLORS["threshold"], "dash": "dot", "width": 1.5}},
            {"type": "line", "xref": "x2", "x0": shock_week, "x1": shock_week, "yref": "y2 domain",
             "y0": 0, "y1": 1, "line": {"color": COLORS["threshold"], "dash": "dot", "width": 1.5}}]


def _shock_annotations(shock_week: int) -> list[dict]:
    return [{"xref": "x", "x": shock_week, "yref": "y domain", "y": 1.0, "text": f"shock, week {shock_week}",
             "showarrow": False, "xanchor": "left", "yanchor": "bottom",
             "font": {"size": 11, "color": COLORS["threshold"]}}]


def two_theatre_snapshot_figure(params: dict[str, Any], rule: str) -> go.Figure:
    """The two-theatre figure for one set of parameters and one rule, with no controls.

    The live panel (:func:`proliferation_course.widgets.two_theatre.two_theatre_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.
    """
    state = two_theatre_state(params, rule)
    fig = go.Figure()
    for k, (color, dash) in enumerate(((T1_COLOR, "solid"), (T2_COLOR, "dashdot"))):
        fig.add_trace(go.Scatter(
            x=state["x"][k], y=state["y"][k], name=state["name"][k], mode="lines",
            line={"color": color, "width": 2, "dash": dash, "shape": "hv"}, legendrank=k + 1,
            hovertemplate="Week %{x}: %{y} units needed<extra>" + state["name"][k] + "</extra>",
            xaxis="x", yaxis="y"))
    styles = ((T1_COLOR, "dash", "circle-open"), (T2_COLOR, "dash", "square-open"),
              (T1_COLOR, "solid", "circle"), (T2_COLOR, "solid", "square"))
    for k, (color, dash, symbol) in enumerate(styles, start=2):
        fig.add_trace(go.Scatter(
            x=state["x"][k], y=state["y"][k], name=state["name"][k], mode="lines+markers",
            line={"color": color, "width": 2.5, "dash": dash},
            marker={"symbol": symbol, "size": 5, "color": color}, legendrank=k + 1,
            hovertemplate="Week %{x}: %{y:.1f} units short so far<extra>%{fullData.name}</extra>",
            xaxis="x2", yaxis="y2"))
    for k, (color, pattern) in ((6, (T1_COLOR, None)), (7, (T2_COLOR, _T2_PATTERN))):
        marker: dict[str, Any] = {"color": color}
        if pattern:
            marker["pattern"] = pattern
        fig.add_trace(go.Bar(
            x=state["x"][k], y=state["y"][k], text=state["text"][k], name=state["name"][k],
            customdata=state["customdata"][k], textposition="inside", insidetextanchor="middle",
            textangle=0, textfont={"size": 11, "color": "white"}, marker=marker, showlegend=False,
            hovertemplate="%{customdata}: %{y:.1f} units unmet, %{text} short<extra>%{fullData.name}"
                          "</extra>",
            xaxis="x3", yaxis="y3"))
    weeks = int(params["weeks"])
    fig.update_layout(
        base_layout(title="Two theatres, one shock: separate or pooled supplies (a teaching model)",
                    height=760),
        barmode="stack",
        xaxis={"domain": [0.0, 0.56], "anchor": "y", "range": [-0.5, weeks - 0.5], "matches": "x2",
               "showticklabels": False, "fixedrange": True},
        yaxis={"domain": [0.72, 0.9], "anchor": "x", "rangemode": "tozero", "fixedrange": True,
               "title": {"text": "Demand / week"}},
        xaxis2={"domain": [0.0, 0.56], "anchor": "y2", "fixedrange": True,
                "title": {"text": "Week"}},
        yaxis2={"domain": [0.0, 0.62], "anchor": "x2", "rangemode": "tozero", "fixedrange": True,
                "title": {"text": "Unmet demand so far (units)"}},
        xaxis3={"domain": [0.68, 1.0], "anchor": "y3", "fixedrange": True, "tickangle": 0,
                "automargin": True, "tickfont": {"size": 11}},
        yaxis3={"domain": [0.0, 0.9], "anchor": "x3", "rangemode": "tozero", "fixedrange": True,
                "title": {"text": "Total unmet demand by rule"}},
        legend={"orientation": "h", "x": 0.0, "y": -0.09, "xanchor": "left", "yanchor": "top",
                "font": {"size": 11}, "traceorder": "normal"},
        shapes=_shock_shape(int(params["shock_week"])),
        annotations=_shock_annotations(int(params["shock_week"])),
        margin={"l": 10, "r": 10, "t": 100, "b": 40},
        # On a narrow screen course.js stacks the three panels, with the legend under them.
        meta={"narrow": {"height": 1150, "title.font.size": 14,
                         "title.text": "Two theatres, one shock (a teaching model)",
                         "xaxis.domain": [0.0, 1.0], "xaxis2.domain": [0.0, 1.0],
                         "xaxis3.domain": [0.0, 1.0],
                         "yaxis.domain": [0.86, 0.95], "yaxis2.domain": [0.56, 0.8],
                         "yaxis3.domain": [0.22, 0.45], "legend.y": 0.15,
                         "yaxis.title.text": "Demand", "yaxis2.title.text": "Unmet so far",
                         "yaxis3.title.text": "Total unmet"}},
    )
    fig.layout.meta["description"] = (
        "Top left: weekly demand in theatre 1 (solid line) and theatre 2 (dash-dot line); the dotted "
        "vertical line marks the week of the shock in theatre 2. Bottom left: unmet demand added up "
        "week by week, with dashed lines and open markers for separate pools and solid lines and filled "
        "markers for the pooled rule of the chosen scenario (circles: theatre 1, squares: theatre 2). "
        "Right: total unmet demand of each theatre under every rule, stacked (theatre 2 hatched), with "
        "the number of weeks of shortfall written in each bar; the chosen rule's name is in bold."
    )
    return fig


def _slider(preset_id: str, row: dict, rule: str) -> dict:
    own = round(float(row["shock_2"]), 4)
    values = sorted(set(SHOCK_STEPS) | {own})
    steps = []
    for v in values:
        state = two_theatre_state(preset_params(row, v), rule)
        # Only what the shock can change: the y values and bar labels of _SHOCK_DYNAMIC.
        payload = {"y": [state["y"][i] for i in _SHOCK_DYNAMIC],
                   "text": [state["text"][i] for i in _SHOCK_DYNAMIC]}
        steps.append({"method": "restyle", "label": f"{v:g}", "value": f"{v:g}",
                      "args": [payload, _SHOCK_DYNAMIC]})
    return {
        "name": f"shock-{preset_id}",
        "active": values.index(own),
        "currentvalue": {"prefix": "Shock in theatre 2, units a week: ", "font": {"size": 13}},
        "pad": {"t": 150, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "steps": steps,
    }


def two_theatre_figure(presets: pd.DataFrame, initial: str | None = None) -> go.Figure:
    """The static face of the two-theatre explorer: presets in a dropdown, a shock slider.

    Parameters
    ----------
    presets
        The ``two_theatre_presets`` table (see ``data/datapackage.json``).
    initial
        ``preset_id`` shown first; the first preset by ``order`` if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Every dropdown entry and slider step carries a state computed by the model.
    """
    presets = check_two_theatre_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    if initial is None:
        initial = ids[0]
    if initial not in ids:
        raise ValueError(f"initial must be one of the presets ({', '.join(ids)}), got {initial!r}")
    rows = presets.to_dict("records")
    sliders, buttons = {}, []
    for row in rows:
        pid, rule = str(row["preset_id"]), str(row["rule"])
        sliders[pid] = _slider(pid, row, rule)
        state = two_theatre_state(preset_params(row), rule)
        state.pop("customdata")
        sw = int(row["shock_week"])
        buttons.append({
            "method": "update",
            "label": str(row["label"]),
            "args": [state, {"sliders": [sliders[pid]], "shapes": _shock_shape(sw),
                             "annotations": _shock_annotations(sw),
                             "xaxis.range": [-0.5, int(row["weeks"]) - 0.5]}, _DYNAMIC],
        })
    first = rows[ids.index(initial)]
    fig = two_theatre_snapshot_figure(preset_params(first), str(first["rule"]))
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "direction": "down",
                      "active": ids.index(initial), "pad": {"b": 6},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


def agreements_figure(agreements: pd.DataFrame) -> go.Figure:
    """Quantities in the framework agreements against those placed under executive contracts.

    Parameters
    ----------
    agreements
        The ``poland_korea_agreements`` table.

    Returns
    -------
    plotly.graph_objects.Figure
        Horizontal bars by system: the framework quantity, and the quantity
        under executive contracts signed so far (summed), with labels.
    """
    needed = ["kind", "system", "quantity"]
    if not isinstance(agreements, pd.DataFrame):
        raise ValueError(f"agreements must be a pandas DataFrame, got {type(agreements).__name__}")
    missing = [c for c in needed if c not in agreements.columns]
    if missing:
        raise ValueError(f"agreements is missing column(s): {', '.join(missing)}")
    frame = agreements[agreements["kind"] == "framework agreement"].dropna(subset=["quantity"])
    systems = list(dict.fromkeys(frame["system"]))
    fw = frame.groupby("system")["quantity"].sum()
    ex = (agreements[(agreements["kind"] == "executive contract") & agreements["system"].isin(systems)]
          .dropna(subset=["quantity"]).groupby("system")["quantity"].sum())
    # Short labels on the axis ("K2", "K239 Chunmoo"); the full name is in the hover text.
    labels = [" ".join(w for w in str(s).split() if not w.islower()) or str(s) for s in systems]
    fig = go.Figure()
    for name, values, color, pattern in (
        ("Framework agreement (2022)", [int(fw.get(s, 0)) for s in systems], COLORS["grid"], "/"),
        ("Under executive contracts so far", [int(ex.get(s, 0)) for s in systems], T1_COLOR, ""),
    ):
        fig.add_trace(go.Bar(
            y=labels, x=values, name=name, orientation="h", text=[f"{v:,}" for v in values],
            textposition="outside", cliponaxis=False, customdata=systems,
            marker={"color": color, "pattern": {"shape": pattern}},
            hovertemplate="%{customdata}: %{x:,} (" + name.lower() + ")<extra></extra>"))
    fig.update_layout(
        base_layout(title="Poland-South Korea: framework quantities and contracts placed", height=420),
        barmode="group",
        xaxis={"title": {"text": "Units (tanks, howitzers, aircraft, launchers)"}, "rangemode": "tozero"},
        yaxis={"automargin": True, "autorange": "reversed"},
        legend={"orientation": "h", "y": -0.25, "x": 0},
        margin={"l": 10, "r": 40, "t": 70, "b": 40},
        meta={"narrow": {"title.text": "Poland-South Korea: framework vs contracts",
                         "title.font.size": 14, "height": 460, "xaxis.title.text": "Units"}},
    )
    fig.layout.meta["description"] = (
        "For each weapon system, the hatched grey bar is the quantity in the 2022 framework agreement "
        "and the solid blue bar the quantity placed under executive contracts signed since, added up. "
        "A blue bar shorter than the grey one means part of the framework is not yet under contract; "
        "the numbers are written at the end of each bar."
    )
    return fig
