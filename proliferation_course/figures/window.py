"""Plotly faces of the window-of-vulnerability model and of the preventive-strikes table.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.window.evaluate_window`), so the website
needs no kernel: a dropdown switches the scenario presets, and a slider varies
the legitimacy of the programme with the preset's other parameters held fixed.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..models.window import WindowResult, evaluate_window
from ..models.window import preset_params as _params
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "LEGITIMACY_STEPS",
    "ROUND",
    "check_window_presets",
    "preventive_strikes_figure",
    "window_figure",
    "window_snapshot_figure",
    "window_state",
]

#: Slider positions for legitimacy: 0.00, 0.05, ..., 1.00 (the preset's own value is added).
LEGITIMACY_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(21))
#: Decimals kept in the page's precomputed curves (ample for drawing: 1e-4 of a
#: probability is far below a pixel; a smaller page).
ROUND: int = 4
# Trace indices of the parts that change: survival curve, end marker, hazard curve.
_DYNAMIC = [0, 1, 2]
_PRESET_COLUMNS = ("preset_id", "label", "window_months", "capability", "legitimacy",
                   "us_backing", "coupling")
_SURVIVAL_COLOR = "#0072B2"
_HAZARD_COLOR = "#D55E00"
_FILL = "rgba(0, 114, 178, 0.15)"


def _r(values: tuple[float, ...] | list[float]) -> list[float]:
    return [round(float(v), ROUND) + 0.0 for v in values]


def window_state(result: WindowResult) -> dict[str, list]:
    """Data for the figure's changing traces: survival curve, end marker and hazard curve.

    Returns a ``plotly`` ``restyle`` payload: each key maps to one value per
    dynamic trace, in that order. Values are rounded to :data:`ROUND` decimals.
    """
    months = _r(result.months)
    end = result.survival_at_end
    text = f"{end:.0%} unstruck at month {result.window_months:g}"
    return {
        "x": [months, [months[-1]], months],
        "y": [_r(result.survival), [round(end, ROUND)], _r(result.hazard)],
        "text": [None, [text], None],
    }


def check_window_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """Check that ``presets`` has the columns the figure needs; return it sorted by ``order``."""
    return check_frame(presets, _PRESET_COLUMNS)


def window_snapshot_figure(result: WindowResult, hazard_max: float | None = None) -> go.Figure:
    """The survival and hazard curves for one model result, with no controls.

    The live panel (:func:`proliferation_course.widgets.window.window_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.

    Parameters
    ----------
    result
        A :class:`~proliferation_course.models.window.WindowResult`.
    hazard_max
        Upper end of the hazard axis (strikes per month); by default a little
        above the largest hazard in ``result``.
    """
    state = window_state(result)
    top = hazard_max if hazard_max is not None else max(max(result.hazard) * 1.15, 0.005)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=state["x"][0], y=state["y"][0], mode="lines", name="Not yet struck, S(t)",
        line={"color": _SURVIVAL_COLOR, "width": 3}, fill="tozeroy", fillcolor=_FILL,
        hovertemplate="Month %{x:.0f}: %{y:.0%} not yet struck<extra></extra>",
        showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x=state["x"][1], y=state["y"][1], mode="markers+text", text=state["text"][1],
        textposition="bottom left", textfont={"size": 13, "color": COLORS["text"]},
        marker={"color": _SURVIVAL_COLOR, "size": 11, "line": {"color": "white", "width": 1.5}},
        name="End of the window", hoverinfo="skip", showlegend=False, cliponaxis=False,
        xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x=state["x"][2], y=state["y"][2], mode="lines", name="Hazard, strikes per month",
        line={"color": _HAZARD_COLOR, "width": 2.5},
        hovertemplate="Month %{x:.0f}: hazard %{y:.2%} per month<extra></extra>",
        showlegend=False, xaxis="x2", yaxis="y2"))
    t_end = result.window_months
    fig.update_layout(
        base_layout(title="Surviving the window of vulnerability (a teaching model)", height=600),
        xaxis={"domain": [0.0, 1.0], "anchor": "y", "range": [0, t_end], "fixedrange": True,
               "showticklabels": False},
        yaxis={"domain": [0.42, 1.0], "range": [0, 1.08], "tickformat": ".0%", "fixedrange": True,
               "title": {"text": "Not yet struck, S(t)"}},
        xaxis2={"domain": [0.0, 1.0], "anchor": "y2", "matches": "x", "fixedrange": True,
                "title": {"text": "Months since the decision to build"}},
        yaxis2={"domain": [0.0, 0.3], "range": [0, top], "tickformat": ".1%", "fixedrange": True,
                "title": {"text": "Hazard per month"}},
        margin={"l": 10, "r": 20, "t": 110, "b": 40},
        meta={"narrow": {"height": 640, "title.font.size": 14,
                         "title.text": "Surviving the window (a teaching model)",
                         "updatemenus.0.font.size": 10,
                         "yaxis.title.text": "Not yet struck", "yaxis2.title.text": "Hazard"}},
    )
    return fig


def _slider(preset_id: str, row: dict, legitimacy: float, indices: list[int]) -> dict:
    values = sorted(set(LEGITIMACY_STEPS) | {round(float(legitimacy), 4)})
    steps = []
    for v in values:
        state = window_state(evaluate_window(**_params(row, v)))
        # The months (x) belong to the preset, which the dropdown sets: a step sends
        # only what legitimacy changes.
        del state["x"]
        steps.append({"method": "restyle", "label": f"{v:.2f}", "value": f"{v:.2f}",
                      "args": [state, indices]})
    return {
        "name": f"legitimacy-{preset_id}",
        "active": values.index(round(float(legitimacy), 4)),
        "currentvalue": {"prefix": "Legitimacy of the programme, l: ", "font": {"size": 13}},
        "pad": {"t": 50, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "steps": steps,
    }


def window_figure(presets: pd.DataFrame, initial: str | None = None) -> go.Figure:
    """The static face of the window explorer: presets in a dropdown, a legitimacy slider.

    The model's other parameters (base hazard, weights, ramp) take their
    defaults from :mod:`proliferation_course.models.window`.

    Parameters
    ----------
    presets
        The ``window_presets`` table (see ``data/datapackage.json``).
    initial
        ``preset_id`` shown first; the first preset by ``order`` if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Top: the chance of not yet having been struck, month by month. Bottom:
        the hazard. Every dropdown entry and slider step carries a state
        computed by the model.
    """
    presets = check_window_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    if initial is None:
        initial = ids[0]
    if initial not in ids:
        raise ValueError(f"initial must be one of the presets ({', '.join(ids)}), got {initial!r}")
    rows = presets.to_dict("records")
    # One hazard axis for every state the page can show, so that curves compare.
    peak = 0.0
    for row in rows:
        for v in (0.0, float(row["legitimacy"])):
            peak = max(peak, max(evaluate_window(**_params(row, v)).hazard))
    hazard_max = round(peak * 1.15, 4) if peak > 0 else 0.005

    sliders, buttons = {}, []
    for row in rows:
        pid = str(row["preset_id"])
        sliders[pid] = _slider(pid, row, float(row["legitimacy"]), _DYNAMIC)
        state = window_state(evaluate_window(**_params(row)))
        buttons.append({
            "method": "update",
            "label": str(row["label"]),
            "args": [state, {"sliders": [sliders[pid]], "xaxis.range": [0, float(row["window_months"])]},
                     _DYNAMIC],
        })
    first = rows[ids.index(initial)]
    fig = window_snapshot_figure(evaluate_window(**_params(first)), hazard_max=hazard_max)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "direction": "down",
                      "active": ids.index(initial), "pad": {"b": 6},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


def preventive_strikes_figure(strikes: pd.DataFrame) -> go.Figure:
    """A timeline of the preventive strikes in the ``preventive_strikes`` table.

    Each strike is a marker at its date, on the row of its target state,
    coloured by category (opening strike, or strike during hostilities under
    way). Buttons switch between the whole period and a zoom on June 2025.
    """
    needed = ["date", "operation", "striker", "target_state", "category"]
    if not isinstance(strikes, pd.DataFrame):
        raise ValueError(f"strikes must be a pandas DataFrame, got {type(strikes).__name__}")
    missing = [c for c in needed if c not in strikes.columns]
    if missing:
        raise ValueError(f"strikes is missing column(s): {', '.join(missing)}")
    df = strikes.sort_values("date").reset_index(drop=True)
    colors = {"opening preventive strike": COLORS["fails"],
              "strike during ongoing hostilities": COLORS["threshold"]}
    first, last = df["date"].min(), df["date"].max()
    fig = go.Figure()
    for category, color in colors.items():
        part = df[df["category"] == category]
        if part.empty:
            continue
        side = "top" if category.startswith("opening") else "bottom"
        # Recent strikes sit near the right edge: put their labels to the left.
        positions = [f"{side} left" if d.year >= last.year - 5 else f"{side} center"
                     for d in part["date"]]
        fig.add_trace(go.Scatter(
            x=[d.isoformat() for d in part["date"]], y=[str(s) for s in part["target_state"]],
            mode="markers+text", name=category.capitalize(),
            text=[f"{str(o).split(' (')[0].removeprefix('Operation ')}, {d.year} ({s})"
                  for o, d, s in zip(part["operation"], part["date"], part["striker"], strict=True)],
            textposition=positions, cliponaxis=False,
            marker={"color": color, "size": 14, "symbol": "diamond",
                    "line": {"color": "white", "width": 1}},
            hovertemplate="%{x|%d %B %Y}: %{text}<extra></extra>"))
    full = [f"{first.year - 3}-01-01", f"{last.year + 2}-12-31"]
    zoom = ["2025-06-01", "2025-06-30"]
    fig.update_layout(
        base_layout(title="Preventive strikes on nuclear programmes, 1981 to 2025", height=400),
        xaxis={"type": "date", "range": full, "title": {"text": "Date of the strike"}},
        yaxis={"type": "category", "automargin": True, "title": {"text": "Target state"}},
        legend={"orientation": "h", "y": -0.3, "x": 0},
        meta={"narrow": {"title.text": "Preventive strikes, 1981 to 2025", "title.font.size": 14,
                         "height": 440}},
        updatemenus=[{"type": "buttons", "direction": "right", "x": 0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "pad": {"b": 6},
                      "buttons": [
                          {"label": "1981 to 2025", "method": "relayout",
                           "args": [{"xaxis.range": full}]},
                          {"label": "Zoom: June 2025", "method": "relayout",
                           "args": [{"xaxis.range": zoom}]},
                      ]}],
    )
    return fig
