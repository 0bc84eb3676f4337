"""Plotly faces of the two-theatre model and of the Poland-South Korea agreements table.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.two_theatre.two_theatre` and
:func:`~proliferation_course.models.two_theatre.compare_rules`), so the website
needs no kernel: a dropdown switches the scenario presets (each with its own
allocation rule), and a slider varies the size of the shock in theatre 2.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the indices of the traces a state changes (all eight:
  demand, cumulative unmet demand, total unmet demand by rule);
  :data:`SHOCK_TRACES`, the ones a step of the shock slider changes;
* :func:`two_theatre_state`: the state for one set of inputs, a ``restyle`` payload;
* :func:`two_theatre_snapshot_figure`: the figure for one set of inputs, with no controls;
* :func:`shock_layout`: the line marking the week of the shock and the week axis.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..i18n import N_, _, format_count
from ..models.two_theatre import (
    PARAMETERS,
    RULE_LABELS,
    RULE_SHORT,
    RULES,
    compare_rules,
    preset_arguments,
    two_theatre,
)
from ..models.two_theatre import PRESET_COLUMNS as MODEL_COLUMNS
from ..tables import DataTable, data_table
from .controls import check_frame, check_initial, choice, dropdown, slider, step
from .style import SPACE, base_layout, color, threshold_line

__all__ = [
    "DYNAMIC_TRACES",
    "KIND_LABELS",
    "PARAMETERS",
    "PRESET_COLUMNS",
    "SHOCK_LABEL",
    "SHOCK_STEPS",
    "SHOCK_TRACES",
    "agreements_figure",
    "agreements_table",
    "check_presets",
    "presets_table",
    "shock_layout",
    "two_theatre_figure",
    "two_theatre_snapshot_figure",
    "two_theatre_state",
]

#: Slider positions for the shock in theatre 2 (units a week); the preset's own value is added.
SHOCK_STEPS: tuple[float, ...] = tuple(float(v) for v in range(0, 31, 3))
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: Indices of the traces a state changes: weekly demand (2), cumulative unmet (4), bars (2).
DYNAMIC_TRACES: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6, 7)
#: What a shock-slider step changes: theatre 1's demand, and its shortfall under separate
#: pools, do not depend on theatre 2 at all, so traces 0 and 2 stay as they are.
SHOCK_TRACES: tuple[int, ...] = (1, 3, 4, 5, 6, 7)
#: The visible labels of the static figure's controls.
PRESET_LABEL, SHOCK_LABEL = N_("Scenario"), N_("Shock in theatre 2, units a week")


def _r(values: Any, digits: int = 1) -> list[float | int]:
    """Round for the page; whole numbers are written without a decimal point (a smaller page)."""
    out: list[float | int] = []
    for v in values:
        x = round(float(v), digits) + 0.0
        out.append(int(x) if x.is_integer() else x)
    return out


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``two_theatre_presets`` table checked (the columns the explorer reads, at least one
    row, every row's values accepted by the model) and sorted by ``order``."""
    presets = check_frame(presets, PRESET_COLUMNS)
    for row in presets.to_dict("records"):
        preset_arguments(row)
    return presets


def two_theatre_state(params: dict[str, Any], rule: str) -> dict[str, list[Any]]:
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
    cats = [_(RULE_SHORT[r]) for r in RULES]
    # Two-line tick labels (they fit the narrow bar panel); the chosen rule in bold.
    ticks = [c.replace(" ", "<br>") for c in cats]
    marked = [f"<b>{t}</b>" if r == rule else t for r, t in zip(RULES, ticks, strict=True)]
    weeks_text = _("{weeks} wk")
    bar_text = [[weeks_text.format(weeks=n) for n in table.loc[list(RULES), f"shortfall_weeks_{i}"].astype(int)]
                for i in (1, 2)]
    chosen = _(RULE_LABELS[rule])
    return {
        "x": [weeks, weeks, weeks, weeks, weeks, weeks, marked, marked],
        "y": [_r(sep.demand[0]), _r(sep.demand[1]),
              _r(sep.cumulative_unmet(1)), _r(sep.cumulative_unmet(2)),
              _r(pooled.cumulative_unmet(1)), _r(pooled.cumulative_unmet(2)),
              _r(table.loc[list(RULES), "unmet_1"]), _r(table.loc[list(RULES), "unmet_2"])],
        "text": [None, None, None, None, None, None, bar_text[0], bar_text[1]],
        "name": [_("Demand, theatre 1"), _("Demand, theatre 2"),
                 _("Theatre 1, separate pools"), _("Theatre 2, separate pools"),
                 _("Theatre 1, {rule}").format(rule=chosen[:1].lower() + chosen[1:]),
                 _("Theatre 2, {rule}").format(rule=chosen[:1].lower() + chosen[1:]),
                 _("Theatre 1: total unmet"), _("Theatre 2: total unmet")],
        "customdata": [None, None, None, None, None, None, cats, cats],
    }


def shock_layout(shock_week: int, weeks: int) -> dict[str, Any]:
    """The week of the shock (a reference line in both time panels, labelled) and the week axis."""
    where = {"x0": shock_week, "x1": shock_week, "y0": 0, "y1": 1}
    return {
        "shapes": [threshold_line(xref="x", yref="y domain", **where),
                   threshold_line(xref="x2", yref="y2 domain", **where)],
        "annotations": [{"xref": "x", "x": shock_week, "yref": "y domain", "y": 1.0,
                         "text": _("shock, week {week}").format(week=shock_week), "showarrow": False,
                         "xanchor": "left",
                         "yanchor": "bottom", "font": {"size": 12, "color": color("threshold")}}],
        "xaxis.range": [-0.5, weeks - 0.5],
    }


def two_theatre_snapshot_figure(params: dict[str, Any], rule: str) -> go.Figure:
    """The two-theatre figure for one set of parameters and one rule, with no controls.

    The live panel (:func:`proliferation_course.widgets.two_theatre.two_theatre_panel`)
    wraps this figure and updates it; the static face adds presets and a slider.
    """
    state = two_theatre_state(params, rule)
    t1, t2 = color("theatre_1"), color("theatre_2")
    fig = go.Figure()
    for k, (ink, dash) in enumerate(((t1, "solid"), (t2, "dashdot"))):
        fig.add_trace(go.Scatter(
            x=state["x"][k], y=state["y"][k], name=state["name"][k], mode="lines",
            line={"color": ink, "width": 2, "dash": dash, "shape": "hv"}, legendrank=k + 1,
            hovertemplate=_("Week %{x}: %{y} units needed") + "<extra>" + state["name"][k] + "</extra>",
            xaxis="x", yaxis="y"))
    styles = ((t1, "dash", "circle-open"), (t2, "dash", "square-open"),
              (t1, "solid", "circle"), (t2, "solid", "square"))
    for k, (ink, dash, symbol) in enumerate(styles, start=2):
        fig.add_trace(go.Scatter(
            x=state["x"][k], y=state["y"][k], name=state["name"][k], mode="lines+markers",
            line={"color": ink, "width": 2.5, "dash": dash},
            marker={"symbol": symbol, "size": 6, "color": ink}, legendrank=k + 1,
            hovertemplate=_("Week %{x}: %{y:.1f} units short so far") + "<extra>%{fullData.name}</extra>",
            xaxis="x2", yaxis="y2"))
    # hatching in the page's colour over the bar's own (visible in light and dark mode)
    hatch = {"shape": "/", "fillmode": "overlay", "fgcolor": color("background"), "size": 6, "solidity": 0.3}
    for k, ink, pattern in ((6, t1, None), (7, t2, hatch)):
        marker: dict[str, Any] = {"color": ink}
        if pattern:
            marker["pattern"] = pattern
        fig.add_trace(go.Bar(
            x=state["x"][k], y=state["y"][k], text=state["text"][k], name=state["name"][k],
            customdata=state["customdata"][k], textposition="inside", insidetextanchor="middle",
            textangle=0, textfont={"size": 11, "color": color("background")}, marker=marker,
            showlegend=False,
            hovertemplate=_("%{customdata}: %{y:.1f} units unmet, %{text} short") + "<extra>%{fullData.name}"
                          "</extra>",
            xaxis="x3", yaxis="y3"))
    shock = shock_layout(int(params["shock_week"]), int(params["weeks"]))
    fig.update_layout(
        base_layout(title=_("Two theatres, one shock: separate or pooled supplies (a teaching model)"),
                    height=700),
        barmode="stack",
        # a bar's label at 11 px or not at all (plotly would shrink it to fit a short bar)
        uniformtext={"minsize": 11, "mode": "hide"},
        bargap=0.1,
        xaxis={"domain": [0.0, 0.5], "anchor": "y", "range": shock.pop("xaxis.range"), "matches": "x2",
               "showticklabels": False, "fixedrange": True},
        yaxis={"domain": [0.74, 0.94], "anchor": "x", "rangemode": "tozero", "fixedrange": True,
               "title": {"text": _("Demand / week")}},
        xaxis2={"domain": [0.0, 0.5], "anchor": "y2", "fixedrange": True,
                "title": {"text": _("Week")}},
        yaxis2={"domain": [0.0, 0.64], "anchor": "x2", "rangemode": "tozero", "fixedrange": True,
                "title": {"text": _("Unmet demand so far (units)")}},
        xaxis3={"domain": [0.62, 1.0], "anchor": "y3", "fixedrange": True, "tickangle": 0,
                "automargin": True, "tickfont": {"size": 11}},
        yaxis3={"domain": [0.0, 0.94], "anchor": "x3", "rangemode": "tozero", "fixedrange": True,
                "title": {"text": _("Total unmet demand by rule")}},
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 90, "b": 130},
        **shock,
        # On a narrow screen course.js stacks the three panels, with the legend under them.
        meta={"narrow": {"height": 1000, "margin.b": 190,
                         "xaxis.domain": [0.0, 1.0], "xaxis2.domain": [0.0, 1.0],
                         "xaxis3.domain": [0.0, 1.0],
                         "yaxis.domain": [0.82, 0.96], "yaxis2.domain": [0.42, 0.72],
                         "yaxis3.domain": [0.0, 0.3],
                         "yaxis.title.text": _("Demand"), "yaxis2.title.text": _("Unmet so far"),
                         "yaxis3.title.text": _("Total unmet")}},
    )
    fig.layout.meta["subtitle"] = _(
        "Theatre 1 is already at war; a shock then hits theatre 2. Left, week by week, what each "
        "theatre needs and how much of it goes unmet with separate or pooled supplies. Right, the "
        "total left unmet under every allocation rule.")
    fig.layout.meta["notes"] = _(
        "A stylised teaching model, not a prediction: supplies are abstract units, and the presets' "
        "numbers are the course authors' illustrative choices.")
    fig.layout.meta["source"] = _("The course's model (chapter 12), after the essay's two-theatre "
                                 "scenario (Albessard 2025); the presets are in the table below.")
    fig.layout.meta["description"] = _(
        "Top left: weekly demand in theatre 1 (solid line) and theatre 2 (dash-dot line); the dashed "
        "vertical line marks the week of the shock in theatre 2. Bottom left: unmet demand added up "
        "week by week, with dashed lines and open markers for separate pools and solid lines and filled "
        "markers for the pooled rule of the chosen scenario (circles: theatre 1, squares: theatre 2). "
        "Right: total unmet demand of each theatre under every rule, stacked (theatre 2 hatched), with "
        "the number of weeks of shortfall written in each bar; the chosen rule's name is in bold."
    )
    return fig


def _shock_slider(preset_id: str, args: dict[str, Any]) -> dict[str, Any]:
    params = {k: v for k, v in args.items() if k != "rule"}
    own = round(float(params["shock_2"]), 4)
    values = sorted(set(SHOCK_STEPS) | {own})
    steps = []
    for v in values:
        state = two_theatre_state({**params, "shock_2": v}, args["rule"])
        # Only what the shock can change: the y values and bar labels of SHOCK_TRACES.
        payload = {"y": [state["y"][i] for i in SHOCK_TRACES],
                   "text": [state["text"][i] for i in SHOCK_TRACES]}
        steps.append(step(f"{v:g}", state=payload, traces=SHOCK_TRACES))
    return slider(steps, label=_(SHOCK_LABEL), active=values.index(own), name=f"shock-{preset_id}")


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
    presets = check_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    initial = check_initial(initial, ids)
    sliders, entries = {}, []
    for row in presets.to_dict("records"):
        pid, args = str(row["preset_id"]), preset_arguments(row)
        params = {k: v for k, v in args.items() if k != "rule"}
        sliders[pid] = _shock_slider(pid, args)
        state = two_theatre_state(params, args["rule"])
        state.pop("customdata")
        layout = {"sliders": [sliders[pid]], **shock_layout(params["shock_week"], params["weeks"])}
        entries.append(choice(data.text(row, "label"), state=state, layout=layout, traces=DYNAMIC_TRACES))
    first = preset_arguments(presets.loc[presets["preset_id"] == initial].iloc[0])
    rule = first.pop("rule")
    fig = two_theatre_snapshot_figure(first, rule)
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
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
    agreements = check_frame(agreements, ["kind", "system", "quantity"], name="agreements")
    frame = agreements[agreements["kind"] == "framework agreement"].dropna(subset=["quantity"])
    systems = list(dict.fromkeys(frame["system"]))
    fw = frame.groupby("system")["quantity"].sum()
    ex = (agreements[(agreements["kind"] == "executive contract") & agreements["system"].isin(systems)]
          .dropna(subset=["quantity"]).groupby("system")["quantity"].sum())
    # Short labels on the axis ("K2", "K239 Chunmoo"); the full name is in the hover text.
    labels = [" ".join(w for w in str(s).split() if not w.islower()) or str(s) for s in systems]
    fig = go.Figure()
    full = dict(zip(frame["system"], data.localized(frame, "system"), strict=True))
    for name, hover, values, ink, pattern in (
        (_("Framework agreement (2022)"), _("%{customdata}: %{x:,} (framework agreement, 2022)"),
         [int(fw.get(s, 0)) for s in systems], color("series_3"), "/"),
        (_("Under executive contracts so far"), _("%{customdata}: %{x:,} (under executive contracts so far)"),
         [int(ex.get(s, 0)) for s in systems], color("series_1"), ""),
    ):
        fig.add_trace(go.Bar(
            y=labels, x=values, name=name, orientation="h", text=[format_count(v) for v in values],
            textposition="outside", cliponaxis=False, customdata=[full[s] for s in systems],
            marker={"color": ink, "pattern": {"shape": pattern, "fillmode": "overlay", "size": 8,
                                              "solidity": 0.3, "fgcolor": color("background")}},
            hovertemplate=hover + "<extra></extra>"))
    fig.update_layout(
        base_layout(title=_("Poland-South Korea: framework quantities and contracts placed"), height=420),
        barmode="group",
        xaxis={"title": {"text": _("Units (tanks, howitzers, aircraft, launchers)")}, "rangemode": "tozero"},
        yaxis={"automargin": True, "autorange": "reversed"},
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["xl"], "t": 60, "b": 90},
        meta={"narrow": {"height": 480, "margin.b": 110, "xaxis.title.text": _("Units")},
              "subtitle": _("What Poland agreed to buy from South Korea in 2022, and how much of it "
                           "executive contracts have placed so far."),
              "source": _("The poland_korea_agreements table below, with a source for every row.")},
    )
    fig.layout.meta["description"] = _(
        "For each weapon system, the hatched grey bar is the quantity in the 2022 framework agreement "
        "and the solid blue bar the quantity placed under executive contracts signed since, added up. "
        "A blue bar shorter than the grey one means part of the framework is not yet under contract; "
        "the numbers are written at the end of each bar."
    )
    return fig


#: How each kind of agreement (the ``kind`` key) is named in the table.
KIND_LABELS = {"framework agreement": N_("framework agreement"), "executive contract": N_("executive contract"),
               "joint venture agreement": N_("joint venture agreement")}


def presets_table(presets: pd.DataFrame) -> DataTable:
    """The ``two_theatre_presets`` table as the chapter shows it: each scenario, its rule and values."""
    shown = presets.copy()
    for column in ("label", "rationale"):
        shown[column] = data.localized(presets, column)
    shown["rule"] = [_(RULE_LABELS[str(r)]) if str(r) in RULE_LABELS else str(r) for r in presets["rule"]]
    return data_table(
        shown,
        {"label": _("Scenario"), "rule": _("Pooled rule"), "shock_2": _("Shock"), "shock_week": _("Shock week"),
         "stock_1": _("Stock 1"), "stock_2": _("Stock 2"), "production_1": _("Prod. 1"),
         "production_2": _("Prod. 2"), "efficiency": _("Efficiency")},
        caption=_("Scenario presets of the two-theatre explorer (the course authors' illustrative choices)"),
        note_column="rationale", note_heading=_("Why these values"))


def agreements_table(agreements: pd.DataFrame) -> DataTable:
    """The ``poland_korea_agreements`` table as the chapter shows it, under its figure."""
    shown = agreements.copy()
    shown["kind"] = [_(KIND_LABELS[str(k)]) if str(k) in KIND_LABELS else str(k) for k in agreements["kind"]]
    for column in ("system", "parties", "note"):
        shown[column] = data.localized(agreements, column)
    return data_table(
        shown,
        {"date": _("Date"), "kind": _("Kind"), "system": _("System"), "parties": _("Parties"),
         "quantity": _("Quantity"), "value_usd_bn": _("Value (US$ bn)")},
        caption=_("Poland-South Korea defence-industrial agreements, 2022-2025"),
        note_column="note", note_heading=_("Caveats and disagreements"))
