"""Plotly faces of the norm-strength model and of the NPT membership table.

Every state the static explorer can show is computed here by calling the model
(:func:`proliferation_course.models.norm.evaluate_norm`), so the website needs
no kernel: a dropdown switches between sets of defections, and a slider moves
the tipping point with the set held fixed. Only the traces that change travel
with each control, rounded to :data:`ROUND` decimals.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..models.norm import (
    DEFAULT_STEEPNESS,
    DEFAULT_TIPPING_POINT,
    DEFECTION_SETS,
    NPT_PARTIES,
    NUCLEAR_WEAPON_STATES,
    DefectionSet,
    NormResult,
    criticality_weight,
    evaluate_norm,
    strength_curve,
    tipping_strength,
)
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "BAR_LABELS",
    "key_states_for_display",
    "CURVE_LOWER",
    "ROUND",
    "TIPPING_STEPS",
    "norm_figure",
    "norm_result",
    "norm_snapshot_figure",
    "norm_state",
    "npt_parties_figure",
    "other_parties",
    "weights_from_table",
]

#: Slider positions for the tipping point tau: 0.80, 0.82, ..., 0.98.
TIPPING_STEPS: tuple[float, ...] = tuple(round(0.80 + 0.02 * i, 2) for i in range(10))
#: Decimals kept in the page's precomputed values.
ROUND: int = 4
#: The tipping curve is drawn for weighted compliance from this value to 1.
CURVE_LOWER: float = 0.75
_CURVE_POINTS = 26
_CURVE_DX = (1.0 - CURVE_LOWER) / (_CURVE_POINTS - 1)
BAR_LABELS: tuple[str, str, str] = ("U: states<br>complying",
                                    "W: weighted<br>compliance",
                                    "S: norm<br>strength")
# Trace indices of the parts that change: bars, curve, tau line, W marker, U marker.
_DYNAMIC = [0, 1, 2, 3, 4]
_STATE_COLUMNS = ("state_id", "state", "latency_score", "negotiation_score", "exemplar_score",
                  "complies_today")
_BAR_COLORS = [COLORS["retired"], COLORS["stored"], COLORS["holds"]]
_BAR_PATTERNS = ["", "/", "."]


def _r(value: float) -> float:
    return round(float(value), ROUND) + 0.0


def weights_from_table(states: pd.DataFrame) -> dict[str, float]:
    """Criticality weights of the key states, ``{state_id: 1 + latency + negotiation + exemplar}``.

    Parameters
    ----------
    states
        The ``norm_states`` table (see ``data/datapackage.json``).
    """
    states = check_frame(states, _STATE_COLUMNS, name="states")
    return {
        str(row.state_id): criticality_weight(int(row.latency_score), int(row.negotiation_score),
                                              int(row.exemplar_score))
        for row in states.itertuples(index=False)
    }


def other_parties(states: pd.DataFrame) -> int:
    """How many non-nuclear-weapon parties are not among the key states: 191 - 5 - len(states)."""
    return NPT_PARTIES - NUCLEAR_WEAPON_STATES - len(check_frame(states, _STATE_COLUMNS, name="states"))


def norm_result(states: pd.DataFrame, defectors: tuple[str, ...] | list[str], others_defecting: int = 0,
                tipping_point: float = DEFAULT_TIPPING_POINT,
                steepness: float = DEFAULT_STEEPNESS) -> NormResult:
    """Call the model with the key states of ``states`` and the other parties at weight 1."""
    return evaluate_norm(weights_from_table(states), defectors, others=other_parties(states),
                         others_defecting=others_defecting, tipping_point=tipping_point,
                         steepness=steepness)


def _names(states: pd.DataFrame) -> dict[str, str]:
    return {str(r.state_id): str(r.state) for r in states.itertuples(index=False)}


def _describe(result: NormResult, baseline: NormResult, names: dict[str, str]) -> str:
    who = [names[d] for d in result.defectors]
    if result.others_defecting:
        who.append(f"{result.others_defecting} small state{'s' if result.others_defecting > 1 else ''}")
    extra_states = result.n_defecting - baseline.n_defecting
    if extra_states <= 0:
        return f"Defecting: {', '.join(who)}.<br>This is the starting point."
    lost_states = (baseline.unweighted - result.unweighted) * 100
    lost_weight = (baseline.weighted - result.weighted) * 100
    return (f"Defecting: {', '.join(who)}.<br>{extra_states} more than today: "
            f"{lost_states:.1f}% of states, {lost_weight:.1f}% of criticality.")


def norm_state(result: NormResult) -> dict[str, list]:
    """Data for the figure's changing traces, as a ``restyle`` payload over :data:`_DYNAMIC`.

    Keys map to one value per dynamic trace: bars (U, W, S), the tipping curve,
    the tipping-point line, the W marker and the U marker. The bars' and the
    curve's ``x`` are ``None``: those traces place their points by ``x0`` and
    ``dx`` on a grid that never changes, and a ``null`` ``x`` leaves it so. Texts
    come from ``texttemplate``, so they need no payload. Values are rounded to
    :data:`ROUND` decimals.
    """
    tau, k = result.tipping_point, result.steepness
    _, ys = strength_curve(tau, k, lower=CURVE_LOWER, points=_CURVE_POINTS)
    s_at_u = tipping_strength(result.unweighted, tau, k)
    bars = [_r(result.unweighted), _r(result.weighted), _r(result.strength)]
    return {
        "x": [None, None, [_r(tau), _r(tau)], [_r(result.weighted)], [_r(result.unweighted)]],
        "y": [bars, [_r(y) for y in ys], [0.0, 1.05], [_r(result.strength)], [_r(s_at_u)]],
    }


def _slider(states: pd.DataFrame, scenario: DefectionSet, active_tau: float, steepness: float) -> dict:
    steps = []
    for tau in TIPPING_STEPS:
        res = norm_result(states, scenario.defectors, scenario.others_defecting, tau, steepness)
        steps.append({"method": "restyle", "label": f"{tau:.2f}", "value": f"{tau:.2f}",
                      "args": [norm_state(res), _DYNAMIC]})
    return {
        "name": f"tipping-{scenario.set_id}",
        "active": TIPPING_STEPS.index(active_tau),
        "currentvalue": {"prefix": "Tipping point τ: ", "font": {"size": 13}},
        "pad": {"t": 70, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "steps": steps,
    }


def norm_snapshot_figure(result: NormResult, baseline: NormResult | None = None,
                         names: dict[str, str] | None = None) -> go.Figure:
    """The norm-strength figure for one model result, with no controls.

    Left: bars of unweighted compliance U, weighted compliance W and norm
    strength S. Right: the tipping curve S(W), the tipping point and where W
    and U fall on it. The live panel wraps this figure; the static face adds a
    dropdown and a slider.
    """
    state = norm_state(result)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x0=0, dx=1, y=state["y"][0], texttemplate="%{y:.3f}", textposition="outside",
        cliponaxis=False, customdata=[label.replace("<br>", " ") for label in BAR_LABELS],
        marker={"color": _BAR_COLORS, "pattern": {"shape": _BAR_PATTERNS}},
        hovertemplate="%{customdata}: %{y:.3f}<extra></extra>", showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x0=CURVE_LOWER, dx=_CURVE_DX, y=state["y"][1], mode="lines", name="Tipping curve S(W)",
        line={"color": COLORS["triangle"], "width": 2.5, "shape": "spline"},
        hovertemplate="W = %{x:.3f} gives S = %{y:.3f}<extra></extra>", xaxis="x2", yaxis="y2"))
    fig.add_trace(go.Scatter(
        x=state["x"][2], y=state["y"][2], mode="lines", name="Tipping point τ",
        line={"color": COLORS["threshold"], "dash": "dash", "width": 2}, hoverinfo="skip",
        xaxis="x2", yaxis="y2"))
    fig.add_trace(go.Scatter(
        x=state["x"][3], y=state["y"][3], texttemplate="W = %{x:.3f}", mode="markers+text",
        textposition="middle left", name="Weighted reading (W, S)",
        marker={"symbol": "diamond", "size": 13, "color": COLORS["stored"],
                "line": {"color": COLORS["text"], "width": 1}},
        hovertemplate="weighted: W = %{x:.3f}, S = %{y:.3f}<extra></extra>", xaxis="x2", yaxis="y2"))
    fig.add_trace(go.Scatter(
        x=state["x"][4], y=state["y"][4], texttemplate="U = %{x:.3f}", mode="markers+text",
        textposition="bottom left", name="If every state counted equally (U)",
        marker={"symbol": "circle-open", "size": 12, "color": COLORS["text"], "line": {"width": 2}},
        hovertemplate="unweighted: U = %{x:.3f}, S(U) = %{y:.3f}<extra></extra>",
        xaxis="x2", yaxis="y2"))
    annotation = _describe(result, baseline or result, names or {d: d for d in result.defectors})
    fig.update_layout(
        base_layout(title="Critical states and the norm (a teaching model)", height=600),
        xaxis={"domain": [0.0, 0.42], "fixedrange": True, "tickfont": {"size": 11},
               "tickmode": "array", "tickvals": [0, 1, 2], "ticktext": list(BAR_LABELS), "tickangle": 0,
               "range": [-0.6, 2.6]},
        yaxis={"domain": [0.0, 0.80], "range": [0, 1.12], "fixedrange": True,
               "title": {"text": "Share (0 to 1)"}},
        xaxis2={"domain": [0.55, 1.0], "anchor": "y2", "range": [CURVE_LOWER, 1.0], "fixedrange": True,
                "title": {"text": "Weighted compliance W"}},
        yaxis2={"domain": [0.0, 0.80], "anchor": "x2", "range": [0, 1.05], "fixedrange": True,
                "title": {"text": "Norm strength S"}},
        showlegend=False,
        annotations=[{"xref": "paper", "yref": "paper", "x": 0.0, "y": 0.93, "xanchor": "left",
                      "yanchor": "top", "showarrow": False, "align": "left", "text": annotation,
                      "font": {"size": 12}}],
        bargap=0.3,
        # On a narrow screen course.js stacks the two panels (see render.py).
        meta={"narrow": {"height": 860, "title.font.size": 14,
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.56, 0.84],
                         "xaxis2.domain": [0.12, 1.0], "yaxis2.domain": [0.0, 0.36],
                         "annotations[0].y": 0.94, "annotations[0].font.size": 10}},
    )
    fig.layout.meta["description"] = (
        "Left: three bars for the same set of defections, the share of states that comply (U), "
        "the share of criticality that complies (W) and the norm's strength after the tipping "
        "curve (S). Right: the tipping curve, S against W, with a dashed line at the tipping "
        "point (dashed); a diamond marks the weighted reading and an open circle where the unweighted "
        "share would fall. When critical states defect, W and S fall much further than U."
    )
    return fig


def norm_figure(states: pd.DataFrame, initial: str = "japan_germany",
                steepness: float = DEFAULT_STEEPNESS,
                tipping_point: float = DEFAULT_TIPPING_POINT) -> go.Figure:
    """The static face of the norm-strength explorer: defection sets and a tipping-point slider.

    Parameters
    ----------
    states
        The ``norm_states`` table.
    initial
        ``set_id`` of the defection set shown first (see
        :data:`proliferation_course.models.norm.DEFECTION_SETS`).
    steepness
        ``k`` of the tipping curve, fixed on the static face.
    tipping_point
        ``tau`` shown first; one of :data:`TIPPING_STEPS`.

    Returns
    -------
    plotly.graph_objects.Figure
        Every dropdown entry and slider step carries a state computed by the model.
    """
    states = check_frame(states, _STATE_COLUMNS, name="states")
    ids = [s.set_id for s in DEFECTION_SETS]
    if initial not in ids:
        raise ValueError(f"initial must be one of the defection sets ({', '.join(ids)}), got {initial!r}")
    tipping_point = round(float(tipping_point), 2)
    if tipping_point not in TIPPING_STEPS:
        raise ValueError(f"tipping_point must be one of {TIPPING_STEPS}, got {tipping_point!r}")
    names = _names(states)
    baseline = norm_result(states, DEFECTION_SETS[0].defectors, DEFECTION_SETS[0].others_defecting,
                           tipping_point, steepness)
    buttons, sliders = [], {}
    for scenario in DEFECTION_SETS:
        res = norm_result(states, scenario.defectors, scenario.others_defecting, tipping_point, steepness)
        sliders[scenario.set_id] = _slider(states, scenario, tipping_point, steepness)
        buttons.append({
            "method": "update",
            "label": scenario.label,
            "args": [norm_state(res), {"sliders": [sliders[scenario.set_id]],
                                     "annotations[0].text": _describe(res, baseline, names)},
                     _DYNAMIC],
        })
    first = DEFECTION_SETS[ids.index(initial)]
    fig = norm_snapshot_figure(
        norm_result(states, first.defectors, first.others_defecting, tipping_point, steepness),
        baseline, names)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "direction": "down", "active": ids.index(initial),
                      "pad": {"b": 4}, "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


def npt_parties_figure(parties: pd.DataFrame) -> go.Figure:
    """NPT parties in the years for which a source gives a count, 1970 to 2025.

    Parameters
    ----------
    parties
        The ``npt_parties_by_year`` table.

    Returns
    -------
    plotly.graph_objects.Figure
        Markers at the sourced years, joined by a dotted line (the years between
        are not data); hovering a marker names who gives the count.
    """
    df = check_frame(parties, ("year", "parties", "counted_by"), name="parties")
    df = df.sort_values("year").reset_index(drop=True)
    years = [int(y) for y in df["year"]]
    counts = [int(p) for p in df["parties"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=years, y=counts, mode="lines+markers+text", text=[str(c) for c in counts],
        textposition="top center", customdata=list(df["counted_by"]),
        line={"color": COLORS["triangle"], "dash": "dot", "width": 2},
        marker={"size": 9, "color": COLORS["triangle"], "symbol": "circle"},
        name="States parties (as counted by the source)",
        hovertemplate="%{x}: %{y} parties, as counted by %{customdata}<extra></extra>"))
    fig.update_layout(
        base_layout(title="NPT parties, 1970 to 2025 (years with a sourced count)", height=430),
        xaxis={"title": {"text": "Year"}, "range": [1967, 2028], "dtick": 5},
        yaxis={"title": {"text": "States parties"}, "range": [0, 215]},
        showlegend=False,
        meta={"narrow": {"title.text": "NPT parties, 1970 to 2025", "title.font.size": 14,
                         "xaxis.dtick": 10}},
    )
    fig.layout.meta["description"] = (
        "Number of NPT states parties in the years for which a source states it, from at least 43 at "
        "entry into force in 1970 (a lower bound, not a count) to 191 in 2025. Markers are the sourced "
        "counts; the dotted line only joins them, "
        "and the years between are not data. Sources count differently, for example on the DPRK; the "
        "table below gives each row's source and caveats."
    )
    return fig


def key_states_for_display(states: pd.DataFrame, milestones: pd.DataFrame) -> pd.DataFrame:
    """The key states with their weight and their NPT date, taken from ``npt_milestones``.

    Dates are not repeated in ``norm_states``: each row points to its milestone
    by ``milestone_event_id``, and this joins the two. A state without a
    milestone gets an empty date.

    Returns
    -------
    pandas.DataFrame
        ``norm_states`` with ``weight`` (``1 + latency + negotiation + exemplar``),
        ``npt_date`` and ``npt_event`` added.
    """
    states = check_frame(states, _STATE_COLUMNS + ("milestone_event_id",), name="states")
    milestones = check_frame(milestones, ("event_id", "date", "description"), name="milestones")
    by_id = {str(r.event_id): r for r in milestones.itertuples(index=False)}
    out = states.copy()
    weights = weights_from_table(states)
    out["weight"] = [int(weights[str(s)]) for s in out["state_id"]]
    dates, events = [], []
    for event_id in out["milestone_event_id"]:
        if pd.isna(event_id) or not str(event_id):
            dates.append("")
            events.append("")
            continue
        if str(event_id) not in by_id:
            raise ValueError(f"states names milestone {event_id!r}, which is not in npt_milestones")
        row = by_id[str(event_id)]
        dates.append(str(row.date))
        events.append(str(row.description))
    out["npt_date"] = dates
    out["npt_event"] = events
    return out
