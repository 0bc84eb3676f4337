"""The live deterrence panel: setting its controls from Python changes what it shows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from proliferation_course.models import RULE_LABELS, RULES
from proliferation_course.widgets import DeterrencePanel, deterrence_panel

FACTORS = ("capabilities", "credibility", "communication")
LABEL_TO_RULE = {label: rule for rule, label in RULE_LABELS.items()}


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
    assert "weights" in summary
    # the figure keeps its last computable state
    assert bars(panel) == before
    # moving another control while the weights are all zero still raises nothing
    panel.controls["credibility"].value = 0.2
    assert "cannot compute" in panel.summary.value.lower()
    # and a non-zero weight brings the panel back
    panel.controls["w_r"].value = 1.0
    assert "cannot compute" not in panel.summary.value.lower()
    assert bars(panel)["weighted_mean"] == pytest.approx(factors(panel)[1])


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
