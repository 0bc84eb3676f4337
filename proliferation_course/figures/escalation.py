"""Plotly face of the escalation-ladder model.

Left: a matrix of the stylised scenarios (rows, from least to most severe)
against the two ladders (columns: without and with the conventional rungs),
each cell marked by the scenario's category. Below: the share of scenarios in
each category, for both ladders. Buttons switch the theatre (the presets of
``data/escalation_presets.csv``); a slider varies the proportionality band
``b``. Every state comes from
:func:`proliferation_course.models.escalation.compare_ladders`.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the two matrix columns, then one bar trace per category;
* :func:`escalation_state`: the state for one theatre's inputs and one band;
* :func:`escalation_snapshot_figure`: the figure for one theatre and band, with no controls;
* :func:`escalation_ticks`: the row names, which change with the theatre.

The categories are verdicts, so they take the palette's outcome colours:
``meets`` for a credible non-nuclear response, ``contested`` when only a
nuclear response is proportionate, ``fails`` for the "nuclear or nothing" gap.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _
from ..models.escalation import CATEGORIES, CATEGORY_LABELS, LadderResult, compare_ladders, preset_arguments
from ..models.escalation import PRESET_COLUMNS as MODEL_COLUMNS
from ..tables import DataTable, data_table
from .controls import button_row, check_frame, check_initial, check_preset_rows, choice, records, slider, step
from .style import SPACE, base_layout, color

__all__ = [
    "BAND_LABEL",
    "BAND_STEPS",
    "CATEGORY_STYLE",
    "DEFAULT_BAND",
    "DYNAMIC_TRACES",
    "LADDER_LABELS",
    "PRESET_COLUMNS",
    "THEATRE_LABEL",
    "check_presets",
    "escalation_figure",
    "escalation_inputs",
    "escalation_snapshot_figure",
    "escalation_state",
    "escalation_ticks",
    "presets_table",
    "rungs_table",
    "scenarios_table",
]

#: Slider positions for the band b (a preset's own band is added if it is not one of them).
BAND_STEPS: tuple[float, ...] = (0.05, 0.10, 0.15, 0.20, 0.25, 0.30)
#: The band of a snapshot drawn without one (the presets give their own).
DEFAULT_BAND: float = 0.10
LADDER_LABELS: tuple[str, str] = (N_("Without conventional rungs"), N_("With conventional rungs"))
#: Colour and marker symbol of each category (two cues, not colour alone).
CATEGORY_STYLE: dict[str, dict[str, str]] = {
    "non_nuclear": {"color": color("meets"), "symbol": "circle", "short": N_("Non-nuclear")},
    "nuclear_only": {"color": color("contested"), "symbol": "diamond", "short": N_("Nuclear only")},
    "gap": {"color": color("fails"), "symbol": "x", "short": N_("Nuclear or nothing")},
}
#: Indices of the traces a state changes: the two matrix columns, then one bar trace per category.
DYNAMIC_TRACES: tuple[int, ...] = (0, 1, 2, 3, 4)
#: The columns of the presets table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", "theatre", *MODEL_COLUMNS)
#: The visible labels of the controls (the live panel uses the same).
THEATRE_LABEL, BAND_LABEL = N_("Theatre"), N_("Proportionality band b")
TITLE = N_("Escalation ladder: non-nuclear answers (a teaching model)")
_RUNG_COLUMNS = ("theatre", "rung_id", "label", "short_label", "level", "nuclear", "conventional_rung")
_SCENARIO_COLUMNS = ("theatre", "scenario_id", "label", "short_label", "severity")


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``escalation_presets`` table checked (the columns the explorer reads, at least one
    row, each band in [0, 1]) and sorted by ``order``."""
    return check_preset_rows(presets, PRESET_COLUMNS, preset_arguments)



def escalation_inputs(rungs: pd.DataFrame, scenarios: pd.DataFrame, theatre: str) -> dict[str, Any]:
    """The model's inputs for one theatre, read from the two tables (scenarios by severity)."""
    rungs = check_frame(rungs, _RUNG_COLUMNS, name="rungs")
    scenarios = check_frame(scenarios, _SCENARIO_COLUMNS, name="scenarios")
    r = rungs.loc[rungs["theatre"] == theatre]
    s = scenarios.loc[scenarios["theatre"] == theatre].sort_values("severity", kind="mergesort")
    if r.empty or s.empty:
        raise ValueError(f"theatre {theatre!r} has no rungs or no scenarios")
    return {
        "rung_labels": [str(v) for v in localized(r, "label")],
        "rung_short": [str(v) for v in localized(r, "short_label")],
        "levels": [float(v) for v in r["level"]],
        "nuclear": [bool(v) for v in r["nuclear"]],
        "conventional": [bool(v) for v in r["conventional_rung"]],
        "scenario_labels": [str(v) for v in localized(s, "label")],
        "scenario_short": [str(v) for v in localized(s, "short_label")],
        "severities": [float(v) for v in s["severity"]],
    }


def _cell_text(result: LadderResult, i: int, inputs: dict[str, Any]) -> str:
    """The mark's label: the rung that answers the scenario, or the gap."""
    k = result.responses[i]
    return inputs["rung_short"][k] if k >= 0 else _("none: nuclear or nothing")


def _hover(inputs: dict[str, Any]) -> list[str]:
    return [_("{scenario} (severity {severity:.2f})").format(scenario=label, severity=s)
            for label, s in zip(inputs["scenario_labels"], inputs["severities"], strict=True)]


def escalation_state(inputs: dict[str, Any], band: float, full: bool = False) -> dict[str, list[Any]]:
    """Data of the changing traces: the two matrix columns, then one bar trace per category.

    Returns a ``plotly`` ``restyle`` payload with one value per trace of
    :data:`DYNAMIC_TRACES`. Matrix rows sit at ``y = 0, 1, ...`` (scenarios by severity;
    their names are the axis's tick labels, see :func:`escalation_ticks`) and
    columns at ``x = 0`` (without) and ``x = 1`` (with). The bars are
    horizontal: ``x`` is the share of scenarios. A band step sends only marks,
    texts and shares; ``full=True`` adds the positions and hover texts, which
    a change of theatre needs.
    """
    results = compare_ladders(inputs["severities"], inputs["levels"], inputs["nuclear"],
                              inputs["conventional"], band)
    n = len(inputs["severities"])
    xs: list[Any] = []
    ys: list[Any] = []
    texts: list[Any] = []
    colors: list[Any] = []
    symbols: list[Any] = []
    hovers: list[Any] = []
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


def escalation_ticks(inputs: dict[str, Any]) -> dict[str, list[Any]]:
    """Layout keys that name the matrix rows (``yaxis.tickvals``, ``yaxis.ticktext``)."""
    return {"yaxis.tickvals": list(range(len(inputs["scenario_short"]))),
            "yaxis.ticktext": list(inputs["scenario_short"])}


def escalation_snapshot_figure(inputs: dict[str, Any], band: float = DEFAULT_BAND,
                               theatre_label: str = "") -> go.Figure:
    """The matrix and the bars for one theatre and one band, with no controls."""
    state = escalation_state(inputs, band, full=True)
    ticks = escalation_ticks(inputs)
    fig = go.Figure()
    for col in range(2):
        fig.add_trace(go.Scatter(
            x=state["x"][col], y=state["y"][col], mode="markers+text", text=state["text"][col],
            textposition="middle right", textfont={"size": 11, "color": color("text")},
            marker={"color": state["marker.color"][col], "symbol": state["marker.symbol"][col],
                    "size": 14, "line": {"width": 2, "color": state["marker.color"][col]}},
            hovertext=state["hovertext"][col], hovertemplate="%{hovertext}<br>%{text}<extra></extra>",
            name=_(LADDER_LABELS[col]), showlegend=False, cliponaxis=False, xaxis="x", yaxis="y"))
    for j, cat in enumerate(CATEGORIES):
        idx = 2 + j
        fig.add_trace(go.Bar(
            x=state["x"][idx], y=state["y"][idx], text=state["text"][idx], name=_(CATEGORY_LABELS[cat]),
            orientation="h",
            marker={"color": state["marker.color"][idx],
                    "pattern": {"shape": {"non_nuclear": "", "nuclear_only": "/", "gap": "x"}[cat],
                                "fillmode": "overlay", "fgcolor": color("background"), "fgopacity": 0.5}},
            textposition="inside", insidetextanchor="middle",
            textfont={"color": color("background")},
            hovertemplate="%{fullData.name}: %{x:.0%}<extra></extra>", xaxis="x2", yaxis="y2"))
    n = len(ticks["yaxis.tickvals"])
    fig.update_layout(
        base_layout(title=_(TITLE), height=660),
        barmode="stack",
        xaxis={"domain": [0.0, 1.0], "range": [-0.25, 1.95], "fixedrange": True, "side": "top",
               "tickvals": [0, 1], "ticktext": [_(label) for label in LADDER_LABELS], "showline": False,
               "ticks": ""},
        yaxis={"domain": [0.3, 1.0], "tickvals": ticks["yaxis.tickvals"], "ticktext": ticks["yaxis.ticktext"],
               "range": [-0.6, n - 0.4], "automargin": True, "fixedrange": True, "showgrid": True},
        xaxis2={"domain": [0.0, 1.0], "anchor": "y2", "range": [0, 1], "tickformat": ".0%",
                "fixedrange": True, "title": {"text": _("Share of the scenarios")}},
        yaxis2={"domain": [0.0, 0.16], "anchor": "x2", "tickvals": [1, 0], "ticktext": [_("Without"), _("With")],
                "range": [-0.6, 1.6], "fixedrange": True, "automargin": True},
        # The legend under the figure, from its left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 120, "b": 110},
        # On a phone the response names of the two columns would run into each other: the
        # cells show their symbols only (a tap on one shows its response), and the column
        # names wrap.
        meta={"narrow": {"height": 640, "margin.b": 110, "xaxis.range": [-0.5, 1.5],
                         "xaxis.ticktext": [_("Without"), _("With")], "xaxis.tickangle": 0,
                         "yaxis.domain": [0.3, 1.0], "yaxis2.domain": [0.0, 0.16],
                         "xaxis2.title.text": _("Share"), "xaxis2.tickvals": [0, 0.5, 1],
                         "data[0].mode": "markers", "data[1].mode": "markers",
                         **{f"data[{2 + j}].name": _(CATEGORY_STYLE[c]["short"])
                            for j, c in enumerate(CATEGORIES)}}},
    )
    fig.layout.meta["subtitle"] = _(
        "Each row is a stylised provocation, from the least to the most severe; each mark is the response "
        "that fits it, without and with the rungs that conventional long-range strike adds.")
    fig.layout.meta["notes"] = _(
        "A stylised teaching model, not a prediction. A response is credible when its level lies within "
        "b = {band:.2f} of the provocation's severity. Circle: a credible non-nuclear response; diamond: only "
        "a nuclear response is proportionate; cross: no proportionate response, nuclear or nothing.").format(
        band=band)
    fig.layout.meta["source"] = _("The course's model (chapter 10); levels, severities and the band are the "
                                 "course authors' judgements, with their reasons in the tables below.")
    if theatre_label:
        fig.layout.meta["description"] = _(
            "Top, one row per stylised scenario in {theatre}, from "
            "least to most severe, and two columns: the alliance's ladder of responses without and with the "
            "conventional long-range strike rungs. Each cell names the fitting response and shows its category: "
            "a circle for a credible non-nuclear response, a diamond when only a nuclear response is "
            "proportionate, a cross for the 'nuclear or nothing' gap. Below, stacked bars give the share of "
            "scenarios in each category for both ladders.").format(theatre=theatre_label)
    else:
        fig.layout.meta["description"] = _(
            "Top, one row per stylised scenario, from "
            "least to most severe, and two columns: the alliance's ladder of responses without and with the "
            "conventional long-range strike rungs. Each cell names the fitting response and shows its category: "
            "a circle for a credible non-nuclear response, a diamond when only a nuclear response is "
            "proportionate, a cross for the 'nuclear or nothing' gap. Below, stacked bars give the share of "
            "scenarios in each category for both ladders.")
    return fig


def _band_slider(preset_id: str, inputs: dict[str, Any], band: float) -> dict[str, Any]:
    values = sorted(set(BAND_STEPS) | {band})
    steps = [step(f"{b:.2f}", state=escalation_state(inputs, b), traces=DYNAMIC_TRACES) for b in values]
    return slider(steps, label=_(BAND_LABEL), active=values.index(band), name=f"band-{preset_id}")


def escalation_figure(rungs: pd.DataFrame, scenarios: pd.DataFrame, presets: pd.DataFrame,
                      initial: str | None = None) -> go.Figure:
    """The static face of the escalation-ladder explorer: theatre buttons and a band slider.

    Parameters
    ----------
    rungs, scenarios, presets
        The ``escalation_rungs``, ``escalation_scenarios`` and ``escalation_presets`` tables.
    initial
        The ``preset_id`` shown first; the first preset by ``order`` if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Every button and slider step carries a state computed by the model;
        each theatre brings its own slider, which starts at its preset's band.
    """
    presets = check_presets(presets)
    ids = [str(v) for v in presets["preset_id"]]
    initial = check_initial(initial, ids)
    entries, sliders, inputs = [], {}, {}
    for row in records(presets):
        pid, band = str(row["preset_id"]), preset_arguments(row)["band"]
        inputs[pid] = escalation_inputs(rungs, scenarios, str(row["theatre"]))
        sliders[pid] = _band_slider(pid, inputs[pid], band)
        entries.append(choice(text(row, "label"), state=escalation_state(inputs[pid], band, full=True),
                              layout={"sliders": [sliders[pid]], **escalation_ticks(inputs[pid])},
                              traces=DYNAMIC_TRACES))
    first = records(presets.loc[presets["preset_id"] == initial])[0]
    fig = escalation_snapshot_figure(inputs[initial], preset_arguments(first)["band"], text(first, "label"))
    fig.update_layout(updatemenus=[button_row(entries, label=_(THEATRE_LABEL), active=ids.index(initial))],
                      sliders=[sliders[initial]])
    return fig


# --------------------------------------------------------------------------------------
# The chapter's tables, with their headings and captions in the reader's language
# --------------------------------------------------------------------------------------

def rungs_table(rungs: pd.DataFrame) -> DataTable:
    """The ``escalation_rungs`` table as the chapter shows it."""
    return data_table(
        rungs,
        {"theatre": _("Theatre"), "label": _("Response"), "level": _("Level"), "nuclear": _("Nuclear"),
         "conventional_rung": _("Added by conventional strike")},
        caption=_("Rungs of the escalation ladder (the course authors' judgements)"),
        note_column="rationale", note_heading=_("Why this level"))


def scenarios_table(scenarios: pd.DataFrame) -> DataTable:
    """The ``escalation_scenarios`` table as the chapter shows it."""
    return data_table(
        scenarios,
        {"theatre": _("Theatre"), "label": _("Scenario"), "severity": _("Severity")},
        caption=_("Stylised scenarios of the escalation ladder (the course authors' judgements)"),
        note_column="rationale", note_heading=_("Why this severity"))


def presets_table(presets: pd.DataFrame) -> DataTable:
    """The ``escalation_presets`` table as the chapter shows it."""
    return data_table(
        presets,
        {"label": _("Theatre"), "band": _("Band b")},
        caption=_("Presets of the escalation ladder: the band each theatre starts from (the course authors' "
                  "judgement)"),
        note_column="rationale", note_heading=_("Why this band"))
