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
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ..models.strike_range import range_ring
from ._checks import check_frame
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "RANGE_STEPS",
    "RING_POINTS",
    "SIDE_COLORS",
    "THEATRES",
    "coastline_xy",
    "ring_xy",
    "strike_gap_figure",
    "strike_range_figure",
    "strike_snapshot_figure",
    "strike_state",
]

#: What-if ranges on the slider, in km (the system's own range is added). 500 and
#: 5,500 km are the bounds of the INF Treaty's ban on ground-launched missiles.
RANGE_STEPS: tuple[int, ...] = (500, 1000, 2000, 3000, 5500)
#: Bearings per ring: one every 12 degrees.
RING_POINTS: int = 30
#: Decimals of a degree kept in the page (0.1 degree is about 11 km).
DECIMALS: int = 1
#: Map window and standard parallel of each theatre.
THEATRES: dict[str, dict] = {
    "east_asia": {"label": "East Asia", "lon": [98.0, 162.0], "lat": [4.0, 56.0], "parallel": 35.0},
    "europe": {"label": "Europe", "lon": [-11.0, 61.0], "lat": [34.0, 71.0], "parallel": 52.0},
}
#: Ring colour by side; the side is also written in every label, so colour is not the only cue.
SIDE_COLORS: dict[str, str] = {"ally": "#0072B2", "us": "#009E73", "adversary": "#D55E00"}
SIDE_LABELS: dict[str, str] = {"ally": "allied", "us": "US", "adversary": "adversary"}
# Trace indices that change: stated-range ring, what-if ring, launch areas.
_DYNAMIC = [1, 2, 3]
_SYSTEM_COLUMNS = ("system_id", "label", "theatre", "side", "range_km", "range_basis", "status")
_AREA_COLUMNS = ("area_id", "system_id", "label", "lat", "lon", "basis")


def _r(value: float) -> float:
    return round(float(value), DECIMALS) + 0.0


def coastline_xy(coastlines: pd.DataFrame) -> tuple[list, list]:
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
    xs: list = []
    ys: list = []
    for _, seg in df.groupby(["region", "segment"], sort=False):
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [float(v) for v in seg["lon"]]
        ys += [float(v) for v in seg["lat"]]
    return xs, ys


def ring_xy(areas: pd.DataFrame, range_km: float, n_points: int = RING_POINTS) -> tuple[list, list]:
    """Rings at ``range_km`` around every launch area, as one polyline with ``None`` breaks.

    Coordinates are rounded to :data:`DECIMALS`; a ring that crosses the
    antimeridian is broken there rather than drawn across the map.
    """
    xs: list = []
    ys: list = []
    for row in areas.itertuples(index=False):
        ring = range_ring(float(row.lat), float(row.lon), float(range_km), n_points)
        if xs:
            xs.append(None)
            ys.append(None)
        prev = None
        for lat, lon in zip(ring.lats, ring.lons, strict=True):
            if prev is not None and abs(lon - prev) > 180.0:
                xs.append(None)
                ys.append(None)
            xs.append(_r(lon))
            ys.append(_r(lat))
            prev = lon
    return xs, ys


def _areas_for(areas: pd.DataFrame, system_id: str) -> pd.DataFrame:
    found = areas.loc[areas["system_id"] == system_id]
    if found.empty:
        raise ValueError(f"areas has no launch area for system {system_id!r}")
    return found


def _info(system: dict) -> str:
    return (f"<b>{system['label']}</b><br>about {int(system['range_km']):,} km "
            f"({system['range_basis']}; {SIDE_LABELS[system['side']]} system)")


def strike_state(system: dict, areas: pd.DataFrame, what_if_km: float | None = None) -> dict[str, list]:
    """Data of the changing traces for one system: stated ring, what-if ring, launch areas.

    Returns a ``plotly`` ``restyle`` payload with one value per trace of
    ``_DYNAMIC``. The what-if ring is at ``what_if_km``; with ``None`` it is
    left empty (it would only repeat the solid ring) until the slider moves.
    """
    own = _areas_for(areas, system["system_id"])
    stated = ring_xy(own, system["range_km"])
    what_if = ([], []) if what_if_km is None else ring_xy(own, what_if_km)
    color = SIDE_COLORS[system["side"]]
    marks = [str(row.label) for row in own.itertuples(index=False)]
    symbols = ["triangle-up" if row.basis == "reported" else "triangle-up-open"
               for row in own.itertuples(index=False)]
    return {
        "x": [stated[0], what_if[0], [_r(v) for v in own["lon"]]],
        "y": [stated[1], what_if[1], [_r(v) for v in own["lat"]]],
        "text": [None, None, marks],
        "name": [f"{system['label']}: about {int(system['range_km']):,} km",
                 "What-if range (slider)", "Launch area"],
        "line.color": [color, color, color],
        "marker.color": [color, color, color],
        "marker.symbol": [None, None, symbols],
    }


def _axes(theatre: str) -> dict:
    t = THEATRES[theatre]
    return {"xaxis.range": list(t["lon"]), "yaxis.range": list(t["lat"]),
            "yaxis.scaleratio": round(1.0 / math.cos(math.radians(t["parallel"])), 4)}


def _check_inputs(systems: pd.DataFrame, areas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    systems = check_frame(systems, _SYSTEM_COLUMNS, name="systems")
    areas = check_frame(areas, _AREA_COLUMNS, name="areas")
    bad = sorted(set(systems["theatre"]) - set(THEATRES))
    if bad:
        raise ValueError(f"systems has unknown theatre(s): {', '.join(map(str, bad))}")
    return systems, areas


def strike_snapshot_figure(systems: pd.DataFrame, areas: pd.DataFrame, coastlines: pd.DataFrame,
                           system_id: str | None = None, what_if_km: float | None = None) -> go.Figure:
    """The map for one system and one what-if range, with no controls (the live panel wraps it)."""
    systems, areas = _check_inputs(systems, areas)
    ids = list(systems["system_id"])
    system_id = ids[0] if system_id is None else system_id
    if system_id not in ids:
        raise ValueError(f"system_id must be one of {', '.join(ids)}; got {system_id!r}")
    system = systems.loc[systems["system_id"] == system_id].iloc[0].to_dict()
    state = strike_state(system, areas, what_if_km)
    cx, cy = coastline_xy(coastlines)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=cx, y=cy, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": COLORS["grid"], "width": 1}, name="Coastline"))
    fig.add_trace(go.Scatter(x=state["x"][0], y=state["y"][0], mode="lines", name=state["name"][0],
                             line={"color": state["line.color"][0], "width": 2.5}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=state["x"][1], y=state["y"][1], mode="lines", name=state["name"][1],
                             line={"color": state["line.color"][1], "width": 2, "dash": "dash"},
                             hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=state["x"][2], y=state["y"][2], mode="markers+text", name=state["name"][2],
                             text=state["text"][2], textposition="bottom center",
                             textfont={"size": 11, "color": COLORS["text"]},
                             marker={"color": state["marker.color"][2], "size": 11,
                                     "symbol": state["marker.symbol"][2],
                                     "line": {"color": state["marker.color"][2], "width": 1.5}},
                             hovertemplate="%{text}<extra></extra>"))
    axes = _axes(system["theatre"])
    fig.update_layout(
        base_layout(title="Range rings of strike systems (nominal ranges)", height=660),
        xaxis={"range": axes["xaxis.range"], "ticksuffix": "°E",
               "showgrid": True, "gridcolor": "rgba(150,150,150,0.25)", "fixedrange": True,
               "constrain": "domain"},
        yaxis={"range": axes["yaxis.range"], "ticksuffix": "°N",
               "scaleanchor": "x", "scaleratio": axes["yaxis.scaleratio"], "showgrid": True,
               "gridcolor": "rgba(150,150,150,0.25)", "fixedrange": True, "constrain": "domain"},
        legend={"orientation": "h", "x": 0, "y": -0.06},
        annotations=[{"xref": "paper", "yref": "paper", "x": 0, "y": 1.01, "xanchor": "left",
                      "yanchor": "bottom", "showarrow": False, "align": "left",
                      "text": _info(system), "font": {"size": 12}}],
        margin={"l": 10, "r": 10, "t": 150, "b": 40},
        meta={"narrow": {"height": 600, "title.font.size": 12, "annotations[0].font.size": 10}},
    )
    fig.layout.meta["description"] = (
        "A map of East Asia or Europe drawn from Natural Earth coastlines, with longitude across and "
        "latitude up. Solid rings show how far the chosen system reaches at its nominal range from each "
        "launch area (filled triangles for reported sites, open ones for illustrative points); the dashed "
        "ring shows the range set on the slider. Ring colour and the label say whose system it is."
    )
    return fig


def _slider(system: dict, areas: pd.DataFrame) -> dict:
    own = _areas_for(areas, system["system_id"])
    values = sorted(set(RANGE_STEPS) | {int(system["range_km"])})
    steps = []
    for v in values:
        x, y = ring_xy(own, v)
        steps.append({"method": "restyle", "label": f"{v:,}", "value": str(v),
                      "args": [{"x": [x], "y": [y]}, [2]]})
    return {
        "name": f"range-{system['system_id']}",
        "active": values.index(int(system["range_km"])),
        "currentvalue": {"prefix": "What-if range (km): ", "font": {"size": 13}},
        "pad": {"t": 80, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "steps": steps,
    }


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
        Every ring comes from the model.
    """
    systems, areas = _check_inputs(systems, areas)
    ids = list(systems["system_id"])
    initial = ids[0] if initial is None else initial
    if initial not in ids:
        raise ValueError(f"initial must be one of {', '.join(ids)}; got {initial!r}")
    buttons, sliders = [], {}
    for system in systems.to_dict("records"):
        slider = _slider(system, areas)
        sliders[system["system_id"]] = slider
        layout = {**_axes(system["theatre"]), "annotations[0].text": _info(system), "sliders": [slider]}
        buttons.append({"method": "update", "label": str(system["label"]),
                        "args": [strike_state(system, areas), layout, _DYNAMIC]})
    fig = strike_snapshot_figure(systems, areas, coastlines, initial)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.1, "yanchor": "bottom", "direction": "down",
                      "active": ids.index(initial), "pad": {"b": 4},
                      "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]],
    )
    return fig


def strike_gap_figure(systems: pd.DataFrame) -> go.Figure:
    """Nominal ranges side by side, by theatre, against the INF Treaty's band of 500 to 5,500 km.

    Bars are grouped by theatre; the side (allied, US, adversary) is written
    in every label and coded by colour and pattern.
    """
    systems = check_frame(systems, _SYSTEM_COLUMNS, name="systems")
    df = systems.assign(theatre_label=[THEATRES[t]["label"] for t in systems["theatre"]])
    df = df.sort_values(["theatre", "range_km"], ascending=[False, True], kind="mergesort")
    fig = go.Figure()
    patterns = {"ally": "", "us": "/", "adversary": "x"}
    for side in ("ally", "us", "adversary"):
        part = df.loc[df["side"] == side]
        fig.add_trace(go.Bar(
            y=[f"{lab} [{THEATRES[t]['label']}]" for lab, t in zip(part["label"], part["theatre"], strict=True)],
            x=[int(v) for v in part["range_km"]], orientation="h",
            name={"ally": "Allied", "us": "United States", "adversary": "Adversary"}[side],
            marker={"color": SIDE_COLORS[side], "pattern": {"shape": patterns[side]}},
            text=[f"{int(v):,} km ({b})" for v, b in zip(part["range_km"], part["range_basis"], strict=True)],
            textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{x:,} km<extra></extra>"))
    order = [f"{lab} [{THEATRES[t]['label']}]" for lab, t in zip(df["label"], df["theatre"], strict=True)]
    fig.update_layout(
        base_layout(title="Nominal ranges of the systems in this chapter", height=470),
        barmode="overlay",
        xaxis={"title": {"text": "Nominal range (km)"}, "range": [0, 5900], "fixedrange": True},
        yaxis={"categoryorder": "array", "categoryarray": order, "automargin": True, "fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": -0.18},
        shapes=[{"type": "rect", "xref": "x", "yref": "paper", "x0": 500, "x1": 5500, "y0": 0, "y1": 1,
                 "fillcolor": "rgba(107,76,154,0.08)", "line": {"width": 0}, "layer": "below"}],
        annotations=[{"xref": "x", "yref": "paper", "x": 3000, "y": 1.0, "yanchor": "bottom",
                      "showarrow": False, "text": "INF Treaty band, 500-5,500 km (banned 1987-2019)",
                      "font": {"size": 11, "color": COLORS["threshold"]}}],
    )
    fig.layout.meta = {"description": (
        "Horizontal bars give the nominal range in kilometres of each system in the chapter, grouped by "
        "theatre, with allied, US and adversary systems told apart by colour, pattern and the legend. "
        "The shaded band marks 500 to 5,500 km, the ground-launched ranges the INF Treaty banned for the "
        "United States and Russia until 2019; each label says whether the figure is reported, a goal or "
        "an estimate.")}
    return fig
