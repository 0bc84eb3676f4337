"""Plotly faces of the proliferation-cascade model, animated round by round, and of the Korean polls.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.cascade.run_cascade_tables`). The figure
has three controls, built with :mod:`.controls`:

* a dropdown of the presets of the ``cascade_presets`` table (first movers and
  level of US assurance); each entry shows its cascade at the fixed point and
  swaps in its own slider and Play button;
* a Play button that animates the preset's cascade from round 0 (plotly frames);
* a slider over the rounds.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the indices of the traces a state changes (the
  states on the map, the caption, the pressure bars);
* :func:`cascade_state`: the state for one round of a cascade, a ``restyle``
  payload for those traces;
* :func:`cascade_snapshot_figure`: the figure for one cascade, with no controls;
* :func:`threshold_layout`: the dashed threshold of each state and the pressure
  axis's range, which move with the thresholds and the pressures.

Frames and buttons carry only what changes (``x``, ``y``, ``text`` of the
dynamic traces), with numbers rounded to two decimals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _
from ..models.cascade import PRESET_COLUMNS as MODEL_COLUMNS
from ..models.cascade import CascadeResult, preset_arguments, run_cascade_tables
from ..tables import DataTable, data_table
from .controls import (
    check_frame,
    check_initial,
    check_preset_rows,
    dropdown,
    frame_choice,
    play_button,
    records,
    slider,
    step,
)
from .style import SPACE, base_layout, color, threshold_line

__all__ = [
    "DYNAMIC_TRACES",
    "MAP_POSITIONS",
    "PRESET_COLUMNS",
    "PRESET_LABEL",
    "ROUND_LABEL",
    "cascade_figure",
    "cascade_snapshot_figure",
    "cascade_state",
    "check_presets",
    "check_tables",
    "korea_polls_figure",
    "latency_table",
    "links_table",
    "polls_table",
    "presets_table",
    "preset_rows",
    "pressure_range",
    "states_table",
    "threshold_layout",
]

#: Schematic positions of the states on the left panel: one column per region, so that
#: every label has room on a phone (not a map).
MAP_POSITIONS: dict[str, tuple[float, float]] = {
    "CAN": (1.0, 4.2), "BRA": (1.0, 3.0),
    "DEU": (3.75, 4.2), "POL": (3.75, 3.0),
    "TUR": (6.5, 4.2), "IRN": (6.5, 3.0), "SAU": (6.5, 1.8), "EGY": (6.5, 0.6),
    "JPN": (9.25, 4.2), "KOR": (9.25, 3.0), "TWN": (9.25, 1.8), "AUS": (9.25, 0.6),
}
_REGIONS = ((N_("Americas"), 1.0), (N_("Europe"), 3.75), (N_("Middle East"), 6.5),
            (N_("East Asia,<br>Pacific"), 9.25))
_REGION_Y = 5.15
_MAP_RANGE = {"x": [-0.25, 10.55], "y": [-0.1, 6.5]}
# Trace indices: 0 links, 1 region names (fixed); 2 nuclear states, 3 other states,
# 4 caption (changing); 5 the thresholds' legend entry (fixed; the ticks are shapes);
# 6-8 pressure bars (changing).
#: Indices of the traces a state changes: the states on the map, the caption, the pressure bars.
DYNAMIC_TRACES: tuple[int, ...] = (2, 3, 4, 6, 7, 8)
_TYPES = ("scatter", "scatter", "scatter", "bar", "bar", "bar")
_CAPTION = 4
_CAPTION_XY = (-0.25, 6.1)  # above the map, left-aligned
_STATE_COLUMNS = ("state_id", "state", "threshold", "exposure", "coverage")
_LINK_COLUMNS = ("from_id", "to_id", "weight")
#: The columns of the presets table that the figure reads.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the static figure's controls.
PRESET_LABEL, ROUND_LABEL = N_("Scenario"), N_("Round")
_BAR_ROOM = (0.1, 0.6)  # room left of the lowest bar, and right of the highest for its label
#: The frame's text: subtitle, notes, source and the description for screen readers.
_TEXTS = {
    "subtitle": N_(
        "Left, twelve latent nuclear states grouped by region: which have gone nuclear, and in which "
        "round. Right, the pressure on each state against its threshold (dashed): a state whose bar "
        "passes its threshold goes nuclear in the next round."),
    "notes": N_(
        "A stylised teaching model, not a prediction. The thresholds, exposures, links and levels of "
        "assurance are the course authors' assumptions, argued in the tables below; 'going nuclear' "
        "means deciding to seek weapons, not having them."),
    "source": N_("The course's threshold model (chapter 8), after Granovetter (1978); its parameters are in "
               "the tables below."),
    "description": N_(
        "Left: twelve latent nuclear states in four columns, one per region; orange diamonds are states "
        "that have gone nuclear (labelled with the round in which they did), open green circles those "
        "that have not, and dotted lines who presses on whom. Right: each state's pressure as a bar, "
        "with its threshold as a dashed purple tick; an amber bar has passed its threshold, so the "
        "state goes nuclear in the next round. Press Play to watch the rounds, or pick a round with "
        "the slider and a scenario (first movers and level of US assurance) from the menu."),
}


def _r(v: float) -> float:
    return round(float(v), 2) + 0.0


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``cascade_presets`` table checked (the columns the figure reads, at least one row,
    first movers and assurance as the model needs them) and sorted by ``order``."""
    return check_preset_rows(presets, PRESET_COLUMNS, preset_arguments)


def preset_rows(presets: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a presets table as dicts keyed by column name, in table order."""
    return records(presets)


def check_tables(states: pd.DataFrame, links: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``cascade_states`` and ``cascade_links`` tables checked for what the figure draws.

    Raises ``ValueError`` naming the table: a missing column, no rows, or a
    state the figure has no place for.
    """
    states = check_frame(states, _STATE_COLUMNS, name="states")
    links = check_frame(links, _LINK_COLUMNS, name="links")
    unknown = [s for s in states["state_id"] if s not in MAP_POSITIONS]
    if unknown:
        raise ValueError(f"states has no position on the figure for: {', '.join(unknown)}")
    return states, links


def state_names(states: pd.DataFrame) -> dict[str, str]:
    """Each state's name in the reader's language, by ``state_id``."""
    return dict(zip(states["state_id"], localized(states, "state"), strict=True))


def cascade_state(result: CascadeResult, t: int, names: Mapping[str, str], title: str = "") -> dict[str, list]:
    """Data of the changing traces for round ``t`` of a cascade (a ``restyle`` payload).

    Rounds past the fixed point repeat it. Returns ``{"x": [...], "y": [...],
    "text": [...]}`` with one entry per trace of :data:`DYNAMIC_TRACES`, in that order.
    """
    last = len(result.status) - 1
    k = min(t, last)
    status = result.status[k]
    pressure = result.pressure[k]
    ids = result.states
    nuclear = {s for s, x in zip(ids, status, strict=True) if x}
    nx, ny, nt, ox, oy, ot = [], [], [], [], [], []
    for s in ids:
        x, y = MAP_POSITIONS[s]
        joined = result.joined_round(s)
        if s in nuclear:
            nx.append(x)
            ny.append(y)
            when = _("first mover") if joined == 0 else _("round {round}").format(round=joined)
            nt.append(f"{names[s]}<br>{when}")
        else:
            ox.append(x)
            oy.append(y)
            ot.append(names[s])
    bars: dict[str, tuple[list, list, list]] = {"nuclear": ([], [], []), "tips": ([], [], []),
                                                "below": ([], [], [])}
    # Only a bar over its threshold is labelled: its label lies right of the threshold's tick,
    # where no tick crosses it (the colour says nuclear or below; hovering gives the value).
    for s, p, theta in zip(ids, pressure, result.thresholds, strict=True):
        if s in nuclear:
            kind, label = "nuclear", ""
        elif p > theta:
            kind, label = "tips", _("{pressure:.2f}: joins").format(pressure=p)
        else:
            kind, label = "below", ""
        xs, ys, ts = bars[kind]
        xs.append(_r(p))
        ys.append(s)
        ts.append(label)
    n_follow = len([s for s in nuclear if s not in result.seeds])
    where = (_("Round {round} of {last}").format(round=t, last=last) if t <= last
             else _("Round {round}: fixed point since round {last}").format(round=t, last=last))
    # The preset's name is on the menu; the live panel passes its own title.
    head = f"<b>{title}</b><br>" if title else ""
    # Two short lines, so that the caption fits a phone.
    count = _("{nuclear} nuclear ({followers} not chosen)").format(nuclear=len(nuclear), followers=n_follow)
    caption = f"{head}{where}<br>{count}"
    return {
        "x": [nx, ox, [_CAPTION_XY[0]], *(bars[k][0] for k in ("nuclear", "tips", "below"))],
        "y": [ny, oy, [_CAPTION_XY[1]], *(bars[k][1] for k in ("nuclear", "tips", "below"))],
        "text": [nt, ot, [caption], *(bars[k][2] for k in ("nuclear", "tips", "below"))],
    }


def pressure_range(results: Sequence[CascadeResult]) -> list[float]:
    """The pressure axis's range for ``results``: every bar, threshold and bar label fits.

    >>> from proliferation_course.models.cascade import run_cascade
    >>> pressure_range([run_cascade(["A"], [0.5], [0.2], [1.0], [[0.0]], [], 0.5)])
    [-0.4, 1.1]
    """
    values = [p for res in results for row in res.pressure for p in row]
    values += [theta for res in results for theta in res.thresholds]
    return [_r(min(0.0, *values) - _BAR_ROOM[0]), _r(max(0.0, *values) + _BAR_ROOM[1])]


def threshold_layout(result: CascadeResult, x_range: Sequence[float] | None = None) -> dict[str, Any]:
    """Each state's threshold as a dashed tick across its bar, and the pressure axis's range.

    A ``relayout`` payload: ``shapes`` (one :func:`~.style.threshold_line` per
    state) and ``xaxis2.range`` (:func:`pressure_range` of ``result`` unless given).
    """
    n = len(result.states)
    shapes = []
    for i, theta in enumerate(result.thresholds):
        k = n - 1 - i  # states are listed top down: the first state is the last category
        shapes.append(threshold_line(xref="x2", x0=_r(theta), x1=_r(theta), yref="y2", y0=k - 0.42,
                                     y1=k + 0.42))
    return {"shapes": shapes, "xaxis2.range": list(x_range or pressure_range([result]))}


def cascade_snapshot_figure(result: CascadeResult, states: pd.DataFrame, links: pd.DataFrame,
                            t: int | None = None, title: str = "",
                            x_range: Sequence[float] | None = None) -> go.Figure:
    """The cascade at round ``t`` (the fixed point if ``None``), with no controls.

    The live panel (:func:`proliferation_course.widgets.cascade.cascade_panel`)
    updates this figure; :func:`cascade_figure` adds presets, a Play button and
    a slider. ``x_range`` fixes the pressure axis (by default it fits ``result``).
    """
    states, links = check_tables(states, links)
    names = state_names(states)
    last = len(result.status) - 1
    state = cascade_state(result, last if t is None else t, names, title)
    fig = go.Figure()
    lx: list[float | None] = []
    ly: list[float | None] = []
    for a, b in zip(links["from_id"], links["to_id"], strict=True):
        (x0, y0), (x1, y1) = MAP_POSITIONS[a], MAP_POSITIONS[b]
        lx += [x0, x1, None]
        ly += [y0, y1, None]
    # 0-1: fixed links and region names.
    fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": color("grid"), "width": 1, "dash": "dot"},
                             name=_("Links (who presses on whom)")))
    fig.add_trace(go.Scatter(x=[r[1] for r in _REGIONS], y=[_REGION_Y] * len(_REGIONS),
                             text=[_(r[0]) for r in _REGIONS], mode="text", hoverinfo="skip",
                             showlegend=False, textfont={"size": 12, "color": color("muted")}))
    # 2-4: nuclear states, other states, caption.
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], text=state["text"][0],
                             mode="markers+text", textposition="bottom center", name=_("Nuclear"),
                             marker={"symbol": "diamond", "size": 16, "color": color("fails"),
                                     "line": {"color": color("background"), "width": 1}},
                             textfont={"size": 12, "color": color("text")},
                             hovertemplate="%{text}<extra>" + _("nuclear") + "</extra>", cliponaxis=False))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], text=state["text"][1],
                             mode="markers+text", textposition="bottom center", name=_("Not nuclear"),
                             marker={"symbol": "circle-open", "size": 13, "color": color("meets"),
                                     "line": {"width": 2.5}},
                             textfont={"size": 12, "color": color("text")},
                             hovertemplate="%{text}<extra>" + _("not nuclear") + "</extra>", cliponaxis=False))
    fig.add_trace(go.Scatter(x=state["x"][2], y=state["y"][2], text=state["text"][2], mode="text",
                             hoverinfo="skip", showlegend=False,
                             textfont={"size": 13, "color": color("text")},
                             textposition="middle right", cliponaxis=False))
    # 5: the thresholds' legend entry (the ticks are layout shapes); 6-8: pressure bars by status.
    # Its y is a state, not empty: plotly.js re-guesses an axis's type from the first traces on it
    # when a control restyles x or y, and an empty trace would make the states' axis linear.
    fig.add_trace(go.Scatter(x=[None], y=[str(states["state_id"].iloc[0])], mode="lines", name=_("Threshold θ"),
                             xaxis="x2", yaxis="y2",
                             line={"color": color("threshold"), "dash": "dash", "width": 2},
                             hoverinfo="skip"))
    for i, (name, swatch, legend) in enumerate(((_("Pressure: nuclear"), "fails", False),
                                                (_("Over its threshold: joins next round"), "contested", True),
                                                (_("Pressure below threshold"), "meets", False))):
        fig.add_trace(go.Bar(x=state["x"][3 + i], y=state["y"][3 + i], text=state["text"][3 + i],
                             orientation="h", name=name, xaxis="x2", yaxis="y2", showlegend=legend,
                             marker={"color": color(swatch)}, width=0.6,
                             textposition="outside", cliponaxis=False,
                             textfont={"size": 11, "color": color("text")},
                             hovertemplate=_("%{y}: pressure %{x:.2f}") + "<extra></extra>"))
    ids = list(states["state_id"])
    order = ids[::-1]
    fig.update_layout(
        base_layout(title=_("A proliferation cascade among latent nuclear states (a teaching model)"),
                    height=640),
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": 70},
        xaxis={"domain": [0.0, 0.47], "range": _MAP_RANGE["x"], "visible": False, "fixedrange": True},
        yaxis={"domain": [0.0, 1.0], "range": _MAP_RANGE["y"], "visible": False, "fixedrange": True},
        xaxis2={"domain": [0.64, 1.0], "anchor": "y2", "fixedrange": True,
                "title": {"text": _("Pressure p")}, "zeroline": True, "tickformat": ".1f"},
        yaxis2={"domain": [0.0, 1.0], "anchor": "x2", "fixedrange": True, "type": "category",
                "range": [-0.5, len(ids) - 0.5],
                "categoryorder": "array",
                "categoryarray": order, "tickvals": order,
                "ticktext": [names[s] for s in order], "automargin": True},
        barmode="overlay",
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        # On a narrow screen the map sits above the bars, its labels at the smallest size.
        meta={**{key: _(value) for key, value in _TEXTS.items()},
              "narrow": {"height": 1000, "margin.b": 100, "margin.r": SPACE["s"],
                         "data[2].textfont.size": 11, "data[3].textfont.size": 11,
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.57, 1.0],
                         "xaxis2.domain": [0.3, 1.0], "yaxis2.domain": [0.0, 0.46]}},
        **threshold_layout(result, x_range),
    )
    return fig


def _frame_name(preset_id: str, t: int) -> str:
    return f"{preset_id}-r{t}"


def _frames(preset_id: str, res: CascadeResult, names: Mapping[str, str], n_steps: int) -> list[go.Frame]:
    """One frame per round of a preset's cascade (for its Play button); the caption is marked ▶."""
    frame_names = [_frame_name(preset_id, t) for t in range(n_steps)]
    frames = []
    for t, fname in enumerate(frame_names):
        st = cascade_state(res, t, names)
        # A frame's caption is marked as played (▶), so a Play is told apart from the slider.
        st["text"][2] = ["▶ " + st["text"][2][0]]
        # Each frame also moves the slider, so that it follows a Play.
        if t <= res.rounds:
            frames.append(go.Frame(name=fname, traces=list(DYNAMIC_TRACES), layout={"sliders": [{"active": t}]},
                                   data=[{"type": _TYPES[i], "x": st["x"][i], "y": st["y"][i],
                                          "text": st["text"][i]} for i in range(len(DYNAMIC_TRACES))]))
        else:  # past the fixed point only the caption changes: build on the fixed point's frame
            frames.append(go.Frame(name=fname, baseframe=frame_names[res.rounds], traces=[_CAPTION],
                                   layout={"sliders": [{"active": t}]},
                                   data=[{"type": "scatter", "text": st["text"][2]}]))
    return frames


def cascade_figure(
    states: pd.DataFrame,
    links: pd.DataFrame,
    presets: pd.DataFrame,
    initial: str | None = "proposal-high",
    norm_erosion: float = 0.05,
) -> go.Figure:
    """The static, animated face of the cascade model.

    Parameters
    ----------
    states, links
        The ``cascade_states`` and ``cascade_links`` tables.
    presets
        The ``cascade_presets`` table: first movers and level of US assurance.
    initial
        The ``preset_id`` shown first (the first preset by ``order`` if ``None``).
    norm_erosion
        The weight every new nuclear state adds on every other.

    Returns
    -------
    plotly.graph_objects.Figure
        With one frame per preset and round (rounds 0 to the largest number
        of rounds any preset needs, so that every slider has the same steps),
        a dropdown of presets, a Play button and a slider. The pressure axis
        is the same for every preset, so that scenarios compare at a glance.
    """
    states, links = check_tables(states, links)
    presets = check_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    initial = check_initial(initial, ids)
    names = state_names(states)
    rows = preset_rows(presets)
    results = {str(row["preset_id"]): run_cascade_tables(states, links, norm_erosion=norm_erosion,
                                                         **preset_arguments(row))
               for row in rows}
    max_rounds = max(r.rounds for r in results.values())
    n_steps = max(max_rounds, 2) + 1  # at least three steps: start, middle, end
    x_range = pressure_range(list(results.values()))
    frames, sliders, plays, entries = [], {}, {}, []
    for row in rows:
        pid = str(row["preset_id"])
        res = results[pid]
        frames += _frames(pid, res, names, n_steps)
        # Steps restyle directly rather than animate: interrupting a running
        # animation makes plotly.js reject its promise (an uncaught page error).
        sliders[pid] = slider([step(str(t), state=cascade_state(res, t, names), traces=DYNAMIC_TRACES)
                               for t in range(n_steps)],
                              label=_(ROUND_LABEL), active=n_steps - 1, name=f"round-{pid}")
        plays[pid] = play_button([_frame_name(pid, t) for t in range(n_steps)], label=_("▶ Play"))
        # A preset swaps in its own slider and Play button; only the Play button's list
        # changes, so the menus keep their (narrow-screen) places.
        entries.append(frame_choice(text(row, "label"), state=cascade_state(res, n_steps - 1, names),
                                    traces=DYNAMIC_TRACES, types=_TYPES,
                                    layout={"sliders": [sliders[pid]],
                                            "updatemenus": [{}, {"buttons": plays[pid]["buttons"]}]}))
    fig = cascade_snapshot_figure(results[initial], states, links, t=n_steps - 1, x_range=x_range)
    fig.frames = frames
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial)), plays[initial]],
        sliders=[sliders[initial]],
    )
    return fig


def _short(survey: str) -> str:
    """A survey's short name: its acronym in parentheses, or its first two words.

    >>> _short("Center for Strategic and International Studies (CSIS)"), _short("Chey Institute for X")
    ('CSIS', 'Chey Institute')
    >>> _short("戦略国際問題研究所（CSIS）"), _short("崔鍾賢学術院")
    ('CSIS', '崔鍾賢学術院')
    """
    for left, right in (("(", ")"), ("（", "）")):
        if left in survey:
            return survey[survey.index(left) + 1:survey.index(right)]
    if survey.isascii():
        return " ".join(survey.split()[:2])
    return survey


def korea_polls_figure(polls: pd.DataFrame) -> go.Figure:
    """Share of South Koreans in favour of their own nuclear weapons, by survey.

    Parameters
    ----------
    polls
        The ``rok_nuclear_polls`` table.

    Returns
    -------
    plotly.graph_objects.Figure
        Horizontal bars, one per survey, the public marked apart from the
        survey of strategic elites by colour, pattern and label.
    """
    polls = check_frame(polls, ["survey", "year", "in_favour", "population"], name="polls")
    elite = polls["population"].str.startswith("strategic elites")
    surveys = localized(polls, "survey")
    labels = [_("{survey}, {year}").format(survey=_short(s), year=y)
              for s, y in zip(surveys, polls["year"], strict=True)]
    fig = go.Figure()
    for mask, name, swatch, pattern in ((~elite, _("General public"), "series_1", ""),
                                        (elite, _("Strategic elites"), "series_2", "/")):
        fig.add_trace(go.Bar(
            x=[_r(v) for v in polls.loc[mask, "in_favour"]],
            y=[lab for lab, m in zip(labels, mask, strict=True) if m],
            # Values inside the bars' ends, clear of the dashed line at one half.
            text=[f"{v:g}%" for v in polls.loc[mask, "in_favour"]], textposition="inside",
            insidetextanchor="end", orientation="h", name=name, cliponaxis=False,
            marker={"color": color(swatch), "pattern": {"shape": pattern, "fillmode": "overlay",
                                                                  "fgcolor": color("background")}},
            textfont={"size": 12, "color": color("background")},
            hovertemplate=_("%{y}: %{x}% in favour") + "<extra>" + name + "</extra>"))
    fig.update_layout(
        base_layout(title=_("South Koreans in favour of their own nuclear weapons, 2021-2024"), height=400),
        xaxis={"title": {"text": _("Share in favour (per cent)")}, "range": [0, 100], "fixedrange": True,
               "tickvals": [0, 25, 50, 75, 100]},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1], "automargin": True,
               "fixedrange": True},
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": SPACE["s"], "r": SPACE["l"], "t": SPACE["l"], "b": 70},
        shapes=[{**threshold_line(xref="x", x0=50, x1=50, yref="paper", y0=0, y1=1), "layer": "below"}],
    )
    fig.layout.meta = {
        "subtitle": _("Share of respondents who said South Korea should have its own nuclear weapons, by "
                      "survey and the year its fieldwork ended. The dashed line marks one half."),
        "notes": _("The surveys differ in wording, sample and method (see the table below); the hatched bar "
                   "is a survey of strategic elites, not of the public."),
        "source": _("The surveys listed in the table below: {surveys}.").format(
            surveys=_("; ").join(dict.fromkeys(_short(s) for s in surveys))),
        "description": _(
            "One bar per survey (named with the year its fieldwork ended), in order of fieldwork: the "
            "share of respondents who said South Korea should have its own nuclear weapons. Dark blue bars "
            "are samples of the general public (60 to 77 per cent in favour); the hatched lighter bar is a "
            "2024 survey of strategic elites (34 per cent). The dashed line marks one half."),
    }
    return fig


# --------------------------------------------------------------------------------------
# The chapter's tables, with their headings and captions in the reader's language
# --------------------------------------------------------------------------------------

def states_table(states: pd.DataFrame) -> DataTable:
    """The ``cascade_states`` table as the chapter shows it."""
    return data_table(
        states,
        {"state": _("State"), "us_tie": _("Tie to the US"), "coverage": _("Coverage c"),
         "exposure": _("Exposure e"), "threshold": _("Threshold θ")},
        caption=_("States of the cascade explorer and their parameters (the course authors' assumptions)"),
        note_column="rationale", note_heading=_("Why these values"))


def links_table(links: pd.DataFrame) -> DataTable:
    """The ``cascade_links`` table as the chapter shows it."""
    return data_table(
        links,
        {"from_id": _("From (goes nuclear)"), "to_id": _("To (feels pressure)"), "weight": _("Weight w"),
         "channel": _("Channel")},
        caption=_("Links of the cascade explorer: extra pressure from a nuclear state (assumptions)"),
        note_column="rationale", note_heading=_("Why this link"))


def presets_table(presets: pd.DataFrame) -> DataTable:
    """The ``cascade_presets`` table as the chapter shows it."""
    return data_table(
        presets,
        {"label": _("Scenario"), "seeds": _("First movers"), "assurance": _("US assurance a")},
        caption=_("Scenarios of the cascade figure: first movers and level of US assurance (assumptions)"),
        note_column="rationale", note_heading=_("Why this scenario"))


def latency_table(latency: pd.DataFrame) -> DataTable:
    """The ``latent_capability`` table as the chapter shows it."""
    return data_table(
        latency,
        {"state": _("State"), "enrichment_facilities": _("Enrichment"),
         "reprocessing_facilities": _("Reprocessing"), "operating_at_end": _("Operating in 2012"),
         "covert_facilities": _("Coded covert")},
        caption=_("Enrichment and reprocessing facilities in the Nuclear Latency dataset v1.2 (to 2012)"),
        note_column="facilities", note_heading=_("Which facilities"))


def polls_table(polls: pd.DataFrame) -> DataTable:
    """The ``rok_nuclear_polls`` table as the chapter shows it."""
    return data_table(
        polls,
        {"survey": _("Survey"), "conducted_by": _("Conducted by"), "fieldwork": _("Fieldwork"),
         "sample_size": _("Respondents"), "in_favour": _("In favour (%)"), "against": _("Against (%)")},
        caption=_("Surveys on South Korean nuclear armament, 2021-2024"),
        note_column="note", note_heading=_("About this survey"))
