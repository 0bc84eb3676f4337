"""Chapter 13's options explorer: the model, its figure and panel, and the two data tables.

Expected values are worked by hand from the model's equation
``V = sum_k w_k s_k / sum_k w_k`` and from the scores in ``data/option_scores.csv``
(criteria in the order near-term deterrence, window, NPT norm, cascade, arms race,
US burden, ally autonomy):

=========================  ======================
option                     scores
=========================  ======================
status_quo                 3 5 5 3 4 1 1
selective_proliferation    2 2 1 1 1 3 4
three_alternatives         4 4 5 4 2 4 2
conventional_strike        3 4 5 4 2 3 3
nuclear_support            3 5 5 4 3 3 1
cross_regional             2 5 5 4 4 2 2
=========================  ======================

Weights: the essay 4 3 3 3 2 2 1 (sum 18); Graefrath and Raymond 1 1 0.5 0.5 0.5 3 8
(sum 14.5); equal weights (sum 7).
"""

from __future__ import annotations

import csv
import json
import math
import re
from fractions import Fraction

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

from proliferation_course.data import DATA_DIR, load_table
from proliferation_course.figures.options import (
    AUTONOMY_STEPS,
    SLIDER_CRITERION,
    options_figure,
    options_snapshot_figure,
    ordinal,
    presets_table,
    scores_table,
    weight_ticktext,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.options import (
    CRITERIA,
    OPTIONS,
    OptionsResult,
    break_even_weight,
    check_weights,
    lead_weight,
    option_score,
    preset_arguments,
    preset_weights,
    rank_options,
    validate_score_table,
)
from proliferation_course.widgets.options import OptionsPanel, options_panel

HAND_SCORES = {
    "status_quo": (3, 5, 5, 3, 4, 1, 1),
    "selective_proliferation": (2, 2, 1, 1, 1, 3, 4),
    "three_alternatives": (4, 4, 5, 4, 2, 4, 2),
    "conventional_strike": (3, 4, 5, 4, 2, 3, 3),
    "nuclear_support": (3, 5, 5, 4, 3, 3, 1),
    "cross_regional": (2, 5, 5, 4, 4, 2, 2),
}
HAND_WEIGHTS = {
    "essay": (4, 3, 3, 3, 2, 2, 1),
    "graefrath_raymond": (1, 1, Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), 3, 8),
    "equal": (1, 1, 1, 1, 1, 1, 1),
}
#: Weighted sums by hand, over the sum of weights.
#: essay (/18): SQ 12+15+15+9+8+2+1=62; SP 8+6+3+3+2+6+4=32; ALL3 16+12+15+12+4+8+2=69;
#:   A1 12+12+15+12+4+6+3=64; A2 12+15+15+12+6+6+1=67; A3 8+15+15+12+8+4+2=64.
#: G&R (/14.5): SQ 3+5+2.5+1.5+2+3+8=25; SP 2+2+.5+.5+.5+9+32=46.5; ALL3 4+4+2.5+2+1+12+16=41.5;
#:   A1 3+4+2.5+2+1+9+24=45.5; A2 3+5+2.5+2+1.5+9+8=31; A3 2+5+2.5+2+2+6+16=35.5.
#: equal (/7): SQ 22; SP 14; ALL3 25; A1 24; A2 24; A3 24.
HAND_V = {
    "essay": {"status_quo": Fraction(62, 18), "selective_proliferation": Fraction(32, 18),
              "three_alternatives": Fraction(69, 18), "conventional_strike": Fraction(64, 18),
              "nuclear_support": Fraction(67, 18), "cross_regional": Fraction(64, 18)},
    "graefrath_raymond": {"status_quo": Fraction(50, 29), "selective_proliferation": Fraction(93, 29),
                          "three_alternatives": Fraction(83, 29), "conventional_strike": Fraction(91, 29),
                          "nuclear_support": Fraction(62, 29), "cross_regional": Fraction(71, 29)},
    "equal": {"status_quo": Fraction(22, 7), "selective_proliferation": Fraction(14, 7),
              "three_alternatives": Fraction(25, 7), "conventional_strike": Fraction(24, 7),
              "nuclear_support": Fraction(24, 7), "cross_regional": Fraction(24, 7)},
}
HAND_RANK = {
    "essay": (5, 6, 1, 3, 2, 3),
    "graefrath_raymond": (6, 1, 3, 2, 5, 4),
    "equal": (5, 6, 1, 2, 2, 2),
}
PROPERTY = settings(max_examples=200, deadline=None, database=None)


def _weights(preset: str) -> dict[str, float]:
    return {c: float(w) for c, w in zip(CRITERIA, HAND_WEIGHTS[preset], strict=True)}


def _table(scores: dict[str, tuple[int, ...]]) -> pd.DataFrame:
    rows = [{"option_id": o, "criterion_id": c, "score": s}
            for o, row in scores.items() for c, s in zip(CRITERIA, row, strict=True)]
    return pd.DataFrame(rows)


def _hand_v(row: tuple[int, ...], weights: dict[str, float]) -> float:
    return sum(weights[c] * s for c, s in zip(CRITERIA, row, strict=True)) / sum(weights.values())


@pytest.fixture(scope="module")
def scores() -> pd.DataFrame:
    return load_table("option_scores")


@pytest.fixture(scope="module")
def presets() -> pd.DataFrame:
    return load_table("option_weight_presets")


# --------------------------------------------------------------------------------------
# The model: hand-computed values
# --------------------------------------------------------------------------------------


def test_constants() -> None:
    assert len(CRITERIA) == 7 and len(OPTIONS) == 6
    assert CRITERIA[-1] == SLIDER_CRITERION == "ally_autonomy"


def test_option_score_by_hand() -> None:
    row = dict(zip(CRITERIA, HAND_SCORES["three_alternatives"], strict=True))
    assert option_score(row) == pytest.approx(25 / 7)
    assert option_score(row, _weights("essay")) == pytest.approx(69 / 18)
    only = {c: (1.0 if c == "us_burden" else 0.0) for c in CRITERIA}
    assert option_score(row, only) == 4.0
    assert option_score({c: 5 for c in CRITERIA}) == 5.0
    assert option_score({c: 1 for c in CRITERIA}) == 1.0


@pytest.mark.parametrize("preset", list(HAND_WEIGHTS))
def test_real_table_by_hand(scores: pd.DataFrame, preset: str) -> None:
    res = rank_options(scores, _weights(preset), option_order=OPTIONS)
    assert res.options == OPTIONS
    for option, row in zip(res.options, res.scores, strict=True):
        assert row == HAND_SCORES[option], option
    for option, v in zip(res.options, res.overall, strict=True):
        assert v == pytest.approx(float(HAND_V[preset][option]), abs=1e-12), (preset, option)
    assert res.rank == HAND_RANK[preset]
    for v, n in zip(res.overall, res.normalised, strict=True):
        assert n == pytest.approx((v - 1) / 4)


def test_the_page_claims(scores: pd.DataFrame) -> None:
    """The numbers the chapter states, from the hand table."""
    essay = rank_options(scores, _weights("essay"), option_order=OPTIONS)
    assert essay.leaders == ("three_alternatives",)
    assert round(float(HAND_V["essay"]["three_alternatives"]), 2) == 3.83
    assert round(float(HAND_V["essay"]["selective_proliferation"]), 2) == 1.78
    gr = rank_options(scores, _weights("graefrath_raymond"), option_order=OPTIONS)
    assert gr.leaders == ("selective_proliferation",)
    assert round(float(HAND_V["graefrath_raymond"]["selective_proliferation"]), 2) == 3.21
    assert round(float(HAND_V["graefrath_raymond"]["conventional_strike"]), 2) == 3.14
    assert rank_options(scores, option_order=OPTIONS).leaders == ("three_alternatives",)
    # no option is dominated by another with the course's scores
    assert all(d == () for d in essay.dominated_by)
    # break-even weights, worked by hand (see the chapter)
    sp, a1, all3 = "selective_proliferation", "conventional_strike", "three_alternatives"
    assert break_even_weight(scores, _weights("graefrath_raymond"), "ally_autonomy", sp, a1) == pytest.approx(7.0)
    # essay: others differ by 4*(-1) + 3*(-2) + 3*(-4) + 3*(-3) + 2*(-1) + 2*0 = -33; autonomy by 1
    assert break_even_weight(scores, _weights("essay"), "ally_autonomy", sp, a1) == pytest.approx(33.0)
    # essay: A1 against ALL3: 4*(-1) + 0 + 0 + 0 + 0 + 2*(-1) = -6; autonomy by 1
    assert break_even_weight(scores, _weights("essay"), "ally_autonomy", a1, all3) == pytest.approx(6.0)
    # equal: A1 against ALL3: -1 - 1 = -2; autonomy by 1
    assert break_even_weight(scores, None, "ally_autonomy", a1, all3) == pytest.approx(2.0)


@pytest.mark.parametrize(("preset", "autonomy", "leaders"), [
    ("essay", 6.0, ("three_alternatives", "conventional_strike")),
    ("essay", 6.5, ("conventional_strike",)),
    ("essay", 10.0, ("conventional_strike",)),
    ("graefrath_raymond", 7.0, ("selective_proliferation", "conventional_strike")),
    ("graefrath_raymond", 6.5, ("conventional_strike",)),
    ("graefrath_raymond", 4.0, ("three_alternatives", "conventional_strike")),
    ("graefrath_raymond", 3.5, ("three_alternatives",)),
    ("equal", 2.5, ("conventional_strike",)),
    ("equal", 0.0, ("three_alternatives", "nuclear_support")),
])
def test_leaders_along_the_slider(scores, preset, autonomy, leaders) -> None:
    w = _weights(preset) | {"ally_autonomy": autonomy}
    res = rank_options(scores, w, option_order=OPTIONS)
    best = max(_hand_v(HAND_SCORES[o], w) for o in OPTIONS)
    hand = tuple(o for o in OPTIONS if abs(_hand_v(HAND_SCORES[o], w) - best) < 1e-9)
    assert hand == leaders
    assert res.leaders == leaders


def test_dominance_and_worst() -> None:
    table = _table({"a": (3, 3, 3, 3, 3, 3, 3), "b": (3, 3, 3, 3, 3, 3, 2), "c": (5, 1, 1, 1, 1, 1, 1)})
    res = rank_options(table)
    assert res.dominated_by == ((), ("a",), ())
    assert res.worst == (3, 2, 1)
    only_first = {c: (1.0 if c == CRITERIA[0] else 0.0) for c in CRITERIA}
    assert rank_options(table, only_first).worst == (3, 3, 5)
    summary = res.summary()
    assert list(summary["option_id"]) == ["a", "b", "c"]
    assert list(summary["rank"]) == [1, 2, 3]


def test_lead_weight(scores) -> None:
    sp = "selective_proliferation"
    # essay: SP must pass every rival; the largest break-even is conventional strike's, 33
    assert lead_weight(scores, _weights("essay"), "ally_autonomy", sp) == pytest.approx(33.0)
    # G&R: break-evens 5/6 (SQ), 5.5 (ALL3), 7 (A1), 17/6 (A2), 2.5 (A3): the largest is 7
    assert lead_weight(scores, _weights("graefrath_raymond"), "ally_autonomy", sp) == pytest.approx(7.0)
    # equal weights: against A1 the other criteria differ by -1-2-4-3-1+0 = -11, autonomy by 1
    assert lead_weight(scores, None, "ally_autonomy", sp) == pytest.approx(11.0)
    # the status quo has the lowest autonomy score, so more weight never helps it
    assert lead_weight(scores, None, "ally_autonomy", "status_quo") is None
    table = _table({"a": (3, 3, 3, 3, 3, 3, 3), "b": (3, 3, 3, 3, 3, 3, 3)})
    assert lead_weight(table, None, "us_burden", "a") == 0.0
    with pytest.raises(ValueError, match="option"):
        lead_weight(scores, None, "us_burden", "atlantis")


def test_break_even_special_cases() -> None:
    table = _table({"a": (3, 3, 3, 3, 3, 3, 3), "b": (3, 3, 3, 3, 3, 3, 3), "c": (4, 3, 3, 3, 3, 3, 3)})
    assert break_even_weight(table, None, "ally_autonomy", "a", "b") == 0.0  # already equal
    assert break_even_weight(table, None, "ally_autonomy", "a", "c") is None  # d_c = 0, others unequal
    table2 = _table({"a": (4, 3, 3, 3, 3, 3, 4), "b": (3, 3, 3, 3, 3, 3, 3)})
    assert break_even_weight(table2, None, "ally_autonomy", "a", "b") is None  # negative solution


def test_default_order_is_first_appearance(scores: pd.DataFrame) -> None:
    shuffled = scores.sample(frac=1.0, random_state=3)
    res = rank_options(shuffled)
    assert list(res.options) == list(dict.fromkeys(shuffled["option_id"]))
    assert rank_options(shuffled, option_order=OPTIONS).scores == rank_options(scores, option_order=OPTIONS).scores


def test_preset_weights_from_the_table(presets: pd.DataFrame) -> None:
    w = preset_weights(presets)
    assert list(w) == ["essay", "graefrath_raymond", "equal"]
    for preset, hand in HAND_WEIGHTS.items():
        assert w[preset] == {c: float(x) for c, x in zip(CRITERIA, hand, strict=True)}


# --------------------------------------------------------------------------------------
# The model: bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("bad", "match"), [
    ([1.0] * 7, "mapping"),
    ({c: 1.0 for c in CRITERIA[:-1]}, "lacks the criterion"),
    ({**{c: 1.0 for c in CRITERIA}, "prestige": 1.0}, "unknown criterion"),
    ({**{c: 1.0 for c in CRITERIA}, "us_burden": -1.0}, r"weights\['us_burden'\]"),
    ({**{c: 1.0 for c in CRITERIA}, "us_burden": math.nan}, r"weights\['us_burden'\]"),
    ({**{c: 1.0 for c in CRITERIA}, "us_burden": math.inf}, r"weights\['us_burden'\]"),
    ({**{c: 1.0 for c in CRITERIA}, "us_burden": "2"}, r"weights\['us_burden'\]"),
    ({**{c: 1.0 for c in CRITERIA}, "us_burden": True}, r"weights\['us_burden'\]"),
    ({c: 0.0 for c in CRITERIA}, "all be zero"),
])
def test_bad_weights(bad, match) -> None:
    with pytest.raises(ValueError, match=match):
        check_weights(bad)
    with pytest.raises(ValueError, match=match):
        option_score({c: 3 for c in CRITERIA}, bad)


@pytest.mark.parametrize(("bad", "match"), [
    ([3] * 7, "mapping"),
    ({c: 3 for c in CRITERIA[1:]}, "lacks"),
    ({**{c: 3 for c in CRITERIA}, "x": 3}, "unknown"),
    ({**{c: 3 for c in CRITERIA}, "npt_norm": 6}, r"scores\['npt_norm'\]"),
    ({**{c: 3 for c in CRITERIA}, "npt_norm": 0}, r"scores\['npt_norm'\]"),
    ({**{c: 3 for c in CRITERIA}, "npt_norm": 2.5}, r"scores\['npt_norm'\]"),
    ({**{c: 3 for c in CRITERIA}, "npt_norm": True}, r"scores\['npt_norm'\]"),
    ({**{c: 3 for c in CRITERIA}, "npt_norm": math.nan}, r"scores\['npt_norm'\]"),
    ({**{c: 3 for c in CRITERIA}, "npt_norm": "3"}, r"scores\['npt_norm'\]"),
])
def test_bad_scores(bad, match) -> None:
    with pytest.raises(ValueError, match=match):
        option_score(bad)


def test_integral_float_score_is_accepted() -> None:
    assert option_score({c: 4.0 for c in CRITERIA}) == 4.0


def _edit(table: pd.DataFrame, option: str, criterion: str, **changes) -> pd.DataFrame:
    out = table.copy()
    mask = (out["option_id"] == option) & (out["criterion_id"] == criterion)
    assert mask.sum() == 1
    for col, value in changes.items():
        out[col] = out[col].astype(object)
        out.loc[mask, col] = value
    return out


def test_bad_tables(scores: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        rank_options(scores.to_dict())
    with pytest.raises(ValueError, match="score"):
        rank_options(scores.drop(columns=["score"]))
    with pytest.raises(ValueError, match="no rows"):
        rank_options(scores.iloc[0:0])
    with pytest.raises(ValueError, match=r"criterion_id \(status_quo\)"):
        rank_options(_edit(scores, "status_quo", "us_burden", criterion_id="prestige"))
    with pytest.raises(ValueError, match=r"score \(status_quo/us_burden\)"):
        rank_options(_edit(scores, "status_quo", "us_burden", score=7))
    with pytest.raises(ValueError, match=r"score \(status_quo/us_burden\)"):
        rank_options(_edit(scores, "status_quo", "us_burden", score=1.5))
    dup = pd.concat([scores, scores.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="repeats option/criterion"):
        rank_options(dup)
    lacking = scores[~((scores["option_id"] == "cross_regional") & (scores["criterion_id"] == "npt_norm"))]
    with pytest.raises(ValueError, match=r"lacks criterion\(s\) npt_norm for option 'cross_regional'"):
        rank_options(lacking)
    with pytest.raises(ValueError, match="option_order"):
        rank_options(scores, option_order=OPTIONS[:-1])
    with pytest.raises(ValueError, match="option_order repeats"):
        rank_options(scores, option_order=[*OPTIONS, OPTIONS[0]])
    grid = validate_score_table(scores.sample(frac=1.0, random_state=2), OPTIONS)
    assert list(grid["criterion_id"]) == list(CRITERIA) * 6
    assert "justification" in grid.columns


def test_bad_break_even_and_presets(scores: pd.DataFrame, presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="criterion"):
        break_even_weight(scores, None, "prestige", "status_quo", "cross_regional")
    with pytest.raises(ValueError, match="option_a"):
        break_even_weight(scores, None, "us_burden", "atlantis", "cross_regional")
    with pytest.raises(ValueError, match="option_b"):
        break_even_weight(scores, None, "us_burden", "status_quo", "atlantis")
    with pytest.raises(ValueError, match="presets must be"):
        preset_weights([1, 2])
    with pytest.raises(ValueError, match="ally_autonomy"):
        preset_weights(presets.drop(columns=["ally_autonomy"]))
    with pytest.raises(ValueError, match="no rows"):
        preset_weights(presets.iloc[0:0])
    with pytest.raises(ValueError, match="repeats"):
        preset_weights(pd.concat([presets, presets.iloc[[0]]]))
    bad = presets.copy()
    bad["us_burden"] = bad["us_burden"].astype(float)
    bad.loc[0, "us_burden"] = -1.0
    with pytest.raises(ValueError, match=r"row 'essay'.*weights\['us_burden'\]"):
        preset_weights(bad)


# --------------------------------------------------------------------------------------
# The model: properties
# --------------------------------------------------------------------------------------

SCORE = st.integers(min_value=1, max_value=5)
ROW = st.tuples(*[SCORE] * 7)
WEIGHT = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=10.0))
WEIGHTS = st.tuples(*[WEIGHT] * 7).filter(lambda w: sum(w) > 0)


@PROPERTY
@given(ROW, WEIGHTS)
def test_score_lies_between_min_and_max(row, weights) -> None:
    w = dict(zip(CRITERIA, weights, strict=True))
    v = option_score(dict(zip(CRITERIA, row, strict=True)), w)
    positive = [s for s, x in zip(row, weights, strict=True) if x > 0]
    assert min(positive) - 1e-9 <= v <= max(positive) + 1e-9
    assert 1.0 <= v <= 5.0


@PROPERTY
@given(ROW, WEIGHTS, st.floats(min_value=1e-2, max_value=1e2))
def test_only_ratios_of_weights_matter(row, weights, k) -> None:
    s = dict(zip(CRITERIA, row, strict=True))
    w = dict(zip(CRITERIA, weights, strict=True))
    assert option_score(s, {c: k * x for c, x in w.items()}) == pytest.approx(option_score(s, w))


@PROPERTY
@given(ROW, WEIGHTS, st.integers(min_value=0, max_value=6))
def test_raising_a_score_never_lowers_the_overall(row, weights, i) -> None:
    if row[i] == 5:
        return
    w = dict(zip(CRITERIA, weights, strict=True))
    up = list(row)
    up[i] += 1
    assert option_score(dict(zip(CRITERIA, up, strict=True)), w) >= \
        option_score(dict(zip(CRITERIA, row, strict=True)), w) - 1e-12


@PROPERTY
@given(ROW, ROW, WEIGHTS)
def test_a_dominated_option_never_ranks_ahead(a, b, weights) -> None:
    table = _table({"a": a, "b": b})
    res = rank_options(table, dict(zip(CRITERIA, weights, strict=True)))
    if "a" in res.dominated_by[1]:
        assert res.rank[0] <= res.rank[1]
    if "b" in res.dominated_by[0]:
        assert res.rank[1] <= res.rank[0]


@PROPERTY
@given(ROW, ROW, WEIGHTS)
def test_at_the_break_even_weight_the_scores_tie(a, b, weights) -> None:
    table = _table({"a": a, "b": b})
    w = dict(zip(CRITERIA, weights, strict=True))
    be = break_even_weight(table, w, "ally_autonomy", "a", "b")
    if be is None or (be == 0.0 and sum(v for c, v in w.items() if c != "ally_autonomy") == 0):
        return
    at = w | {"ally_autonomy": be}
    assert _hand_v(a, at) == pytest.approx(_hand_v(b, at), abs=1e-9)


@PROPERTY
@given(st.lists(ROW, min_size=1, max_size=6), WEIGHTS)
def test_ranks_are_competition_ranks(rows, weights) -> None:
    table = _table({f"o{i}": r for i, r in enumerate(rows)})
    res = rank_options(table, dict(zip(CRITERIA, weights, strict=True)))
    assert min(res.rank) == 1
    for v, r in zip(res.overall, res.rank, strict=True):
        assert r == 1 + sum(1 for u in res.overall if u > v + 1e-9)


# --------------------------------------------------------------------------------------
# The static figure
# --------------------------------------------------------------------------------------


def _layout(fig) -> dict:
    return fig.to_plotly_json()["layout"]


def test_every_precomputed_state_is_the_models(scores, presets) -> None:
    fig = options_figure(scores, presets)
    menu = _layout(fig)["updatemenus"][0]
    assert [b["label"] for b in menu["buttons"]] == list(presets.sort_values("order")["label"])
    weights = preset_weights(presets)
    for button, preset in zip(menu["buttons"], weights, strict=True):
        state, layout, traces = button["args"]
        assert traces == [1]
        res = rank_options(scores, weights[preset], option_order=OPTIONS)
        assert state["x"][0] == [round(v, 3) for v in res.overall]
        assert layout["xaxis.ticktext"] == weight_ticktext(weights[preset], slider=True)
        assert layout["xaxis.ticktext"][-1].endswith("w: slider</b>")
        assert f"w = {weights[preset]['us_burden']:g}" in layout["xaxis.ticktext"][5]
        (slider,) = layout["sliders"]
        assert slider["active"] == AUTONOMY_STEPS.index(weights[preset]["ally_autonomy"])
        assert len(slider["steps"]) == len(AUTONOMY_STEPS) == 21
        for step, k in zip(slider["steps"], AUTONOMY_STEPS, strict=True):
            w = weights[preset] | {"ally_autonomy": k}
            hand = [round(_hand_v(HAND_SCORES[o], w), 3) for o in OPTIONS]
            sstate, straces = step["args"]
            assert step["method"] == "restyle" and straces == [1]
            assert sstate["x"][0] == pytest.approx(hand, abs=1e-9)
            leaders = rank_options(scores, w, option_order=OPTIONS).rank
            for text, r in zip(sstate["text"][0], leaders, strict=True):
                assert ordinal(r) in text


def test_figure_as_first_drawn(scores, presets) -> None:
    fig = options_figure(scores, presets)
    heat, bars = fig.data
    assert heat.type == "heatmap" and bars.type == "bar"
    assert [list(r) for r in heat.z] == [list(HAND_SCORES[o]) for o in OPTIONS]
    for got, option in zip(bars.x, OPTIONS, strict=True):
        assert got == pytest.approx(float(HAND_V["essay"][option]), abs=5e-4)
    assert "1st" in bars.text[OPTIONS.index("three_alternatives")]
    assert "6th" in bars.text[OPTIONS.index("selective_proliferation")]
    assert "joint 3rd" in bars.text[OPTIONS.index("conventional_strike")]
    layout = _layout(fig)
    assert layout["height"] > 0 and "teaching model" in layout["title"]["text"]
    assert len(layout["meta"]["description"].split(".")) >= 3
    gr = options_figure(scores, presets, initial="graefrath_raymond")
    assert _layout(gr)["updatemenus"][0]["active"] == 1
    assert _layout(gr)["sliders"][0]["name"] == "autonomy-graefrath_raymond"
    assert "1st" in gr.data[1].text[OPTIONS.index("selective_proliferation")]


def test_every_control_changes_the_figure(scores, presets) -> None:
    """The browser clicks each menu entry in turn and the slider at 3%, 50% and 97%."""
    layout = _layout(options_figure(scores, presets))
    buttons = layout["updatemenus"][0]["buttons"]
    for prev, nxt in zip(buttons, buttons[1:], strict=False):
        assert prev["args"][0] != nxt["args"][0] or prev["args"][1] != nxt["args"][1]
    for button in buttons:
        steps = button["args"][1]["sliders"][0]["steps"]
        assert all(a["args"][0] != b["args"][0] for a, b in zip(steps, steps[1:], strict=False))
        assert button["args"][1]["sliders"][0]["active"] not in (0, 1, 10)


def test_snapshot_with_custom_weights(scores) -> None:
    w = {c: (5.0 if c == "npt_norm" else 1.0) for c in CRITERIA}
    fig = options_snapshot_figure(scores, w)
    for got, option in zip(fig.data[1].x, OPTIONS, strict=True):
        assert got == pytest.approx(_hand_v(HAND_SCORES[option], w), abs=5e-4)


def test_figure_bad_input(scores, presets) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        options_figure(None, presets)
    with pytest.raises(ValueError, match="option_label"):
        options_figure(scores.drop(columns=["option_label"]), presets)
    with pytest.raises(ValueError, match="no rows"):
        options_figure(scores.iloc[0:0], presets)
    with pytest.raises(ValueError, match="initial"):
        options_figure(scores, presets, initial="atlantis")
    off_grid = presets.copy()
    off_grid["ally_autonomy"] = off_grid["ally_autonomy"].astype(float)
    off_grid.loc[0, "ally_autonomy"] = 1.25
    with pytest.raises(ValueError, match="slider position"):
        options_figure(scores, off_grid)
    assert [ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 101)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "101st"]


# --------------------------------------------------------------------------------------
# The live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel(scores, presets) -> OptionsPanel:
    return options_panel(scores, presets)


def _bars(panel: OptionsPanel) -> list[float]:
    trace = panel.figure.data[1]
    assert trace.type == "bar"
    return [float(x) for x in trace.x]


def test_panel_starts_with_the_essays_weights(panel) -> None:
    assert panel.weights() == _weights("essay")
    for got, option in zip(_bars(panel), OPTIONS, strict=True):
        assert got == pytest.approx(float(HAND_V["essay"][option]), abs=5e-4)
    assert "Weighted score V" in panel.summary.value
    assert panel.summary.value.index("three alternatives") < panel.summary.value.index("Selective prolif")
    assert "weighed 33.0 or more" in panel.summary.value


@pytest.mark.parametrize("preset", ["graefrath_raymond", "equal", "essay"])
def test_preset_sets_sliders_and_bars(panel, preset) -> None:
    panel.controls["preset"].value = "equal" if preset == "essay" else preset
    panel.controls["preset"].value = preset
    assert panel.weights() == _weights(preset)
    for got, option in zip(_bars(panel), OPTIONS, strict=True):
        assert got == pytest.approx(float(HAND_V[preset][option]), abs=5e-4)
    assert panel.figure.layout.xaxis.ticktext[-1].endswith(f"w = {_weights(preset)['ally_autonomy']:g}</b>")


def test_moving_one_slider_updates_bars_and_labels(panel) -> None:
    panel.controls["ally_autonomy"].value = 10.0
    w = _weights("essay") | {"ally_autonomy": 10.0}
    for got, option in zip(_bars(panel), OPTIONS, strict=True):
        assert got == pytest.approx(_hand_v(HAND_SCORES[option], w), abs=5e-4)
    assert "w = 10" in panel.figure.layout.xaxis.ticktext[-1]
    assert "1st" in panel.figure.data[1].text[OPTIONS.index("conventional_strike")]


def test_when_selective_proliferation_leads_the_note_disappears(panel) -> None:
    panel.controls["preset"].value = "graefrath_raymond"
    assert "would take the lead" not in panel.summary.value
    assert panel.summary.value.index("Selective prolif") < panel.summary.value.index("three alternatives")


def test_all_weights_zero_is_reported_and_keeps_the_figure(panel) -> None:
    for c in CRITERIA[:-1]:
        panel.controls[c].value = 0.0
    before = _bars(panel)
    for got, option in zip(before, OPTIONS, strict=True):  # autonomy alone
        assert got == pytest.approx(HAND_SCORES[option][-1], abs=5e-4)
    panel.controls[CRITERIA[-1]].value = 0.0
    assert "Cannot compute" in panel.summary.value and "zero" in panel.summary.value
    assert _bars(panel) == before


def test_panel_is_on_the_contract(panel) -> None:
    check_live_panel(panel, rejected={c: 0.0 for c in CRITERIA})


def test_figure_is_on_the_contract(scores, presets) -> None:
    fig = options_figure(scores, presets)
    check_explorer_figure(fig)
    assert fig.layout.updatemenus[0].name == "Set the weights to"
    assert fig.layout.sliders[0].currentvalue.prefix == "Weight of ally autonomy: "
    # the heatmap's scale is the palette's (grid to series_1), as in dark mode
    from proliferation_course.figures.style import color
    assert [c for _, c in fig.data[0].colorscale] == [color("grid"), color("series_1")]


def test_preset_arguments_name_the_preset(presets) -> None:
    for row in presets.to_dict("records"):
        assert preset_arguments(row)["weights"] == preset_weights(presets)[row["preset_id"]]
    row = presets.to_dict("records")[0] | {"us_burden": -1.0}
    with pytest.raises(ValueError, match=r"presets, row 'essay': weights\['us_burden'\]"):
        preset_arguments(row)


# --------------------------------------------------------------------------------------
# The data tables
# --------------------------------------------------------------------------------------


def test_csv_matches_the_hand_table() -> None:
    """Read the CSV directly (not through the package) and compare with the hand table."""
    with (DATA_DIR / "option_scores.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 42
    for row in rows:
        assert int(row["score"]) == HAND_SCORES[row["option_id"]][CRITERIA.index(row["criterion_id"])]
        assert row["justification"].startswith("Chapter")
        assert f"{int(row['chapter'])}" in row["justification"].split(":")[0]
        assert row["source"] and row["note"]
    with (DATA_DIR / "option_weight_presets.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            hand = tuple(Fraction(x) for x in HAND_WEIGHTS[row["preset_id"]])
            assert tuple(Fraction(row[c]) for c in CRITERIA) == hand


def test_tables_are_consistent(scores, presets) -> None:
    assert list(scores.sort_values(["option_order"]).drop_duplicates("option_id")["option_id"]) == list(OPTIONS)
    labels = scores.drop_duplicates("option_id").set_index("option_id")["option_label"]
    assert labels["selective_proliferation"].startswith("Selective proliferation")
    assert scores.groupby("option_id")["option_order"].nunique().eq(1).all()
    # every preset's autonomy weight is a slider position
    assert all(float(w) in AUTONOMY_STEPS for w in presets["ally_autonomy"])
    # the essay is cited on every row; the G&R preset names the article and says it is paywalled
    assert scores["source"].str.contains("albessard2025").all()
    gr = presets.set_index("preset_id").loc["graefrath_raymond"]
    assert "graefrath2025" in gr["source"] and "paywalled" in gr["note"]


def test_tables_are_declared_for_chapter_13() -> None:
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name in ("option_scores", "option_weight_presets"):
        assert resources[name]["chapters"] == ["ch13_conclusion"]
        fields = {f["name"]: f for f in resources[name]["schema"]["fields"]}
        assert fields["source"]["constraints"]["pattern"] == "[a-z0-9_]+(; [a-z0-9_]+)*"
        assert fields["note"]["constraints"]["required"] is True
    fields = {f["name"]: f for f in resources["option_scores"]["schema"]["fields"]}
    assert fields["criterion_id"]["constraints"]["enum"] == list(CRITERIA)
    assert fields["option_id"]["constraints"]["enum"] == list(OPTIONS)
    assert (fields["score"]["constraints"]["minimum"], fields["score"]["constraints"]["maximum"]) == (1, 5)


def test_result_type(scores) -> None:
    assert isinstance(rank_options(scores), OptionsResult)


# ---------------------------------------------------------------- in Japanese

def test_the_figure_speaks_japanese(scores, presets) -> None:
    check_figure_in_japanese(lambda: options_figure(scores, presets))


def test_the_panel_speaks_japanese(scores, presets) -> None:
    check_panel_in_japanese(lambda: options_panel(scores, presets))


def test_the_japanese_figure_names_options_presets_and_ranks_in_japanese(scores, presets) -> None:
    with speaking("ja"):
        fig = options_figure(scores, presets)
    # The page's names of the presets (chapter 13's catalogue).
    assert [b["label"] for b in fig.layout.updatemenus[0].buttons] == [
        "論考の優先順位", "グレーフラートとレイモンドの優先順位", "均等な重み"]
    assert fig.data[0].y[1].replace("<br>", "") == "選択的核拡散（カナダ・ドイツ・日本）"
    assert all(re.search(r"（(同率)?\d位）$", t) for t in fig.data[1].text)
    assert fig.layout.xaxis.ticktext[0].startswith("短期的な抑止<br>")


def test_a_rejected_combination_is_explained_with_the_japanese_label(scores, presets) -> None:
    with speaking("ja"):
        panel = options_panel(scores, presets)
        for c in CRITERIA:
            panel.controls[c].value = 0.0
    assert not panel.computed
    # The sentence itself is the shared validation's (its Japanese arrives with the shared layer's
    # catalogue); the panel names the control in Japanese.
    assert "重み" in panel.summary.value
    with speaking("ja"):
        panel.controls["ally_autonomy"].value = 1.0
    assert panel.computed and "加重評点 V" in panel.summary.value and "最低評点" in panel.summary.value


def test_the_tables_speak_japanese(scores, presets) -> None:
    with speaking("ja"):
        tables = [scores_table(scores), presets_table(presets)]
    for table in tables:
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", table.caption)
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h) for h in table.header[:3])
    assert tables[0].rows[0][:2] == ("現状維持: 現状のままの米国の拡大抑止", "短期的な抑止")
    assert "留意点または別の見方: " in tables[0].notes[0]
    assert tables[1].rows[0][0] == "論考の優先順位"
    assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", note) for note in tables[1].notes)
    with speaking("en"):
        table = scores_table(scores)
    assert table.rows[0][:2] == ("Status quo: US extended deterrence as it is", "Near-term deterrence")
    assert " Caveat or other view: " in table.notes[0]
