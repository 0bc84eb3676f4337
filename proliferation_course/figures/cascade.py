"""Plotly face of the proliferation-cascade model, animated round by round.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.cascade.run_cascade_tables`). The figure
has three controls:

* a dropdown of presets, first mover x level of US assurance; each entry
  shows its cascade at the fixed point and swaps in its own slider and Play
  button;
* a Play button that animates the preset's cascade from round 0 (plotly
  frames);
* a slider over the rounds.

Frames and buttons carry only the traces that change (``x``, ``y``, ``text``
of the dynamic traces), with numbers rounded to two decimals.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..models.cascade import CascadeResult, run_cascade_tables
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "ASSURANCE_LEVELS",
    "DYNAMIC",
    "FIRST_MOVERS",
    "MAP_POSITIONS",
    "cascade_figure",
    "cascade_presets",
    "cascade_snapshot_figure",
    "cascade_state",
    "korea_polls_figure",
]

#: First movers offered by the static figure: (id, label, state_ids).
FIRST_MOVERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("japan", "Japan", ("JPN",)),
    ("proposal", "Canada, Germany, Japan", ("CAN", "DEU", "JPN")),
    ("iran", "Iran", ("IRN",)),
)
#: Levels of US assurance offered by the static figure: (id, label, a).
ASSURANCE_LEVELS: tuple[tuple[str, str, float], ...] = (
    ("low", "low", 0.1),
    ("high", "high", 0.5),
)
#: Schematic positions of the states on the left panel, grouped by region (not a map to scale).
MAP_POSITIONS: dict[str, tuple[float, float]] = {
    "CAN": (0.8, 4.6), "BRA": (1.4, 1.2),
    "DEU": (3.2, 4.9), "POL": (4.6, 5.3),
    "TUR": (4.4, 3.6), "EGY": (3.5, 2.0), "SAU": (5.0, 1.5), "IRN": (6.3, 2.9),
    "KOR": (8.1, 4.5), "JPN": (9.4, 3.8), "TWN": (8.3, 2.4), "AUS": (9.2, 0.6),
}
_REGIONS = (("Americas", 1.1, 5.9), ("Europe", 3.9, 5.9), ("Middle East", 5.0, 4.3),
            ("East Asia and Pacific", 8.4, 5.5))
# Trace indices: 0 links, 1 region names (fixed); 2 nuclear states, 3 other states,
# 4 caption (changing); 5 thresholds (fixed); 6-8 pressure bars (changing).
DYNAMIC: list[int] = [2, 3, 4, 6, 7, 8]
_TYPES = ("scatter", "scatter", "scatter", "bar", "bar", "bar")
_CAPTION = 4
_CAPTION_XY = (-0.2, 7.0)  # above the map, left-aligned
_STATE_COLUMNS = ("state_id", "state", "threshold", "exposure", "coverage")
_LINK_COLUMNS = ("from_id", "to_id", "weight")


def cascade_presets() -> list[dict]:
    """The static figure's presets, first mover x assurance, in dropdown order.

    Examples
    --------
    >>> p = cascade_presets()
    >>> len(p), p[0]["id"], p[0]["seeds"], p[0]["assurance"]
    (6, 'japan-low', ('JPN',), 0.1)
    """
    out = []
    for fid, flabel, seeds in FIRST_MOVERS:
        for aid, alabel, a in ASSURANCE_LEVELS:
            out.append({"id": f"{fid}-{aid}", "seeds": seeds, "assurance": a,
                        "label": f"{flabel} first · {alabel} assurance, a = {a:.1f}",
                        "short": f"{flabel} first, {alabel} assurance"})
    return out


def _r(v: float) -> float:
    return round(float(v), 2) + 0.0


def cascade_state(result: CascadeResult, t: int, names: dict[str, str], links: pd.DataFrame,
                  title: str = "") -> dict[str, list]:
    """Data of the changing traces for round ``t`` of a cascade (an ``update`` payload).

    Rounds past the fixed point repeat it. Returns ``{"x": [...], "y": [...],
    "text": [...]}`` with one entry per trace of :data:`DYNAMIC`, in that order.
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
            nt.append(f"{names[s]}<br>{'first mover' if joined == 0 else f'round {joined}'}")
        else:
            ox.append(x)
            oy.append(y)
            ot.append(names[s])
    bars: dict[str, tuple[list, list, list]] = {"nuclear": ([], [], []), "tips": ([], [], []),
                                                "below": ([], [], [])}
    for s, p, theta in zip(ids, pressure, result.thresholds, strict=True):
        if s in nuclear:
            kind, label = "nuclear", "nuclear"
        elif p > theta:
            kind, label = "tips", f"{p:.2f} > θ: joins"
        else:
            kind, label = "below", f"{p:.2f}"
        xs, ys, ts = bars[kind]
        xs.append(_r(p))
        ys.append(s)
        ts.append(label)
    n_follow = len([s for s in nuclear if s not in result.seeds])
    where = f"round {t} of {last}" if t <= last else f"round {t}: fixed point since round {last}"
    # The preset's name is on the menu; the live panel passes its own title.
    head = f"<b>{title}</b><br>" if title else ""
    caption = f"{head}{where.capitalize()} · {len(nuclear)} nuclear ({n_follow} not chosen)"
    return {
        "x": [nx, ox, [_CAPTION_XY[0]], *(bars[k][0] for k in ("nuclear", "tips", "below"))],
        "y": [ny, oy, [_CAPTION_XY[1]], *(bars[k][1] for k in ("nuclear", "tips", "below"))],
        "text": [nt, ot, [caption], *(bars[k][2] for k in ("nuclear", "tips", "below"))],
    }


def _check_inputs(states: pd.DataFrame, links: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    states = check_frame(states, _STATE_COLUMNS, name="states")
    links = check_frame(links, _LINK_COLUMNS, name="links")
    unknown = [s for s in states["state_id"] if s not in MAP_POSITIONS]
    if unknown:
        raise ValueError(f"states has no position on the figure for: {', '.join(unknown)}")
    return states, links


def cascade_snapshot_figure(result: CascadeResult, states: pd.DataFrame, links: pd.DataFrame,
                            t: int | None = None, title: str = "") -> go.Figure:
    """The cascade at round ``t`` (the fixed point if ``None``), with no controls.

    The live panel (:func:`proliferation_course.widgets.cascade.cascade_panel`)
    updates this figure; :func:`cascade_figure` adds presets, a Play button and
    a slider.
    """
    states, links = _check_inputs(states, links)
    names = dict(zip(states["state_id"], states["state"], strict=True))
    last = len(result.status) - 1
    state = cascade_state(result, last if t is None else t, names, links, title)
    fig = go.Figure()
    lx, ly = [], []
    for row in links.itertuples(index=False):
        (x0, y0), (x1, y1) = MAP_POSITIONS[row.from_id], MAP_POSITIONS[row.to_id]
        lx += [x0, x1, None]
        ly += [y0, y1, None]
    # 0-1: fixed links and region names.
    fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": COLORS["grid"], "width": 1, "dash": "dot"},
                             name="Links (who presses on whom)"))
    fig.add_trace(go.Scatter(x=[r[1] for r in _REGIONS], y=[r[2] for r in _REGIONS],
                             text=[r[0] for r in _REGIONS], mode="text", hoverinfo="skip",
                             showlegend=False, textfont={"size": 11, "color": COLORS["grid"]}))
    # 2-4: nuclear states, other states, caption.
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], text=state["text"][0],
                             mode="markers+text", textposition="bottom center", name="Nuclear",
                             marker={"symbol": "diamond", "size": 17, "color": COLORS["deployed"],
                                     "line": {"color": COLORS["text"], "width": 1}},
                             hovertemplate="%{text}<extra>nuclear</extra>", cliponaxis=False))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], text=state["text"][1],
                             mode="markers+text", textposition="bottom center", name="Not nuclear",
                             marker={"symbol": "circle-open", "size": 14, "color": COLORS["stored"],
                                     "line": {"width": 2.5}},
                             hovertemplate="%{text}<extra>not nuclear</extra>", cliponaxis=False))
    fig.add_trace(go.Scatter(x=state["x"][2], y=state["y"][2], text=state["text"][2], mode="text",
                             hoverinfo="skip", showlegend=False, textfont={"size": 13},
                             textposition="middle right", cliponaxis=False))
    # 5: thresholds (fixed); 6-8: pressure bars by status.
    ids = list(states["state_id"])
    fig.add_trace(go.Scatter(x=[_r(v) for v in states["threshold"]], y=ids, mode="markers",
                             name="Threshold θ", xaxis="x2", yaxis="y2",
                             marker={"symbol": "line-ns-open", "size": 20, "color": COLORS["text"],
                                     "line": {"width": 3, "color": COLORS["text"]}},
                             hovertemplate="threshold %{x:.2f}<extra></extra>"))
    for i, (name, color) in enumerate((("Pressure: nuclear", COLORS["deployed"]),
                                       ("Pressure over threshold", COLORS["threshold"]),
                                       ("Pressure below threshold", COLORS["stored"]))):
        fig.add_trace(go.Bar(x=state["x"][3 + i], y=state["y"][3 + i], text=state["text"][3 + i],
                             orientation="h", name=name, xaxis="x2", yaxis="y2",
                             marker={"color": color, "opacity": 0.75},
                             textposition="outside", cliponaxis=False, textfont={"size": 11},
                             hovertemplate="%{y}: pressure %{x:.2f}<extra></extra>"))
    order = ids[::-1]
    fig.update_layout(
        base_layout(title="A proliferation cascade among latent nuclear states (a teaching model)",
                    height=720),
        margin={"l": 10, "r": 10, "t": 90, "b": 130},
        xaxis={"domain": [0.0, 0.5], "range": [-0.2, 10.4], "visible": False, "fixedrange": True},
        yaxis={"domain": [0.0, 0.78], "range": [-0.2, 7.4], "visible": False, "fixedrange": True},
        xaxis2={"domain": [0.62, 1.0], "anchor": "y2", "range": [-1.0, 2.6], "fixedrange": True,
                "title": {"text": "Pressure p (bars) against threshold θ (ticks)"},
                "zeroline": True},
        yaxis2={"domain": [0.0, 0.78], "anchor": "x2", "fixedrange": True, "categoryorder": "array",
                "categoryarray": order, "tickvals": order,
                "ticktext": [names[s] for s in order], "automargin": True},
        barmode="overlay",
        legend={"orientation": "h", "x": 0.0, "y": 0.99, "yanchor": "top", "font": {"size": 11}},
        # On a narrow screen course.js stacks the panels and puts Play above the menu.
        meta={"narrow": {"height": 1150, "margin.t": 130,
                         "title.text": "A proliferation cascade (a teaching model)",
                         "title.font.size": 14, "title.y": 0.995, "title.yanchor": "top",
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 0.8],
                         "xaxis2.domain": [0.3, 1.0], "yaxis2.domain": [0.0, 0.42],
                         "updatemenus[1].x": 0.0, "updatemenus[1].xanchor": "left",
                         "updatemenus[1].pad.b": 42}},
    )
    fig.layout.meta["description"] = (
        "Left: twelve latent nuclear states placed by region; orange diamonds are states that have "
        "gone nuclear (labelled with the round in which they did), open blue circles those that have "
        "not, and dotted lines who presses on whom. Right: each state's "
        "pressure as a bar against its threshold, a black tick; a bar that passes its tick means the "
        "state goes nuclear in the next round. Press Play to watch the rounds, or pick a round with "
        "the slider and a first mover and level of US assurance from the menu."
    )
    return fig


def _frame_name(preset_id: str, t: int) -> str:
    return f"{preset_id}-r{t}"


def cascade_figure(
    states: pd.DataFrame,
    links: pd.DataFrame,
    initial: str = "proposal-high",
    norm_erosion: float = 0.05,
) -> go.Figure:
    """The static, animated face of the cascade model.

    Parameters
    ----------
    states, links
        The ``cascade_states`` and ``cascade_links`` tables.
    initial
        The preset shown first (an ``id`` of :func:`cascade_presets`).
    norm_erosion
        The weight every new nuclear state adds on every other.

    Returns
    -------
    plotly.graph_objects.Figure
        With one frame per preset and round (rounds 0 to the largest number
        of rounds any preset needs, so that every slider has the same steps),
        a dropdown of presets, a Play button and a slider.
    """
    states, links = _check_inputs(states, links)
    presets = cascade_presets()
    ids = [p["id"] for p in presets]
    if initial not in ids:
        raise ValueError(f"initial must be one of the presets ({', '.join(ids)}), got {initial!r}")
    names = dict(zip(states["state_id"], states["state"], strict=True))
    results = {p["id"]: run_cascade_tables(states, links, p["seeds"], p["assurance"], norm_erosion)
               for p in presets}
    max_rounds = max(r.rounds for r in results.values())
    n_steps = max(max_rounds, 2) + 1  # at least three steps: start, middle, end
    frames, sliders, plays, buttons = [], {}, {}, []
    for p in presets:
        res = results[p["id"]]
        names_p = [_frame_name(p["id"], t) for t in range(n_steps)]
        for t, fname in enumerate(names_p):
            st = cascade_state(res, t, names, links)
            # A frame's caption is marked as played (▶), so a Play is told apart from the slider.
            st["text"][2] = ["▶ " + st["text"][2][0]]
            # Each frame also moves the slider, so that it follows a Play.
            if t <= res.rounds:
                frames.append(go.Frame(name=fname, traces=DYNAMIC, layout={"sliders": [{"active": t}]}, data=[
                    {"type": _TYPES[i], "x": st["x"][i], "y": st["y"][i], "text": st["text"][i]}
                    for i in range(len(DYNAMIC))]))
            else:  # past the fixed point only the caption changes: build on the fixed point's frame
                frames.append(go.Frame(name=fname, baseframe=names_p[res.rounds], traces=[_CAPTION],
                                       layout={"sliders": [{"active": t}]},
                                       data=[{"type": "scatter", "text": st["text"][2]}]))
        sliders[p["id"]] = {
            "name": f"round-{p['id']}", "active": n_steps - 1,
            "currentvalue": {"prefix": "Round: ", "font": {"size": 13}},
            "pad": {"t": 10, "b": 6}, "len": 0.9, "x": 0.05, "y": -0.1, "yanchor": "top",
            # Steps restyle directly rather than animate: interrupting a running
            # animation makes plotly.js reject its promise (an uncaught page error).
            "steps": [{"method": "update", "label": str(t), "value": str(t),
                       "args": [cascade_state(res, t, names, links), {}, DYNAMIC]}
                      for t in range(n_steps)],
        }
        plays[p["id"]] = {
            "type": "buttons", "direction": "left", "x": 1.0, "xanchor": "right", "y": 1.0,
            "yanchor": "bottom", "pad": {"b": 4}, "showactive": False,
            "font": {"family": FONT_FAMILY, "size": 12},
            "buttons": [{"label": "▶ Play", "method": "animate",
                         "args": [names_p, {"mode": "afterall", "fromcurrent": False,
                                            "frame": {"duration": 800, "redraw": True},
                                            "transition": {"duration": 200}}]}],
        }
        final = cascade_state(res, n_steps - 1, names, links)
        # A preset is a one-frame animation queued after any running Play (mode "afterall"):
        # it never interrupts one (which would reject its promise, an uncaught page error)
        # and is never overwritten by one. It swaps in the preset's slider and Play button.
        buttons.append({"method": "animate", "label": p["label"], "args": [
            [{"traces": DYNAMIC,
              "data": [{"type": _TYPES[i], "x": final["x"][i], "y": final["y"][i], "text": final["text"][i]}
                       for i in range(len(DYNAMIC))],
              # Only the Play button's list changes, so the menus keep their (narrow-screen) places.
              "layout": {"sliders": [sliders[p["id"]]],
                         "updatemenus": [{}, {"buttons": plays[p["id"]]["buttons"]}]}}],
            {"mode": "afterall", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}]})
    fig = cascade_snapshot_figure(results[initial], states, links, t=n_steps - 1)
    fig.frames = frames
    fig.update_layout(
        updatemenus=[
            {"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left", "y": 1.0,
             "yanchor": "bottom", "direction": "down", "active": ids.index(initial), "pad": {"b": 4},
             "font": {"family": FONT_FAMILY, "size": 12}},
            plays[initial],
        ],
        sliders=[sliders[initial]],
    )
    return fig


def _short(survey: str) -> str:
    """A survey's short name: its acronym in parentheses, or its first two words.

    >>> _short("Center for Strategic and International Studies (CSIS)"), _short("Chey Institute for X")
    ('CSIS', 'Chey Institute')
    """
    if "(" in survey:
        return survey[survey.index("(") + 1:survey.index(")")]
    return " ".join(survey.split()[:2])


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
    labels = [f"{_short(s)}, {y}" for s, y in zip(polls["survey"], polls["year"], strict=True)]
    fig = go.Figure()
    for mask, name, color, pattern in ((~elite, "General public", COLORS["stored"], ""),
                                       (elite, "Strategic elites", COLORS["deployed"], "/")):
        fig.add_trace(go.Bar(
            x=[_r(v) for v in polls.loc[mask, "in_favour"]],
            y=[lab for lab, m in zip(labels, mask, strict=True) if m],
            text=[f"{v:g}%" for v in polls.loc[mask, "in_favour"]], textposition="outside",
            orientation="h", name=name, cliponaxis=False,
            marker={"color": color, "pattern": {"shape": pattern}},
            hovertemplate="%{y}: %{x}% in favour<extra>" + name + "</extra>"))
    fig.update_layout(
        base_layout(title="South Koreans in favour of their own nuclear weapons, 2021-2024", height=420),
        xaxis={"title": {"text": "Share in favour (per cent)"}, "range": [0, 100], "fixedrange": True},
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1], "automargin": True,
               "fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": -0.2},
        margin={"l": 10, "r": 30, "t": 60, "b": 40},
        shapes=[{"type": "line", "xref": "x", "x0": 50, "x1": 50, "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"color": COLORS["grid"], "dash": "dash", "width": 1}}],
    )
    fig.layout.meta = {"description": (
        "One bar per survey (named with the year its fieldwork ended), in order of fieldwork: the "
        "share of respondents who said South Korea "
        "should have its own nuclear weapons. Blue bars are samples of the general public (60 to 77 "
        "per cent in favour); the hatched orange bar is a 2024 survey of strategic elites (34 per "
        "cent). The dashed line marks one half.")}
    return fig
