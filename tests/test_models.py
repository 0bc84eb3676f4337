"""The deterrence-triangle model: hand-computed values, bad input, and properties.

Expected values come from the model's equations worked by hand:
``product = c r m``, ``weakest_link = min(c, r, m)``,
``weighted_mean = (w_c c + w_r r + w_m m) / (w_c + w_r + w_m)`` and
``threshold = B / (B + C)``.
"""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from proliferation_course.models import (
    RULE_LABELS,
    RULES,
    DeterrenceResult,
    deterrence_score,
    deterrence_threshold,
    evaluate_deterrence,
)

# --------------------------------------------------------------------------------------
# Shared Hypothesis strategies and settings
# --------------------------------------------------------------------------------------

#: A factor score: any float in [0, 1] (0 and 1 included).
FACTOR = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)
#: Three factors (c, r, m).
FACTORS = st.tuples(FACTOR, FACTOR, FACTOR)
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
@given(factors=FACTORS, rule=RULE, weights=WEIGHTS)
def test_score_in_unit_interval(factors, rule, weights) -> None:
    d = deterrence_score(*factors, rule=rule, weights=weights)
    assert isinstance(d, float)
    assert 0.0 <= d <= 1.0


@PROPERTY
@given(factors=FACTORS)
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
@given(factors=FACTORS, weights=WEIGHTS)
def test_weighted_mean_matches_exact_arithmetic(factors, weights) -> None:
    exact = sum(Fraction(w) * Fraction(x) for w, x in zip(weights, factors, strict=True)) / sum(
        Fraction(w) for w in weights
    )
    got = deterrence_score(*factors, rule="weighted_mean", weights=weights)
    assert got == pytest.approx(float(exact), rel=1e-12, abs=1e-300)
    # ...and therefore lies between the smallest and largest factor (up to rounding).
    assert min(factors) - 1e-15 <= got <= max(factors) + 1e-15


@PROPERTY
@given(factors=FACTORS, zero_at=FACTOR_INDEX, weights=WEIGHTS)
def test_any_zero_factor_zeroes_product_and_weakest_link(factors, zero_at, weights) -> None:
    f = list(factors)
    f[zero_at] = 0.0
    assert deterrence_score(*f, rule="product", weights=weights) == 0.0
    assert deterrence_score(*f, rule="weakest_link", weights=weights) == 0.0


@PROPERTY
@given(factors=FACTORS, index=FACTOR_INDEX, other=FACTOR, rule=RULE, weights=WEIGHTS)
def test_monotonic_non_decreasing_in_each_factor(factors, index, other, rule, weights) -> None:
    low, high = list(factors), list(factors)
    low[index] = min(factors[index], other)
    high[index] = max(factors[index], other)
    d_low = deterrence_score(*low, rule=rule, weights=weights)
    d_high = deterrence_score(*high, rule=rule, weights=weights)
    assert d_low <= d_high


@PROPERTY
@given(factors=FACTORS)
def test_weighted_mean_with_weights_on_one_factor_returns_it(factors) -> None:
    c, r, m = factors
    assert deterrence_score(c, r, m, rule="weighted_mean", weights=(1, 0, 0)) == c
    assert deterrence_score(c, r, m, rule="weighted_mean", weights=(0, 1, 0)) == r
    assert deterrence_score(c, r, m, rule="weighted_mean", weights=(0, 0, 1)) == m


@PROPERTY
@given(factors=FACTORS, weights=WEIGHTS, scale=SCALE)
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
@given(factors=FACTORS, rule=RULE, weights=WEIGHTS, gain=STAKE, cost=STAKE)
def test_evaluate_agrees_with_its_parts(factors, rule, weights, gain, cost) -> None:
    res = evaluate_deterrence(*factors, rule=rule, weights=weights, gain=gain, cost=cost)
    assert res.score == deterrence_score(*factors, rule=rule, weights=weights)
    assert res.threshold == deterrence_threshold(gain, cost)
    assert res.holds == (res.score > res.threshold)
    named = dict(zip(FACTOR_NAMES, factors, strict=True))
    assert named[res.weakest_factor] == min(factors)
    # the first of the tied factors in c, r, m order
    assert res.weakest_factor == next(n for n in FACTOR_NAMES if named[n] == min(factors))
