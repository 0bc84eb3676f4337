"""Plotly faces of the strike-range model: a map of range rings, and the ranges side by side.

The map is drawn with ordinary scatter traces over local coastline data
(``data/geo/coastlines_110m.csv``), never with plotly's geo maps, which fetch
their base map from a CDN. Longitude and latitude are plotted directly in an
equirectangular projection: the y axis is stretched by ``1 / cos(phi0)``
relative to the x axis, with a standard parallel ``phi0`` in the middle of the
theatre (35 N for East Asia, 52 N for Europe), so that shapes are true to
scale along that parallel.

Every ring comes from :func:`proliferation_course.models.strike_range.range_ring`.
A dropdown switches the system (and with it the theatre); a slider redraws a
dashed "what-if" ring at other ranges from the same launch areas.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the stated ring, the what-if ring and the launch areas;
* :func:`strike_state`: the state for one system and one what-if range;
* :func:`strike_snapshot_figure`: the map for one system, with no controls;
* :func:`map_window`: the map's axis ranges for one state, wide enough for its rings;
* :func:`system_layout`: the map window and the system's note, which move with the system.

The map window is the theatre's, widened whenever a ring reaches beyond it, so
that every state shows its whole rings; a widened window keeps the theatre's
shape on screen, and the standard parallel (the scale ratio) never changes.
Longitudes are counted eastwards from the theatre's own antimeridian (East Asia
from 50 W, Europe from 155 W), so that a ring crossing 180 degrees is drawn in
one piece (190 E is 170 W); only a ring around the pole is broken.

Colours are the operators' (the palette's actors): Japan, the United States,
China and Russia have their own; a programme of several European states is
drawn in ``other`` ("several pooled").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _
from ..models.strike_range import PRESET_COLUMNS as MODEL_COLUMNS
from ..models.strike_range import preset_arguments, range_ring
from ..tables import DataTable, data_table
from .controls import check_frame, check_initial, choice, dropdown, records, slider, step
from .style import SPACE, base_layout, color, threshold_line

__all__ = [
    "AREA_COLUMNS",
    "DYNAMIC_TRACES",
    "PRESET_COLUMNS",
    "RANGE_LABEL",
    "RANGE_STEPS",
    "RING_POINTS",
    "SIDE_LABELS",
    "SYSTEM_LABEL",
    "THEATRES",
    "check_inputs",
    "check_presets",
    "coastline_xy",
    "launch_areas",
    "map_window",
    "milestones_table",
    "operator_swatch",
    "ring_xy",
    "strike_gap_figure",
    "strike_range_figure",
    "strike_snapshot_figure",
    "strike_state",
    "system_layout",
    "systems_table",
]

#: What-if ranges on the slider, in km, evenly spaced (the system's own range is added):
#: from 500 to 5,500 km, the bounds of the INF Treaty's ban on ground-launched missiles,
#: 1,000 km apart (finer steps would take the page over its 250 KB budget: 500 km apart,
#: with each step's map window, the figure grows from 48 KB to 72 KB).
RANGE_STEPS: tuple[int, ...] = tuple(range(500, 5501, 1000))
#: Bearings per ring: one every 15 degrees.
RING_POINTS: int = 24
#: Decimals of a degree kept in the page (0.1 degree is about 11 km).
DECIMALS: int = 1
#: Map window and standard parallel of each theatre.
THEATRES: dict[str, dict[str, Any]] = {
    "east_asia": {"label": N_("East Asia"), "lon": [98.0, 162.0], "lat": [4.0, 56.0], "parallel": 35.0,
                  "centre": 130.0},
    "europe": {"label": N_("Europe"), "lon": [-11.0, 61.0], "lat": [34.0, 71.0], "parallel": 52.0,
               "centre": 25.0},
}
#: Longitudes and latitudes of a polyline, with ``None`` between its pieces.
Polyline = tuple[list[float | None], list[float | None]]
#: Degrees of sea left around a ring that reaches beyond the theatre's window.
MAP_MARGIN: float = 2.0
#: How each side is written (the side is in every label, so colour is not the only cue).
SIDE_LABELS: dict[str, str] = {"ally": N_("allied"), "us": N_("US"), "adversary": N_("adversary")}
#: How each basis of a range is written (the ``range_basis`` column holds the key).
BASIS_LABELS: dict[str, str] = {"reported": N_("reported"), "goal": N_("goal"), "estimate": N_("estimate")}
#: Palette entries of the operators that have one; a programme of several states is ``other``.
OPERATOR_SWATCHES: dict[str, str] = {"Japan": "japan", "United States": "united_states",
                                     "China": "china", "Russia": "russia"}
#: Indices of the traces a state changes: the stated ring, the what-if ring, the launch areas.
DYNAMIC_TRACES: tuple[int, int, int] = (1, 2, 3)
#: The columns of the systems table (the presets) that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("system_id", "label", "short_label", "operator", "theatre", "side",
                                   *MODEL_COLUMNS, "range_basis", "status")
AREA_COLUMNS: tuple[str, ...] = ("area_id", "system_id", "label", "lat", "lon", "basis")
#: The visible labels of the controls (the live panel uses the same).
SYSTEM_LABEL, RANGE_LABEL = N_("System"), N_("What-if range (km)")
TITLE = N_("Range rings of strike systems (nominal ranges)")
#: The map's text in its frame: subtitle, notes, source and the description for screen readers.
MAP_TEXT: dict[str, str] = {
    "subtitle": N_("Solid: every point at the system's nominal range from its launch areas. Dashed: the range "
                 "you set on the slider, from the same launch areas."),
    "notes": N_("A nominal range is not a reach: flight path, payload, where launchers can go and survive, and "
              "defences all matter, and the ring shows none of them. Filled triangles are reported sites; "
              "open ones are illustrative points where no site is public. When a ring reaches beyond the "
              "theatre, the map widens to show all of it (coastlines are drawn only within the theatre); "
              "longitudes past 180° E continue eastwards (190° E is 170° W)."),
    "source": N_("Ranges and sites: the strike_systems and strike_launch_areas tables (sources in the tables "
               "below); coastlines: Natural Earth 1:110m."),
    "description": N_(
        "A map of East Asia or Europe drawn from Natural Earth coastlines, with longitude across and "
        "latitude up. Solid rings show how far the chosen system reaches at its nominal range from each "
        "launch area (filled triangles for reported sites, open ones for illustrative points); the dashed "
        "ring shows the range set on the slider. The note in the corner says whose system it is."),
}



def _r(value: float) -> float:
    """``value`` rounded to :data:`DECIMALS`; a whole number as an ``int`` (``34``, not ``34.0``,
    in the page: the chapter's page is close to its budget)."""
    v = round(float(value), DECIMALS) + 0.0
    return int(v) if v.is_integer() else v


def operator_swatch(operator: str) -> str:
    """The palette entry of a system's operator: its actor's, or ``other`` for several states.

    >>> operator_swatch("China"), operator_swatch("United Kingdom and Germany")
    ('china', 'other')
    """
    return OPERATOR_SWATCHES.get(str(operator), "other")


def coastline_xy(coastlines: pd.DataFrame) -> tuple[list[float | None], list[float | None]]:
    """Longitudes and latitudes of every coastline polyline, separated by ``None``.

    Examples
    --------
    >>> df = pd.DataFrame({"region": ["a", "a", "a", "a"], "segment": [1, 1, 2, 2],
    ...                    "point": [1, 2, 1, 2], "lon": [0.0, 1.0, 5.0, 6.0],
    ...                    "lat": [0.0, 1.0, 5.0, 6.0]})
    >>> coastline_xy(df)[0]
    [0.0, 1.0, None, 5.0, 6.0]
    """
    df = check_frame(coastlines, ("region", "segment", "point", "lon", "lat"), name="coastlines")
    df = df.sort_values(["region", "segment", "point"], kind="mergesort")
    xs: list[float | None] = []
    ys: list[float | None] = []
    for _key, seg in df.groupby(["region", "segment"], sort=False):
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [float(v) for v in seg["lon"]]
        ys += [float(v) for v in seg["lat"]]
    return xs, ys


def _unwrap(lon: float, centre: float) -> float:
    """``lon`` moved by whole turns into ``[centre - 180, centre + 180)``."""
    return (lon - centre + 180.0) % 360.0 - 180.0 + centre


def ring_xy(areas: pd.DataFrame, range_km: float, n_points: int = RING_POINTS,
            centre: float = 0.0) -> tuple[list[float | None], list[float | None]]:
    """Rings at ``range_km`` around every launch area, as one polyline with ``None`` breaks.

    Coordinates are rounded to :data:`DECIMALS`. Longitudes are counted in the
    turn ``[centre - 180, centre + 180)`` (the model's own ``[-180, 180)`` with
    the default ``centre``); a ring that crosses that turn's edge (only a ring
    around a pole, for a map centred on its launch areas) is broken there
    rather than drawn across the map.

    >>> ring_xy(pd.DataFrame({"lat": [0.0], "lon": [179.0]}), 500.0, n_points=4, centre=180.0)[0]
    [179, 183.5, 179, 174.5, 179]
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for lat0, lon0 in zip(areas["lat"], areas["lon"], strict=True):
        ring = range_ring(float(lat0), float(lon0), float(range_km), n_points)
        if xs:
            xs.append(None)
            ys.append(None)
        prev = None
        for lat, lon in zip(ring.lats, ring.lons, strict=True):
            lon = _r(_unwrap(_r(lon), centre))
            if prev is not None and abs(lon - prev) > 180.0:
                xs.append(None)
                ys.append(None)
            xs.append(_r(lon))
            ys.append(_r(lat))
            prev = lon
    return xs, ys


def launch_areas(areas: pd.DataFrame, system_id: str) -> pd.DataFrame:
    """The launch areas of one system (an error naming the system if it has none)."""
    found = areas.loc[areas["system_id"] == system_id]
    if found.empty:
        raise ValueError(f"areas has no launch area for system {system_id!r}")
    return found


def _basis(basis: str) -> str:
    return _(BASIS_LABELS[basis]) if basis in BASIS_LABELS else basis


def _info(system: Mapping[str, Any]) -> str:
    return _("<b>{system}</b><br>about {range:,} km ({basis}; {side} system)").format(
        system=text(system, "label"), range=int(system["range_km"]), basis=_basis(str(system["range_basis"])),
        side=_(SIDE_LABELS[system["side"]]))


def _scale_ratio(theatre: str) -> float:
    """How much a degree of latitude is longer on screen than a degree of longitude."""
    return round(1.0 / math.cos(math.radians(THEATRES[theatre]["parallel"])), 4)


def map_window(theatre: str, *rings: Polyline) -> dict[str, list[float]]:
    """The map's axis ranges for rings drawn in ``theatre``: its window, widened to hold every ring.

    A ring that reaches beyond the theatre's window widens it by the ring's
    extent plus :data:`MAP_MARGIN`; the other axis then grows too, so that the
    window keeps the theatre's shape on screen at the theatre's scale ratio,
    except that latitudes grow no further than a pole, nor past the equator
    where no ring does (a ring around the pole is a wide strip on this
    projection, and its map is drawn flatter rather than filled with empty sea).

    >>> map_window("east_asia")
    {'xaxis.range': [98, 162], 'yaxis.range': [4, 56]}
    >>> map_window("east_asia", ([90.0, 170.0], [30.0, 30.0]))
    {'xaxis.range': [88, 172], 'yaxis.range': [0, 64.1]}
    """
    t = THEATRES[theatre]
    (x0, x1), (y0, y1) = t["lon"], t["lat"]
    shape = (y1 - y0) * _scale_ratio(theatre) / (x1 - x0)
    xs = [v for ring in rings for v in ring[0] if v is not None]
    ys = [v for ring in rings for v in ring[1] if v is not None]
    if xs and (min(xs) < x0 or max(xs) > x1 or min(ys) < y0 or max(ys) > y1):
        x0, x1 = min(x0, min(xs) - MAP_MARGIN), max(x1, max(xs) + MAP_MARGIN)
        y0, y1 = max(min(y0, min(ys) - MAP_MARGIN), -90.0), min(max(y1, max(ys) + MAP_MARGIN), 90.0)
        width, height = x1 - x0, (y1 - y0) * _scale_ratio(theatre)
        if height < width * shape:  # too flat: more latitude, within the poles
            want, mid, floor = width * shape / _scale_ratio(theatre), (y0 + y1) / 2, min(y0, 0.0)
            y0, y1 = max(mid - want / 2, floor), min(mid + want / 2, 90.0)
        else:  # too tall: more longitude
            grow = height / shape - width
            x0, x1 = x0 - grow / 2, x1 + grow / 2
    return {"xaxis.range": [_r(x0), _r(x1)], "yaxis.range": [_r(y0), _r(y1)]}


def _wider(window: Mapping[str, list[float]], than: Mapping[str, list[float]]) -> bool:
    return window["xaxis.range"] != than["xaxis.range"] or window["yaxis.range"] != than["yaxis.range"]


def _what_if_name(km: float | None) -> str:
    if km is None:
        return _("What-if range (slider)")
    return _("What-if range: {range:,.0f} km").format(range=km)


def _rings(system: Mapping[str, Any], areas: pd.DataFrame, what_if_km: float | None) -> tuple[Polyline, Polyline]:
    """The stated ring and the what-if ring (empty with ``None``) of one system, in its theatre's turn."""
    own = launch_areas(areas, system["system_id"])
    centre = THEATRES[system["theatre"]]["centre"]
    stated = ring_xy(own, preset_arguments(system)["range_km"], centre=centre)
    return stated, (([], []) if what_if_km is None else ring_xy(own, what_if_km, centre=centre))


def strike_state(system: Mapping[str, Any], areas: pd.DataFrame,
                 what_if_km: float | None = None) -> dict[str, list[Any]]:
    """Data of the changing traces for one system: stated ring, what-if ring, launch areas.

    Returns a ``plotly`` ``restyle`` payload with one value per trace of
    :data:`DYNAMIC_TRACES`. The what-if ring is at ``what_if_km``; with
    ``None`` it is left empty (it would only repeat the solid ring) until the
    slider moves. Longitudes are in the theatre's turn (see :func:`ring_xy`).
    """
    own = launch_areas(areas, system["system_id"])
    stated, what_if = _rings(system, areas, what_if_km)
    swatch = color(operator_swatch(system["operator"]))
    marks = [str(v) for v in localized(own, "label")]
    symbols = ["triangle-up" if b == "reported" else "triangle-up-open" for b in own["basis"]]
    return {
        "x": [stated[0], what_if[0], [_r(v) for v in own["lon"]]],
        "y": [stated[1], what_if[1], [_r(v) for v in own["lat"]]],
        "text": [None, None, marks],
        "name": [_("Stated range: about {range:,} km").format(range=int(system["range_km"])),
                 _what_if_name(what_if_km),
                 _("Launch area (open: illustrative)")],
        "line.color": [swatch, swatch, swatch],
        "marker.color": [swatch, swatch, swatch],
        "marker.symbol": [None, None, symbols],
    }


def system_layout(system: Mapping[str, Any], areas: pd.DataFrame,
                  what_if_km: float | None = None) -> dict[str, Any]:
    """Layout keys that follow the system: the map window (its theatre's, widened to hold the
    stated ring and the what-if ring at ``what_if_km``), the scale ratio and the note on the map."""
    return {**map_window(system["theatre"], *_rings(system, areas, what_if_km)),
            "yaxis.scaleratio": _scale_ratio(system["theatre"]),
            "annotations[0].text": _info(system)}


def check_presets(systems: pd.DataFrame) -> pd.DataFrame:
    """The ``strike_systems`` table checked (the columns the explorer reads, known theatres and
    sides, each range one the model accepts) and sorted by ``order``."""
    systems = check_frame(systems, PRESET_COLUMNS, name="systems")
    for column, known in (("theatre", THEATRES), ("side", SIDE_LABELS)):
        bad = sorted(set(map(str, systems[column])) - set(known))
        if bad:
            raise ValueError(f"systems has unknown {column}(s): {', '.join(bad)}")
    for row in records(systems):
        preset_arguments(row)
    return systems


def check_inputs(systems: pd.DataFrame, areas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The systems and launch-area tables, checked; every system has a launch area."""
    systems = check_presets(systems)
    areas = check_frame(areas, AREA_COLUMNS, name="areas")
    for sid in systems["system_id"]:
        launch_areas(areas, str(sid))
    return systems, areas


def strike_snapshot_figure(systems: pd.DataFrame, areas: pd.DataFrame, coastlines: pd.DataFrame,
                           system_id: str | None = None, what_if_km: float | None = None) -> go.Figure:
    """The map for one system and one what-if range, with no controls (the live panel wraps it)."""
    systems, areas = check_inputs(systems, areas)
    ids = [str(v) for v in systems["system_id"]]
    system_id = check_initial(system_id, ids, name="system_id", what="the systems")
    system = records(systems.loc[systems["system_id"] == system_id])[0]
    state = strike_state(system, areas, what_if_km)
    where = system_layout(system, areas, what_if_km)
    cx, cy = coastline_xy(coastlines)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=cx, y=cy, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": color("muted"), "width": 1}, name=_("Coastline")))
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], mode="lines", name=state["name"][0],
                             line={"color": state["line.color"][0], "width": 2.5}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], mode="lines", name=state["name"][1],
                             line={"color": state["line.color"][1], "width": 2, "dash": "dash"},
                             hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=state["x"][2], y=state["y"][2], mode="markers+text", name=state["name"][2],
                             text=state["text"][2], textposition="bottom center",
                             textfont={"size": 11, "color": color("text")},
                             marker={"color": state["marker.color"][2], "size": 11,
                                     "symbol": state["marker.symbol"][2],
                                     "line": {"color": state["marker.color"][2], "width": 1.5}},
                             hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(
        base_layout(title=_(TITLE), height=760),
        xaxis={"range": where["xaxis.range"], "ticksuffix": "°E", "showgrid": True, "fixedrange": True,
               "constrain": "domain"},
        yaxis={"range": where["yaxis.range"], "ticksuffix": "°N", "scaleanchor": "x",
               "scaleratio": where["yaxis.scaleratio"], "showgrid": True, "fixedrange": True,
               "constrain": "domain"},
        # The legend under the map, from the figure's left edge.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        # The system's note in the map's lower left corner (sea or desert in both theatres).
        annotations=[{"xref": "x domain", "yref": "y domain", "x": 0, "y": 0, "xanchor": "left",
                      "yanchor": "bottom", "showarrow": False, "align": "left",
                      "text": where["annotations[0].text"],
                      "font": {"size": 12, "color": color("text")}, "bgcolor": color("background"),
                      "bordercolor": color("grid"), "borderpad": SPACE["xs"]}],
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": 90},
        # On a phone the square map is about 300 px: a lower figure, so no band is left empty.
        meta={"narrow": {"height": 500, "margin.b": 100}, **{key: _(value) for key, value in MAP_TEXT.items()}},
    )
    return fig


def _range_slider(system: Mapping[str, Any], areas: pd.DataFrame) -> dict[str, Any]:
    stated_km = int(preset_arguments(system)["range_km"])
    values = sorted(set(RANGE_STEPS) | {stated_km})
    own_window = map_window(system["theatre"], _rings(system, areas, None)[0])
    steps = []
    for v in values:
        stated, (x, y) = _rings(system, areas, v)
        window = map_window(system["theatre"], stated, (x, y))
        # Each step moves the map to a window that holds both rings; the readout says when that
        # window is wider than the system's own (the legend keeps its name: a name in every step
        # would take the page over its budget).
        label = _("{range:,} (wider map)").format(range=v) if _wider(window, own_window) else f"{v:,}"
        steps.append(step(label, value=str(v), traces=[DYNAMIC_TRACES[1]], state={"x": [x], "y": [y]},
                          layout=window))
    return slider(steps, label=_(RANGE_LABEL), active=values.index(stated_km), name=f"range-{system['system_id']}")


def strike_range_figure(systems: pd.DataFrame, areas: pd.DataFrame, coastlines: pd.DataFrame,
                        initial: str | None = None) -> go.Figure:
    """The static face of the strike-range explorer: a system menu and a what-if range slider.

    Parameters
    ----------
    systems, areas, coastlines
        The ``strike_systems``, ``strike_launch_areas`` and ``coastlines_110m`` tables.
    initial
        ``system_id`` shown first; the first system by ``order`` if ``None``.

    Returns
    -------
    plotly.graph_objects.Figure
        Each menu entry shows one system's rings (and moves the map to its
        theatre); each slider step redraws the dashed ring at another range.
        Every state's map window holds its whole rings (:func:`map_window`).
        Every ring comes from the model.
    """
    systems, areas = check_inputs(systems, areas)
    ids = [str(v) for v in systems["system_id"]]
    initial = check_initial(initial, ids, what="the systems")
    entries, sliders = [], {}
    for system in records(systems):
        sliders[system["system_id"]] = _range_slider(system, areas)
        entries.append(choice(text(system, "label"), state=strike_state(system, areas),
                              layout={**system_layout(system, areas), "sliders": [sliders[system["system_id"]]]},
                              traces=DYNAMIC_TRACES))
    fig = strike_snapshot_figure(systems, areas, coastlines, initial)
    fig.update_layout(updatemenus=[dropdown(entries, label=_(SYSTEM_LABEL), active=ids.index(initial))],
                      sliders=[sliders[initial]])
    return fig


def _gap_text(km: int, basis: str, short: bool) -> str:
    if short:
        return {"reported": f"{km:,}", "goal": _("{range:,} goal").format(range=km),
                "estimate": _("{range:,} est.").format(range=km)}[basis]
    return _("{range:,} km ({basis})").format(range=km, basis=_basis(basis))


def strike_gap_figure(systems: pd.DataFrame) -> go.Figure:
    """Nominal ranges side by side, by theatre, against the INF Treaty's band of 500 to 5,500 km.

    Bars are grouped by theatre and coloured by operator (one trace each, in
    the legend with its side); the side is also coded by pattern. On a phone
    the bars carry short names and short values.
    """
    systems = check_presets(systems)
    df = systems.sort_values(["theatre", "range_km"], ascending=[False, True], kind="mergesort")
    shorts = [str(v) for v in localized(df, "short_label")]
    df = df.assign(swatch=[operator_swatch(o) for o in df["operator"]],
                   operator_shown=[str(v) for v in localized(df, "operator")],
                   category=[_("{system}, {theatre}").format(system=lab, theatre=_(THEATRES[t]["label"]))
                             for lab, t in zip(shorts, df["theatre"], strict=True)])
    fig = go.Figure()
    patterns = {"ally": "", "us": "/", "adversary": "x"}
    narrow: dict[str, Any] = {"height": 520, "annotations[0].text": _("INF Treaty band"),
                              "xaxis.tickvals": [0, 2000, 4000], "yaxis.tickmode": "array",
                              "yaxis.tickvals": list(df["category"]),
                              "yaxis.ticktext": shorts}
    for i, (swatch, part) in enumerate((str(k), v) for k, v in df.groupby("swatch", sort=False)):
        side = str(part["side"].iloc[0])
        who = str(part["operator_shown"].iloc[0]) if swatch != "other" else _("European states together")
        fig.add_trace(go.Bar(
            y=list(part["category"]), x=[int(v) for v in part["range_km"]], orientation="h",
            name=_("{operator} ({side})").format(operator=who, side=_(SIDE_LABELS[side])) if side != "us" else who,
            marker={"color": color(swatch), "pattern": {"shape": patterns[side], "fillmode": "overlay",
                                                        "fgcolor": color("background"), "fgopacity": 0.6}},
            text=[_gap_text(int(v), str(b), False) for v, b in zip(part["range_km"], part["range_basis"],
                                                                   strict=True)],
            textposition="outside", cliponaxis=False, textfont={"color": color("text")},
            hovertemplate="%{y}: %{x:,} km<extra></extra>"))
        narrow[f"data[{i}].text"] = [_gap_text(int(v), str(b), True)
                                     for v, b in zip(part["range_km"], part["range_basis"], strict=True)]
    fig.update_layout(
        base_layout(title=_("Nominal ranges of the systems in this chapter"), height=540),
        barmode="overlay",
        xaxis={"title": {"text": _("Nominal range (km)")}, "range": [0, 6400], "fixedrange": True,
               "tickvals": [0, 1000, 2000, 3000, 4000, 5000], "showgrid": True, "tickformat": ","},
        yaxis={"categoryorder": "array", "categoryarray": list(df["category"]), "automargin": True,
               "fixedrange": True},
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container",
                "yanchor": "bottom", "traceorder": "normal"},
        shapes=[{"type": "rect", "xref": "x", "yref": "paper", "x0": 500, "x1": 5500, "y0": 0, "y1": 1,
                 "fillcolor": color("threshold_fill"), "line": {"width": 0}, "layer": "below"},
                threshold_line(xref="x", x0=500, x1=500, yref="paper", y0=0, y1=1),
                threshold_line(xref="x", x0=5500, x1=5500, yref="paper", y0=0, y1=1)],
        annotations=[{"xref": "x", "yref": "paper", "x": 500, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                      "showarrow": False, "text": _("INF Treaty band, 500-5,500 km (banned 1987-2019)"),
                      "font": {"size": 12, "color": color("threshold")}}],
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": 100},
        meta={"narrow": narrow},
    )
    fig.layout.meta["subtitle"] = _("Each system's nominal range, by theatre, against the band of ranges "
                                   "that the INF Treaty banned for ground-launched missiles.")
    fig.layout.meta["notes"] = _("Ranges are nominal and rounded; 'goal' marks a target for a system not yet "
                                "built, 'estimate' an outside or disputed figure (see the table's notes).")
    fig.layout.meta["source"] = _("The strike_systems table (sources for every row in the table below).")
    fig.layout.meta["description"] = _(
        "Horizontal bars give the nominal range in kilometres of each system in the chapter, grouped by "
        "theatre, coloured by the state or states that operate it, with allied, US and adversary systems "
        "also told apart by pattern and the legend. The shaded band between dashed lines marks 500 to 5,500 "
        "km, the ground-launched ranges the INF Treaty banned for the United States and Russia until 2019; "
        "each value says whether the figure is reported, a goal or an estimate.")
    return fig


# --------------------------------------------------------------------------------------
# The chapter's tables, with their headings and captions in the reader's language
# --------------------------------------------------------------------------------------

def systems_table(systems: pd.DataFrame) -> DataTable:
    """The ``strike_systems`` table as the chapter shows it (each range's basis in words)."""
    shown = systems.assign(range_basis=[_basis(str(b)) for b in systems["range_basis"]])
    shown.attrs = systems.attrs
    return data_table(
        shown,
        {"label": _("System"), "operator": _("Operator"), "range_km": _("Range (km)"),
         "range_basis": _("Basis"), "status": _("Status")},
        caption=_("Long-range strike systems: nominal ranges and status"),
        note_column="note", note_heading=_("Caveats"))


def milestones_table(milestones: pd.DataFrame) -> DataTable:
    """The ``strike_milestones`` table as the chapter shows it."""
    return data_table(
        milestones,
        {"date": _("Date"), "event": _("Event")},
        caption=_("Long-range strike: milestones, 2018 to 2026"),
        note_column="note", note_heading=_("Context"))
