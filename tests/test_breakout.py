"""Chapter 3: the breakout-timeline model, its figure and live panel, and the chapter's data tables.

Expected values are worked by hand from the model's equations:

    d_k = (L_k + e (H_k - L_k)) * (s if step k is sanction-sensitive else 1)
    t_1 = 0,  t_k = t_{k-1} + (1 - p) d_{k-1},  c_k = t_k + d_k
    first device = max c_k over the first-device steps,  arsenal = max c_k

and, for the data, from the sources (Bleek 2017; the CTBTO's list of first tests).
"""

from __future__ import annotations

import csv
import math
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest
from explorer_checks import (
    check_explorer_figure,
    check_figure_in_japanese,
    check_live_panel,
    check_panel_in_japanese,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from proliferation_course.data import DATA_DIR, load_table
from proliferation_course.figures.breakout import (
    DYNAMIC_TRACES,
    SANCTION_LEVELS,
    breakout_figure,
    breakout_snapshot_figure,
    proliferation_timelines_figure,
    steps_table,
    timelines_table,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.breakout import (
    SANCTIONS_MAX,
    BreakoutResult,
    breakout_profiles,
    breakout_timeline,
    preset_arguments,
    pursuit_durations,
    schedule_steps,
)
from proliferation_course.widgets.breakout import BreakoutPanel, breakout_panel

PROPERTY = settings(max_examples=200, deadline=None, database=None)
PROFILES = ["Japan", "Germany", "Canada"]
STEP_IDS = ["fissile_material", "metallisation", "initiators_firing", "miniaturisation",
            "delivery_integration", "testing", "secure_infrastructure"]


@pytest.fixture(scope="module")
def steps() -> pd.DataFrame:
    return load_table("breakout_steps")


@pytest.fixture(scope="module")
def presets() -> pd.DataFrame:
    return load_table("breakout_presets")


@pytest.fixture(scope="module")
def timelines() -> pd.DataFrame:
    return load_table("proliferation_timelines")


def toy(rows: list[tuple]) -> pd.DataFrame:
    """A steps table for one profile 'X': rows of (low, high, first_device, sanctions_sensitive)."""
    return pd.DataFrame({
        "profile": ["X"] * len(rows),
        "order": list(range(1, len(rows) + 1)),
        "step_id": [f"s{i}" for i in range(1, len(rows) + 1)],
        "step": [f"Step {i}" for i in range(1, len(rows) + 1)],
        "first_device": [r[2] for r in rows],
        "sanctions_sensitive": [r[3] for r in rows],
        "low_months": [float(r[0]) for r in rows],
        "high_months": [float(r[1]) for r in rows],
    })


TOY = [(10, 20, True, True), (2, 4, True, False), (6, 12, False, True)]


# --------------------------------------------------------------------------------------
# schedule_steps: hand-computed values
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("durations", "p", "starts", "ends"), [
    ([10, 4, 6], 0.0, [0, 10, 14], [10, 14, 20]),        # one after another
    ([10, 4, 6], 0.5, [0, 5, 7], [10, 9, 13]),           # each starts when the previous is half done
    ([10, 4, 6], 1.0, [0, 0, 0], [10, 4, 6]),            # all at once
    ([10, 4, 6], 0.25, [0, 7.5, 10.5], [10, 11.5, 16.5]),
    ([8], 0.3, [0], [8]),
    ([0, 5, 0, 2], 0.0, [0, 0, 5, 5], [0, 5, 5, 7]),
])
def test_schedule_hand_computed(durations, p, starts, ends) -> None:
    got_starts, got_ends = schedule_steps(durations, p)
    assert got_starts == pytest.approx(starts, abs=1e-12)
    assert got_ends == pytest.approx(ends, abs=1e-12)


@pytest.mark.parametrize("bad", [[], "123", None, 5, [1, -1], [1, float("nan")], [float("inf")],
                                 ["3"], [None], [True]])
def test_schedule_bad_durations(bad) -> None:
    with pytest.raises(ValueError, match=r"\bdurations"):
        schedule_steps(bad, 0.5)


@pytest.mark.parametrize("bad", [-0.1, 1.1, float("nan"), "0.5", None, True])
def test_schedule_bad_parallel(bad) -> None:
    with pytest.raises(ValueError, match=r"\bparallel\b"):
        schedule_steps([1, 2], bad)


# --------------------------------------------------------------------------------------
# breakout_timeline: hand-computed values
# --------------------------------------------------------------------------------------


def test_toy_table_by_hand() -> None:
    # e = 0.5: base durations 15, 3, 9; s = 2 doubles steps 1 and 3: 30, 3, 18.
    # p = 0.5: starts 0, 15, 16.5; ends 30, 18, 34.5.
    res = breakout_timeline(toy(TOY), "X", estimate=0.5, sanctions=2.0, parallel=0.5)
    assert isinstance(res, BreakoutResult)
    assert list(res.steps["duration"]) == pytest.approx([30, 3, 18])
    assert list(res.steps["start"]) == pytest.approx([0, 15, 16.5])
    assert list(res.steps["end"]) == pytest.approx([30, 18, 34.5])
    assert res.months_to_first_device == pytest.approx(30)
    assert res.months_to_arsenal == pytest.approx(34.5)
    assert res.years_to_arsenal == pytest.approx(34.5 / 12)
    assert res.years_to_first_device == pytest.approx(2.5)
    assert (res.profile, res.estimate, res.sanctions, res.parallel) == ("X", 0.5, 2.0, 0.5)


@pytest.mark.parametrize(("e", "s", "p", "first", "arsenal"), [
    (0.0, 1.0, 0.0, 12, 18),      # lows 10, 2, 6 in a row
    (1.0, 1.0, 0.0, 24, 36),      # highs 20, 4, 12 in a row
    (0.0, 1.0, 1.0, 10, 10),      # all at once: the longest low
    (1.0, 3.0, 1.0, 60, 60),      # 60, 4, 36 at once
    (0.25, 1.0, 0.5, 12.5, 15.0),  # 12.5, 2.5, 7.5: starts 0, 6.25, 7.5; ends 12.5, 8.75, 15
])
def test_toy_table_grid(e, s, p, first, arsenal) -> None:
    res = breakout_timeline(toy(TOY), "X", estimate=e, sanctions=s, parallel=p)
    assert res.months_to_first_device == pytest.approx(first)
    assert res.months_to_arsenal == pytest.approx(arsenal)


def test_first_device_is_not_always_the_last_first_step() -> None:
    # the second first-device step ends before the first one: the milestone is the latest end
    res = breakout_timeline(toy([(20, 20, True, False), (1, 1, True, False), (5, 5, False, False)]),
                            "X", parallel=1.0)
    assert res.months_to_first_device == 20
    assert res.months_to_arsenal == 20


def test_rows_are_sorted_by_order() -> None:
    table = toy(TOY).iloc[::-1].reset_index(drop=True)
    res = breakout_timeline(table, "X", estimate=0.5, sanctions=2.0, parallel=0.5)
    assert list(res.steps["step_id"]) == ["s1", "s2", "s3"]
    assert res.months_to_arsenal == pytest.approx(34.5)


def test_japan_central_by_hand(steps) -> None:
    # Japan's rows (low, high): (3, 24), (1, 6), (6, 24), (12, 36), (24, 72), (6, 36), (24, 60).
    # e = 0.5, s = 1: durations 13.5, 3.5, 15, 24, 48, 21, 42.
    # p = 0.5: starts 0, 6.75, 8.5, 16, 28, 52, 62.5; ends 13.5, 10.25, 23.5, 40, 76, 73, 104.5.
    res = breakout_timeline(steps, "Japan", estimate=0.5, sanctions=1.0, parallel=0.5)
    assert list(res.steps["duration"]) == pytest.approx([13.5, 3.5, 15, 24, 48, 21, 42])
    assert list(res.steps["start"]) == pytest.approx([0, 6.75, 8.5, 16, 28, 52, 62.5])
    assert res.months_to_first_device == pytest.approx(23.5)
    assert res.months_to_arsenal == pytest.approx(104.5)
    # the chapter's "delivery integration ends after about 6 years"
    assert float(res.steps.loc[res.steps["step_id"] == "delivery_integration", "end"].iloc[0]) == 76


def test_japan_corners_by_hand(steps) -> None:
    # optimistic: lows, all at once -> device max(3, 1, 6) = 6; arsenal max of lows = 24
    res = breakout_timeline(steps, "Japan", estimate=0.0, parallel=1.0)
    assert (res.months_to_first_device, res.months_to_arsenal) == (6, 24)
    # pessimistic: highs in a row -> device 24 + 6 + 24 = 54; arsenal 258
    res = breakout_timeline(steps, "Japan", estimate=1.0, parallel=0.0)
    assert (res.months_to_first_device, res.months_to_arsenal) == (54, 258)
    # lows, half overlap: durations 3, 1, 6, 12, 24, 6, 24; starts 0, 1.5, 2, 5, 11, 23, 26
    res = breakout_timeline(steps, "Japan", estimate=0.0, parallel=0.5)
    assert (res.months_to_first_device, res.months_to_arsenal) == (8, 50)


def test_japan_sanctions_by_hand(steps) -> None:
    # s = 2 doubles fissile material (13.5 -> 27), initiators (15 -> 30) and delivery (48 -> 96).
    # starts 0, 13.5, 15.25, 30.25, 42.25, 90.25, 100.75; ends 27, 16.75, 45.25, 54.25, 138.25,
    # 111.25, 142.75
    res = breakout_timeline(steps, "Japan", sanctions=2.0)
    assert res.months_to_first_device == pytest.approx(45.25)
    assert res.months_to_arsenal == pytest.approx(142.75)


def test_profiles(steps) -> None:
    assert breakout_profiles(steps) == PROFILES


# --------------------------------------------------------------------------------------
# breakout_timeline: bad input names the parameter
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, [], "breakout_steps", {"profile": ["X"]}])
def test_steps_not_a_dataframe(bad) -> None:
    with pytest.raises(ValueError, match=r"\bsteps\b"):
        breakout_timeline(bad, "X")


def test_steps_missing_column_and_empty() -> None:
    with pytest.raises(ValueError, match="high_months"):
        breakout_timeline(toy(TOY).drop(columns=["high_months"]), "X")
    with pytest.raises(ValueError, match="no rows"):
        breakout_timeline(toy(TOY).iloc[0:0], "X")


@pytest.mark.parametrize("bad", ["Y", "japan", "", None, 1, ("X",)])
def test_unknown_profile(bad) -> None:
    with pytest.raises(ValueError, match=r"\bprofile\b") as info:
        breakout_timeline(toy(TOY), bad)
    assert "X" in str(info.value)


BAD_UNIT = [-0.01, 1.01, float("nan"), float("inf"), "0.5", None, True, [0.5]]


@pytest.mark.parametrize("bad", BAD_UNIT)
@pytest.mark.parametrize("name", ["estimate", "parallel"])
def test_bad_unit_dials(name, bad) -> None:
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        breakout_timeline(toy(TOY), "X", **{name: bad})


@pytest.mark.parametrize("bad", [0.99, 0.0, -1.0, SANCTIONS_MAX + 0.01, float("nan"), float("inf"),
                                 "2", None, True])
def test_bad_sanctions(bad) -> None:
    with pytest.raises(ValueError, match=r"\bsanctions\b"):
        breakout_timeline(toy(TOY), "X", sanctions=bad)


def test_sanctions_bounds_are_accepted() -> None:
    assert breakout_timeline(toy(TOY), "X", sanctions=1).sanctions == 1.0
    assert breakout_timeline(toy(TOY), "X", sanctions=SANCTIONS_MAX).sanctions == SANCTIONS_MAX


@pytest.mark.parametrize(("rows", "needle"), [
    ([(20, 10, True, False)], "low_months above high_months"),
    ([(-1, 10, True, False)], "low_months"),
    ([(1, float("nan"), True, False)], "high_months"),
    ([(1, 2, False, False)], "first_device"),
])
def test_inconsistent_rows(rows, needle) -> None:
    with pytest.raises(ValueError, match=needle) as info:
        breakout_timeline(toy(rows), "X")
    assert "steps" in str(info.value)


def test_repeated_order() -> None:
    table = toy(TOY)
    table.loc[2, "order"] = 1
    with pytest.raises(ValueError, match="order"):
        breakout_timeline(table, "X")


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

UNIT = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
SANCTION = st.floats(min_value=1.0, max_value=SANCTIONS_MAX, allow_nan=False)
ROW = st.tuples(st.floats(min_value=0, max_value=100), st.floats(min_value=0, max_value=100),
                st.booleans(), st.booleans()).map(lambda r: (min(r[0], r[1]), max(r[0], r[1]), r[2], r[3]))
ROWS = st.lists(ROW, min_size=1, max_size=8).map(
    lambda rows: [(rows[0][0], rows[0][1], True, rows[0][3])] + rows[1:])  # at least one first step


@PROPERTY
@given(rows=ROWS, e=UNIT, s=SANCTION, p=UNIT)
def test_invariants(rows, e, s, p) -> None:
    res = breakout_timeline(toy(rows), "X", estimate=e, sanctions=s, parallel=p)
    df = res.steps
    d = list(df["duration"])
    assert all(x >= 0 for x in d)
    assert list(df["end"] - df["start"]) == pytest.approx(d, abs=1e-9)
    assert list(df["start"]) == sorted(df["start"])  # steps start in order
    assert res.months_to_first_device <= res.months_to_arsenal
    assert max(d) - 1e-9 <= res.months_to_arsenal <= sum(d) + 1e-9
    # each duration between its low and high estimate (times s if flagged)
    for (lo, hi, _, flagged), dk in zip(rows, d, strict=True):
        k = s if flagged else 1.0
        assert lo * k - 1e-9 <= dk <= hi * k + 1e-9


@PROPERTY
@given(rows=ROWS, e=UNIT, s=SANCTION)
def test_sequential_sums_and_parallel_maxes(rows, e, s) -> None:
    seq = breakout_timeline(toy(rows), "X", estimate=e, sanctions=s, parallel=0.0)
    par = breakout_timeline(toy(rows), "X", estimate=e, sanctions=s, parallel=1.0)
    assert seq.months_to_arsenal == pytest.approx(seq.steps["duration"].sum(), rel=1e-12, abs=1e-9)
    assert par.months_to_arsenal == pytest.approx(par.steps["duration"].max(), rel=1e-12, abs=1e-9)
    assert set(par.steps["start"]) == {0.0}


@PROPERTY
@given(rows=ROWS, a=UNIT, b=UNIT, s=SANCTION, p=UNIT)
def test_monotonic_in_estimate(rows, a, b, s, p) -> None:
    lo, hi = sorted((a, b))
    r_lo = breakout_timeline(toy(rows), "X", estimate=lo, sanctions=s, parallel=p)
    r_hi = breakout_timeline(toy(rows), "X", estimate=hi, sanctions=s, parallel=p)
    assert r_lo.months_to_arsenal <= r_hi.months_to_arsenal + 1e-9
    assert r_lo.months_to_first_device <= r_hi.months_to_first_device + 1e-9


@PROPERTY
@given(rows=ROWS, e=UNIT, a=SANCTION, b=SANCTION, p=UNIT)
def test_monotonic_in_sanctions(rows, e, a, b, p) -> None:
    lo, hi = sorted((a, b))
    r_lo = breakout_timeline(toy(rows), "X", estimate=e, sanctions=lo, parallel=p)
    r_hi = breakout_timeline(toy(rows), "X", estimate=e, sanctions=hi, parallel=p)
    assert r_lo.months_to_arsenal <= r_hi.months_to_arsenal + 1e-9
    assert r_lo.months_to_first_device <= r_hi.months_to_first_device + 1e-9


@PROPERTY
@given(rows=ROWS, e=UNIT, s=SANCTION, a=UNIT, b=UNIT)
def test_more_parallel_work_is_never_slower(rows, e, s, a, b) -> None:
    lo, hi = sorted((a, b))
    r_lo = breakout_timeline(toy(rows), "X", estimate=e, sanctions=s, parallel=lo)
    r_hi = breakout_timeline(toy(rows), "X", estimate=e, sanctions=s, parallel=hi)
    assert r_hi.months_to_arsenal <= r_lo.months_to_arsenal + 1e-9
    assert r_hi.months_to_first_device <= r_lo.months_to_first_device + 1e-9


@PROPERTY
@given(rows=ROWS, e=UNIT, p=UNIT)
def test_sanctions_leave_unflagged_steps_alone(rows, e, p) -> None:
    r1 = breakout_timeline(toy(rows), "X", estimate=e, sanctions=1.0, parallel=p)
    r2 = breakout_timeline(toy(rows), "X", estimate=e, sanctions=2.0, parallel=p)
    for (_, _, _, flagged), d1, d2 in zip(rows, r1.steps["duration"], r2.steps["duration"], strict=True):
        assert d2 == pytest.approx(2 * d1 if flagged else d1, abs=1e-9)


@PROPERTY
@given(e=UNIT, s=SANCTION, p=UNIT, profile=st.sampled_from(PROFILES))
def test_real_profiles_invariants(steps, e, s, p, profile) -> None:
    res = breakout_timeline(steps, profile, estimate=e, sanctions=s, parallel=p)
    assert len(res.steps) == 7
    assert 0 < res.months_to_first_device <= res.months_to_arsenal


# --------------------------------------------------------------------------------------
# pursuit_durations
# --------------------------------------------------------------------------------------


def test_pursuit_durations_by_hand(timelines) -> None:
    years = pursuit_durations(timelines)
    # Bleek 2017: acquire - pursue
    expected = {"United States": 3, "Soviet Union / Russia": 6, "United Kingdom": 11, "France": 6,
                "China": 9, "Israel": 12, "South Africa": 5, "Pakistan": 15, "India": 23,
                "North Korea": 26}
    assert years.to_dict() == expected
    # sorted 3 5 6 6 9 11 12 15 23 26: median (9 + 11) / 2 = 10; range 3 to 26
    assert years.median() == 10
    assert (years.min(), years.max()) == (3, 26)
    last = pursuit_durations(timelines, "pursue_last_start")
    assert last["India"] == 7  # 1987 - 1980
    # sorted 3 5 6 6 7 9 11 12 15 26: median (7 + 9) / 2 = 8
    assert last.median() == 8


def test_pursuit_durations_bad_input(timelines) -> None:
    with pytest.raises(ValueError, match="timelines"):
        pursuit_durations([1, 2])
    with pytest.raises(ValueError, match=r"\bstart\b"):
        pursuit_durations(timelines, "explore")
    with pytest.raises(ValueError, match="acquire"):
        pursuit_durations(timelines.drop(columns=["acquire"]))
    broken = timelines.copy()
    broken.loc[0, "acquire"] = 1900
    with pytest.raises(ValueError, match="earlier"):
        pursuit_durations(broken)


# --------------------------------------------------------------------------------------
# The data tables
# --------------------------------------------------------------------------------------


def test_steps_table_shape(steps) -> None:
    assert len(steps) == 21
    for profile in PROFILES:
        rows = steps.loc[steps["profile"] == profile].sort_values("order")
        assert list(rows["step_id"]) == STEP_IDS, profile
        assert list(rows["order"]) == list(range(1, 8)), profile
        # the steps needed for a first device are the first three of the essay's list
        assert [bool(v) for v in rows["first_device"]] == [True] * 3 + [False] * 4, profile
        assert (rows["low_months"] <= rows["high_months"]).all(), profile
        assert (rows["low_months"] >= 0).all(), profile


def test_steps_are_the_same_across_profiles(steps) -> None:
    names = {p: list(steps.loc[steps["profile"] == p].sort_values("order")["step"]) for p in PROFILES}
    flags = {p: list(steps.loc[steps["profile"] == p].sort_values("order")["sanctions_sensitive"])
             for p in PROFILES}
    assert names["Japan"] == names["Germany"] == names["Canada"]
    assert flags["Japan"] == flags["Germany"] == flags["Canada"]


def test_steps_notes_say_they_are_judgements(steps) -> None:
    for row in steps.itertuples(index=False):
        assert str(row.note).startswith("Stylised judgement"), (row.profile, row.step_id)
        assert "albessard2025" in str(row.source).split("; "), (row.profile, row.step_id)


def test_steps_csv_is_read_faithfully(steps) -> None:
    with (DATA_DIR / "breakout_steps.csv").open(encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh))
    for rec, row in zip(raw, steps.itertuples(index=False), strict=True):
        assert float(rec["low_months"]) == row.low_months
        assert float(rec["high_months"]) == row.high_months
        assert (rec["first_device"] == "true") == bool(row.first_device)


# Bleek 2017, table of proliferation chronologies (explore, pursue, acquire).
BLEEK = {
    "United States": (1939, 1942, 1945), "Soviet Union / Russia": (1942, 1943, 1949),
    "United Kingdom": (1940, 1941, 1952), "France": (1945, 1954, 1960), "China": (1952, 1955, 1964),
    "Israel": (1949, 1955, 1967), "South Africa": (1969, 1974, 1979), "Pakistan": (1972, 1972, 1987),
    "India": (1948, 1964, 1987), "North Korea": (1962, 1980, 2006),
}
# CTBTO: first nuclear test of each state that has tested.
CTBTO = {
    "United States": date(1945, 7, 16), "Soviet Union / Russia": date(1949, 8, 29),
    "United Kingdom": date(1952, 10, 3), "France": date(1960, 2, 13), "China": date(1964, 10, 16),
    "India": date(1974, 5, 18), "Pakistan": date(1998, 5, 28), "North Korea": date(2006, 10, 9),
}


def test_timelines_match_bleek(timelines) -> None:
    assert set(timelines["state"]) == set(BLEEK)
    for row in timelines.itertuples(index=False):
        assert (row.explore, row.pursue, row.acquire) == BLEEK[row.state], row.state
        assert row.explore <= row.pursue <= row.pursue_last_start <= row.acquire, row.state
        if row.state != "India":
            assert row.pursue_last_start == row.pursue, row.state
    india = timelines.set_index("state").loc["India"]
    assert india["pursue_last_start"] == 1980


def test_timelines_first_tests(timelines) -> None:
    tests = dict(zip(timelines["state"], timelines["first_test"], strict=True))
    for state, day in CTBTO.items():
        assert tests[state] == day, state
    # Israel has never (publicly) tested; South Africa's devices were never tested
    assert tests["Israel"] is None and tests["South Africa"] is None
    ended = timelines.set_index("state")["ended"]
    assert ended["South Africa"] == 1991
    assert ended.drop("South Africa").isna().all()


# --------------------------------------------------------------------------------------
# The static figure: every precomputed state equals the model's output
# --------------------------------------------------------------------------------------


def _check_payload(payload: dict, res: BreakoutResult, where: str) -> None:
    df = res.steps
    for i, needed in enumerate((True, False)):
        part = df.loc[df["first_device"] == needed]
        assert payload["x"][i] == pytest.approx(list(part["duration"]), abs=1e-4), where
        assert payload["base"][i] == pytest.approx(list(part["start"]), abs=1e-4), where
        assert payload["y"][i] == list(part["order"]), where
        shapes = ["/" if s else "" for s in part["sanctions_sensitive"]]
        assert payload["marker.pattern.shape"][i] == shapes, where


def _check_layout(layout: dict, res: BreakoutResult, where: str) -> None:
    first, arsenal = layout["shapes"]
    assert first["x0"] == first["x1"] == pytest.approx(res.months_to_first_device), where
    assert arsenal["x0"] == arsenal["x1"] == pytest.approx(res.months_to_arsenal), where
    (note,) = layout["annotations"]
    assert f"{res.months_to_first_device:.1f} months" in note["text"], where
    assert f"{res.months_to_arsenal:.1f} months" in note["text"], where
    assert f"{res.months_to_arsenal / 12:.1f} years" in note["text"], where


def test_figure_dropdown_and_sliders_equal_the_model(steps, presets) -> None:
    fig = breakout_figure(steps, presets)
    layout = fig.to_dict()["layout"]
    (menu,) = layout["updatemenus"]
    assert [b["label"] for b in menu["buttons"]] == PROFILES
    assert menu["active"] == 0
    previous = None
    for button in menu["buttons"]:
        profile = button["label"]
        payload, lay, indices = button["args"]
        assert indices == [0, 1]
        res = breakout_timeline(steps, profile, estimate=0.5, sanctions=1.25, parallel=0.5)
        _check_payload(payload, res, f"button {profile}")
        _check_layout(lay, res, f"button {profile}")
        (slider,) = lay["sliders"]
        assert [float(s["value"]) for s in slider["steps"]] == list(SANCTION_LEVELS)
        assert slider["active"] == SANCTION_LEVELS.index(1.25)  # never the first step
        assert profile in slider["name"]
        seen = []
        for step in slider["steps"]:
            s = float(step["value"])
            assert step["method"] == "update"
            sp, sl, si = step["args"]
            assert si == [0, 1]
            res = breakout_timeline(steps, profile, estimate=0.5, sanctions=s, parallel=0.5)
            _check_payload(sp, res, f"{profile} at x{s}")
            _check_layout(sl, res, f"{profile} at x{s}")
            seen.append(sp["x"])
        # no dead slider step: each one changes the bars
        assert all(a != b for a, b in zip(seen, seen[1:], strict=False)), profile
        assert payload["x"] != previous, profile  # no dead dropdown entry
        previous = payload["x"]


def test_figure_initial_state_and_axis(steps, presets) -> None:
    fig = breakout_figure(steps, presets)
    res = breakout_timeline(steps, "Japan", estimate=0.5, sanctions=1.25, parallel=0.5)
    assert fig.data[0].type == "bar" and fig.data[0].orientation == "h"
    assert list(fig.data[0].x) == pytest.approx(list(res.steps["duration"][:3]), abs=1e-4)
    assert list(fig.data[1].base) == pytest.approx(list(res.steps["start"][3:]), abs=1e-4)
    # each preset has one month axis for all its sanctions levels, wide enough for its slowest
    # one and no wider (issue 21: Japan's axis ran to Canada's 225 months for data ending at 114)
    (menu,) = fig.layout.updatemenus
    for profile, button in zip(PROFILES, menu.buttons, strict=True):
        slowest = max(breakout_timeline(steps, profile, sanctions=s).months_to_arsenal
                      for s in SANCTION_LEVELS)
        lo, hi = button.args[1]["xaxis.range"]
        assert lo == 0 and slowest < hi < slowest * 1.1, profile
    assert list(fig.layout.xaxis.range) == list(menu.buttons[0].args[1]["xaxis.range"])
    assert fig.layout.xaxis.range[1] < 160
    assert fig.layout.title.text and fig.layout.height
    assert fig.layout.meta["narrow"]["yaxis.ticktext"][0].startswith("1.")


def test_figure_initial_choices(steps, presets) -> None:
    fig = breakout_figure(steps, presets, initial="canada", initial_sanctions=2.0)
    res = breakout_timeline(steps, "Canada", sanctions=2.0)
    assert fig.layout.updatemenus[0].active == 2
    assert fig.layout.sliders[0].active == 4
    assert fig.layout.shapes[1].x0 == pytest.approx(res.months_to_arsenal)


@pytest.mark.parametrize(("kwargs", "needle"), [
    ({"initial": "France"}, "initial"),
    ({"sanctions_levels": (1.0, 2.0, 1.5)}, "sanctions_levels"),
    ({"sanctions_levels": ()}, "sanctions_levels"),
    ({"initial_sanctions": 1.1}, "initial_sanctions"),
    ({"sanctions_levels": (0.5, 1.0), "initial_sanctions": 1.0}, "sanctions"),
])
def test_figure_bad_input(steps, presets, kwargs, needle) -> None:
    with pytest.raises(ValueError, match=needle):
        breakout_figure(steps, presets, **kwargs)


def test_snapshot_rejects_other_input() -> None:
    with pytest.raises(ValueError, match="BreakoutResult"):
        breakout_snapshot_figure({"months_to_arsenal": 3})


def test_timelines_figure_views(steps, timelines) -> None:
    model = breakout_timeline(steps, "Japan", sanctions=1.0)
    fig = proliferation_timelines_figure(timelines, model=model)
    table = timelines.set_index("state")
    order = list(fig.data[0].y)
    assert order[0] == "United States" and order[-1] == "North Korea"
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    (calendar, aligned) = [b["args"] for b in menu["buttons"]]
    for i, state in enumerate(order):
        e, p, a = (int(table.loc[state, c]) for c in ("explore", "pursue", "acquire"))
        assert calendar[0]["base"][0][i] == e and calendar[0]["x"][0][i] == p - e
        assert calendar[0]["base"][1][i] == p and calendar[0]["x"][1][i] == a - p
        assert aligned[0]["base"][0][i] == e - p and aligned[0]["base"][1][i] == 0
        assert aligned[0]["base"][2][i] == a - p
    # first tests as decimal years: Trinity, 16 July 1945 = 1945 + 196/365
    tested = list(fig.data[3].y)
    assert "Israel" not in tested and "South Africa" not in tested
    assert calendar[0]["x"][3][tested.index("United States")] == pytest.approx(1945 + 196 / 365, abs=1e-3)
    assert aligned[0]["x"][3][tested.index("India")] == pytest.approx(1974 + 137 / 365 - 1964, abs=1e-3)
    # the aligned view draws the median (10 years) and the model's band; the calendar view neither
    assert calendar[1]["shapes"] == []
    line, band = aligned[1]["shapes"]
    assert line["x0"] == 10
    assert band["x0"] == pytest.approx(23.5 / 12, abs=1e-3)
    assert band["x1"] == pytest.approx(104.5 / 12, abs=1e-3)
    assert aligned[0]["visible"][-2:] == [True, True] and calendar[0]["visible"][-2:] == [False, False]
    assert calendar[1]["xaxis.range"] != aligned[1]["xaxis.range"]


def test_timelines_figure_bad_input(timelines) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        proliferation_timelines_figure("table")
    with pytest.raises(ValueError, match="first_test"):
        proliferation_timelines_figure(timelines.drop(columns=["first_test"]))
    with pytest.raises(ValueError, match="model"):
        proliferation_timelines_figure(timelines, model=3)


# --------------------------------------------------------------------------------------
# The live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel(steps, presets) -> BreakoutPanel:
    return breakout_panel(steps, presets)


def _bars(panel: BreakoutPanel) -> tuple[list, list]:
    x = list(panel.figure.data[0].x) + list(panel.figure.data[1].x)
    base = list(panel.figure.data[0].base) + list(panel.figure.data[1].base)
    return x, base


def test_panel_initial_state(panel) -> None:
    c = panel.controls
    assert (c["profile"].value, c["estimate"].value, c["sanctions"].value, c["parallel"].value) == (
        "Japan", 0.5, 1.0, 0.5)
    assert isinstance(panel.figure, go.FigureWidget)
    assert "23.5 months" in panel.summary.value and "104.5 months" in panel.summary.value
    assert panel.figure.layout.shapes[1].x0 == pytest.approx(104.5)


def test_panel_profile_switch(panel, steps) -> None:
    panel.controls["profile"].value = "Canada"
    res = breakout_timeline(steps, "Canada")
    x, base = _bars(panel)
    assert x == pytest.approx(list(res.steps["duration"]), abs=1e-4)
    assert base == pytest.approx(list(res.steps["start"]), abs=1e-4)
    assert "Canada" in panel.summary.value
    assert f"{res.months_to_arsenal:.1f} months" in panel.summary.value


def test_panel_full_parallel_work(panel) -> None:
    panel.controls["parallel"].value = 1.0
    _, base = _bars(panel)
    assert set(base) == {0.0}
    assert panel.result.months_to_arsenal == pytest.approx(48)  # the longest step: (24 + 72) / 2


def test_panel_sanctions_double_flagged_steps(panel) -> None:
    before, _ = _bars(panel)
    panel.controls["sanctions"].value = 2.0
    after, _ = _bars(panel)
    flagged = [True, False, True, False, True, False, False]  # by step order
    for b, a, f in zip(before, after, flagged, strict=True):
        assert a == pytest.approx(2 * b if f else b, abs=1e-4)
    assert "45.2" in panel.summary.value or "45.3" in panel.summary.value  # 45.25 months


def test_panel_low_estimates(panel) -> None:
    panel.controls["estimate"].value = 0.0
    x, _ = _bars(panel)
    assert x == pytest.approx([3, 1, 6, 12, 24, 6, 24])
    assert "50.0 months" in panel.summary.value
    # the month axis follows the arsenal
    assert panel.figure.layout.xaxis.range[1] >= 50


def test_panel_hatching_follows_the_table(panel) -> None:
    assert list(panel.figure.data[0].marker.pattern.shape) == ["/", "", "/"]
    assert list(panel.figure.data[1].marker.pattern.shape) == ["", "/", "", ""]


def test_panel_is_finite(panel) -> None:
    for value in (0.0, 1.0):
        panel.controls["estimate"].value = value
        assert math.isfinite(panel.result.months_to_arsenal)


def test_panel_profile_keeps_the_dials(panel) -> None:
    """Changing the profile keeps the estimate and parallel work the learner set (issue 14 item 6)."""
    panel.controls["estimate"].value = 0.0
    panel.controls["parallel"].value = 1.0
    panel.controls["profile"].value = "Germany"
    assert (panel.result.profile, panel.result.estimate, panel.result.parallel) == ("Germany", 0.0, 1.0)


def test_panel_follows_the_contract(panel) -> None:
    check_live_panel(panel, rejected={"sanctions": 0.5})
    assert "Sanctions factor" in panel.names.values()


def test_panel_rejects_sanctions_in_the_controls_words(panel) -> None:
    panel.controls["sanctions"].value = 11.0
    assert "the Sanctions factor must lie in [1, 10]" in panel.summary.value
    assert not panel.computed


# --------------------------------------------------------------------------------------
# The presets and the explorer contract
# --------------------------------------------------------------------------------------


def test_presets_give_each_profile_at_the_central_reading(presets, steps) -> None:
    assert list(presets["profile"]) == PROFILES == breakout_profiles(steps)
    for row in presets.to_dict("records"):
        assert preset_arguments(row) == {"profile": row["profile"], "estimate": 0.5, "parallel": 0.5}
        assert row["basis"].startswith("judgement: ")


@pytest.mark.parametrize(("change", "needle"), [
    ({"estimate": 1.5}, "preset 'japan': estimate must lie in"),
    ({"parallel": -0.1}, "preset 'japan': parallel must lie in"),
    ({"profile": ""}, "preset 'japan': profile must be"),
])
def test_preset_arguments_name_the_preset_and_column(presets, change, needle) -> None:
    row = {**presets.to_dict("records")[0], **change}
    with pytest.raises(ValueError, match=needle.replace("[", r"\[")):
        preset_arguments(row)
    with pytest.raises(ValueError, match="japan"):
        breakout_figure(load_table("breakout_steps"), presets.assign(**{k: [v] * len(presets)
                                                                          for k, v in change.items()}))


def test_preset_arguments_missing_column() -> None:
    with pytest.raises(ValueError, match="the column parallel is missing"):
        preset_arguments({"preset_id": "a", "profile": "Japan", "estimate": 0.5})


def test_figures_follow_the_design_system(steps, presets, timelines) -> None:
    fig = breakout_figure(steps, presets)
    check_explorer_figure(fig)
    assert tuple(DYNAMIC_TRACES) == (0, 1)
    assert [m.name for m in fig.layout.updatemenus] == ["Country profile"]
    assert fig.layout.sliders[0].currentvalue.prefix == "Sanctions factor: "
    assert set(fig.layout.meta) >= {"subtitle", "notes", "source", "description", "narrow"}
    timeline = proliferation_timelines_figure(timelines, model=breakout_timeline(steps, "Japan"))
    check_explorer_figure(timeline)


# ---- In Japanese ----

def test_the_figures_are_japanese_when_the_package_speaks_japanese(steps, presets, timelines) -> None:
    check_figure_in_japanese(lambda: breakout_figure(steps, presets))
    japan = breakout_timeline(steps, "Japan", estimate=0.5, sanctions=1.0, parallel=0.5)
    check_figure_in_japanese(lambda: proliferation_timelines_figure(timelines, model=japan))


def test_the_panel_is_japanese_when_the_package_speaks_japanese(steps, presets) -> None:
    check_panel_in_japanese(lambda: breakout_panel(steps, presets))
    with speaking("ja"):
        panel = breakout_panel(steps, presets)
    assert panel.summary.value.startswith("<b>日本</b>：最初の装置まで"), panel.summary.value
    assert panel.result.steps["step"][0] == "兵器級核分裂性物質（濃縮または再処理）"


def test_a_rejected_combination_is_explained_in_japanese(steps, presets) -> None:
    with speaking("ja"):
        panel = breakout_panel(steps, presets)
        panel.controls["sanctions"].value = 12.0
    assert not panel.computed
    said = panel.summary.value
    assert said.startswith("<b>計算できない：</b>「制裁係数」は1から10の範囲になければならない"), said
    assert panel.figure.layout.title.text.endswith("（計算不可）")


def test_the_page_s_tables_are_japanese_when_the_package_speaks_japanese(steps, timelines) -> None:
    with speaking("ja"):
        shown = steps_table(steps), timelines_table(timelines)
    assert shown[0].header[:3] == ("プロファイル", "工程", "名称")
    assert shown[0].rows[0][:3] == ("日本", "1", "兵器級核分裂性物質（濃縮または再処理）")
    assert shown[0].rows[0][5] == "はい" and shown[0].note_heading == "この推定とした理由"
    assert shown[1].header[0] == "国" and "米国" in [row[0] for row in shown[1].rows]
    assert all("。" in note for note in shown[1].notes), "the notes on the dates are shown in Japanese"
