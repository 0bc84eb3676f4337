"""Chapter 4, the window of vulnerability: model, figures, live panel and data tables.

Expected values come from the model's equations worked by hand:
``b_eff = b (1 - c (1 - l))``, ``lambda_bar = lambda0 a (1 - w_l l) (1 - w_b b_eff)``,
``lambda(t) = lambda_bar (1 - r + 2 r t / T)``,
``Lambda(t) = lambda_bar ((1 - r) t + r t^2 / T)`` and ``S(t) = exp(-Lambda(t))``.
Facts about the strikes are checked against the sources named in each test.
"""

from __future__ import annotations

import math
import re
from datetime import date

import numpy as np
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
from proliferation_course.figures.window import (
    CURVE_POINTS,
    DYNAMIC_TRACES,
    LEGITIMACY_STEPS,
    check_window_presets,
    preventive_strikes_figure,
    preventive_strikes_table,
    window_figure,
    window_presets_table,
    window_state,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.window import (
    DEFAULT_BACKING_WEIGHT,
    DEFAULT_BASE_HAZARD,
    DEFAULT_LEGITIMACY_WEIGHT,
    DEFAULT_RAMP,
    MAX_WINDOW_MONTHS,
    WindowResult,
    cumulative_hazard,
    effective_backing,
    evaluate_window,
    mean_hazard,
    preset_arguments,
    strike_hazard,
    survival_probability,
)
from proliferation_course.references import bibliography
from proliferation_course.widgets.window import WindowPanel, window_panel

PROPERTY = settings(max_examples=200, deadline=None, database=None)
UNIT = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)
WINDOW = st.floats(min_value=0.5, max_value=240.0, allow_nan=False, allow_infinity=False)
BASE = st.floats(min_value=0.0, max_value=0.2, allow_nan=False, allow_infinity=False)
ROUNDED = 0.5e-4 + 1e-12  # the figure keeps four decimals (half a unit in the last place)


@pytest.fixture
def presets() -> pd.DataFrame:
    return load_table("window_presets")


@pytest.fixture
def strikes() -> pd.DataFrame:
    return load_table("preventive_strikes")


def hand_level(a, lg, b, c, lam0=0.04, wl=0.4, wb=0.8):
    """Mean hazard written out from the equations, independently of the package."""
    return lam0 * a * (1 - wl * lg) * (1 - wb * b * (1 - c * (1 - lg)))


def hand_survival(t, big_t, level, r):
    return math.exp(-level * ((1 - r) * t + r * t * t / big_t))


# --------------------------------------------------------------------------------------
# Model: hand-computed values
# --------------------------------------------------------------------------------------


def test_defaults_are_the_documented_ones() -> None:
    assert (DEFAULT_BASE_HAZARD, DEFAULT_LEGITIMACY_WEIGHT, DEFAULT_BACKING_WEIGHT,
            DEFAULT_RAMP) == (0.04, 0.4, 0.8, 0.5)


@pytest.mark.parametrize(("b", "lg", "c", "expected"), [
    (0.8, 0.5, 1.0, 0.4),      # 0.8 * (1 - 0.5)
    (0.8, 0.0, 0.0, 0.8),      # no coupling: all delivered
    (0.8, 0.2, 1.0, 0.16),     # the quiz's worked example
    (1.0, 1.0, 1.0, 1.0),      # full legitimacy: coupling is irrelevant
    (0.6, 0.0, 1.0, 0.0),      # no legitimacy, full coupling: nothing delivered
    (0.5, 0.4, 0.5, 0.35),     # 0.5 * (1 - 0.5 * 0.6)
    (0.0, 0.3, 0.7, 0.0),
])
def test_effective_backing_by_hand(b, lg, c, expected) -> None:
    assert effective_backing(b, lg, c) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("args", "expected"), [
    ((1.0, 0.0, 0.0), 0.04),
    ((0.5, 1.0, 1.0, 0.0), 0.04 * 0.5 * 0.6 * 0.2),
    ((0.6, 0.8, 0.8, 0.8), 0.04 * 0.6 * (1 - 0.32) * (1 - 0.8 * 0.672)),
    ((1.0, 0.1, 0.0, 0.5), 0.04 * 1.0 * 0.96 * 1.0),
    ((0.0, 0.3, 0.9, 0.2), 0.0),
])
def test_mean_hazard_by_hand(args, expected) -> None:
    assert mean_hazard(*args) == pytest.approx(expected, abs=1e-15)


def test_mean_hazard_weights_and_base() -> None:
    # lam0 0.1, w_l 0, w_b 1, full backing delivered: 0.1 * 1 * 1 * 0 = 0
    assert mean_hazard(1.0, 0.5, 1.0, 0.0, base_hazard=0.1, legitimacy_weight=0.0,
                       backing_weight=1.0) == 0.0
    # lam0 0.1, w_l 1, full legitimacy: the direct effect removes everything
    assert mean_hazard(1.0, 1.0, 0.0, base_hazard=0.1, legitimacy_weight=1.0) == 0.0
    assert mean_hazard(0.5, 0.5, 0.0, base_hazard=0.02, legitimacy_weight=0.5) == pytest.approx(
        0.02 * 0.5 * 0.75)


@pytest.mark.parametrize(("t", "big_t", "level", "r", "expected"), [
    (0.0, 60, 0.02, 0.5, 0.01),
    (60, 60, 0.02, 0.5, 0.03),
    (30, 60, 0.02, 1.0, 0.02),
    (0.0, 60, 0.02, 1.0, 0.0),
    (12, 24, 0.05, 0.0, 0.05),
    (6, 24, 0.05, 0.4, 0.05 * (0.6 + 0.8 * 0.25)),
])
def test_strike_hazard_by_hand(t, big_t, level, r, expected) -> None:
    assert strike_hazard(t, big_t, level, r) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize(("t", "big_t", "level", "r", "expected"), [
    (60, 60, 0.02, 0.5, 1.2),
    (30, 60, 0.02, 1.0, 0.3),
    (30, 60, 0.02, 0.0, 0.6),
    (10, 40, 0.1, 0.5, 0.1 * (5 + 0.5 * 100 / 40)),
    (0, 40, 0.1, 0.5, 0.0),
])
def test_cumulative_hazard_by_hand(t, big_t, level, r, expected) -> None:
    assert cumulative_hazard(t, big_t, level, r) == pytest.approx(expected, abs=1e-12)


def test_cumulative_hazard_is_the_integral_of_the_hazard() -> None:
    # trapezoid rule on a fine grid, independent of the closed form
    big_t, level, r = 48.0, 0.03, 0.7
    grid = np.linspace(0.0, 30.0, 3001)
    values = [strike_hazard(float(x), big_t, level, r) for x in grid]
    integral = float(np.sum((np.array(values[1:]) + np.array(values[:-1])) / 2 * np.diff(grid)))
    assert cumulative_hazard(30.0, big_t, level, r) == pytest.approx(integral, rel=1e-9)


def test_survival_probability_by_hand() -> None:
    assert survival_probability(12, 1.0, 0.0, 0.0, base_hazard=0.05) == pytest.approx(math.exp(-0.6))
    assert survival_probability(24, 0.0, 0.3, 0.5) == 1.0
    level = hand_level(0.6, 0.15, 0.8, 0.8)
    assert survival_probability(60, 0.6, 0.15, 0.8, 0.8) == pytest.approx(math.exp(-level * 60))


def test_evaluate_window_curves_by_hand() -> None:
    res = evaluate_window(60, 1.0, 0.0, 0.0, ramp=0.0)
    assert isinstance(res, WindowResult)
    assert res.months == tuple(float(m) for m in range(61))
    assert res.survival[0] == 1.0
    assert res.survival_at_end == pytest.approx(math.exp(-2.4))
    assert res.struck_by_end == pytest.approx(1 - math.exp(-2.4))
    assert all(h == pytest.approx(0.04) for h in res.hazard)
    res = evaluate_window(50, 1.0, 0.1, 0.0, 0.5)
    level = hand_level(1.0, 0.1, 0.0, 0.5)
    assert res.mean_hazard == pytest.approx(level)
    for t, s, h in zip(res.months, res.survival, res.hazard, strict=True):
        assert s == pytest.approx(hand_survival(t, 50, level, 0.5), abs=1e-12)
        assert h == pytest.approx(level * (0.5 + t / 50), abs=1e-12)


def test_fractional_window_ends_at_t() -> None:
    res = evaluate_window(10.5, 0.5, 0.5, 0.5)
    assert res.months[-2:] == (10.0, 10.5)
    assert res.window_months == 10.5
    assert res.survival_at_end == pytest.approx(
        math.exp(-hand_level(0.5, 0.5, 0.5, 0.5) * 10.5))


def test_numpy_and_int_inputs_are_numbers() -> None:
    assert mean_hazard(np.float64(1.0), 0, 0) == pytest.approx(0.04)
    assert survival_probability(np.int64(12), 1, 0, 0) == pytest.approx(math.exp(-0.48))


# --------------------------------------------------------------------------------------
# Model: bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["capability", "legitimacy", "us_backing", "coupling",
                                  "legitimacy_weight", "backing_weight"])
@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan"), "0.5", None, True, float("inf")])
def test_unit_parameters_reject_bad_values(name, bad) -> None:
    kwargs = {"capability": 0.5, "legitimacy": 0.5, "us_backing": 0.5, "coupling": 0.5,
              "legitimacy_weight": 0.4, "backing_weight": 0.8}
    kwargs[name] = bad
    with pytest.raises(ValueError, match=name):
        mean_hazard(**kwargs)
    with pytest.raises(ValueError, match=name):
        evaluate_window(24, **kwargs)


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), MAX_WINDOW_MONTHS + 1, "12", None])
def test_window_months_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="window_months"):
        evaluate_window(bad, 0.5, 0.5, 0.5)
    with pytest.raises(ValueError, match="window_months"):
        survival_probability(bad, 0.5, 0.5, 0.5)
    with pytest.raises(ValueError, match="window_months"):
        strike_hazard(0.0, bad, 0.01)


@pytest.mark.parametrize("bad", [-0.001, 1.5, float("nan"), float("inf"), "x"])
def test_base_hazard_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="base_hazard"):
        mean_hazard(0.5, 0.5, 0.5, base_hazard=bad)


@pytest.mark.parametrize("bad", [-0.1, 1.1, float("nan")])
def test_ramp_rejects_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="ramp"):
        evaluate_window(24, 0.5, 0.5, 0.5, ramp=bad)
    with pytest.raises(ValueError, match="ramp"):
        cumulative_hazard(1.0, 24, 0.01, ramp=bad)


def test_time_and_level_reject_bad_values() -> None:
    with pytest.raises(ValueError, match=r"\bt\b"):
        strike_hazard(25.0, 24, 0.01)
    with pytest.raises(ValueError, match=r"\bt\b"):
        cumulative_hazard(-1.0, 24, 0.01)
    with pytest.raises(ValueError, match="level"):
        strike_hazard(1.0, 24, -0.01)
    with pytest.raises(ValueError, match="level"):
        cumulative_hazard(1.0, 24, float("nan"))


# --------------------------------------------------------------------------------------
# Model: properties
# --------------------------------------------------------------------------------------


@PROPERTY
@given(big_t=WINDOW, a=UNIT, lg=UNIT, b=UNIT, c=UNIT, lam0=BASE, r=UNIT)
def test_survival_is_a_decreasing_probability(big_t, a, lg, b, c, lam0, r) -> None:
    res = evaluate_window(big_t, a, lg, b, c, base_hazard=lam0, ramp=r)
    assert res.survival[0] == 1.0
    assert all(0.0 <= s <= 1.0 for s in res.survival)
    pairs = zip(res.survival[:-1], res.survival[1:], strict=True)
    assert all(later <= earlier + 1e-15 for earlier, later in pairs)
    assert all(h >= 0.0 for h in res.hazard)
    assert 0.0 <= res.effective_backing <= b + 1e-15


@PROPERTY
@given(big_t=WINDOW, a=UNIT, lg=UNIT, b=UNIT, c=UNIT, lam0=BASE, r=UNIT)
def test_ramp_never_changes_survival_at_the_end(big_t, a, lg, b, c, lam0, r) -> None:
    res = evaluate_window(big_t, a, lg, b, c, base_hazard=lam0, ramp=r)
    expected = survival_probability(big_t, a, lg, b, c, base_hazard=lam0)
    assert res.survival_at_end == pytest.approx(expected, rel=1e-9, abs=1e-300)


@PROPERTY
@given(a=UNIT, lg=UNIT, b=UNIT, c=UNIT, lam0=BASE, wl=UNIT, wb=UNIT,
       d=st.floats(min_value=0.0, max_value=1.0))
def test_hazard_is_monotone_in_each_factor(a, lg, b, c, lam0, wl, wb, d) -> None:
    base = mean_hazard(a, lg, b, c, lam0, wl, wb)
    # more capability never lowers the hazard
    assert mean_hazard(min(1.0, a + d), lg, b, c, lam0, wl, wb) >= base - 1e-15
    # more legitimacy and more backing never raise it
    assert mean_hazard(a, min(1.0, lg + d), b, c, lam0, wl, wb) <= base + 1e-15
    assert mean_hazard(a, lg, min(1.0, b + d), c, lam0, wl, wb) <= base + 1e-15
    # a stronger coupling of backing to legitimacy never lowers it
    assert mean_hazard(a, lg, b, min(1.0, c + d), lam0, wl, wb) >= base - 1e-15


@PROPERTY
@given(big_t=WINDOW, extra=st.floats(min_value=0.0, max_value=120.0), a=UNIT, lg=UNIT, b=UNIT,
       c=UNIT)
def test_a_longer_window_is_never_safer(big_t, extra, a, lg, b, c) -> None:
    short = survival_probability(big_t, a, lg, b, c)
    longer = survival_probability(min(MAX_WINDOW_MONTHS, big_t + extra), a, lg, b, c)
    assert longer <= short + 1e-15


@PROPERTY
@given(a=UNIT, b=UNIT, c=UNIT)
def test_full_legitimacy_makes_coupling_irrelevant(a, b, c) -> None:
    assert mean_hazard(a, 1.0, b, c) == pytest.approx(mean_hazard(a, 1.0, b, 0.0), abs=1e-15)


# --------------------------------------------------------------------------------------
# Static figure: every state equals the model's output
# --------------------------------------------------------------------------------------


def _check_state(state: dict, row: dict, legitimacy: float, where: str) -> None:
    big_t = float(row["window_months"])
    level = hand_level(float(row["capability"]), legitimacy, float(row["us_backing"]),
                       float(row["coupling"]))
    months, survival = state["x"][0], state["y"][0]
    assert months[0] == 0.0 and months[-1] == big_t, where
    for t, s in zip(months, survival, strict=True):
        assert s == pytest.approx(hand_survival(t, big_t, level, 0.5), abs=ROUNDED), (where, t)
    end = math.exp(-level * big_t)
    assert state["x"][1] == [big_t], where
    assert state["y"][1][0] == pytest.approx(end, abs=ROUNDED), where
    assert f"{end:.0%} unstruck" in state["text"][1][0], where
    hazard_months, hazard = state["x"][2], state["y"][2]
    assert hazard_months == months, where
    for t, h in zip(hazard_months, hazard, strict=True):
        assert h == pytest.approx(level * (0.5 + t / big_t), abs=ROUNDED), (where, t)


def test_one_dropdown_entry_per_preset_in_order(presets) -> None:
    fig = window_figure(presets)
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    assert [b["label"] for b in menu["buttons"]] == list(presets.sort_values("order")["label"])
    assert menu["active"] == 0


def test_every_dropdown_entry_and_slider_step_matches_the_model(presets) -> None:
    fig = window_figure(presets)
    layout = fig.to_dict()["layout"]
    (menu,) = layout["updatemenus"]
    rows = presets.sort_values("order").to_dict("records")
    for button, row in zip(menu["buttons"], rows, strict=True):
        pid = row["preset_id"]
        assert button["method"] == "update"
        state, layout_update, indices = button["args"]
        assert indices == [0, 1, 2]
        _check_state(state, row, float(row["legitimacy"]), f"button {pid}")
        assert layout_update["xaxis.range"] == [0, float(row["window_months"])]
        (slider,) = layout_update["sliders"]
        values = [float(s["value"]) for s in slider["steps"]]
        assert values == sorted(values) and len(set(values)) == len(values)
        assert set(LEGITIMACY_STEPS) <= set(values)
        assert values[slider["active"]] == pytest.approx(float(row["legitimacy"]))
        for step, v in zip(slider["steps"], values, strict=True):
            assert step["method"] == "restyle"
            step_state, step_indices = step["args"]
            assert step_indices == indices
            # A step sends only what changes: the months stay those the preset set.
            assert "x" not in step_state, f"{pid} legitimacy {v}: a slider step resends the months"
            _check_state({**step_state, "x": state["x"]}, row, v, f"{pid} legitimacy {v}")


def test_initial_figure_shows_the_first_preset(presets) -> None:
    fig = window_figure(presets)
    row = presets.sort_values("order").iloc[0].to_dict()
    state = {"x": [list(fig.data[i].x) for i in range(3)], "y": [list(fig.data[i].y) for i in range(3)],
             "text": [None, list(fig.data[1].text), None]}
    _check_state(state, row, float(row["legitimacy"]), "initial")
    assert fig.layout.title.text and "teaching model" in fig.layout.title.text
    assert fig.layout.height and fig.layout.sliders[0].active is not None
    # one hazard axis for all states: it covers the largest precomputed hazard
    top = fig.layout.yaxis2.range[1]
    for button in fig.to_dict()["layout"]["updatemenus"][0]["buttons"]:
        for step in button["args"][1]["sliders"][0]["steps"]:
            assert max(step["args"][0]["y"][2]) <= top


def test_figure_initial_and_bad_presets(presets) -> None:
    fig = window_figure(presets, initial="iran_2025")
    assert fig.layout.updatemenus[0].active == list(presets.sort_values("order")["preset_id"]).index(
        "iran_2025")
    with pytest.raises(ValueError, match="initial"):
        window_figure(presets, initial="nowhere")
    with pytest.raises(ValueError, match="coupling"):
        window_figure(presets.drop(columns=["coupling"]))
    with pytest.raises(ValueError, match="no rows"):
        check_window_presets(presets.iloc[0:0])
    with pytest.raises(ValueError, match="DataFrame"):
        window_figure(None)


def test_window_state_rounds_but_keeps_values() -> None:
    res = evaluate_window(7.5, 0.3, 0.3, 0.3)
    state = window_state(res)
    assert state["x"][0][-1] == 7.5
    for s, exact in zip(state["y"][0], res.survival, strict=True):
        assert s == pytest.approx(exact, abs=ROUNDED)


def test_strikes_figure_places_every_strike(strikes) -> None:
    fig = preventive_strikes_figure(strikes)
    shown = {(x[:10], y) for trace in fig.data for x, y in zip(trace.x, trace.y, strict=True)}
    expected = {(d.isoformat(), s) for d, s in zip(strikes["date"], strikes["target_state"], strict=True)}
    assert shown == expected
    assert fig.layout.title.text and fig.layout.height
    (menu,) = fig.layout.updatemenus
    ranges = [b.args[0]["xaxis.range"] for b in menu.buttons]
    assert ranges[0] != ranges[1]  # each button changes the view
    with pytest.raises(ValueError, match="category"):
        preventive_strikes_figure(strikes.drop(columns=["category"]))


# --------------------------------------------------------------------------------------
# Live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel(presets) -> WindowPanel:
    return window_panel(presets)


def _shown_end(panel: WindowPanel) -> float:
    return float(panel.figure.data[1].y[0])


def test_panel_starts_on_the_first_preset(panel, presets) -> None:
    row = presets.sort_values("order").iloc[0]
    assert panel.controls["preset"].value == row["preset_id"]
    level = hand_level(row["capability"], row["legitimacy"], row["us_backing"], row["coupling"])
    end = math.exp(-level * row["window_months"])
    assert _shown_end(panel) == pytest.approx(end, abs=ROUNDED)
    assert f"{end:.1%}" in panel.summary.value


@pytest.mark.parametrize("preset_id", ["japan_rogue", "japan_us_blessing", "iran_2025"])
def test_changing_preset_sets_controls_and_curve(panel, presets, preset_id) -> None:
    row = presets.loc[presets["preset_id"] == preset_id].iloc[0]
    panel.controls["preset"].value = preset_id
    for name in ("window_months", "capability", "legitimacy", "us_backing", "coupling"):
        assert panel.controls[name].value == pytest.approx(float(row[name]))
    level = hand_level(row["capability"], row["legitimacy"], row["us_backing"], row["coupling"])
    assert _shown_end(panel) == pytest.approx(math.exp(-level * row["window_months"]), abs=ROUNDED)
    assert list(panel.figure.layout.xaxis.range) == [0, float(row["window_months"])]


def test_every_control_changes_the_result(panel) -> None:
    # in an order where each change matters (e.g. the coupling matters only while l < 1)
    for name, value in [("window_months", 120.0), ("capability", 1.0), ("legitimacy", 0.3),
                        ("coupling", 0.0), ("us_backing", 0.2), ("legitimacy_weight", 0.0),
                        ("base_hazard", 0.1), ("backing_weight", 0.2)]:
        before = (_shown_end(panel), panel.summary.value)
        panel.controls[name].value = value
        assert (_shown_end(panel), panel.summary.value) != before, name


def _at_month(panel: WindowPanel, month: float) -> float:
    curve = panel.figure.data[0]
    return float(curve.y[list(curve.x).index(month)])


def test_ramp_moves_the_curve_but_not_its_end(panel) -> None:
    panel.controls["ramp"].value = 0.0
    end, middle = _shown_end(panel), _at_month(panel, 30.0)
    panel.controls["ramp"].value = 1.0
    assert _shown_end(panel) == pytest.approx(end, abs=ROUNDED)
    assert _at_month(panel, 30.0) > middle  # less hazard early: more survive to mid-window


def test_panel_values_match_the_equations(panel) -> None:
    c = panel.controls
    c["preset"].value = "iran_2025"
    c["legitimacy"].value = 0.5
    c["base_hazard"].value = 0.05
    level = 0.05 * 1.0 * (1 - 0.4 * 0.5) * 1.0
    assert _shown_end(panel) == pytest.approx(math.exp(-level * 50), abs=ROUNDED)
    assert f"{level:.2%}" in panel.summary.value


@pytest.mark.parametrize(("bad", "words"), [
    (0.0, "the Window T (months) must be positive"),
    (MAX_WINDOW_MONTHS + 1, f"the Window T (months) must be at most {MAX_WINDOW_MONTHS:g}"),
])
def test_a_bad_window_is_named_by_its_label_and_marks_the_figure(panel, bad, words) -> None:
    panel.controls["window_months"].value = bad
    assert words in panel.summary.value, panel.summary.value
    assert not panel.computed
    assert all(panel.figure.data[i].visible is False for i in DYNAMIC_TRACES)
    assert panel.figure.layout.title.text.endswith("(not computed)")
    panel.controls["window_months"].value = 24.0
    assert panel.computed and list(panel.figure.layout.xaxis.range) == [0, 24.0]


def test_a_preset_keeps_the_model_s_constants_and_says_so(panel, presets) -> None:
    panel.controls["base_hazard"].value = 0.06
    panel.controls["ramp"].value = 0.2
    panel.controls["preset"].value = "iran_2025"
    assert (panel.controls["base_hazard"].value, panel.controls["ramp"].value) == (0.06, 0.2)
    row = presets.set_index("preset_id").loc["iran_2025"]
    level = 0.06 * row["capability"] * (1 - 0.4 * row["legitimacy"]) * (
        1 - 0.8 * row["us_backing"] * (1 - row["coupling"] * (1 - row["legitimacy"])))
    assert _shown_end(panel) == pytest.approx(math.exp(-level * row["window_months"]), abs=ROUNDED)
    note = panel.children[1].value
    assert "A preset sets Window T (months), Adversary capability a" in note
    assert "the other controls keep the values you set" in note


def test_the_panel_follows_the_explorer_contract(panel) -> None:
    check_live_panel(panel, rejected={"window_months": 0.0})


def test_the_figures_follow_the_explorer_contract(presets, strikes) -> None:
    check_explorer_figure(window_figure(presets))
    check_explorer_figure(preventive_strikes_figure(strikes))


def test_the_page_s_curves_are_short_and_keep_both_ends(presets) -> None:
    for row in presets.to_dict("records"):
        result = evaluate_window(**preset_arguments(row))
        state = window_state(result)
        months = state["x"][0]
        assert len(months) <= CURVE_POINTS
        assert months[0] == 0.0 and months[-1] == float(row["window_months"])
        steps = np.diff(months)
        assert steps.max() - steps.min() < 1e-9, "the points are evenly spaced"


def test_the_iran_strikes_stay_apart_where_they_share_a_point(strikes) -> None:
    fig = preventive_strikes_figure(strikes)
    iran = [(t.marker.symbol, t.marker.size) for t in fig.data for y in t.y if y == "Iran"]
    assert len(iran) == 2
    (_, ring), (_, diamond) = sorted(iran, key=lambda m: m[0])
    # one is an open ring larger than the other's filled marker, so that both show on one point
    assert sorted(s for s, _ in iran) == ["circle-open", "diamond"] and ring > diamond


@pytest.mark.parametrize(("row", "words"), [
    ({"preset_id": "x", "window_months": 60, "capability": 0.5, "legitimacy": 0.5, "us_backing": 0.5},
     "preset 'x': the column(s) coupling are missing"),
    ({"preset_id": "y", "window_months": 0, "capability": 0.5, "legitimacy": 0.5, "us_backing": 0.5,
      "coupling": 0.5}, "preset 'y': window_months must be positive"),
    ({"window_months": 60, "capability": 0.5, "legitimacy": 2, "us_backing": 0.5, "coupling": 0.5},
     "the preset: legitimacy must lie in [0, 1]"),
])
def test_preset_arguments_names_the_preset_and_the_column(row, words) -> None:
    with pytest.raises(ValueError) as info:
        preset_arguments(row)
    assert words in str(info.value)


def test_panel_rejects_bad_presets(presets) -> None:
    with pytest.raises(ValueError, match="legitimacy"):
        window_panel(presets.drop(columns=["legitimacy"]))
    with pytest.raises(ValueError, match="DataFrame"):
        window_panel([])


# --------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------


def test_strikes_table_holds_the_four_strikes(strikes) -> None:
    by_id = strikes.set_index("strike_id")
    assert list(strikes.sort_values("order")["strike_id"]) == [
        "osirak_1981", "al_kibar_2007", "rising_lion_2025", "midnight_hammer_2025"]
    # dates: UNSC resolution 487 (7 June 1981); BBC 2018 (night of 5-6 September 2007);
    # Netanyahu's statement (13 June 2025); DOD News (first bombs 6:40 p.m. EDT on 21 June,
    # i.e. 22 June in Iran)
    assert by_id.loc["osirak_1981", "date"] == date(1981, 6, 7)
    assert by_id.loc["al_kibar_2007", "date"] == date(2007, 9, 6)
    assert by_id.loc["rising_lion_2025", "date"] == date(2025, 6, 13)
    assert by_id.loc["midnight_hammer_2025", "date"] == date(2025, 6, 22)
    assert by_id.loc["osirak_1981", "operation"] == "Operation Opera"
    assert by_id.loc["rising_lion_2025", "operation"] == "Operation Rising Lion"
    assert by_id.loc["midnight_hammer_2025", "operation"] == "Operation Midnight Hammer"
    assert list(by_id["striker"]) == ["Israel", "Israel", "Israel", "United States"]
    assert list(by_id["target_state"]) == ["Iraq", "Syria", "Iran", "Iran"]
    # every target was an NPT party (resolution 487 for Iraq, BBC for Syria, UN SG for Iran)
    assert set(by_id["target_npt_status"]) == {"party"}
    assert "487" in by_id.loc["osirak_1981", "international_reaction"]
    assert "unsc1981res487" in by_id.loc["osirak_1981", "source"]
    assert "2018" in by_id.loc["al_kibar_2007", "international_reaction"]
    hammer = by_id.loc["midnight_hammer_2025"]
    for needle in ("Fordow", "Natanz", "Isfahan", "GBU-57", "B-2", "Tomahawk", "14", "seven"):
        assert needle in hammer["targets"], needle
    assert hammer["category"] == "strike during ongoing hostilities"
    assert "dodnews2025" in hammer["source"]


def test_strikes_are_in_chronological_order(strikes) -> None:
    ordered = strikes.sort_values("order")
    assert list(ordered["date"]) == sorted(ordered["date"])


def test_us_strike_came_nine_days_after_the_israeli_one(strikes) -> None:
    by_id = strikes.set_index("strike_id")
    gap = by_id.loc["midnight_hammer_2025", "date"] - by_id.loc["rising_lion_2025", "date"]
    assert gap.days == 9


def test_presets_table(presets) -> None:
    by_id = presets.set_index("preset_id")
    assert set(by_id.index) == {"japan_npt_rules", "japan_rogue", "japan_us_blessing", "iran_2025"}
    legit, rogue = by_id.loc["japan_npt_rules"], by_id.loc["japan_rogue"]
    # the two essay scenarios differ only in legitimacy
    for name in ("window_months", "capability", "us_backing", "coupling"):
        assert legit[name] == rogue[name], name
    assert legit["legitimacy"] > rogue["legitimacy"]
    # the proposal's premise: full backing, independent of legitimacy
    assert by_id.loc["japan_us_blessing", "us_backing"] == 1.0
    assert by_id.loc["japan_us_blessing", "coupling"] == 0.0
    # Iran: 60% enrichment from April 2021 to June 2025 is about 50 months (RFE/RL 2021)
    months = (2025 - 2021) * 12 + (6 - 4)
    assert abs(by_id.loc["iran_2025", "window_months"] - months) <= 2
    assert by_id.loc["iran_2025", "us_backing"] == 0.0


def test_preset_outcomes_rank_as_the_chapter_says(presets) -> None:
    end = {r["preset_id"]: survival_probability(r["window_months"], r["capability"], r["legitimacy"],
                                                r["us_backing"], r["coupling"])
           for r in presets.to_dict("records")}
    assert end["japan_us_blessing"] > end["japan_npt_rules"] > end["japan_rogue"] > end["iran_2025"]


def test_every_source_key_of_the_chapter_tables_is_in_the_bibliography(strikes, presets) -> None:
    keys = set(bibliography().entries.keys())
    for df in (strikes, presets):
        for source in df["source"]:
            assert set(source.split("; ")) <= keys, source


def test_the_figures_speak_japanese(presets, strikes) -> None:
    check_figure_in_japanese(lambda: window_figure(presets))
    check_figure_in_japanese(lambda: preventive_strikes_figure(strikes))


def test_the_japanese_figures_keep_the_model_s_numbers(presets) -> None:
    with speaking("ja"):
        japanese = window_figure(presets)
    english = window_figure(presets)
    assert japanese.data[1].text[0].startswith("60か月目に未攻撃")
    for a, b in zip(japanese.data, english.data, strict=True):
        assert list(a.y) == list(b.y)
    steps = [[s["label"] for s in fig.layout.sliders[0].steps] for fig in (japanese, english)]
    assert steps[0] == steps[1]


def test_the_panel_speaks_japanese(presets) -> None:
    check_panel_in_japanese(lambda: window_panel(presets))
    with speaking("ja"):
        panel = window_panel(presets)
        panel.controls["legitimacy"].value = 0.5
    assert "攻撃を受けずに" in panel.summary.value and "Chance" not in panel.summary.value
    assert panel.controls["preset"].label == "日本が合法的にNPTを脱退する（仮定）"


def test_a_rejected_window_is_explained_in_japanese(presets) -> None:
    with speaking("ja"):
        panel = window_panel(presets)
        panel.controls["window_months"].value = MAX_WINDOW_MONTHS + 1
    assert not panel.computed
    assert f"{MAX_WINDOW_MONTHS:g}以下でなければならない" in panel.summary.value, panel.summary.value
    assert "must be at most" not in panel.summary.value


def test_the_tables_speak_japanese(presets, strikes) -> None:
    with speaking("ja"):
        scenarios = re.sub(r"<[^>]+>", "", window_presets_table(presets).to_html())
        strike_rows = re.sub(r"<[^>]+>", "", preventive_strikes_table(strikes).to_html())
    assert "シナリオ・プリセット" in scenarios and "「ならず者的な核拡散国」としての日本" in scenarios
    assert "Scenario presets" not in scenarios
    for word in ("「オペラ」作戦", "1981年6月7日", "武力行使の口火を切った予防攻撃", "締約国", "攻撃対象："):
        assert word in strike_rows, word
    assert "What was struck" not in strike_rows
    english = preventive_strikes_table(strikes).to_html()
    assert "Operation Opera" in english and "What was struck" in english and "オペラ" not in english
