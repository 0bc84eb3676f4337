"""Plotly faces of the support-roles model and of the alliance-cooperation timeline.

Every state the static explorer can show is computed here by calling the model
(:func:`proliferation_course.models.support.support_coverage`): a dropdown
switches between the choices of the ``support_presets`` table (Japan, Germany,
Canada and the three pooled), and a slider sets how much operational planning
the United States shares, from 0 to 1. A slider step sends only what changes
(the coverage bars and the summary line).

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the indices of the traces a state changes (the
  capability bars and the coverage bars); :data:`COVERAGE_TRACES`, those a
  slider step changes (the coverage bars);
* :func:`support_state`: the state for one result, a ``restyle`` payload;
* :func:`support_layout`: the summary line and the dashed threshold, a ``relayout`` payload;
* :func:`support_snapshot_figure`: the figure for one set of inputs, with no controls.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..i18n import N_, _, language
from ..models.support import PRESET_COLUMNS as MODEL_COLUMNS
from ..models.support import (
    ROLE_LABELS,
    ROLES,
    SupportResult,
    ally_levels,
    preset_arguments,
    support_coverage,
)
from ..tables import DataTable, data_table
from .controls import check_frame, check_initial, check_preset_rows, choice, dropdown, records, slider, step
from .style import SPACE, TRANSPARENT, base_layout, color, threshold_line

__all__ = [
    "COVERAGE_TRACES",
    "DEFAULT_THRESHOLD",
    "DYNAMIC_TRACES",
    "KIND_LABELS",
    "PRESET_COLUMNS",
    "ALLY_LABELS",
    "PRESET_LABEL",
    "SHARING_LABEL",
    "SHARING_STEPS",
    "TRACK_LABELS",
    "capabilities_table",
    "check_presets",
    "dependence_from_roles",
    "preset_rows",
    "presets_table",
    "roles_table",
    "summary_text",
    "support_layout",
    "support_roles_figure",
    "support_snapshot_figure",
    "support_state",
    "support_timeline_figure",
    "timeline_table",
]

#: Slider positions for the share of planning the United States shares (a preset's own value is added).
SHARING_STEPS: tuple[float, ...] = tuple(round(i / 10, 1) for i in range(11))
DEFAULT_THRESHOLD = 0.5
#: Indices of the traces a state changes: the capability bars and the coverage bars.
DYNAMIC_TRACES: tuple[int, int] = (0, 1)
#: The traces a step of the sharing slider changes: the coverage bars (capability does not move).
COVERAGE_TRACES: tuple[int] = (1,)
#: The columns of the presets table that the figure reads.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the static figure's controls.
PRESET_LABEL, SHARING_LABEL = N_("Ally"), N_("US planning shared s")
TITLE = N_("Support roles: what an ally's forces could cover (a teaching model)")
#: The frame's text: subtitle, notes and source (the description is :data:`DESCRIPTION`).
_TEXTS = {
    "subtitle": N_("How far an ally's conventional forces could cover each support role of US nuclear "
                 "operations, once the share of US operational planning it is given is taken into account."),
    "notes": N_("A stylised teaching model, not an assessment: coverage = capability × (1 − d × (1 − s)), where "
              "d is the role's dependence on shared planning. The levels and dependences are the course "
              "authors' judgements from public sources (tables below)."),
    "source": N_("The course's model (chapter 11), after the essay's list of support roles; levels and "
               "dependences in the tables below."),
}
DESCRIPTION = N_(
    "Horizontal bars, one per support role. The hatched outlined bar is the ally's capability "
    "(level 0 to 3 from the capability table, as a share of 3); the solid bar is the coverage "
    "that remains once the share of US operational planning set by the slider is taken into "
    "account, with its value and the word 'ready' when it reaches the dashed threshold line at 0.5. "
    "The lines above the chart give the support index, the mean coverage over the six roles."
)


def _axis_label(role: str) -> str:
    """A role's label (:data:`ROLE_LABELS`, in the reader's language) on at most two lines of
    about 16 characters (8 in Japanese, whose characters are twice as wide).

    >>> _axis_label("maintenance")
    'Maintenance and<br>other support'
    """
    return "<br>".join(textwrap.wrap(_(ROLE_LABELS[role]), 8 if language() == "ja" else 16))


def _role_axis() -> list[str]:
    return [_axis_label(r) for r in ROLES]


def _texts() -> dict[str, str]:
    return {key: _(value) for key, value in _TEXTS.items()}


def preset_rows(presets: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a presets table as dicts keyed by column name, in table order."""
    return records(presets)


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``support_presets`` table checked (the columns the figure reads, at least one row,
    allies and sharing as the model needs them) and sorted by ``order``."""
    return check_preset_rows(presets, PRESET_COLUMNS, preset_arguments)


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


def summary_text(result: SupportResult) -> str:
    """The line above the chart: the support index and how many roles are ready.

    Examples
    --------
    >>> from proliferation_course.models.support import support_coverage
    >>> res = support_coverage(dict.fromkeys(ROLES, 3), dict.fromkeys(ROLES, 0.5), sharing=1.0)
    >>> summary_text(res).split("<br>")
    ['Support index S = 1.00', 'roles ready: 6 of 6', '(ready = coverage ≥ 0.50)']
    """
    # Three short lines: they fit above the plot on a phone.
    return _("Support index S = {index:.2f}<br>roles ready: {ready} of {roles}<br>"
             "(ready = coverage ≥ {threshold:.2f})").format(
        index=result.index, ready=len(result.ready), roles=len(ROLES), threshold=result.threshold)


def support_state(result: SupportResult, with_capability: bool = True) -> dict[str, list]:
    """The ``restyle`` payload for the bars: capability (trace 0) and coverage (trace 1).

    With ``with_capability=False`` only the coverage trace is given (a slider step,
    where the capability does not change; :data:`COVERAGE_TRACES`). Values are
    rounded to 3 decimals.
    """
    cov = [round(k, 3) for k in result.coverage]
    text = [_("{coverage:.2f} ready").format(coverage=k) if k >= result.threshold else f"{k:.2f}"
            for k in result.coverage]
    if not with_capability:
        return {"x": [cov], "text": [text]}
    cap = [round(c, 3) for c in result.capability]
    cap_text = [_("level {level}").format(level=lv) for lv in result.levels]
    return {"x": [cap, cov], "text": [cap_text, text]}


def support_layout(result: SupportResult) -> dict[str, Any]:
    """The ``relayout`` payload for one result: the summary line and the dashed threshold."""
    return {"annotations[0].text": summary_text(result),
            "shapes[0].x0": result.threshold, "shapes[0].x1": result.threshold}


def _result(levels: Mapping[str, int], dependence: Mapping[str, float], sharing: float,
            weights: Mapping[str, float] | None, threshold: float) -> SupportResult:
    return support_coverage(levels, dependence, sharing=sharing, weights=weights, threshold=threshold)


def support_snapshot_figure(
    levels: Mapping[str, int],
    dependence: Mapping[str, float],
    sharing: float = 0.5,
    weights: Mapping[str, float] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    label: str = "",
) -> go.Figure:
    """The support-roles chart for one set of inputs, with no controls.

    The live panel (:func:`proliferation_course.widgets.support.support_panel`)
    wraps this figure; the static face adds the ally dropdown and the sharing
    slider. ``label`` (an ally's name) is added to the title.
    """
    result = _result(levels, dependence, sharing, weights, threshold)
    state = support_state(result)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=_role_axis(), x=state["x"][0], text=state["text"][0], orientation="h",
        name=_("Capability (full sharing)"), textposition="none",
        marker={"color": TRANSPARENT, "line": {"color": color("muted"), "width": 2},
                "pattern": {"shape": "/", "fgcolor": color("muted"), "size": 8}},
        hovertemplate=_("%{y}: capability %{x:.2f} (%{text})") + "<extra></extra>", width=0.8,
    ))
    fig.add_trace(go.Bar(
        y=_role_axis(), x=state["x"][1], text=state["text"][1], orientation="h",
        name=_("Coverage at this sharing"), cliponaxis=False, marker={"color": color("accent")},
        # The value inside the bar's end where it fits (clear of the hatching and the dashed line),
        # outside a short bar; never shrunk.
        textposition="auto", insidetextanchor="end", constraintext="none", textfont={"size": 12},
        insidetextfont={"size": 12, "color": color("background")},
        outsidetextfont={"size": 12, "color": color("text")},
        hovertemplate=_("%{y}: coverage %{x:.2f}") + "<extra></extra>", width=0.45,
    ))
    fig.update_layout(
        base_layout(title=f"{_(TITLE)} · {label}" if label else _(TITLE), height=520),
        barmode="overlay",
        xaxis={"range": [0, 1.05], "title": {"text": _("Share of the role covered (0 to 1)")},
               "tickvals": [0, 0.25, 0.5, 0.75, 1], "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 150, "b": 80},
        # Under the bars, so that it never crosses a value; it shows between them.
        shapes=[{**threshold_line(xref="x", x0=result.threshold, x1=result.threshold, yref="paper", y0=0,
                                  y1=1), "layer": "below"}],
        annotations=[
            {"xref": "paper", "yref": "paper", "x": 0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
             "showarrow": False, "align": "left", "text": summary_text(result),
             "font": {"size": 13, "color": color("text")}},
        ],
        meta={**_texts(), "description": _(DESCRIPTION),
              "narrow": {"height": 600, "xaxis.title.text": _("Share covered (0 to 1)"),
                         "margin.b": 100}},
        bargap=0.25,
    )
    return fig


def _slider(preset_id: str, levels: Mapping[str, int], dependence: Mapping[str, float], sharing: float,
            threshold: float) -> dict[str, Any]:
    values = sorted(set(SHARING_STEPS) | {float(sharing)})
    steps = []
    for s in values:
        result = _result(levels, dependence, s, None, threshold)
        steps.append(step(f"{s:.1f}", state=support_state(result, with_capability=False),
                          layout={"annotations[0].text": summary_text(result)}, traces=COVERAGE_TRACES))
    return slider(steps, label=_(SHARING_LABEL), active=values.index(float(sharing)), name=f"sharing-{preset_id}")


def support_roles_figure(
    capabilities: pd.DataFrame,
    roles: pd.DataFrame,
    presets: pd.DataFrame,
    initial: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> go.Figure:
    """The static face of the support-roles explorer: an ally dropdown and a sharing slider.

    Parameters
    ----------
    capabilities
        The ``support_capabilities`` table.
    roles
        The ``support_roles`` table (its ``plan_dependence`` column gives ``d_r``).
    presets
        The ``support_presets`` table: the choices of ally and where the slider starts.
    initial
        The ``preset_id`` shown first (the first by ``order`` if ``None``).
    threshold
        The coverage at which a role counts as ready.

    Returns
    -------
    plotly.graph_objects.Figure
        Every dropdown entry and slider step carries a state computed by the model,
        with equal weights; each choice brings its own slider, which starts at the
        choice's share of planning.
    """
    presets = check_presets(presets)
    rows = preset_rows(presets)
    ids = [str(r["preset_id"]) for r in rows]
    initial = check_initial(initial, ids)
    dependence = dependence_from_roles(roles)
    entries, sliders, first = [], {}, None
    for row in rows:
        pid, args = str(row["preset_id"]), preset_arguments(row)
        levels = ally_levels(capabilities, args["allies"])
        sliders[pid] = _slider(pid, levels, dependence, args["sharing"], threshold)
        result = _result(levels, dependence, args["sharing"], None, threshold)
        entries.append(choice(data.text(row, "label"), state=support_state(result),
                              layout={"sliders": [sliders[pid]], "annotations[0].text": summary_text(result)},
                              traces=DYNAMIC_TRACES))
        if pid == initial:
            first = (levels, args["sharing"])
    assert first is not None  # check_initial made sure initial is one of the ids
    fig = support_snapshot_figure(first[0], dependence, first[1], threshold=threshold)
    fig.update_layout(updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
                      sliders=[sliders[initial]])
    return fig


#: Each kind of event: its name, marker and palette entry. Kinds are neutral categories; the
#: flights with US bombers, the support to US nuclear operations the chapter is about, take the accent.
_KIND_STYLE = {
    "agreement": (N_("Agreement"), "diamond", "series_1"),
    "consultation": (N_("Consultation"), "square", "series_2"),
    "exercise": (N_("NATO exercise"), "triangle-up", "series_3"),
    "flight": (N_("Flight with US B-52s"), "circle", "accent"),
}
_TRACKS = ["NATO", "US-Japan", "US-ROK-Japan", "US-ROK"]
#: How each kind of event (the ``kind`` key) is named in the table.
KIND_LABELS = {"agreement": N_("agreement"), "consultation": N_("consultation"), "exercise": N_("exercise"),
               "flight": N_("flight")}
#: How each framework (the ``track`` key) is named on the chart.
TRACK_LABELS = {"NATO": N_("NATO"), "US-Japan": N_("US-Japan"), "US-ROK-Japan": N_("US-ROK-Japan"),
                "US-ROK": N_("US-ROK")}


def support_timeline_figure(timeline: pd.DataFrame) -> go.Figure:
    """Events of the ``support_timeline`` table on one lane per alliance framework.

    Each kind of event has its own marker shape and colour (and legend entry);
    each point is labelled with its number in the table, and hovering shows its title.
    """
    needed = ("order", "date", "track", "kind", "title")
    df = check_frame(timeline, needed, name="timeline")
    unknown = sorted(set(map(str, df["track"])) - set(TRACK_LABELS))
    if unknown:
        raise ValueError(f"timeline: track must be one of {', '.join(_TRACKS)}; got {', '.join(unknown)}")
    japanese = language() == "ja"
    day, wrap = ("%Y年%-m月%-d日", 20) if japanese else ("%d %b %Y", 40)
    fig = go.Figure()
    for kind, (name, symbol, swatch) in _KIND_STYLE.items():
        part = df[df["kind"] == kind]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[pd.Timestamp(d).strftime("%Y-%m-%d") for d in part["date"]],
            y=[_(TRACK_LABELS[str(t)]) for t in part["track"]],
            mode="markers+text", name=_(name), text=[str(int(o)) for o in part["order"]],
            textposition="top center", textfont={"size": 12, "color": color("text")},
            customdata=["<br>".join(textwrap.wrap(t, wrap)) for t in data.localized(part, "title")],
            marker={"symbol": symbol, "size": 14, "color": color(swatch),
                    "line": {"color": color("background"), "width": 1}},
            hovertemplate=f"%{{x|{day}}}<br>%{{customdata}}<extra>%{{y}}</extra>",
        ))
    fig.update_layout(
        base_layout(title=_("Agreements, consultations and exercises, 2023-2025"), height=400),
        xaxis={"type": "date", "range": ["2023-02-01", "2026-02-01"], "title": {"text": _("Date")},
               **({"tickformat": "%Y年%-m月"} if japanese else {}),
               "fixedrange": True},
        yaxis={"categoryorder": "array", "categoryarray": [_(TRACK_LABELS[t]) for t in _TRACKS[::-1]],
               "range": [-0.6, 3.7],
               "automargin": True, "title": {"text": _("Framework")}, "fixedrange": True},
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["l"], "t": SPACE["l"], "b": 80},
        meta={"subtitle": _("Events of 2023-2025 in which allies planned, consulted or trained together "
                           "on nuclear deterrence, one row per alliance framework; the numbers refer to "
                           "the table below."),
              "source": _("The events in the table below, each with its sources."),
              # Smaller markers and no axis title on a phone, so that close events stay apart.
              "narrow": {"height": 460, "margin.b": 110, "yaxis.title.text": "",
                         **{f"data[{i}].marker.size": 10 for i in range(len(fig.data))}},
              "description": _(
            "A timeline from 2023 to 2025 with one row per alliance framework: NATO, US-Japan, the trilateral "
            "US-South Korea-Japan format and US-South Korea. Each point is an event, numbered as in the table "
            "below; its shape and colour give its kind (agreement, consultation, NATO exercise or flight with "
            "US B-52 bombers), as the legend explains.")},
    )
    return fig


#: How each ally of the capability table (the ``ally_id`` key) is named in the tables.
ALLY_LABELS = {"japan": N_("Japan"), "germany": N_("Germany"), "canada": N_("Canada")}


def _named(values: pd.Series, labels: Mapping[str, str]) -> list[str]:
    """Keys (``japan``, or ``japan; canada``) as the reader's words, in the reader's language."""
    return [_(", ").join(_(labels[k.strip()]) if k.strip() in labels else k.strip() for k in str(v).split(";"))
            for v in values]


def roles_table(roles: pd.DataFrame) -> DataTable:
    """The ``support_roles`` table as the chapter shows it: each role, the essay's wording (on an
    English page) and the course's dependence on shared planning, with the reasons."""
    columns = {"label": _("Role"), "label_ja": _("Essay's wording"),
               "plan_dependence": _("Dependence on shared planning d")}
    if language() == "ja":
        del columns["label_ja"]  # the role's Japanese name is the essay's wording
    shown = roles.copy()
    for column in ("label", "rationale"):
        shown[column] = data.localized(roles, column)
    return data_table(shown, columns,
                      caption=_("Support roles in the essay's order, with the course's judgement of their "
                                "dependence on shared planning"),
                      note_column="rationale", note_heading=_("Why this value"))


def capabilities_table(capabilities: pd.DataFrame) -> DataTable:
    """The ``support_capabilities`` table as the chapter shows it (allies and roles by name)."""
    shown = capabilities.copy()
    shown["ally_id"] = _named(capabilities["ally_id"], ALLY_LABELS)
    shown["role_id"] = _named(capabilities["role_id"], ROLE_LABELS)
    for column in ("evidence", "note"):
        shown[column] = data.localized(capabilities, column)
    return data_table(shown, {"ally_id": _("Ally"), "role_id": _("Role"), "level": _("Level (0-3)"),
                              "evidence": _("Evidence")},
                      caption=_("Capabilities of Japan, Germany and Canada for each support role (levels are "
                                "the course's judgements)"),
                      note_column="note", note_heading=_("Why this level"))


def presets_table(presets: pd.DataFrame) -> DataTable:
    """The ``support_presets`` table as the chapter shows it: the choices of the figure's menu."""
    shown = presets.copy()
    for column in ("label", "rationale"):
        shown[column] = data.localized(presets, column)
    shown["allies"] = _named(presets["allies"], ALLY_LABELS)
    return data_table(shown, {"label": _("Choice"), "allies": _("Allies"),
                              "sharing": _("Planning shared s at the start")},
                      caption=_("Choices of the support-roles figure (the starting share of planning is the "
                                "course's judgement)"),
                      note_column="rationale", note_heading=_("Why this choice"))


def timeline_table(timeline: pd.DataFrame) -> DataTable:
    """The ``support_timeline`` table as the chapter shows it, under the timeline figure."""
    shown = timeline.copy()
    shown["track"] = _named(timeline["track"], TRACK_LABELS)
    shown["kind"] = _named(timeline["kind"], KIND_LABELS)
    for column in ("title", "what", "note"):
        shown[column] = data.localized(timeline, column)
    return data_table(shown, {"order": _("No."), "date": _("Date"), "track": _("Framework"), "kind": _("Kind"),
                              "title": _("Event"), "what": _("What happened")},
                      caption=_("Agreements, consultations and exercises, 2023-2025"),
                      note_column="note", note_heading=_("Note"))
