"""Chapter 2, the deterrence triangle: model, static figure, live panel (the reference explorer).

Expected values come from the model's equations worked by hand:
``product = c r m``, ``weakest_link = min(c, r, m)``,
``weighted_mean = (w_c c + w_r r + w_m m) / (w_c + w_r + w_m)`` and
``threshold = B / (B + C)``. Every state the static figure can show (each
preset, each slider step) is checked against scores computed independently
from these equations (``hand_scores`` in ``conftest.py``); the live panel is
driven by setting its controls from Python.
"""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from explorer_checks import (
    check_explorer_figure,
    check_figure_in_japanese,
    check_live_panel,
    check_panel_in_japanese,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from proliferation_course.figures import deterrence_triangle_figure, nuclear_forces_figure
from proliferation_course.figures.deterrence import DYNAMIC_TRACES, deterrence_state, forces_table, presets_table
from proliferation_course.i18n import speaking
from proliferation_course.models import (
    RULE_LABELS,
    RULES,
    DeterrenceResult,
    deterrence_score,
    deterrence_threshold,
    evaluate_deterrence,
)
from proliferation_course.models.deterrence import PRESET_COLUMNS, preset_arguments
from proliferation_course.widgets import DeterrencePanel, deterrence_panel

FACTORS = ("capabilities", "credibility", "communication")
LABEL_TO_RULE = {label: rule for rule, label in RULE_LABELS.items()}

# --------------------------------------------------------------------------------------
# Shared Hypothesis strategies and settings
# --------------------------------------------------------------------------------------

#: A factor score: any float in [0, 1] (0 and 1 included).
FACTOR = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)
#: Three factors (c, r, m).
THREE_FACTORS = st.tuples(FACTOR, FACTOR, FACTOR)
#: One weight: zero, or in a sensible range (weights near 1e-160 would only test underflow).
WEIGHT = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=10.0))
#: Three weights, not all zero.
WEIGHTS = st.tuples(WEIGHT, WEIGHT, WEIGHT).filter(lambda w: sum(w) > 0)
#: A rule the model knows.
RULE = st.sampled_from(RULES)
#: The challenger's gain B or punishment C: positive, over six orders of magnitude.
STAKE = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)
#: A positive scale factor for the weights.
SCALE = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)
#: Which factor to vary: index into (c, r, m).
FACTOR_INDEX = st.integers(min_value=0, max_value=2)

PROPERTY = settings(max_examples=300, deadline=None, database=None)

FACTOR_NAMES = ("capabilities", "credibility", "communication")


# --------------------------------------------------------------------------------------
# Hand-computed values
# --------------------------------------------------------------------------------------


def test_rules_and_labels() -> None:
    assert RULES == ("product", "weakest_link", "weighted_mean")
    assert set(RULE_LABELS) == set(RULES)
    assert all(isinstance(v, str) and v for v in RULE_LABELS.values())


@pytest.mark.parametrize(
    ("factors", "rule", "weights", "expected"),
    [
        # product: c * r * m
        ((1.0, 0.5, 0.5), "product", (1, 1, 1), 0.25),
        ((0.8, 0.5, 0.5), "product", (1, 1, 1), 0.2),  # 0.8 * 0.25
        ((0.2, 0.5, 1.0), "product", (1, 1, 1), 0.1),
        ((1.0, 1.0, 1.0), "product", (1, 1, 1), 1.0),
        ((0.9, 0.0, 0.7), "product", (1, 1, 1), 0.0),
        ((1.0, 0.5, 0.4), "product", (1, 1, 1), 0.2),  # the quiz's worked example
        # weakest link: min(c, r, m)
        ((1.0, 0.5, 0.5), "weakest_link", (1, 1, 1), 0.5),
        ((0.6, 0.3, 0.7), "weakest_link", (1, 1, 1), 0.3),
        ((1.0, 0.3, 0.7), "weakest_link", (1, 1, 1), 0.3),
        ((0.25, 0.75, 0.5), "weakest_link", (1, 1, 1), 0.25),
        ((0.9, 0.8, 0.0), "weakest_link", (1, 1, 1), 0.0),
        # weighted mean: sum(w x) / sum(w)
        ((1.0, 0.5, 0.5), "weighted_mean", (1, 1, 1), 2.0 / 3.0),
        ((0.3, 0.6, 0.9), "weighted_mean", (1, 1, 1), 0.6),
        ((0.5, 0.2, 0.8), "weighted_mean", (2, 1, 1), 0.5),  # (1.0 + 0.2 + 0.8) / 4
        ((0.4, 1.0, 0.0), "weighted_mean", (1, 0, 0), 0.4),
        ((0.4, 1.0, 0.0), "weighted_mean", (0, 1, 0), 1.0),
        ((0.4, 1.0, 0.0), "weighted_mean", (0, 0, 3), 0.0),
        ((0.0, 1.0, 0.5), "weighted_mean", (1, 3, 0), 0.75),  # (0 + 3) / 4
        ((1.0, 1.0, 1.0), "weighted_mean", (0.1, 0.2, 0.3), 1.0),
    ],
)
def test_score_hand_computed(factors, rule, weights, expected) -> None:
    got = deterrence_score(*factors, rule=rule, weights=weights)
    assert isinstance(got, float)
    assert got == pytest.approx(expected, abs=1e-12)


def test_default_rule_is_product_and_default_weights_equal() -> None:
    assert deterrence_score(0.8, 0.5, 0.5) == pytest.approx(0.2)
    assert deterrence_score(0.3, 0.6, 0.9, rule="weighted_mean") == pytest.approx(0.6)


def test_weights_only_matter_for_weighted_mean() -> None:
    for rule in ("product", "weakest_link"):
        a = deterrence_score(0.9, 0.4, 0.6, rule=rule, weights=(1, 1, 1))
        b = deterrence_score(0.9, 0.4, 0.6, rule=rule, weights=(5, 0, 0.5))
        assert a == b


def test_weights_accept_a_list() -> None:
    assert deterrence_score(0.5, 0.2, 0.8, "weighted_mean", [2, 1, 1]) == pytest.approx(0.5)


def test_numpy_and_int_inputs_are_numbers() -> None:
    # Values read from pandas arrive as numpy scalars; integers 0 and 1 are valid factors.
    assert deterrence_score(np.float64(1.0), np.float64(0.5), np.float64(0.5)) == pytest.approx(
        0.25
    )
    assert deterrence_score(1, 0, 1) == 0.0
    assert deterrence_score(1, 1, 1, rule="weakest_link") == 1.0


@pytest.mark.parametrize(
    ("gain", "cost", "expected"),
    [
        (1.0, 3.0, 0.25),
        (1.0, 1.0, 0.5),
        (3.0, 1.0, 0.75),
        (2.0, 8.0, 0.2),
        (0.5, 4.5, 0.1),
        (10, 90, 0.1),
    ],
)
def test_threshold_hand_computed(gain, cost, expected) -> None:
    assert deterrence_threshold(gain, cost) == pytest.approx(expected, abs=1e-12)


def test_threshold_defaults() -> None:
    # B = 1, C = 3 -> 1 / 4.
    assert deterrence_threshold() == pytest.approx(0.25)


def test_evaluate_example_fails_on_credibility() -> None:
    res = evaluate_deterrence(0.9, 0.3, 0.4, gain=1.0, cost=3.0)
    assert isinstance(res, DeterrenceResult)
    assert res.score == pytest.approx(0.9 * 0.3 * 0.4)  # 0.108
    assert res.threshold == pytest.approx(0.25)
    assert res.holds is False
    assert res.weakest_factor == "credibility"
    assert res.rule == "product"
    assert (res.capabilities, res.credibility, res.communication) == (0.9, 0.3, 0.4)


def test_evaluate_holds_when_score_exceeds_threshold() -> None:
    # weighted mean of (0.9, 0.3, 0.4) = 1.6 / 3 = 0.533 > 1 / (1 + 1) = 0.5
    res = evaluate_deterrence(0.9, 0.3, 0.4, rule="weighted_mean", gain=1.0, cost=1.0)
    assert res.score == pytest.approx(1.6 / 3)
    assert res.threshold == pytest.approx(0.5)
    assert res.holds is True
    # weakest link 0.3 < 0.5
    assert evaluate_deterrence(0.9, 0.3, 0.4, rule="weakest_link", gain=1, cost=1).holds is False


def test_evaluate_holds_is_strict_at_the_threshold() -> None:
    # product = 1 * 0.5 * 0.5 = 0.25 exactly; threshold 1 / (1 + 3) = 0.25 exactly: not deterred.
    res = evaluate_deterrence(1.0, 0.5, 0.5, gain=1.0, cost=3.0)
    assert res.score == 0.25 and res.threshold == 0.25
    assert res.holds is False


def test_evaluate_uses_weights_and_threshold_inputs() -> None:
    res = evaluate_deterrence(0.2, 0.9, 0.9, rule="weighted_mean", weights=(1, 0, 0),
                              gain=1.0, cost=9.0)
    assert res.score == pytest.approx(0.2)
    assert res.threshold == pytest.approx(0.1)
    assert res.holds is True
    assert res.rule == "weighted_mean"


@pytest.mark.parametrize(
    ("factors", "weakest"),
    [
        ((0.2, 0.5, 0.9), "capabilities"),
        ((0.5, 0.2, 0.9), "credibility"),
        ((0.5, 0.9, 0.2), "communication"),
        # ties: the first in c, r, m order
        ((0.5, 0.5, 0.9), "capabilities"),
        ((0.9, 0.3, 0.3), "credibility"),
        ((0.4, 0.4, 0.4), "capabilities"),
    ],
)
def test_weakest_factor(factors, weakest) -> None:
    assert evaluate_deterrence(*factors).weakest_factor == weakest


def test_result_is_frozen() -> None:
    res = evaluate_deterrence(0.5, 0.5, 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.score = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------------------
# Bad input: ValueError naming the parameter
# --------------------------------------------------------------------------------------

BAD_FACTOR_VALUES = [
    pytest.param(-0.01, id="below-0"),
    pytest.param(1.01, id="above-1"),
    pytest.param(-1, id="negative-int"),
    pytest.param(2, id="int-2"),
    pytest.param(float("nan"), id="nan"),
    pytest.param(float("inf"), id="inf"),
    pytest.param(float("-inf"), id="-inf"),
    pytest.param("0.5", id="str"),
    pytest.param(None, id="None"),
    pytest.param(True, id="True"),
    pytest.param(False, id="False"),
    pytest.param([0.5], id="list"),
    pytest.param(complex(0.5, 0), id="complex"),
]


@pytest.mark.parametrize("bad", BAD_FACTOR_VALUES)
@pytest.mark.parametrize("position", [0, 1, 2], ids=FACTOR_NAMES)
def test_bad_factor_names_the_factor(position, bad) -> None:
    factors = [0.5, 0.5, 0.5]
    factors[position] = bad
    name = FACTOR_NAMES[position]
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        deterrence_score(*factors)
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        evaluate_deterrence(*factors)


@pytest.mark.parametrize("bad", ["sum", "", "Product", "weakest link", None, 1, True, ("product",)])
def test_unknown_rule_names_rule(bad) -> None:
    with pytest.raises(ValueError, match=r"\brule\b"):
        deterrence_score(0.5, 0.5, 0.5, rule=bad)
    with pytest.raises(ValueError, match=r"\brule\b"):
        evaluate_deterrence(0.5, 0.5, 0.5, rule=bad)


BAD_WEIGHTS = [
    pytest.param((-1.0, 1.0, 1.0), id="negative-first"),
    pytest.param((1.0, 1.0, -0.1), id="negative-last"),
    pytest.param((float("nan"), 1.0, 1.0), id="nan"),
    pytest.param((1.0, float("inf"), 1.0), id="inf"),
    pytest.param((1.0, 1.0, float("-inf")), id="-inf"),
    pytest.param(("1", 1.0, 1.0), id="str-element"),
    pytest.param((None, 1.0, 1.0), id="None-element"),
    pytest.param((True, 1.0, 1.0), id="bool-element"),
    pytest.param((0.0, 0.0, 0.0), id="all-zero"),
    pytest.param((0, 0, 0), id="all-zero-int"),
    pytest.param((1.0, 1.0), id="two"),
    pytest.param((1.0, 1.0, 1.0, 1.0), id="four"),
    pytest.param((), id="empty"),
    pytest.param(None, id="None"),
    pytest.param("111", id="str"),
    pytest.param(1.0, id="scalar"),
    pytest.param({1.0, 2.0, 3.0}, id="set"),
]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("bad", BAD_WEIGHTS)
def test_bad_weights_name_weights(bad, rule) -> None:
    # Weights are validated under every rule, not only the weighted mean.
    with pytest.raises(ValueError, match=r"\bweights\b"):
        deterrence_score(0.5, 0.5, 0.5, rule=rule, weights=bad)
    with pytest.raises(ValueError, match=r"\bweights\b"):
        evaluate_deterrence(0.5, 0.5, 0.5, rule=rule, weights=bad)


BAD_STAKES = [
    pytest.param(0.0, id="zero"),
    pytest.param(0, id="zero-int"),
    pytest.param(-1.0, id="negative"),
    pytest.param(float("nan"), id="nan"),
    pytest.param(float("inf"), id="inf"),
    pytest.param(float("-inf"), id="-inf"),
    pytest.param("1", id="str"),
    pytest.param(None, id="None"),
    pytest.param(True, id="True"),
]


@pytest.mark.parametrize("bad", BAD_STAKES)
@pytest.mark.parametrize("name", ["gain", "cost"])
def test_bad_gain_or_cost_names_it(name, bad) -> None:
    kwargs = {"gain": 1.0, "cost": 3.0, name: bad}
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        deterrence_threshold(**kwargs)
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        evaluate_deterrence(0.5, 0.5, 0.5, **kwargs)


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------


@PROPERTY
@given(factors=THREE_FACTORS, rule=RULE, weights=WEIGHTS)
def test_score_in_unit_interval(factors, rule, weights) -> None:
    d = deterrence_score(*factors, rule=rule, weights=weights)
    assert isinstance(d, float)
    assert 0.0 <= d <= 1.0


@PROPERTY
@given(factors=THREE_FACTORS)
def test_product_le_weakest_link_le_equal_weighted_mean(factors) -> None:
    product = deterrence_score(*factors, rule="product")
    weakest = deterrence_score(*factors, rule="weakest_link")
    mean = deterrence_score(*factors, rule="weighted_mean", weights=(1, 1, 1))
    # For values in [0, 1], x * y <= x holds exactly in floating point too.
    assert product <= weakest
    # min <= mean holds in exact arithmetic. In floating point (x + x + x) / 3 can round
    # one unit in the last place below x (e.g. c = r = m = x), so allow that rounding only.
    assert weakest <= mean + 2 * math.ulp(max(mean, weakest))


@PROPERTY
@given(factors=THREE_FACTORS, weights=WEIGHTS)
def test_weighted_mean_matches_exact_arithmetic(factors, weights) -> None:
    exact = sum(Fraction(w) * Fraction(x) for w, x in zip(weights, factors, strict=True)) / sum(
        Fraction(w) for w in weights
    )
    got = deterrence_score(*factors, rule="weighted_mean", weights=weights)
    assert got == pytest.approx(float(exact), rel=1e-12, abs=1e-300)
    # ...and therefore lies between the smallest and largest factor (up to rounding).
    assert min(factors) - 1e-15 <= got <= max(factors) + 1e-15


@PROPERTY
@given(factors=THREE_FACTORS, zero_at=FACTOR_INDEX, weights=WEIGHTS)
def test_any_zero_factor_zeroes_product_and_weakest_link(factors, zero_at, weights) -> None:
    f = list(factors)
    f[zero_at] = 0.0
    assert deterrence_score(*f, rule="product", weights=weights) == 0.0
    assert deterrence_score(*f, rule="weakest_link", weights=weights) == 0.0


@PROPERTY
@given(factors=THREE_FACTORS, index=FACTOR_INDEX, other=FACTOR, rule=RULE, weights=WEIGHTS)
def test_monotonic_non_decreasing_in_each_factor(factors, index, other, rule, weights) -> None:
    low, high = list(factors), list(factors)
    low[index] = min(factors[index], other)
    high[index] = max(factors[index], other)
    d_low = deterrence_score(*low, rule=rule, weights=weights)
    d_high = deterrence_score(*high, rule=rule, weights=weights)
    assert d_low <= d_high


@PROPERTY
@given(factors=THREE_FACTORS)
def test_weighted_mean_with_weights_on_one_factor_returns_it(factors) -> None:
    c, r, m = factors
    assert deterrence_score(c, r, m, rule="weighted_mean", weights=(1, 0, 0)) == c
    assert deterrence_score(c, r, m, rule="weighted_mean", weights=(0, 1, 0)) == r
    assert deterrence_score(c, r, m, rule="weighted_mean", weights=(0, 0, 1)) == m


@PROPERTY
@given(factors=THREE_FACTORS, weights=WEIGHTS, scale=SCALE)
def test_scaling_weights_leaves_weighted_mean_unchanged(factors, weights, scale) -> None:
    scaled = tuple(scale * w for w in weights)
    assume(sum(scaled) > 0)
    a = deterrence_score(*factors, rule="weighted_mean", weights=weights)
    b = deterrence_score(*factors, rule="weighted_mean", weights=scaled)
    assert b == pytest.approx(a, rel=1e-9, abs=1e-12)


@PROPERTY
@given(gain=STAKE, cost=STAKE)
def test_threshold_strictly_between_zero_and_one(gain, cost) -> None:
    t = deterrence_threshold(gain, cost)
    assert 0.0 < t < 1.0
    assert t == pytest.approx(gain / (gain + cost), rel=1e-12)


# Over [1e-3, 1e3] the elasticity of B / (B + C) in B or C is at least about 1e-6, so
# a relative step of 1e-6 moves the threshold by about 1e-12 of itself, far above
# floating-point rounding (about 1e-16): the threshold must move strictly.
_STEP = 1e-6


@PROPERTY
@given(gain=STAKE, cost_a=STAKE, cost_b=STAKE)
def test_threshold_decreasing_in_cost(gain, cost_a, cost_b) -> None:
    lo, hi = sorted((cost_a, cost_b))
    assume(hi > lo * (1 + _STEP))
    assert deterrence_threshold(gain, hi) < deterrence_threshold(gain, lo)


@PROPERTY
@given(cost=STAKE, gain_a=STAKE, gain_b=STAKE)
def test_threshold_increasing_in_gain(cost, gain_a, gain_b) -> None:
    lo, hi = sorted((gain_a, gain_b))
    assume(hi > lo * (1 + _STEP))
    assert deterrence_threshold(lo, cost) < deterrence_threshold(hi, cost)


@PROPERTY
@given(factors=THREE_FACTORS, rule=RULE, weights=WEIGHTS, gain=STAKE, cost=STAKE)
def test_evaluate_agrees_with_its_parts(factors, rule, weights, gain, cost) -> None:
    res = evaluate_deterrence(*factors, rule=rule, weights=weights, gain=gain, cost=cost)
    assert res.score == deterrence_score(*factors, rule=rule, weights=weights)
    assert res.threshold == deterrence_threshold(gain, cost)
    assert res.holds == (res.score > res.threshold)
    named = dict(zip(FACTOR_NAMES, factors, strict=True))
    assert named[res.weakest_factor] == min(factors)
    # the first of the tied factors in c, r, m order
    assert res.weakest_factor == next(n for n in FACTOR_NAMES if named[n] == min(factors))


# --------------------------------------------------------------------------------------
# Static figure: every precomputed state equals the model
# --------------------------------------------------------------------------------------


def _layout(fig: go.Figure) -> dict:
    return fig.to_dict()["layout"]


def _positions(fig: go.Figure, indices: list[int]) -> dict[str, int]:
    """Which entry of an update payload feeds the triangle, the labels and the bars."""
    pos = {}
    for i, trace_index in enumerate(indices):
        trace = fig.data[trace_index]
        if trace.type == "bar":
            pos["bars"] = i
        elif trace.fill == "toself":
            pos["triangle"] = i
        elif trace.mode == "text":
            pos["labels"] = i
    assert set(pos) == {"triangle", "labels", "bars"}, pos
    return pos


def _check_state(fig, state: dict, indices: list[int], c: float, r: float, m: float,
                 hand_scores, threshold: float, where: str) -> None:
    pos = _positions(fig, indices)
    expected = hand_scores(c, r, m)
    # bars: one per rule, identified by its label
    labels = list(state["x"][pos["bars"]])
    values = list(state["y"][pos["bars"]])
    assert sorted(labels) == sorted(RULE_LABELS.values()), where
    for label, value in zip(labels, values, strict=True):
        rule = LABEL_TO_RULE[label]
        assert value == pytest.approx(expected[rule], abs=1e-12), (where, rule)
        # the bar text says whether it deters, against the threshold
        text = state["text"][pos["bars"]][labels.index(label)]
        assert ("deters" in text) == (expected[rule] > threshold), (where, rule, text)
    # triangle: each vertex sits at the factor's value from the origin
    xs, ys = state["x"][pos["triangle"]], state["y"][pos["triangle"]]
    assert len(xs) == len(ys) == 4, where
    assert (xs[0], ys[0]) == (xs[-1], ys[-1]), where  # closed polygon
    for k, value in enumerate((c, r, m)):
        assert math.hypot(xs[k], ys[k]) == pytest.approx(value, abs=1e-3), (where, FACTORS[k])
    # capabilities point up, credibility lower left, communication lower right
    assert xs[0] == pytest.approx(0.0, abs=1e-3) and ys[0] >= 0
    assert xs[1] <= 0 and ys[1] <= 0 and xs[2] >= 0 and ys[2] <= 0, where
    if r > 0.01 and m > 0.01:
        assert xs[1] < 0 < xs[2], where
    # labels name the three factors with their values
    texts = state["text"][pos["labels"]]
    for name, value, text in zip(FACTORS, (c, r, m), texts, strict=True):
        assert name.capitalize() in text and f"{value:.2f}" in text, (where, text)


def test_one_button_per_preset_in_display_order(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    (menu,) = _layout(fig)["updatemenus"]
    by_order = presets.sort_values("order")
    assert [b["label"] for b in menu["buttons"]] == list(by_order["label"])
    assert menu["active"] == 0


@pytest.mark.parametrize(("gain", "cost"), [(1.0, 3.0), (1.0, 1.0), (3.0, 1.0)])
def test_every_button_and_slider_step_matches_the_model(presets, hand_scores, gain, cost) -> None:
    threshold = gain / (gain + cost)
    fig = deterrence_triangle_figure(presets, gain=gain, cost=cost)
    (menu,) = _layout(fig)["updatemenus"]
    rows = presets.sort_values("order").to_dict("records")
    assert len(menu["buttons"]) == len(rows)
    for button, row in zip(menu["buttons"], rows, strict=True):
        c, r, m = (float(row[f]) for f in FACTORS)
        assert button["method"] == "update"
        state, layout_update, indices = button["args"]
        _check_state(fig, state, indices, c, r, m, hand_scores, threshold,
                     f"button {row['preset_id']}")
        (slider,) = layout_update["sliders"]
        steps = slider["steps"]
        values = [float(s["value"]) for s in steps]
        assert values == sorted(values) and len(set(values)) == len(values)
        assert values[0] == 0.0 and values[-1] == 1.0
        assert len(values) >= 21
        # the preset's own capabilities value is a step, and the active one
        assert c in values, row["preset_id"]
        assert values[slider["active"]] == c, row["preset_id"]
        for step, v in zip(steps, values, strict=True):
            assert step["method"] == "restyle"
            assert float(step["label"]) == v
            step_state, step_indices = step["args"]
            assert step_indices == indices
            _check_state(fig, step_state, step_indices, v, r, m, hand_scores, threshold,
                         f"slider {row['preset_id']} at {v}")


def test_threshold_line(presets: pd.DataFrame) -> None:
    for gain, cost in [(1.0, 3.0), (2.0, 2.0), (4.0, 1.0)]:
        fig = deterrence_triangle_figure(presets, gain=gain, cost=cost)
        (shape,) = _layout(fig)["shapes"]
        assert shape["y0"] == pytest.approx(gain / (gain + cost))
        assert shape["y1"] == pytest.approx(gain / (gain + cost))
        assert f"{gain / (gain + cost):.2f}" in _layout(fig)["annotations"][0]["text"]


def test_initial_bars_show_the_first_preset(presets: pd.DataFrame, hand_scores) -> None:
    # shuffled rows: "first" means first by the order column
    shuffled = presets.sample(frac=1.0, random_state=3)
    assert list(shuffled["order"]) != sorted(shuffled["order"])
    fig = deterrence_triangle_figure(shuffled)
    first = presets.sort_values("order").iloc[0]
    expected = hand_scores(*(float(first[f]) for f in FACTORS))
    bars = fig.data[5]
    assert bars.type == "bar"
    for label, value in zip(bars.x, bars.y, strict=True):
        assert value == pytest.approx(expected[LABEL_TO_RULE[label]], abs=1e-12)
    (slider,) = _layout(fig)["sliders"]
    assert first["preset_id"] in slider["name"]


def test_initial_preset_can_be_chosen(presets: pd.DataFrame, hand_scores) -> None:
    ordered = presets.sort_values("order").reset_index(drop=True)
    target = ordered.iloc[len(ordered) - 1]
    fig = deterrence_triangle_figure(presets, initial=str(target["preset_id"]))
    expected = hand_scores(*(float(target[f]) for f in FACTORS))
    for label, value in zip(fig.data[5].x, fig.data[5].y, strict=True):
        assert value == pytest.approx(expected[LABEL_TO_RULE[label]], abs=1e-12)
    layout = _layout(fig)
    assert layout["updatemenus"][0]["active"] == len(ordered) - 1
    (slider,) = layout["sliders"]
    assert target["preset_id"] in slider["name"]
    values = [float(s["value"]) for s in slider["steps"]]
    assert values[slider["active"]] == float(target["capabilities"])


def test_initial_triangle(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    first = presets.sort_values("order").iloc[0]
    tri = fig.data[3]
    for k, f in enumerate(FACTORS):
        assert math.hypot(tri.x[k], tri.y[k]) == pytest.approx(float(first[f]), abs=1e-3)


def test_missing_column(presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="credibility"):
        deterrence_triangle_figure(presets.drop(columns=["credibility"]))
    with pytest.raises(ValueError, match="preset_id"):
        deterrence_triangle_figure(presets.drop(columns=["preset_id"]))


def test_empty_presets(presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="no rows"):
        deterrence_triangle_figure(presets.iloc[0:0])


@pytest.mark.parametrize("bad", [None, [], {"preset_id": ["a"]}, "deterrence_presets"])
def test_not_a_dataframe(bad) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        deterrence_triangle_figure(bad)


def test_unknown_initial(presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="initial") as info:
        deterrence_triangle_figure(presets, initial="atlantis")
    assert "atlantis" in str(info.value)
    assert "france_today" in str(info.value)  # lists the presets to choose from


# --------------------------------------------------------------------------------------
# Nuclear forces
# --------------------------------------------------------------------------------------


def _state_of(label: str) -> str:
    return label.removesuffix(" (yardstick)")


def test_forces_bars_equal_the_table(forces: pd.DataFrame) -> None:
    fig = nuclear_forces_figure(forces)
    assert len(fig.data) == 3
    assert all(t.type == "bar" and t.orientation == "h" for t in fig.data)
    assert fig.layout.barmode == "stack"
    table = forces.set_index("state")
    for trace, column in zip(fig.data, ("deployed", "stored", "retired"), strict=True):
        assert trace.name.lower().startswith(column)
        states = [_state_of(y) for y in trace.y]
        assert sorted(states) == sorted(table.index)
        for state, x in zip(states, trace.x, strict=True):
            assert x == int(table.loc[state, column]), (column, state)
    # stacked, the bars reach each state's total inventory
    totals = [sum(t.x[i] for t in fig.data) for i in range(len(forces))]
    for label, total in zip(fig.data[0].y, totals, strict=True):
        assert total == int(table.loc[_state_of(label), "total_inventory"])


def test_forces_yardstick_labels(forces: pd.DataFrame) -> None:
    fig = nuclear_forces_figure(forces)
    marked = {_state_of(y) for y in fig.data[0].y if y.endswith(" (yardstick)")}
    assert marked == {"France", "United Kingdom"}


def test_forces_zoom_button(forces: pd.DataFrame) -> None:
    fig = nuclear_forces_figure(forces)
    (menu,) = _layout(fig)["updatemenus"]
    ranges = {b["label"]: b["args"][0]["xaxis.range"] for b in menu["buttons"]}
    (zoom_label,) = [label for label in ranges if "1,000" in label]
    lo, hi = ranges[zoom_label]
    small = forces.loc[forces["total_inventory"] < 1000, "total_inventory"]
    assert lo == 0
    assert len(small) > 0
    assert hi > int(small.max()), "the zoom cuts off a state below 1,000 warheads"
    assert hi <= 1000
    (all_label,) = [label for label in ranges if label != zoom_label]
    assert ranges[all_label][1] >= int(forces["total_inventory"].max())


def test_forces_bad_input(forces: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        nuclear_forces_figure([1, 2, 3])
    with pytest.raises(ValueError, match="retired"):
        nuclear_forces_figure(forces.drop(columns=["retired"]))


def test_the_figures_follow_the_explorer_contract(presets, forces) -> None:
    check_explorer_figure(deterrence_triangle_figure(presets))
    check_explorer_figure(nuclear_forces_figure(forces))


@pytest.mark.parametrize("spoil", ["unnamed menu", "small text", "raw colour", "no title"])
def test_the_figure_contract_check_can_fail(presets, spoil: str) -> None:
    fig = deterrence_triangle_figure(presets)
    if spoil == "unnamed menu":
        fig.layout.updatemenus[0].name = None
    elif spoil == "small text":
        fig.update_traces(textfont_size=9, selector={"type": "bar"})
    elif spoil == "raw colour":
        fig.data[0].line.color = "#123456"
    else:
        fig.layout.title.text = ""
    with pytest.raises(AssertionError):
        check_explorer_figure(fig)


def test_the_controls_send_the_state_function_s_payload(presets) -> None:
    """The static face's controls send exactly what deterrence_state returns, for DYNAMIC_TRACES."""
    fig = deterrence_triangle_figure(presets)
    layout = fig.to_dict()["layout"]
    (menu,) = layout["updatemenus"]
    assert menu["name"] == "Scenario"
    for button, row in zip(menu["buttons"], presets.sort_values("order").to_dict("records"), strict=True):
        state, _, traces = button["args"]
        assert traces == list(DYNAMIC_TRACES)
        assert state == deterrence_state(**preset_arguments(row))
    (slider,) = layout["sliders"]
    assert slider["currentvalue"]["prefix"] == "Capabilities: "
    row = presets.sort_values("order").iloc[0]
    for step in slider["steps"]:
        assert step["args"] == [deterrence_state(float(step["value"]), row["credibility"],
                                                 row["communication"]), list(DYNAMIC_TRACES)]


def test_preset_arguments_reads_the_three_factors(presets) -> None:
    row = presets.set_index("preset_id").loc["france_today"]
    assert preset_arguments({"preset_id": "france_today", **row.to_dict()}) == {
        "capabilities": 0.85, "credibility": 0.75, "communication": 0.80}
    assert PRESET_COLUMNS == FACTORS
    # every preset of the table is a valid input of the model
    for r in presets.to_dict("records"):
        evaluate_deterrence(**preset_arguments(r))


@pytest.mark.parametrize(("row", "words"), [
    ({"preset_id": "x", "capabilities": 0.5, "credibility": 0.5}, "preset 'x': the column communication"),
    ({"preset_id": "y", "capabilities": 1.5, "credibility": 0.5, "communication": 0.5},
     "preset 'y': capabilities must lie in [0, 1]"),
    ({"capabilities": 0.5, "credibility": "high", "communication": 0.5}, "the preset: credibility"),
])
def test_preset_arguments_names_the_preset_and_the_column(row, words) -> None:
    with pytest.raises(ValueError) as info:
        preset_arguments(row)
    assert words in str(info.value)


def test_a_bad_preset_row_is_rejected_by_the_figure(presets) -> None:
    bad = presets.copy()
    bad.loc[bad["preset_id"] == "uk_today", "credibility"] = 1.2
    with pytest.raises(ValueError, match="uk_today.*credibility"):
        deterrence_triangle_figure(bad)


def test_threshold_function_matches_the_figure_line(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets, gain=2.0, cost=3.0)
    assert _layout(fig)["shapes"][0]["y0"] == pytest.approx(deterrence_threshold(2.0, 3.0))
    assert _layout(fig)["shapes"][0]["y0"] == pytest.approx(0.4)


# --------------------------------------------------------------------------------------
# Live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel(presets: pd.DataFrame) -> DeterrencePanel:
    return deterrence_panel(presets)


def bars(panel: DeterrencePanel) -> dict[str, float]:
    """The bar trace as {rule: value}."""
    trace = panel.figure.data[5]
    assert trace.type == "bar"
    return {LABEL_TO_RULE[x]: float(y) for x, y in zip(trace.x, trace.y, strict=True)}


def factors(panel: DeterrencePanel) -> tuple[float, float, float]:
    return tuple(float(panel.controls[f].value) for f in FACTORS)


def assert_bars(panel: DeterrencePanel, expected: dict[str, float]) -> None:
    shown = bars(panel)
    assert set(shown) == set(RULES)
    for rule in RULES:
        assert shown[rule] == pytest.approx(expected[rule], abs=1e-12), rule


def threshold_y(panel: DeterrencePanel) -> float:
    (shape,) = panel.figure.layout.shapes
    assert shape.y0 == shape.y1
    return float(shape.y0)


def test_initial_state_is_the_first_preset(panel, presets, hand_scores) -> None:
    first = presets.sort_values("order").iloc[0]
    assert panel.controls["preset"].value == first["preset_id"]
    assert factors(panel) == pytest.approx(tuple(float(first[f]) for f in FACTORS))
    assert_bars(panel, hand_scores(*factors(panel)))
    assert threshold_y(panel) == pytest.approx(1 / (1 + 3))
    assert RULE_LABELS["product"] in panel.summary.value


def test_credibility_zero_zeroes_product_and_weakest_link(panel, hand_scores) -> None:
    panel.controls["credibility"].value = 0.0
    shown = bars(panel)
    assert shown["product"] == 0.0
    assert shown["weakest_link"] == 0.0
    c, _, m = factors(panel)
    assert shown["weighted_mean"] == pytest.approx((c + 0.0 + m) / 3)
    # the triangle's credibility vertex moves to the centre
    tri = panel.figure.data[3]
    assert math.hypot(tri.x[1], tri.y[1]) == pytest.approx(0.0, abs=1e-3)
    assert "credibility" in panel.summary.value  # now the weakest factor


@pytest.mark.parametrize("preset_id", ["ally_year1", "france_today", "uk_today", "ally_year10"])
def test_changing_preset_sets_sliders_and_bars(panel, presets, hand_scores, preset_id) -> None:
    row = presets.loc[presets["preset_id"] == preset_id].iloc[0]
    expected_factors = tuple(float(row[f]) for f in FACTORS)
    panel.controls["preset"].value = preset_id
    assert factors(panel) == pytest.approx(expected_factors)
    assert_bars(panel, hand_scores(*expected_factors))
    tri = panel.figure.data[3]
    for k, value in enumerate(expected_factors):
        assert math.hypot(tri.x[k], tri.y[k]) == pytest.approx(value, abs=1e-3)


def test_moving_a_slider_updates_bars(panel, hand_scores) -> None:
    panel.controls["capabilities"].value = 0.3
    panel.controls["communication"].value = 0.9
    assert_bars(panel, hand_scores(*factors(panel)))


@pytest.mark.parametrize("rule", RULES)
def test_changing_rule_names_it_in_summary(panel, hand_scores, rule) -> None:
    other = next(r for r in RULES if r != rule)
    panel.controls["rule"].value = other
    panel.controls["rule"].value = rule
    summary = panel.summary.value
    assert RULE_LABELS[rule] in summary
    for r in RULES:
        if r != rule:
            assert RULE_LABELS[r] not in summary
    score = hand_scores(*factors(panel))[rule]
    assert f"{score:.3f}" in summary


@pytest.mark.parametrize(("gain", "cost"), [(1.0, 1.0), (3.0, 1.0), (2.0, 8.0), (0.5, 4.5)])
def test_gain_and_cost_move_the_threshold(panel, gain, cost) -> None:
    panel.controls["gain"].value = gain
    panel.controls["cost"].value = cost
    expected = gain / (gain + cost)
    assert threshold_y(panel) == pytest.approx(expected)
    assert f"{expected:.3f}" in panel.summary.value
    assert f"{expected:.2f}" in panel.figure.layout.annotations[0].text


def test_verdict_follows_the_threshold(panel, hand_scores) -> None:
    panel.controls["rule"].value = "weakest_link"
    d = hand_scores(*factors(panel))["weakest_link"]
    # gain/cost chosen so that the threshold sits clearly below, then above, the score
    panel.controls["gain"].value = 1.0
    panel.controls["cost"].value = 99.0  # threshold 0.01
    assert d > 0.01
    assert "does not deter" not in panel.summary.value
    assert "deters" in panel.summary.value
    panel.controls["cost"].value = 0.01  # threshold 1 / 1.01, about 0.990
    assert d < 1 / 1.01
    assert "does not deter" in panel.summary.value


def test_weights_feed_the_weighted_mean(panel) -> None:
    panel.controls["w_r"].value = 0.0
    panel.controls["w_m"].value = 0.0
    c, _, _ = factors(panel)
    assert bars(panel)["weighted_mean"] == pytest.approx(c)
    panel.controls["w_c"].value = 2.0
    panel.controls["w_m"].value = 1.0
    c, r, m = factors(panel)
    assert bars(panel)["weighted_mean"] == pytest.approx((2 * c + m) / 3)


def test_all_weights_zero_cannot_compute(panel, hand_scores) -> None:
    panel.controls["w_c"].value = 0.0
    panel.controls["w_r"].value = 0.0
    before = bars(panel)  # the last computable state: weighted mean = communication
    assert before["weighted_mean"] == pytest.approx(factors(panel)[2])
    panel.controls["w_m"].value = 0.0  # no exception escapes
    summary = panel.summary.value
    assert "cannot compute" in summary.lower()
    # the message names the controls as the learner sees them, not the model's parameter
    assert "the weights w_c, w_r and w_m must not all be zero" in summary, summary
    # the figure does not keep the old state standing: the result is hidden, the title says so
    assert not panel.computed
    assert all(panel.figure.data[i].visible is False for i in DYNAMIC_TRACES)
    assert panel.figure.layout.title.text.endswith("(not computed)")
    # moving another control while the weights are all zero still raises nothing
    panel.controls["credibility"].value = 0.2
    assert "cannot compute" in panel.summary.value.lower()
    assert all(panel.figure.data[i].visible is False for i in DYNAMIC_TRACES)
    # and a non-zero weight brings the panel back
    panel.controls["w_r"].value = 1.0
    assert panel.computed
    assert "cannot compute" not in panel.summary.value.lower()
    assert all(panel.figure.data[i].visible is not False for i in DYNAMIC_TRACES)
    assert not panel.figure.layout.title.text.endswith("(not computed)")
    assert bars(panel)["weighted_mean"] == pytest.approx(factors(panel)[1])


@pytest.mark.parametrize(("control", "bad", "words"), [
    ("gain", 0.0, "the Gain B must be positive"),
    ("cost", -1.0, "the Punishment C must be positive"),
])
def test_bad_stakes_are_named_by_their_labels(panel, control, bad, words) -> None:
    panel.controls[control].value = bad
    assert words in panel.summary.value, panel.summary.value
    assert not panel.computed


def test_a_preset_keeps_what_the_learner_set(panel, presets) -> None:
    panel.controls["rule"].value = "weighted_mean"
    panel.controls["w_c"].value = 2.0
    panel.controls["gain"].value = 2.0
    panel.controls["cost"].value = 5.0
    panel.controls["preset"].value = "ally_year5"
    row = presets.set_index("preset_id").loc["ally_year5"]
    assert factors(panel) == pytest.approx(tuple(float(row[f]) for f in FACTORS))
    assert (panel.controls["rule"].value, panel.controls["w_c"].value,
            panel.controls["gain"].value, panel.controls["cost"].value) == ("weighted_mean", 2.0, 2.0, 5.0)
    assert threshold_y(panel) == pytest.approx(2 / 7)
    # and the panel says so, naming the controls a preset sets
    note = panel.children[1].value
    assert "A preset sets Capabilities c, Credibility r and Communication m" in note
    assert "keep the values you set" in note


def test_the_panel_applies_the_static_payload_in_one_call(panel, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(panel.figure, "plotly_update",
                        lambda **kw: calls.append(("update", kw)))
    monkeypatch.setattr(panel.figure, "plotly_restyle",
                        lambda *a, **kw: calls.append(("restyle", a, kw)))
    panel.controls["credibility"].value = 0.3
    assert len(calls) == 1, calls
    _, sent = calls[0]
    c, _, m = factors(panel)
    assert sent["restyle_data"] == deterrence_state(c, 0.3, m)
    assert sent["trace_indexes"] == list(DYNAMIC_TRACES)
    assert [s["y0"] for s in sent["relayout_data"]["shapes"]] == [pytest.approx(0.25)]


def test_the_panel_follows_the_explorer_contract(panel) -> None:
    check_live_panel(panel, rejected={"w_c": 0.0, "w_r": 0.0, "w_m": 0.0})


def test_the_panel_contract_check_catches_a_dead_control(presets) -> None:
    class Dead(DeterrencePanel):
        def compute(self, values):
            return super().compute({**values, "credibility": 0.5})  # the slider does nothing

    with pytest.raises(AssertionError, match="credibility"):
        check_live_panel(Dead(presets), rejected={"w_c": 0.0, "w_r": 0.0, "w_m": 0.0})


def test_the_panel_contract_check_catches_a_cut_label(presets) -> None:
    panel = deterrence_panel(presets)
    panel.controls["communication"].style.description_width = "6ch"
    with pytest.raises(AssertionError, match="is cut"):
        check_live_panel(panel, rejected={"w_c": 0.0, "w_r": 0.0, "w_m": 0.0})


def test_panel_rejects_bad_presets(presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="communication"):
        deterrence_panel(presets.drop(columns=["communication"]))
    with pytest.raises(ValueError, match="no rows"):
        deterrence_panel(presets.iloc[0:0])
    with pytest.raises(ValueError, match="DataFrame"):
        deterrence_panel(None)


def test_panel_contains_controls_summary_and_figure(panel) -> None:
    assert set(panel.controls) == {"preset", *FACTORS, "rule", "w_c", "w_r", "w_m", "gain",
                                   "cost"}
    assert panel.summary in panel.children
    assert panel.figure in panel.children
    assert [v for _, v in panel.controls["rule"].options] == list(RULES)


def test_the_panel_base_rejects_a_preset_control_without_presets(presets) -> None:
    from proliferation_course.widgets.panel import ExplorerPanel, dropdown, slider

    fig = go.Figure()
    with pytest.raises(ValueError, match="needs presets"):
        ExplorerPanel(fig, {"preset": dropdown("Preset", [("A", "a")], "a")}, [["preset"]], [])
    with pytest.raises(ValueError, match="does not have: k"):
        ExplorerPanel(fig, {"preset": dropdown("Preset", [("A", "a")], "a"),
                            "x": slider("X", 0.5, 0, 1, 0.1)},
                      [["preset", "x"]], [], presets={"a": {"k": 1}})
    with pytest.raises(ValueError, match="place every control once"):
        ExplorerPanel(fig, {"x": slider("X", 0.5, 0, 1, 0.1)}, [["x", "x"]], [])


# ---- In Japanese ----

def test_the_figures_are_japanese_when_the_package_speaks_japanese(presets, forces) -> None:
    check_figure_in_japanese(lambda: deterrence_triangle_figure(presets))
    check_figure_in_japanese(lambda: nuclear_forces_figure(forces))


def test_the_panel_is_japanese_when_the_package_speaks_japanese(presets) -> None:
    check_panel_in_japanese(lambda: deterrence_panel(presets))
    with speaking("ja"):
        panel = deterrence_panel(presets)
    assert "抑止" in panel.summary.value and "deter" not in panel.summary.value
    assert [label for label, _value in panel.controls["preset"].options][1] == "新たに核武装した同盟国、1年目"


def test_a_rejected_combination_is_explained_in_japanese(presets) -> None:
    with speaking("ja"):
        panel = deterrence_panel(presets)
        panel.controls["gain"].value = -1.0
    assert not panel.computed
    said = panel.summary.value
    assert said.startswith("<b>計算できない：</b>「利得 B」は正の値でなければならない"), said
    assert panel.figure.layout.title.text.endswith("（計算不可）")


def test_the_page_s_tables_are_japanese_when_the_package_speaks_japanese(presets, forces) -> None:
    with speaking("ja"):
        shown = forces_table(forces), presets_table(presets)
    assert shown[0].header[:2] == ("国", "配備") and shown[0].rows[0][0] == "米国"
    assert "核兵器国" in shown[0].rows[0] and shown[0].caption == "国別の推定核弾頭数（2025年1月）"
    assert shown[0].notes[0].startswith("SIPRI年鑑2025"), "the note on each estimate is shown in Japanese"
    assert shown[1].rows[1][0] == "新たに核武装した同盟国、1年目" and shown[1].note_heading == "この値とした理由"
    assert shown[1].notes[1].startswith("能力は最小限である。"), "the rationale is shown in Japanese"
