"""Chapter 10, the strike-range explorer: model, figures, live panel and data tables.

Expected values come from spherical trigonometry worked by hand: along a
meridian the latitude changes by ``d / R`` radians; along the equator the
longitude does; a quarter of a great circle is ``pi R / 2``; and the
haversine distance from a launch point to every point of its ring is the
ring's range. Facts in the tables are checked against the sources named in
each test.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from explorer_checks import (
    check_explorer_figure,
    check_figure_in_japanese,
    check_live_panel,
    check_panel_in_japanese,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from proliferation_course.data import load_table
from proliferation_course.figures.strike_range import (
    RANGE_STEPS,
    RING_POINTS,
    THEATRES,
    coastline_xy,
    map_window,
    milestones_table,
    ring_xy,
    strike_gap_figure,
    strike_range_figure,
    systems_table,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.strike_range import (
    EARTH_RADIUS_KM,
    MAX_RANGE_KM,
    RangeRing,
    destination_point,
    great_circle_km,
    largest_separation_km,
    preset_arguments,
    range_ring,
)
from proliferation_course.references import bibliography
from proliferation_course.widgets.strike_range import StrikeRangePanel, strike_range_panel

PROPERTY = settings(max_examples=200, deadline=None, database=None)
LAT = st.floats(min_value=-80.0, max_value=80.0, allow_nan=False)
LON = st.floats(min_value=-180.0, max_value=180.0, allow_nan=False)
DIST = st.floats(min_value=1.0, max_value=15000.0, allow_nan=False)
R = EARTH_RADIUS_KM


@pytest.fixture(scope="module")
def systems() -> pd.DataFrame:
    return load_table("strike_systems")


@pytest.fixture(scope="module")
def areas() -> pd.DataFrame:
    return load_table("strike_launch_areas")


@pytest.fixture(scope="module")
def coast() -> pd.DataFrame:
    return load_table("coastlines_110m")


# --------------------------------------------------------------------------------------
# Model: hand-computed values
# --------------------------------------------------------------------------------------


def test_north_along_a_meridian_adds_d_over_r() -> None:
    lat, lon = destination_point(10.0, 20.0, 0.0, 1000.0)
    assert lat == pytest.approx(10.0 + math.degrees(1000.0 / R), abs=1e-9)
    assert lon == pytest.approx(20.0, abs=1e-9)


def test_south_along_a_meridian_subtracts_d_over_r() -> None:
    lat, lon = destination_point(35.0, 139.0, 180.0, 2000.0)
    assert lat == pytest.approx(35.0 - math.degrees(2000.0 / R), abs=1e-9)
    assert lon == pytest.approx(139.0, abs=1e-9)


def test_east_along_the_equator_adds_d_over_r_in_longitude() -> None:
    lat, lon = destination_point(0.0, 100.0, 90.0, 1600.0)
    assert lat == pytest.approx(0.0, abs=1e-9)
    assert lon == pytest.approx(100.0 + math.degrees(1600.0 / R), abs=1e-9)


def test_a_quarter_circle_from_the_equator_reaches_the_pole() -> None:
    lat, _ = destination_point(0.0, 0.0, 0.0, math.pi * R / 2)
    assert lat == pytest.approx(90.0, abs=1e-9)


def test_crossing_the_antimeridian_wraps_longitude() -> None:
    lat, lon = destination_point(0.0, 179.0, 90.0, 2 * math.pi * R / 360)  # one degree east
    assert lat == pytest.approx(0.0, abs=1e-9)
    assert lon == pytest.approx(-180.0, abs=1e-9)
    _, lon = destination_point(0.0, 179.5, 90.0, 2 * math.pi * R / 360)
    assert lon == pytest.approx(-179.5, abs=1e-9)


def test_great_circle_distances_by_hand() -> None:
    assert great_circle_km(0.0, 0.0, 0.0, 90.0) == pytest.approx(math.pi * R / 2)
    assert great_circle_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(math.pi * R)
    assert great_circle_km(-90.0, 0.0, 90.0, 0.0) == pytest.approx(math.pi * R)
    # one degree of latitude
    assert great_circle_km(10.0, 5.0, 11.0, 5.0) == pytest.approx(math.pi * R / 180)
    # along a parallel at 60 degrees, 1 degree of longitude: haversine by hand
    h = math.cos(math.radians(60)) ** 2 * math.sin(math.radians(0.5)) ** 2
    assert great_circle_km(60.0, 0.0, 60.0, 1.0) == pytest.approx(2 * R * math.asin(math.sqrt(h)))


def test_largest_separation_by_hand() -> None:
    # Three points on the equator at 0, 10 and 90 degrees: the widest pair is 0 and 90.
    assert largest_separation_km([(0.0, 0.0), (0.0, 10.0), (0.0, 90.0)]) == pytest.approx(math.pi * R / 2)
    # The order of the points does not matter, and one point has no spread.
    assert largest_separation_km([(0.0, 90.0), (0.0, 0.0)]) == pytest.approx(math.pi * R / 2)
    assert largest_separation_km([(35.0, 139.0)]) == 0.0


def test_largest_separation_bad_input() -> None:
    with pytest.raises(ValueError, match="points is empty"):
        largest_separation_km([])
    with pytest.raises(ValueError, match=r"points\[1\] must be a \(lat, lon\) pair"):
        largest_separation_km([(0.0, 0.0), (1.0, 2.0, 3.0)])
    with pytest.raises(ValueError, match=r"points\[1\] latitude must lie in \[-90, 90\]"):
        largest_separation_km([(0.0, 0.0), (95.0, 0.0)])
    with pytest.raises(ValueError, match=r"points\[0\] longitude"):
        largest_separation_km([(0.0, float("nan"))])


def test_ring_by_hand_at_the_equator() -> None:
    ring = range_ring(0.0, 0.0, 1000.0, n_points=4)
    assert isinstance(ring, RangeRing)
    d = math.degrees(1000.0 / R)
    assert ring.lats[0] == pytest.approx(d) and ring.lons[0] == pytest.approx(0.0)       # north
    assert ring.lats[1] == pytest.approx(0.0, abs=1e-12) and ring.lons[1] == pytest.approx(d)  # east
    assert ring.lats[2] == pytest.approx(-d) and ring.lons[2] == pytest.approx(0.0, abs=1e-12)
    assert ring.lons[3] == pytest.approx(-d)                                              # west
    assert (ring.lats[-1], ring.lons[-1]) == (ring.lats[0], ring.lons[0])
    assert ring.range_km == 1000.0 and (ring.center_lat, ring.center_lon) == (0.0, 0.0)


def test_zero_range_is_the_launch_point() -> None:
    ring = range_ring(32.8, 130.7, 0.0, n_points=6)
    assert all(v == pytest.approx(32.8) for v in ring.lats)
    assert all(v == pytest.approx(130.7) for v in ring.lons)


def test_numpy_inputs_are_numbers() -> None:
    import numpy as np
    lat, lon = destination_point(np.float64(0.0), np.int64(0), np.float64(90.0), np.float64(1000.0))
    assert lon == pytest.approx(math.degrees(1000.0 / R))
    assert len(range_ring(0.0, 0.0, 100.0, n_points=np.int64(5)).lats) == 6


# --------------------------------------------------------------------------------------
# Model: bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-90.1, 90.1, float("nan"), "35", None, True, float("inf")])
def test_latitude_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match=r"\blat\b"):
        destination_point(bad, 0.0, 0.0, 100.0)
    with pytest.raises(ValueError, match=r"\blat\b"):
        range_ring(bad, 0.0, 100.0)
    with pytest.raises(ValueError, match="lat1"):
        great_circle_km(bad, 0.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="lat2"):
        great_circle_km(0.0, 0.0, bad, 0.0)


@pytest.mark.parametrize("bad", [-180.1, 180.1, float("nan"), "139", None, False])
def test_longitude_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match=r"\blon\b"):
        destination_point(0.0, bad, 0.0, 100.0)
    with pytest.raises(ValueError, match="lon1"):
        great_circle_km(0.0, bad, 0.0, 0.0)
    with pytest.raises(ValueError, match="lon2"):
        great_circle_km(0.0, 0.0, 0.0, bad)


@pytest.mark.parametrize("bad", [-1.0, MAX_RANGE_KM + 1.0, float("nan"), float("inf"), "1000", None])
def test_distance_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="distance_km"):
        destination_point(0.0, 0.0, 0.0, bad)
    with pytest.raises(ValueError, match="range_km"):
        range_ring(0.0, 0.0, bad)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "north", None])
def test_bearing_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="bearing_deg"):
        destination_point(0.0, 0.0, bad, 100.0)


@pytest.mark.parametrize("bad", [0.0, -6371.0, float("nan"), "6371"])
def test_radius_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="radius_km"):
        destination_point(0.0, 0.0, 0.0, 0.0, radius_km=bad)
    with pytest.raises(ValueError, match="radius_km"):
        great_circle_km(0.0, 0.0, 0.0, 0.0, radius_km=bad)


@pytest.mark.parametrize("bad", [2, 3601, 4.0, "36", None, True])
def test_n_points_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="n_points"):
        range_ring(0.0, 0.0, 100.0, n_points=bad)


# --------------------------------------------------------------------------------------
# Model: properties
# --------------------------------------------------------------------------------------


def test_a_destination_across_the_antimeridian_has_a_longitude_below_180() -> None:
    """Found by Hypothesis: the longitude modulo rounded up to exactly 180.0 here."""
    lat2, lon2 = destination_point(0.0, -179.99999999999997, -179.99999999999997, 5518.0)
    assert -180.0 <= lon2 < 180.0, lon2
    assert great_circle_km(0.0, -179.99999999999997, lat2, lon2) == pytest.approx(5518.0, rel=1e-6)


@PROPERTY
@given(lat=LAT, lon=LON, d=DIST, bearing=st.floats(min_value=-720, max_value=720, allow_nan=False))
def test_destination_is_at_the_distance_and_on_the_globe(lat, lon, d, bearing) -> None:
    lat2, lon2 = destination_point(lat, lon, bearing, d)
    assert -90.0 <= lat2 <= 90.0 and -180.0 <= lon2 < 180.0
    assert great_circle_km(lat, lon, lat2, lon2) == pytest.approx(d, rel=1e-6, abs=1e-6)


@PROPERTY
@given(lat=LAT, lon=LON, d=DIST, n=st.integers(min_value=3, max_value=72))
def test_every_ring_point_is_at_the_range(lat, lon, d, n) -> None:
    ring = range_ring(lat, lon, d, n)
    assert len(ring.lats) == n + 1 == len(ring.lons)
    for la, lo in zip(ring.lats, ring.lons, strict=True):
        assert great_circle_km(lat, lon, la, lo) == pytest.approx(d, rel=1e-6, abs=1e-6)


@PROPERTY
@given(lat1=LAT, lon1=LON, lat2=LAT, lon2=LON)
def test_distance_is_symmetric_and_bounded(lat1, lon1, lat2, lon2) -> None:
    a = great_circle_km(lat1, lon1, lat2, lon2)
    assert a == pytest.approx(great_circle_km(lat2, lon2, lat1, lon1), abs=1e-6)
    assert 0.0 <= a <= math.pi * R + 1e-6


@PROPERTY
@given(lat=st.floats(min_value=-60, max_value=60, allow_nan=False), lon=LON,
       d1=st.floats(min_value=10, max_value=5000), extra=st.floats(min_value=10, max_value=4000))
def test_a_longer_range_reaches_further_north(lat, lon, d1, extra) -> None:
    # due north, the latitude grows with distance until the pole
    north1 = destination_point(lat, lon, 0.0, d1)[0]
    north2 = destination_point(lat, lon, 0.0, min(d1 + extra, (90 - lat) * math.pi * R / 180))[0]
    assert north2 >= north1 - 1e-9


# --------------------------------------------------------------------------------------
# Figures: every precomputed state equals the model's output
# --------------------------------------------------------------------------------------


def _rings_from_model(own: pd.DataFrame, km: float) -> list[tuple[list, list]]:
    out = []
    for row in own.itertuples():
        ring = range_ring(float(row.lat), float(row.lon), float(km), RING_POINTS)
        out.append(([round(v, 1) for v in ring.lons], [round(v, 1) for v in ring.lats]))
    return out


def _points(xs: list, ys: list) -> tuple[list, list]:
    """The figure's coordinates without the None breaks, longitudes back in the model's [-180, 180)
    (the map counts them in its theatre's turn, so that 190 E is the model's -170)."""
    return ([round((x + 180.0) % 360.0 - 180.0, 1) + 0.0 for x in xs if x is not None],
            [y for y in ys if y is not None])


def _inside(xs: list, ys: list, layout: dict) -> bool:
    """Every point of a ring lies inside a state's axis ranges."""
    (x0, x1), (y0, y1) = layout["xaxis.range"], layout["yaxis.range"]
    return all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in zip(xs, ys, strict=True) if x is not None)


def _flat(rings: list[tuple[list, list]]) -> tuple[list, list]:
    return [x for r in rings for x in r[0]], [y for r in rings for y in r[1]]


def _split(xs: list, ys: list) -> list[tuple[list, list]]:
    parts, cx, cy = [], [], []
    for x, y in zip(xs, ys, strict=True):
        if x is None:
            parts.append((cx, cy))
            cx, cy = [], []
        else:
            cx.append(x)
            cy.append(y)
    parts.append((cx, cy))
    return parts


def test_every_menu_entry_and_slider_step_is_the_models_ring(systems, areas, coast) -> None:
    fig = strike_range_figure(systems, areas, coast)
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == len(systems)
    for button, system in zip(buttons, systems.sort_values("order").to_dict("records"), strict=True):
        state, layout, indices = button.args
        assert list(indices) == [1, 2, 3]
        own = areas.loc[areas["system_id"] == system["system_id"]]
        assert _points(state["x"][0], state["y"][0]) == _flat(_rings_from_model(own, system["range_km"]))
        assert state["x"][1] == [] and state["y"][1] == []  # the what-if ring waits for the slider
        assert state["x"][2] == [round(v, 1) for v in own["lon"]]
        t = THEATRES[system["theatre"]]
        # the map shows the theatre, widened where the stated ring needs it
        assert layout["xaxis.range"][0] <= t["lon"][0] and layout["xaxis.range"][1] >= t["lon"][1]
        assert layout["yaxis.range"][0] <= t["lat"][0] and layout["yaxis.range"][1] >= t["lat"][1]
        assert _inside(state["x"][0], state["y"][0], layout)
        assert layout["yaxis.scaleratio"] == pytest.approx(1 / math.cos(math.radians(t["parallel"])), abs=1e-4)
        assert f"{int(system['range_km']):,} km" in layout["annotations[0].text"]
        slider = layout["sliders"][0]
        values = [int(s["value"]) for s in slider["steps"]]
        assert values == sorted(set(RANGE_STEPS) | {int(system["range_km"])})
        assert values[slider["active"]] == system["range_km"]
        for step in slider["steps"]:
            assert step["method"] == "update" and list(step["args"][2]) == [2]
            xy = _points(step["args"][0]["x"][0], step["args"][0]["y"][0])
            assert xy == _flat(_rings_from_model(own, int(step["value"])))


def test_no_control_repeats_the_state_before_it(systems, areas, coast) -> None:
    fig = strike_range_figure(systems, areas, coast)
    states = [b.args[0]["x"][0] for b in fig.layout.updatemenus[0].buttons]
    assert all(a != b for a, b in zip(states, states[1:], strict=False))
    for b in fig.layout.updatemenus[0].buttons:
        steps = b.args[1]["sliders"][0]["steps"]
        xs = [s["args"][0]["x"][0] for s in steps]
        assert len({str(x) for x in xs}) == len(xs)


def test_initial_figure_is_the_first_menu_entry(systems, areas, coast) -> None:
    fig = strike_range_figure(systems, areas, coast)
    first = fig.layout.updatemenus[0].buttons[0].args[0]
    assert list(fig.data[1].x) == first["x"][0]
    assert fig.layout.sliders[0].name == f"range-{systems.sort_values('order').iloc[0]['system_id']}"
    assert fig.layout.title.text and fig.layout.height
    assert len(fig.layout.meta["description"].split()) >= 20
    # the map is drawn with ordinary scatter traces: no plotly geo (which fetches from a CDN)
    assert {t.type for t in fig.data} == {"scatter"}
    assert "geo" not in fig.to_dict()["layout"]


def test_coastline_trace_is_the_data_file(coast) -> None:
    xs, ys = coastline_xy(coast)
    points = [x for x in xs if x is not None]
    assert len(points) == len(coast)
    segments = coast.groupby(["region", "segment"]).ngroups
    assert xs.count(None) == segments - 1


def test_ring_xy_breaks_at_the_antimeridian() -> None:
    area = pd.DataFrame({"lat": [0.0], "lon": [179.0]})
    xs, _ = ring_xy(area, 500.0)
    inner = [x for x in xs if x is not None]
    assert None in xs and max(inner) > 170 and min(inner) < -170
    pieces = _split(xs, xs)
    for piece, _ in pieces:
        assert all(abs(a - b) < 180 for a, b in zip(piece, piece[1:], strict=False))


def test_gap_figure_shows_every_system(systems) -> None:
    fig = strike_gap_figure(systems)
    shown = sum(len(t.x) for t in fig.data)
    assert shown == len(systems)
    values = sorted(v for t in fig.data for v in t.x)
    assert values == sorted(int(v) for v in systems["range_km"])
    assert fig.layout.shapes[0].x0 == 500 and fig.layout.shapes[0].x1 == 5500
    assert len(fig.layout.meta["description"].split()) >= 20


@pytest.mark.parametrize("bad", ["nope", None])
def test_figure_rejects_an_unknown_initial_system(systems, areas, coast, bad) -> None:
    if bad is None:
        with pytest.raises(ValueError, match="systems"):
            strike_range_figure("not a frame", areas, coast)
    else:
        with pytest.raises(ValueError, match="initial"):
            strike_range_figure(systems, areas, coast, initial=bad)


# --------------------------------------------------------------------------------------
# Live panel
# --------------------------------------------------------------------------------------


def test_panel_follows_its_controls(systems, areas, coast) -> None:
    panel = strike_range_panel(systems, areas, coast)
    assert isinstance(panel, StrikeRangePanel)
    panel.controls["preset"].value = "df26"
    assert panel.controls["range_km"].value == 4000
    own = areas.loc[areas["system_id"] == "df26"]
    shown = _points(list(panel.figure.data[1].x), list(panel.figure.data[1].y))
    assert shown == _flat(_rings_from_model(own, 4000))
    assert list(panel.figure.layout.xaxis.range) == map_window("east_asia", _rings_from_model(own, 4000)[0])[
        "xaxis.range"]
    panel.controls["range_km"].value = 1500
    shown = _points(list(panel.figure.data[2].x), list(panel.figure.data[2].y))
    assert shown == _flat(_rings_from_model(own, 1500))
    assert "1,500 km" in panel.summary.value
    panel.controls["preset"].value = "ssc8"
    x0, x1 = panel.figure.layout.xaxis.range
    assert x0 <= THEATRES["europe"]["lon"][0] and x1 >= THEATRES["europe"]["lon"][1]
    assert "9M729" in panel.figure.layout.annotations[0].text
    assert panel.controls["range_km"].value == 2500  # the system's stated range


def test_panel_is_on_the_contract(systems, areas, coast) -> None:
    # a range beyond half the circumference is rejected, in the control's words
    panel = strike_range_panel(systems, areas, coast)
    check_live_panel(panel, rejected={"range_km": 25000.0})
    panel.controls["range_km"].value = -10.0
    assert "What-if range (km)" in panel.summary.value and not panel.computed


def test_figures_are_on_the_contract(systems, areas, coast) -> None:
    check_explorer_figure(strike_range_figure(systems, areas, coast))
    check_explorer_figure(strike_gap_figure(systems))


def test_model_reads_a_system_row(systems) -> None:
    for row in systems.to_dict("records"):
        assert preset_arguments(row) == {"range_km": float(row["range_km"])}
    with pytest.raises(ValueError, match="system 'x': range_km"):
        preset_arguments({"system_id": "x", "range_km": 30000})
    with pytest.raises(ValueError, match="system 'x': the column range_km is missing"):
        preset_arguments({"system_id": "x"})
    bad = systems.copy()
    bad.loc[0, "range_km"] = -1
    with pytest.raises(ValueError, match="range_km"):
        strike_gap_figure(bad)
    bad = systems.copy()
    bad.loc[0, "side"] = "neutral"
    with pytest.raises(ValueError, match="side"):
        strike_gap_figure(bad)


def test_the_slider_is_evenly_spaced_and_says_when_the_map_widens(systems, areas, coast) -> None:
    fig = strike_range_figure(systems, areas, coast)
    for button in fig.layout.updatemenus[0].buttons:
        steps = button.args[1]["sliders"][0]["steps"]
        values = [int(s["value"]) for s in steps]
        even = [v for v in values if v % 1000 == 500]
        assert even == [500, 1500, 2500, 3500, 4500, 5500]
        own = button.args[1]
        for s in steps:
            name = s["label"]
            assert name.startswith(f"{int(s['value']):,}")
            window = s["args"][1]
            wider = (window["xaxis.range"], window["yaxis.range"]) != (own["xaxis.range"], own["yaxis.range"])
            assert ("wider map" in name) == wider, (button.label, s["value"])
            assert "beyond this map" not in name
    # from Kumamoto, a 5,500 km ring leaves the East Asian theatre: the map widens to hold it
    type12 = [b for b in fig.layout.updatemenus[0].buttons if "Type 12" in b.label][0]
    last = type12.args[1]["sliders"][0]["steps"][-1]
    assert last["value"] == "5500" and "wider map" in last["label"]
    assert last["args"][1]["xaxis.range"][0] < THEATRES["east_asia"]["lon"][0]


def test_every_slider_step_shows_its_whole_ring(systems, areas, coast) -> None:
    fig = strike_range_figure(systems, areas, coast)
    for button in fig.layout.updatemenus[0].buttons:
        system = systems.set_index("label").loc[button.label]
        ratio = 1 / math.cos(math.radians(THEATRES[system["theatre"]]["parallel"]))
        stated = button.args[0]
        for s in button.args[1]["sliders"][0]["steps"]:
            window = s["args"][1]
            xs, ys = s["args"][0]["x"][0], s["args"][0]["y"][0]
            assert _inside(xs, ys, window), (button.label, s["value"], window)
            assert _inside(stated["x"][0], stated["y"][0], window), (button.label, s["value"])
            assert _inside(stated["x"][2], stated["y"][2], window)  # the launch areas
            # the window holds the ring with a margin, but is no wider than the ring and the theatre need
            # on the longer side (the shorter side only grows to keep the theatre's shape)
            assert -90.0 <= window["yaxis.range"][0] and window["yaxis.range"][1] <= 90.0
        # the scale ratio is the theatre's standard parallel in every state
        assert button.args[1]["yaxis.scaleratio"] == pytest.approx(ratio, abs=1e-4)
    # the live panel widens its map the same way, for any range the model accepts
    panel = strike_range_panel(systems, areas, coast)
    for sid, km in (("type12_jp", 5500.0), ("ssc8", 5500.0), ("tomahawk_jp", 7000.0), ("elsa", 600.0)):
        panel.controls["preset"].value = sid
        panel.controls["range_km"].value = km
        window = {"xaxis.range": list(panel.figure.layout.xaxis.range),
                  "yaxis.range": list(panel.figure.layout.yaxis.range)}
        assert _inside(list(panel.figure.data[2].x), list(panel.figure.data[2].y), window), (sid, km)
        assert _inside(list(panel.figure.data[1].x), list(panel.figure.data[1].y), window), (sid, km)
        assert "beyond this map" not in panel.figure.data[2].name


def test_a_ring_across_180_degrees_is_one_piece_on_the_east_asian_map(systems, areas, coast) -> None:
    fig = strike_range_figure(systems, areas, coast, initial="tomahawk_jp")
    steps = fig.layout.sliders[0].steps
    xs = [s for s in steps if s.value == "4500"][0].args[0]["x"][0]
    own = areas.loc[areas["system_id"] == "tomahawk_jp"]
    # one break between the two launch areas' rings, none inside a ring; east of 180 is past 180
    assert xs.count(None) == len(own) - 1 and max(x for x in xs if x is not None) > 180.0


def test_the_map_window_by_hand() -> None:
    # inside the theatre: the theatre's window
    assert map_window("europe", ([0.0, 10.0], [50.0, 55.0])) == {"xaxis.range": [-11.0, 61.0],
                                                                  "yaxis.range": [34.0, 71.0]}
    # a ring from 90 to 170 E at 30 N: 2 degrees of margin in longitude (88 to 172, 84 degrees);
    # the latitude grows to keep the theatre's shape, 52 / 64 * 84 = 68.25 degrees around 30 N,
    # but not south of the equator, where the ring does not go
    assert map_window("east_asia", ([90.0, 170.0], [30.0, 30.0])) == {"xaxis.range": [88.0, 172.0],
                                                                       "yaxis.range": [0.0, 64.1]}
    # a tall ring: 2 degrees of margin in latitude (0 to 80), and the longitude grows to the
    # theatre's shape: 80 * 64 / 52 = 98.5 degrees around the theatre's middle, 130 E
    got = map_window("east_asia", ([120.0, 140.0], [2.0, 78.0]))
    assert got["yaxis.range"] == [0.0, 80.0]
    assert got["xaxis.range"] == pytest.approx([130 - 80 * 64 / 52 / 2, 130 + 80 * 64 / 52 / 2], abs=0.051)


def test_colours_follow_the_operator(systems, areas, coast) -> None:
    from proliferation_course.figures.style import color
    fig = strike_range_figure(systems, areas, coast)
    expected = {"Japan": "japan", "United States": "united_states", "China": "china", "Russia": "russia"}
    for button, row in zip(fig.layout.updatemenus[0].buttons, systems.sort_values("order").itertuples(),
                           strict=True):
        want = color(expected.get(row.operator, "other"))
        assert button.args[0]["line.color"] == [want] * 3, row.system_id
    gap = strike_gap_figure(systems)
    assert {t.marker.color for t in gap.data} == {color(v) for v in (*expected.values(), "other")}


# --------------------------------------------------------------------------------------
# Data: identities and facts from the sources
# --------------------------------------------------------------------------------------


def test_every_system_has_a_launch_area_and_every_area_a_system(systems, areas) -> None:
    assert set(areas["system_id"]) == set(systems["system_id"])


def test_facts_from_the_sources(systems) -> None:
    by = systems.set_index("system_id")
    # Tomahawk: about 1,600 km (MENAFN 2023); up to 400 missiles (Jiji, 18 January 2024)
    assert by.loc["tomahawk_jp", "range_km"] == 1600
    assert "400" in by.loc["tomahawk_jp", "status"]
    # Upgraded Type 12: about 1,000 km; first at Camp Kengun on 31 March 2026 (Jiji, AP, March 2026)
    assert by.loc["type12_jp", "range_km"] == 1000
    assert "31 March 2026" in by.loc["type12_jp", "status"]
    # UK-German deep precision strike: over 2,000 km (GOV.UK, 15 May 2025)
    assert by.loc["dps_uk_de", "range_km"] == 2000 and by.loc["dps_uk_de", "range_basis"] == "goal"
    # ELSA: letter of intent on 11 July 2024 (Adnkronos)
    assert "11 July 2024" in by.loc["elsa", "status"]
    # DF-26: up to 4,000 km (AP, 2018); Dark Eagle: 1,725 miles (UPI, 2025)
    assert by.loc["df26", "range_km"] == 4000
    assert by.loc["dark_eagle_de", "range_km"] == 2775
    assert abs(by.loc["dark_eagle_de", "range_km"] - 1725 * 1.609344) < 5  # 1,725 miles = 2,776.1 km
    # the 9M729's range is disputed: the row says so
    assert by.loc["ssc8", "range_basis"] == "estimate" and "480" in by.loc["ssc8", "note"]


def test_milestones_are_sourced_events(systems) -> None:
    ms = load_table("strike_milestones")
    known = set(systems["system_id"])
    assert {s for s in ms["system_id"].dropna()} <= known
    by = ms.set_index("milestone_id")
    assert by.loc["elsa_loi", "date"] == "2024-07-11"
    assert by.loc["dps_announced", "date"] == "2025-05-15"
    assert by.loc["kensington", "date"] == "2025-07-17"
    assert by.loc["inf_withdrawal", "date"] == "2019-08-02"
    assert by.loc["type12_kengun", "date"] == "2026-03-31"
    assert by.loc["us_de_statement", "date"] == "2024-07-10"


def test_every_source_key_exists() -> None:
    keys = set(bibliography().entries)
    for name in ("strike_systems", "strike_launch_areas", "strike_milestones", "coastlines_110m"):
        for cell in load_table(name)["source"]:
            assert set(str(cell).split("; ")) <= keys, (name, cell)


def test_coastlines_stay_in_their_boxes(coast) -> None:
    boxes = {"east_asia": (95.0, 165.0, 0.0, 58.0), "europe": (-12.0, 62.0, 33.0, 72.0)}
    for region, (x0, x1, y0, y1) in boxes.items():
        part = coast.loc[coast["region"] == region]
        assert len(part) > 100
        assert part["lon"].between(x0, x1).all() and part["lat"].between(y0, y1).all()
    assert set(coast["source"]) == {"naturalearth_land110m"}


def test_launch_areas_lie_in_their_theatres(systems, areas) -> None:
    theatre = systems.set_index("system_id")["theatre"]
    for row in areas.itertuples():
        t = THEATRES[theatre[row.system_id]]
        assert t["lon"][0] <= row.lon <= t["lon"][1] and t["lat"][0] <= row.lat <= t["lat"][1]


# --------------------------------------------------------------------------------------
# In Japanese
# --------------------------------------------------------------------------------------

def test_the_figures_are_japanese_on_a_japanese_page(systems, areas, coast) -> None:
    check_figure_in_japanese(lambda: strike_range_figure(systems, areas, coast))
    check_figure_in_japanese(lambda: strike_gap_figure(systems))


def test_the_japanese_map_writes_place_names_as_a_japanese_atlas_does(systems, areas, coast) -> None:
    with speaking("ja"):
        fig = strike_range_figure(systems, areas, coast, initial="type12_jp").to_dict()
        europe = strike_range_figure(systems, areas, coast, initial="ssc8").to_dict()
    assert fig["data"][3]["text"] == ["健軍駐屯地（熊本）"]
    assert europe["data"][3]["text"] == ["カリーニングラード"]
    assert "12式地対艦誘導弾能力向上型（日本）" in fig["layout"]["annotations"][0]["text"]
    assert "12式地対艦誘導弾能力向上型（日本）" in [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]]


def test_the_panel_is_japanese(systems, areas, coast) -> None:
    check_panel_in_japanese(lambda: strike_range_panel(systems, areas, coast))
    with speaking("ja"):
        panel = strike_range_panel(systems, areas, coast)
    assert "公称射程は約1,600 km" in panel.summary.value, panel.summary.value


def test_a_rejected_combination_is_explained_in_japanese(systems, areas, coast) -> None:
    with speaking("ja"):
        panel = strike_range_panel(systems, areas, coast)
        panel.controls["range_km"].value = 50000
    assert not panel.computed
    said = panel.summary.value
    assert "地球の円周の半分" in said and "仮定の射程（km）" in said, said
    assert "range_km" not in said and "circumference" not in said, said


def test_the_chapter_tables_have_japanese_captions_and_headings(systems) -> None:
    with speaking("ja"):
        table = systems_table(systems)
        milestones = milestones_table(load_table("strike_milestones"))
    assert table.caption.startswith("長距離打撃システム") and "射程（km）" in table.header
    assert "推定" in [row[table.header.index("根拠")] for row in table.rows]
    assert milestones.caption.startswith("長距離打撃") and "出来事" in milestones.header
    with speaking("en"):
        assert "estimate" in [row[3] for row in systems_table(systems).rows]
