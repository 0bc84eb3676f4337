"""Plotly faces of the support-roles model and of the alliance-cooperation timeline.

Every state the static explorer can show is computed here by calling the model
(:func:`proliferation_course.models.support.support_coverage`): a dropdown
switches between Japan, Germany, Canada and the three pooled, and a slider sets
how much operational planning the United States shares, from 0 to 1. A slider
step sends only what changes (the coverage bars and the summary line).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ..models.support import (
    ROLES,
    SupportResult,
    levels_by_ally,
    pooled_levels,
    support_coverage,
)
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "ALLY_LABELS",
    "DEFAULT_SHARING",
    "DEFAULT_THRESHOLD",
    "SHARING_STEPS",
    "VIEWS",
    "coverage_state",
    "dependence_from_roles",
    "summary_text",
    "support_roles_figure",
    "support_snapshot_figure",
    "support_timeline_figure",
    "view_levels",
]

#: The views the dropdown offers: three allies, then the three pooled.
VIEWS: tuple[str, ...] = ("japan", "germany", "canada", "pooled")
ALLY_LABELS: dict[str, str] = {
    "japan": "Japan",
    "germany": "Germany",
    "canada": "Canada",
    "pooled": "All three pooled (best level per role)",
}
#: Slider positions for the share of planning the United States shares.
SHARING_STEPS: tuple[float, ...] = tuple(round(i / 10, 1) for i in range(11))
DEFAULT_SHARING = 0.5
DEFAULT_THRESHOLD = 0.5
_COVERAGE_TRACE = [1]
_BOTH_TRACES = [0, 1]
_ROLE_AXIS = ["Escort", "Air refuelling", "Air defence", "Space", "Cyber", "Maintenance,<br>other support"]
TITLE = "Support roles: what an ally's forces could cover (a teaching model)"
DESCRIPTION = (
    "Horizontal bars, one per support role. The pale outlined bar is the ally's capability "
    "(level 0 to 3 from the capability table, as a share of 3); the solid bar is the coverage "
    "that remains once the share of US operational planning set by the slider is taken into "
    "account, with its value and the word 'ready' when it reaches the dashed threshold line at 0.5. "
    "The line above the chart gives the support index, the mean coverage over the six roles."
)


def dependence_from_roles(roles: pd.DataFrame) -> dict[str, float]:
    """The ``plan_dependence`` column of the ``support_roles`` table as ``{role: d_r}``.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> dependence_from_roles(load_table("support_roles"))["escort"]
    0.9
    """
    df = check_frame(roles, ("role_id", "plan_dependence"), name="roles")
    found = {str(r): float(d) for r, d in zip(df["role_id"], df["plan_dependence"], strict=True)}
    missing = [r for r in ROLES if r not in found]
    if missing:
        raise ValueError(f"roles lacks the role(s) {', '.join(missing)}")
    return {r: found[r] for r in ROLES}


def view_levels(capabilities: pd.DataFrame, view: str) -> dict[str, int]:
    """The levels of one ally, or role by role the best of the three for ``"pooled"``.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> view_levels(load_table("support_capabilities"), "pooled")["escort"]
    3
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}; got {view!r}")
    tables = levels_by_ally(capabilities)
    if view == "pooled":
        return pooled_levels(tables.values())
    if view not in tables:
        raise ValueError(f"capabilities has no rows for {view!r}")
    return tables[view]


def summary_text(result: SupportResult) -> str:
    """The line above the chart: the support index and how many roles are ready.

    Examples
    --------
    >>> from proliferation_course.models.support import support_coverage
    >>> res = support_coverage(dict.fromkeys(ROLES, 3), dict.fromkeys(ROLES, 0.5), sharing=1.0)
    >>> summary_text(res).split("<br>")[0]
    'Support index S = 1.00 · roles ready: 6 of 6'
    """
    return (f"Support index S = {result.index:.2f} · roles ready: {len(result.ready)} of {len(ROLES)}<br>"
            f"(ready = coverage ≥ {result.threshold:.2f}, dashed line)")


def coverage_state(result: SupportResult, with_capability: bool = True) -> dict[str, list]:
    """The ``restyle`` payload for the bars: capability (trace 0) and coverage (trace 1).

    With ``with_capability=False`` only the coverage trace is given (a slider step,
    where the capability does not change). Values are rounded to 3 decimals.
    """
    cov = [round(k, 3) for k in result.coverage]
    text = [f"{k:.2f} ready" if k >= result.threshold else f"{k:.2f}" for k in result.coverage]
    if not with_capability:
        return {"x": [cov], "text": [text]}
    cap = [round(c, 3) for c in result.capability]
    cap_text = [f"level {lv}" for lv in result.levels]
    return {"x": [cap, cov], "text": [cap_text, text]}


def _result(levels: Mapping[str, int], dependence: Mapping[str, float], sharing: float,
            weights: Mapping[str, float] | None, threshold: float) -> SupportResult:
    return support_coverage(levels, dependence, sharing=sharing, weights=weights, threshold=threshold)


def support_snapshot_figure(
    levels: Mapping[str, int],
    dependence: Mapping[str, float],
    sharing: float = DEFAULT_SHARING,
    weights: Mapping[str, float] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    label: str = "",
) -> go.Figure:
    """The support-roles chart for one set of inputs, with no controls.

    The live panel (:func:`proliferation_course.widgets.support.support_panel`)
    wraps this figure; the static face adds the ally dropdown and the sharing slider.
    """
    result = _result(levels, dependence, sharing, weights, threshold)
    state = coverage_state(result)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=_ROLE_AXIS, x=state["x"][0], text=state["text"][0], orientation="h", name="Capability (full sharing)",
        textposition="none", marker={"color": "rgba(0,0,0,0)", "line": {"color": COLORS["grid"], "width": 2},
                                     "pattern": {"shape": "/", "fgcolor": COLORS["grid"], "size": 8}},
        hovertemplate="%{y}: capability %{x:.2f} (%{text})<extra></extra>", width=0.8,
    ))
    fig.add_trace(go.Bar(
        y=_ROLE_AXIS, x=state["x"][1], text=state["text"][1], orientation="h", name="Coverage at this sharing",
        textposition="outside", cliponaxis=False, marker={"color": COLORS["triangle"]},
        hovertemplate="%{y}: coverage %{x:.2f}<extra></extra>", width=0.45,
    ))
    title = TITLE if not label else f"{TITLE}<br><sup>{label}</sup>"
    layout = base_layout(title=title, height=600)
    layout["title"].update({"y": 0.98, "yanchor": "top"})
    fig.update_layout(
        layout,
        barmode="overlay",
        xaxis={"range": [0, 1.22], "title": {"text": "Share of the role covered (0 to 1)"},
               "tickvals": [0, 0.25, 0.5, 0.75, 1], "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": -0.17, "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 150, "b": 200},
        shapes=[{"type": "line", "xref": "x", "x0": result.threshold, "x1": result.threshold,
                 "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"color": COLORS["threshold"], "dash": "dash", "width": 2}}],
        annotations=[
            {"xref": "paper", "yref": "paper", "x": 0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
             "showarrow": False, "align": "left", "text": summary_text(result), "font": {"size": 13}},
        ],
        meta={"description": DESCRIPTION,
              "narrow": {"height": 720, "title.font.size": 13, "annotations.0.font.size": 10,
                         "title.text": "Support roles: what an ally's forces<br>could cover (a teaching model)",
                         "xaxis.range": [0, 1.4], "xaxis.title.text": "Share covered (0 to 1)",
                         "margin.t": 165, "margin.b": 230}},
        bargap=0.25,
    )
    return fig


def _slider(view: str, levels: Mapping[str, int], dependence: Mapping[str, float],
            threshold: float) -> dict:
    steps = []
    for s in SHARING_STEPS:
        result = _result(levels, dependence, s, None, threshold)
        steps.append({"method": "update", "label": f"{s:.1f}", "value": f"{s:.1f}",
                      "args": [coverage_state(result, with_capability=False),
                               {"annotations[0].text": summary_text(result)}, _COVERAGE_TRACE]})
    return {"name": f"sharing-{view}", "active": SHARING_STEPS.index(DEFAULT_SHARING),
            "currentvalue": {"prefix": "US planning shared: s = ", "font": {"size": 13}},
            "pad": {"t": 10, "b": 10}, "len": 1.0, "x": 0.0, "y": -0.3, "yanchor": "top", "steps": steps}


def support_roles_figure(
    capabilities: pd.DataFrame,
    roles: pd.DataFrame,
    initial: str = "japan",
    threshold: float = DEFAULT_THRESHOLD,
) -> go.Figure:
    """The static face of the support-roles explorer: an ally dropdown and a sharing slider.

    Parameters
    ----------
    capabilities
        The ``support_capabilities`` table.
    roles
        The ``support_roles`` table (its ``plan_dependence`` column gives ``d_r``).
    initial
        The view shown first, one of :data:`VIEWS`.
    threshold
        The coverage at which a role counts as ready.

    Returns
    -------
    plotly.graph_objects.Figure
        Every dropdown entry and slider step carries a state computed by the model,
        with equal weights; the slider starts at ``s = 0.5``.
    """
    if initial not in VIEWS:
        raise ValueError(f"initial must be one of {', '.join(VIEWS)}; got {initial!r}")
    dependence = dependence_from_roles(roles)
    buttons, sliders = [], {}
    for view in VIEWS:
        levels = view_levels(capabilities, view)
        sliders[view] = _slider(view, levels, dependence, threshold)
        result = _result(levels, dependence, DEFAULT_SHARING, None, threshold)
        buttons.append({"method": "update", "label": ALLY_LABELS[view],
                        "args": [coverage_state(result),
                                 {"sliders": [sliders[view]], "annotations[0].text": summary_text(result)},
                                 _BOTH_TRACES]})
    fig = support_snapshot_figure(view_levels(capabilities, initial), dependence, DEFAULT_SHARING,
                                  threshold=threshold)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left", "y": 1.17,
                      "yanchor": "bottom", "direction": "down", "active": VIEWS.index(initial),
                      "pad": {"b": 4}, "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


_KIND_STYLE = {
    "agreement": ("Agreement", "diamond", COLORS["holds"]),
    "consultation": ("Consultation", "square", COLORS["threshold"]),
    "exercise": ("NATO exercise", "triangle-up", COLORS["fails"]),
    "flight": ("Flight with US B-52s", "circle", COLORS["triangle"]),
}
_TRACKS = ["NATO", "US-Japan", "US-ROK-Japan", "US-ROK"]


def support_timeline_figure(timeline: pd.DataFrame) -> go.Figure:
    """Events of the ``support_timeline`` table on one lane per alliance framework.

    Each kind of event has its own marker shape and colour (and legend entry);
    each point is labelled with its number in the table, and hovering shows its title.
    """
    needed = ("order", "date", "track", "kind", "title")
    df = check_frame(timeline, needed, name="timeline")
    fig = go.Figure()
    for kind, (name, symbol, color) in _KIND_STYLE.items():
        part = df[df["kind"] == kind]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[pd.Timestamp(d).strftime("%Y-%m-%d") for d in part["date"]], y=list(part["track"]),
            mode="markers+text", name=name, text=[str(int(o)) for o in part["order"]],
            textposition="top center", textfont={"size": 12},
            customdata=["<br>".join(textwrap.wrap(str(t), 40)) for t in part["title"]],
            marker={"symbol": symbol, "size": 14, "color": color, "line": {"color": "#ffffff", "width": 1}},
            hovertemplate="%{x|%d %b %Y}<br>%{customdata}<extra>%{y}</extra>",
        ))
    fig.update_layout(
        base_layout(title="Agreements, consultations and exercises, 2023-2025", height=380),
        xaxis={"type": "date", "range": ["2023-02-01", "2026-02-01"], "title": {"text": "Date"}},
        yaxis={"categoryorder": "array", "categoryarray": _TRACKS[::-1], "range": [-0.6, 3.7],
               "automargin": True, "title": {"text": "Framework"}},
        legend={"orientation": "h", "x": 0, "y": -0.3},
        margin={"l": 10, "r": 20, "t": 70, "b": 110},
        meta={"description": (
            "A timeline from 2023 to 2025 with one row per alliance framework: NATO, US-Japan, the trilateral "
            "US-South Korea-Japan format and US-South Korea. Each point is an event, numbered as in the table "
            "below; its shape and colour give its kind (agreement, consultation, NATO exercise or flight with "
            "US B-52 bombers), as the legend explains.")},
    )
    return fig
