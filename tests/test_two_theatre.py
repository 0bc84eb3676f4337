"""Chapter 12, cross-regional cooperation: the two-theatre model, its figures, live panel and data.

Expected values are worked by hand from the model's equations:

    D_1(t) = d_1,   D_2(t) = b_2 + s [t >= t_s],   a_i(t) = S_i(t) + p_i
    separate:        x_i = min(D_i, a_i),  S_i(t+1) = a_i - x_i
    share surplus:   gap g_i = D_i - min(D_i, a_i), surplus e_j = a_j - min(D_j, a_j),
                     shipped f = min(e_j, g_i / eta), theatre i receives eta f
    priority k:      k is served from everything at hand first; the other gets what is left
    equal fill rate: phi = min(1, (a_i + eta a_j) / (D_i + eta D_j)) for the worse-supplied i

and, for the data, from the sources named in each test (Yonhap, AP, Korea Herald,
Reuters, Korea JoongAng Daily, Overt Defense, bne IntelliNews).
"""

from __future__ import annotations

import math
import re

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
from proliferation_course.figures.two_theatre import (
    DYNAMIC_TRACES,
    SHOCK_STEPS,
    agreements_figure,
    agreements_table,
    presets_table,
    two_theatre_figure,
    two_theatre_state,
)
from proliferation_course.figures.two_theatre import SHOCK_TRACES as _SHOCK_DYNAMIC
from proliferation_course.i18n import speaking
from proliferation_course.models.two_theatre import (
    PRESET_COLUMNS,
    RULES,
    TwoTheatreResult,
    allocate_week,
    compare_rules,
    preset_arguments,
    preset_params,
    two_theatre,
)
from proliferation_course.references import bibliography
from proliferation_course.timeline import collect_events
from proliferation_course.widgets.two_theatre import TwoTheatrePanel, two_theatre_panel

PROPERTY = settings(max_examples=150, deadline=None, database=None)
# Amounts are zero or at least a hundredth of a unit: subnormal floats are not supply units.
AMOUNT = st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=50.0))
STOCK = st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=300.0))
ETA = st.floats(min_value=0.05, max_value=1.0, allow_nan=False, allow_infinity=False)
POOLED = [r for r in RULES if r != "separate"]


@pytest.fixture(scope="module")
def presets() -> pd.DataFrame:
    return load_table("two_theatre_presets")


@pytest.fixture(scope="module")
def agreements() -> pd.DataFrame:
    return load_table("poland_korea_agreements")


@st.composite
def scenarios(draw) -> dict:
    weeks = draw(st.integers(min_value=1, max_value=30))
    return {
        "weeks": weeks,
        "demand_1": draw(AMOUNT), "baseline_2": draw(AMOUNT), "shock_2": draw(AMOUNT),
        "shock_week": draw(st.integers(min_value=0, max_value=weeks - 1)),
        "stock_1": draw(STOCK), "stock_2": draw(STOCK),
        "production_1": draw(AMOUNT), "production_2": draw(AMOUNT),
        "efficiency": draw(ETA),
    }


# --------------------------------------------------------------------------------------
# allocate_week: one week worked by hand
# --------------------------------------------------------------------------------------


def close(a, b, tol=1e-9) -> bool:
    return all(math.isclose(x, y, rel_tol=tol, abs_tol=tol) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize(("at_hand", "demand", "rule", "eta", "x", "f", "left"), [
    # separate: theatre 1 short by 5, theatre 2 keeps 16 it does not need
    ((5, 20), (10, 4), "separate", 1.0, (5, 4), (0, 0), (0, 16)),
    # share surplus: theatre 1 needs 5 more; at eta 0.5, 10 are shipped from 2's surplus of 16
    ((5, 20), (10, 4), "share_surplus", 0.5, (10, 4), (0, 10), (0, 6)),
    # share surplus, surplus too small: all 2 spare units go, 1.6 arrive
    ((5, 6), (10, 4), "share_surplus", 0.8, (6.6, 4), (0, 2), (0, 0)),
    # both short: nothing to share
    ((3, 2), (10, 4), "share_surplus", 1.0, (3, 2), (0, 0), (0, 0)),
    # priority 1 takes from what theatre 2 needs itself: 4 + 4 = 8 of 6 needed, 2 go back to 2
    ((4, 4), (6, 6), "priority_1", 1.0, (6, 2), (0, 2), (0, 0)),
    ((4, 4), (6, 6), "priority_2", 1.0, (2, 6), (2, 0), (0, 0)),
    # priority 1 with losses: theatre 1 needs 2 more, eta 0.5 -> 4 shipped, theatre 2 keeps 0
    ((4, 4), (6, 6), "priority_1", 0.5, (6, 0), (0, 4), (0, 0)),
    # priority 2 while theatre 2 has a surplus: theatre 1 then takes 2's surplus (share)
    ((1, 10), (5, 4), "priority_2", 1.0, (5, 4), (0, 4), (0, 2)),
    # equal fill rate: fill rates 6/10 and 6/2; phi = min(1, (6 + 6) / (10 + 2)) = 1
    ((6, 6), (10, 2), "proportional", 1.0, (10, 2), (0, 4), (0, 0)),
    # equal fill rate, not enough: phi = (2 + 0.5 * 8) / (10 + 0.5 * 4) = 6 / 12 = 0.5
    ((2, 8), (10, 4), "proportional", 0.5, (5, 2), (0, 6), (0, 0)),
    # equal fill rate when theatre 2 is the worse supplied: phi = (1 + 9) / (5 + 5) = 1
    ((9, 1), (5, 5), "proportional", 1.0, (5, 5), (4, 0), (0, 0)),
    # no demand anywhere: everything stays in stock
    ((3, 4), (0, 0), "proportional", 1.0, (0, 0), (0, 0), (3, 4)),
])
def test_allocate_week_by_hand(at_hand, demand, rule, eta, x, f, left) -> None:
    got_x, got_f, got_left = allocate_week(at_hand, demand, rule, eta)
    assert close(got_x, x) and close(got_f, f) and close(got_left, left), (got_x, got_f, got_left)


# --------------------------------------------------------------------------------------
# two_theatre: runs worked by hand
# --------------------------------------------------------------------------------------

SMALL = dict(weeks=4, demand_1=10.0, baseline_2=0.0, shock_2=0.0, shock_week=0,
             stock_1=10.0, stock_2=30.0, production_1=5.0, production_2=0.0)


def test_separate_run_by_hand() -> None:
    # theatre 1: at hand 15, 10, 5, 5 -> delivers 10, 10, 5, 5; stock 5, 0, 0, 0
    res = two_theatre(**SMALL, rule="separate")
    assert res.delivered[0] == (10.0, 10.0, 5.0, 5.0)
    assert res.stock[0] == (5.0, 0.0, 0.0, 0.0)
    assert res.stock[1] == (30.0, 30.0, 30.0, 30.0)
    assert res.unmet(1) == (0.0, 0.0, 5.0, 5.0)
    assert res.cumulative_unmet(1) == (0.0, 0.0, 5.0, 10.0)
    assert res.total_unmet(1) == 10.0 and res.total_unmet(2) == 0.0
    assert res.shortfall_weeks(1) == 2 and res.first_shortfall(1) == 2
    assert res.first_shortfall(2) is None
    assert res.fill_rate(1) == pytest.approx(30 / 40) and res.fill_rate(2) == 1.0
    assert res.weeks == (0, 1, 2, 3)


def test_pooled_run_by_hand_with_losses() -> None:
    # weeks 2 and 3: theatre 1 short by 5; at eta 0.5 theatre 2 ships 10 each week
    res = two_theatre(**SMALL, rule="share_surplus", efficiency=0.5)
    assert res.total_unmet(1) == 0.0
    assert res.shipped[1] == (0.0, 0.0, 10.0, 10.0)
    assert res.stock[1][-1] == 10.0
    assert res.lost_in_transit == pytest.approx(10.0)


def test_shock_shapes_demand() -> None:
    res = two_theatre(weeks=6, demand_1=3, baseline_2=1, shock_2=4, shock_week=2)
    assert res.demand[0] == (3.0,) * 6
    assert res.demand[1] == (1.0, 1.0, 5.0, 5.0, 5.0, 5.0)
    assert res.shock_week == 2


def test_equal_fill_rate_over_a_run() -> None:
    # no stocks, production 2 and 8, demand 10 and 4 every week, eta 1: phi = 10 / 14 each week
    res = two_theatre(weeks=3, demand_1=10, baseline_2=4, shock_2=0, shock_week=0, stock_1=0,
                      stock_2=0, production_1=2, production_2=8, rule="proportional")
    for t in range(3):
        assert res.delivered[0][t] / 10 == pytest.approx(10 / 14)
        assert res.delivered[1][t] / 4 == pytest.approx(10 / 14)
    assert res.total_unmet(1) + res.total_unmet(2) == pytest.approx(3 * 4)


def test_compare_rules_table() -> None:
    table = compare_rules(**SMALL)
    assert list(table.index) == list(RULES)
    assert table.loc["separate", "unmet_total"] == 10.0
    for rule in POOLED:
        assert table.loc[rule, "unmet_total"] == 0.0
    with pytest.raises(ValueError, match="rule"):
        compare_rules(**SMALL, rule="separate")


# --------------------------------------------------------------------------------------
# Bad input: ValueError naming the parameter
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value"), [
    ("weeks", 0), ("weeks", 521), ("weeks", 4.5), ("weeks", True), ("weeks", "26"),
    ("demand_1", -1.0), ("demand_1", float("nan")), ("demand_1", float("inf")), ("demand_1", "10"),
    ("baseline_2", -0.1), ("shock_2", -5.0), ("shock_2", None),
    ("shock_week", -1), ("shock_week", 26), ("shock_week", 2.0),
    ("stock_1", -1.0), ("stock_2", float("nan")),
    ("production_1", -2.0), ("production_2", True),
    ("efficiency", 0.0), ("efficiency", 1.5), ("efficiency", -0.2), ("efficiency", float("nan")),
    ("rule", "pooled"), ("rule", None),
])
def test_bad_input_names_the_parameter(name, value) -> None:
    with pytest.raises(ValueError, match=name):
        two_theatre(**{name: value})


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"at_hand": (-1.0, 2.0), "demand": (1.0, 1.0)}, r"at_hand\[0\]"),
    ({"at_hand": (1.0, 2.0), "demand": (1.0, float("nan"))}, r"demand\[1\]"),
    ({"at_hand": (1.0, 2.0), "demand": (1.0, 1.0), "rule": "both"}, "rule"),
    ({"at_hand": (1.0, 2.0), "demand": (1.0, 1.0), "efficiency": 2.0}, "efficiency"),
])
def test_allocate_week_bad_input(kwargs, name) -> None:
    with pytest.raises(ValueError, match=name):
        allocate_week(**kwargs)


@pytest.mark.parametrize("theatre", [0, 3, True, "1"])
def test_result_rejects_unknown_theatre(theatre) -> None:
    res = two_theatre(weeks=2, shock_week=0)
    with pytest.raises(ValueError, match="theatre"):
        res.unmet(theatre)


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------


@PROPERTY
@given(scenarios(), st.sampled_from(RULES))
def test_bounds_and_conservation(params, rule) -> None:
    res = two_theatre(**params, rule=rule)
    eta = params["efficiency"]
    for i in (0, 1):
        for d, x, s in zip(res.demand[i], res.delivered[i], res.stock[i], strict=True):
            assert -1e-9 <= x <= d + 1e-9
            assert s >= -1e-9
    # supply = deliveries + losses in transit + stock left at the end
    supply = (params["stock_1"] + params["stock_2"]
              + params["weeks"] * (params["production_1"] + params["production_2"]))
    used = (sum(res.delivered[0]) + sum(res.delivered[1])
            + (1 - eta) * (sum(res.shipped[0]) + sum(res.shipped[1]))
            + res.stock[0][-1] + res.stock[1][-1])
    assert used == pytest.approx(supply, rel=1e-9, abs=1e-6)
    assert 0.0 <= res.fill_rate(1) <= 1.0 + 1e-12 and 0.0 <= res.fill_rate(2) <= 1.0 + 1e-12
    assert res.shortfall_weeks(1) <= params["weeks"]


@PROPERTY
@given(scenarios())
def test_separate_pools_do_not_ship_and_theatre_1_ignores_theatre_2(params) -> None:
    res = two_theatre(**params, rule="separate")
    assert sum(res.shipped[0]) == sum(res.shipped[1]) == 0.0
    other = two_theatre(**{**params, "shock_2": params["shock_2"] + 7.0, "stock_2": 0.0},
                        rule="separate")
    assert res.delivered[0] == other.delivered[0]


@PROPERTY
@given(scenarios())
def test_free_pooling_never_increases_total_shortfall_and_rules_agree(params) -> None:
    params = {**params, "efficiency": 1.0}
    table = compare_rules(**params)
    separate = table.loc["separate", "unmet_total"]
    totals = [table.loc[r, "unmet_total"] for r in POOLED]
    for total in totals:
        assert total <= separate + 1e-6
        assert total == pytest.approx(totals[0], rel=1e-9, abs=1e-6)


@PROPERTY
@given(scenarios(), st.floats(min_value=0.0, max_value=30.0, allow_nan=False))
def test_larger_shock_never_helps(params, extra) -> None:
    bigger = {**params, "shock_2": params["shock_2"] + extra}
    a, b = compare_rules(**params), compare_rules(**bigger)
    assert b.loc["separate", "unmet_2"] >= a.loc["separate", "unmet_2"] - 1e-6
    for rule in POOLED:
        if params["efficiency"] == 1.0:
            assert b.loc[rule, "unmet_total"] >= a.loc[rule, "unmet_total"] - 1e-6
    # under free pooling with theatre 1 first, the shock cannot hurt theatre 1 in the first week
    assert two_theatre(**bigger, rule="priority_1").delivered[0][0] == pytest.approx(
        two_theatre(**params, rule="priority_1").delivered[0][0])


@PROPERTY
@given(scenarios())
def test_priority_theatre_never_short_while_the_other_is_served(params) -> None:
    res = two_theatre(**params, rule="priority_1")
    for t in range(params["weeks"]):
        if res.unmet(1)[t] > 1e-9:
            assert res.delivered[1][t] <= 1e-9


@PROPERTY
@given(scenarios())
def test_equal_fill_rate_equalises_shortfalls(params) -> None:
    res = two_theatre(**params, rule="proportional")
    for t in range(params["weeks"]):
        d1, d2 = res.demand[0][t], res.demand[1][t]
        if d1 > 0 and d2 > 0 and (res.unmet(1)[t] > 1e-9 or res.unmet(2)[t] > 1e-9):
            assert res.delivered[0][t] / d1 == pytest.approx(res.delivered[1][t] / d2, rel=1e-9,
                                                             abs=1e-9)


# --------------------------------------------------------------------------------------
# Static figure: every state equals the model's output
# --------------------------------------------------------------------------------------


def _expected(params: dict, rule: str) -> dict:
    sep, pooled = two_theatre(**params, rule="separate"), two_theatre(**params, rule=rule)
    table = compare_rules(**params)
    return {
        0: sep.demand[0], 1: sep.demand[1], 2: sep.cumulative_unmet(1), 3: sep.cumulative_unmet(2),
        4: pooled.cumulative_unmet(1), 5: pooled.cumulative_unmet(2),
        6: tuple(table.loc[list(RULES), "unmet_1"]), 7: tuple(table.loc[list(RULES), "unmet_2"]),
    }


def _same(shown, expected) -> bool:
    return len(shown) == len(expected) and all(abs(a - b) <= 0.05 + 1e-9
                                               for a, b in zip(shown, expected, strict=True))


def test_every_button_and_slider_step_is_the_model(presets) -> None:
    fig = two_theatre_figure(presets)
    menu = fig.layout.updatemenus[0]
    assert len(menu.buttons) == len(presets)
    for button, row in zip(menu.buttons, presets.to_dict("records"), strict=True):
        state, layout, indices = button.args
        assert list(indices) == [0, 1, 2, 3, 4, 5, 6, 7]
        exp = _expected(preset_params(row), row["rule"])
        for k in indices:
            assert _same(state["y"][k], exp[k]), (row["preset_id"], k)
        slider = layout["sliders"][0]
        values = [float(s["value"]) for s in slider["steps"]]
        assert set(SHOCK_STEPS) <= set(values) and float(row["shock_2"]) in values
        assert slider["steps"][slider["active"]]["value"] == f"{float(row['shock_2']):g}"
        for step in slider["steps"]:
            payload, idx = step["args"]
            assert list(idx) == list(_SHOCK_DYNAMIC) and set(payload) == {"y", "text"}
            exp = _expected(preset_params(row, float(step["value"])), row["rule"])
            for y, k in zip(payload["y"], idx, strict=True):
                assert _same(y, exp[k]), (row["preset_id"], step["value"], k)
        assert layout["shapes"][0]["x0"] == row["shock_week"]


def test_shock_steps_change_the_figure(presets) -> None:
    fig = two_theatre_figure(presets)
    for slider in [b.args[1]["sliders"][0] for b in fig.layout.updatemenus[0].buttons]:
        payloads = [str(s["args"][0]) for s in slider["steps"]]
        assert len(set(payloads)) == len(payloads), slider["name"]


def test_initial_figure_and_description(presets) -> None:
    fig = two_theatre_figure(presets)
    first = presets.iloc[0]
    exp = _expected(preset_params(first), first["rule"])
    for k in range(8):
        assert _same(fig.data[k].y, exp[k])
    assert "teaching model" in fig.layout.title.text
    assert fig.layout.height and fig.layout.meta["narrow"]
    assert len(fig.layout.meta["description"].split(". ")) >= 2
    dashes = {fig.data[k].line.dash for k in (2, 3, 4, 5)}
    assert dashes == {"dash", "solid"}  # not colour alone
    assert fig.data[7].marker.pattern.shape == "/"
    with pytest.raises(ValueError, match="initial"):
        two_theatre_figure(presets, initial="nowhere")
    with pytest.raises(ValueError, match="presets"):
        two_theatre_figure(presets.drop(columns=["efficiency"]))


def test_state_marks_the_chosen_rule(presets) -> None:
    state = two_theatre_state(preset_params(presets.iloc[0]), "priority_2")
    assert state["x"][6][RULES.index("priority_2")] == "<b>T2<br>first</b>"
    assert "theatre 2 first" in state["name"][4]


def test_figure_page_weight(presets) -> None:
    from plotly.io.json import to_json
    size = len(to_json(two_theatre_figure(presets).to_dict(), validate=False, pretty=False))
    assert size < 100_000


def test_agreements_figure(agreements) -> None:
    fig = agreements_figure(agreements)
    framework, contracted = fig.data
    assert list(framework.y) == ["K2", "K9", "FA-50", "K239 Chunmoo"]
    systems = list(framework.customdata)
    assert dict(zip(systems, framework.x, strict=True)) == {
        "K2 main battle tank": 980, "K9 self-propelled howitzer": 648,
        "FA-50 light combat aircraft": 48, "K239 Chunmoo rocket launcher": 288}
    # executive contracts: K2 180 + 180, K9 212 + 152, FA-50 48, Chunmoo 218 + 72
    assert dict(zip(systems, contracted.x, strict=True)) == {
        "K2 main battle tank": 360, "K9 self-propelled howitzer": 364,
        "FA-50 light combat aircraft": 48, "K239 Chunmoo rocket launcher": 290}
    assert fig.layout.meta["description"]
    with pytest.raises(ValueError, match="agreements"):
        agreements_figure(agreements.drop(columns=["kind"]))


# --------------------------------------------------------------------------------------
# Live panel
# --------------------------------------------------------------------------------------


def test_panel_follows_the_controls(presets) -> None:
    panel = two_theatre_panel(presets)
    assert isinstance(panel, TwoTheatrePanel)
    before = (list(panel.figure.data[5].y), panel.summary.value)
    panel.controls["shock_2"].value = 20.0
    after = (list(panel.figure.data[5].y), panel.summary.value)
    assert after != before
    exp = _expected(panel.params(), panel.controls["rule"].value)
    assert _same(panel.figure.data[5].y, exp[5])
    panel.controls["rule"].value = "priority_1"
    assert "theatre 1 first" in panel.summary.value
    assert _same(panel.figure.data[4].y, _expected(panel.params(), "priority_1")[4])


def test_panel_presets_and_weeks(presets) -> None:
    panel = two_theatre_panel(presets)
    row = presets.iloc[2]
    panel.controls["preset"].value = row["preset_id"]
    assert panel.controls["rule"].value == row["rule"]
    assert panel.controls["shock_week"].value == row["shock_week"]
    assert panel.figure.layout.shapes[0].x0 == row["shock_week"]
    panel.controls["weeks"].value = 10
    assert len(panel.figure.data[0].y) == 10
    assert list(panel.figure.layout.xaxis.range) == [-0.5, 9.5]
    # a shock week beyond the horizon is refused in the controls' words, not clamped
    panel.controls["shock_week"].value = 12
    assert not panel.computed
    assert "the Shock week must lie between 0 and 9, got 12" in panel.summary.value
    panel.controls["weeks"].value = 20
    assert panel.computed and panel.figure.layout.shapes[0].x0 == 12


def test_panel_preset_keeps_the_controls_it_does_not_name(presets) -> None:
    panel = two_theatre_panel(presets)
    panel.controls["rule"].value = "priority_2"
    panel.controls["preset"].value = presets.iloc[1]["preset_id"]
    # every control is named by a preset (the preset is a whole scenario), so the rule follows it
    assert panel.controls["rule"].value == presets.iloc[1]["rule"]
    assert "A preset sets" in panel.children[1].value


def test_the_figures_follow_the_explorer_contract(presets, agreements) -> None:
    check_explorer_figure(two_theatre_figure(presets))
    check_explorer_figure(agreements_figure(agreements))


def test_the_controls_send_the_state_function_s_payload(presets) -> None:
    fig = two_theatre_figure(presets)
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    assert menu["name"] == "Scenario"
    for button, row in zip(menu["buttons"], presets.to_dict("records"), strict=True):
        state, layout, traces = button["args"]
        assert traces == list(DYNAMIC_TRACES)
        args = preset_arguments(row)
        rule = args.pop("rule")
        expected = two_theatre_state(args, rule)
        expected.pop("customdata")
        assert state == expected
        assert layout["sliders"][0]["currentvalue"]["prefix"].startswith("Shock in theatre 2")


def test_the_panel_follows_the_explorer_contract(presets) -> None:
    check_live_panel(two_theatre_panel(presets), rejected={"weeks": 5, "shock_week": 20})


def test_preset_arguments(presets) -> None:
    row = presets.to_dict("records")[0]
    args = preset_arguments(row)
    assert set(args) == set(PRESET_COLUMNS)
    assert {k: v for k, v in args.items() if k != "rule"} == preset_params(row)
    for column in PRESET_COLUMNS:
        with pytest.raises(ValueError, match=f"preset '{row['preset_id']}': the column {column} is missing"):
            preset_arguments({k: v for k, v in row.items() if k != column})
    for column, value, words in (("efficiency", 1.5, "efficiency must lie in"),
                                 ("demand_1", -1.0, "demand_1"), ("weeks", 2.5, "weeks must be a whole"),
                                 ("rule", "separate", "must be a pooled rule"),
                                 ("shock_week", 26, "shock_week must lie between 0 and 25")):
        with pytest.raises(ValueError, match=f"preset '{row['preset_id']}'.*{words}"):
            preset_arguments({**row, column: value})
    bad = presets.copy()
    bad.loc[1, "efficiency"] = 0.0
    with pytest.raises(ValueError, match=f"preset '{bad.loc[1, 'preset_id']}'"):
        two_theatre_figure(bad)


def test_panel_reports_losses(presets) -> None:
    panel = two_theatre_panel(presets)
    panel.controls["efficiency"].value = 0.5
    table = compare_rules(**panel.params())
    lost = table.loc[panel.controls["rule"].value, "lost_in_transit"]
    assert f"{lost:.1f} units lost in transit" in panel.summary.value


# --------------------------------------------------------------------------------------
# Data: presets and the Poland-South Korea agreements
# --------------------------------------------------------------------------------------


def test_presets_run_and_tell_their_story(presets) -> None:
    rows = {r["preset_id"]: r for r in presets.to_dict("records")}
    shared = compare_rules(**preset_params(rows["opportunistic_shared"]))
    # separate pools leave theatre 1 short while theatre 2 keeps stock it does not need
    assert shared.loc["separate", "unmet_1"] > 0 and shared.loc["separate", "unmet_2"] == 0
    assert two_theatre(**preset_params(rows["opportunistic_shared"]), rule="separate").first_shortfall(1) == 13
    assert shared.loc["proportional", "unmet_total"] == 0
    larger = compare_rules(**preset_params(rows["opportunistic_t1_first"]))
    assert larger.loc["priority_1", "unmet_1"] == 0
    assert larger.loc["priority_1", "unmet_2"] > larger.loc["priority_2", "unmet_2"]
    poor = compare_rules(**preset_params(rows["poor_interoperability"]))
    assert 0 < poor.loc["share_surplus", "unmet_total"] < poor.loc["separate", "unmet_total"]
    for row in rows.values():
        assert "albessard2025" in row["source"]
        assert 0 <= row["shock_week"] < row["weeks"]


def test_agreements_identities(agreements) -> None:
    df = agreements.set_index("agreement_id")
    # Framework agreements of 27 July 2022 (Reuters; Yonhap citing Warsaw): 980 K2, 648 K9, 48 FA-50
    for key, qty in (("framework_k2_2022", 980), ("framework_k9_2022", 648), ("framework_fa50_2022", 48)):
        assert df.loc[key, "date"] == "2022-07-27" and df.loc[key, "quantity"] == qty
    # First executive contracts, 26 August 2022: $5.76 billion in total (Yonhap); AP: 3.4 + 2.4
    first = df.loc[["executive_k2_1_2022", "executive_k9_1_2022"]]
    assert set(first["date"]) == {"2022-08-26"}
    assert first["value_usd_bn"].sum() == pytest.approx(5.8, abs=0.05)
    assert tuple(first["quantity"]) == (180, 212)
    # FA-50: 12 Block 10 ($705 million) + 36 FA-50PL ($2.3 billion), about $3 billion (Shephard)
    assert df.loc["executive_fa50_2022", "quantity"] == 12 + 36
    assert df.loc["executive_fa50_2022", "value_usd_bn"] == pytest.approx(0.705 + 2.3, abs=0.01)
    # Chunmoo: framework 288 on 19 October 2022 (Reuters); executive $3.55 billion (Yonhap)
    assert df.loc["framework_chunmoo_2022", "quantity"] == 288
    assert df.loc["executive_chunmoo_1_2022", "value_usd_bn"] == 3.55
    # K2 second executive contract, 1 August 2025: 180 tanks = 116 K2GF + 64 K2PL, about $6.5 billion
    assert df.loc["executive_k2_2_2025", "date"] == "2025-08-01"
    assert df.loc["executive_k2_2_2025", "quantity"] == 116 + 64
    assert df.loc["executive_k2_2_2025", "value_usd_bn"] == 6.5
    # Chunmoo second contract: 72 launchers, 12 made in Korea and 60 in Poland (IntelliNews)
    assert df.loc["executive_chunmoo_2_2024", "quantity"] == 12 + 60
    # Framework quantities carry no official value
    assert df.loc[df["kind"] == "framework agreement", "value_usd_bn"].isna().all()
    # Executive contracts add up to about $23 billion (the figure the chapter states)
    total = df.loc[df["kind"] == "executive contract", "value_usd_bn"].sum()
    assert total == pytest.approx(23.05, abs=0.01)
    # Dates are chronological in display order, and month-precision rows have no day
    ordered = df.sort_values("order")
    assert list(ordered["date"].str[:7]) == sorted(ordered["date"].str[:7])
    for date_text, precision in zip(df["date"], df["date_precision"], strict=True):
        assert len(date_text) == (10 if precision == "day" else 7)


def test_disagreements_are_recorded(agreements) -> None:
    df = agreements.set_index("agreement_id")
    assert "672" in df.loc["framework_k9_2022", "note"]
    assert "4 December" in df.loc["executive_k9_2_2023", "note"]
    assert "about 200" in df.loc["executive_chunmoo_1_2022", "note"]
    assert "290" in df.loc["executive_chunmoo_2_2024", "note"]


def test_agreements_sources_exist(agreements, presets) -> None:
    keys = set(bibliography().entries)
    for table in (agreements, presets):
        for cell in table["source"]:
            for key in cell.split("; "):
                assert key in keys, key


def test_agreements_on_the_timeline(agreements) -> None:
    events = collect_events(tables=["poland_korea_agreements"])
    assert len(events) == len(agreements)
    assert set(events["theme"]) == {"Alliance cooperation"}
    k2 = events[events["label"].str.contains("second executive contract for 180 K2")].iloc[0]
    assert k2["date_text"] == "1 August 2025"
    month = events[events["label"].str.contains("Homar-K")].iloc[0]
    assert month["precision"] == "month" and month["date_text"] == "November 2022"


def test_result_is_frozen() -> None:
    res = two_theatre(weeks=2, shock_week=0)
    assert isinstance(res, TwoTheatreResult)
    with pytest.raises(AttributeError):
        res.rule = "separate"  # type: ignore[misc]


# ---------------------------------------------------------------- in Japanese

def test_the_figures_speak_japanese(presets, agreements) -> None:
    check_figure_in_japanese(lambda: two_theatre_figure(presets))
    check_figure_in_japanese(lambda: agreements_figure(agreements))


def test_the_panel_speaks_japanese(presets) -> None:
    check_panel_in_japanese(lambda: two_theatre_panel(presets))


def test_the_japanese_figure_names_scenarios_rules_and_systems_in_japanese(presets, agreements) -> None:
    with speaking("ja"):
        fig = two_theatre_figure(presets)
        bars = agreements_figure(agreements)
    # The pages' names of the presets (chapter 12's catalogue gives them in 「」).
    assert [b["label"] for b in fig.layout.updatemenus[0].buttons][:2] == [
        "好機的な攻撃、不足を分担", "より大きな攻撃、戦域1を優先"]
    assert "戦域1優先" in "".join(fig.data[6].x) and fig.data[6].text[0].endswith("週")
    assert fig.layout.annotations[0].text.startswith("衝撃")
    assert "K2主力戦車" in bars.data[0].customdata


def test_a_rejected_combination_is_explained_in_japanese(presets) -> None:
    with speaking("ja"):
        panel = two_theatre_panel(presets)
        panel.controls["shock_week"].value = 40  # beyond the horizon of 26 weeks
    assert not panel.computed
    assert "衝撃の週" in panel.summary.value and "範囲" in panel.summary.value
    assert "must lie" not in panel.summary.value


def test_the_tables_speak_japanese(presets, agreements) -> None:
    with speaking("ja"):
        tables = [presets_table(presets), agreements_table(agreements)]
    for table in tables:
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", table.caption)
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h) for h in table.header[:3])
    assert tables[0].rows[0][:2] == ("好機的な攻撃、不足を分担", "共同化: 充足率を均等化")
    assert tables[1].rows[0][1:3] == ("枠組み合意", "K2主力戦車")
    for table in tables:
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", note) for note in table.notes)
    with speaking("en"):
        assert presets_table(presets).rows[0][:2] == ("Opportunistic attack, shortfalls shared",
                                                     "Pooled: equal fill rate")
