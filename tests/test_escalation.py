"""Chapter 10, the escalation-ladder explorer: model, figure, live panel and data tables.

Expected values come from the rule worked by hand: a rung at level ``l`` is
credible for a scenario of severity ``s`` when ``|l - s| <= b``; a scenario
is "non_nuclear" if a non-nuclear rung is credible, else "nuclear_only" if a
nuclear rung is, else a "gap"; shares are counts over the number of scenarios.
"""

from __future__ import annotations

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
from proliferation_course.figures.escalation import (
    BAND_STEPS,
    CATEGORY_STYLE,
    DEFAULT_BAND,
    PRESET_COLUMNS,
    escalation_figure,
    escalation_inputs,
    presets_table,
    rungs_table,
    scenarios_table,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.escalation import (
    CATEGORIES,
    LadderResult,
    classify_scenario,
    compare_ladders,
    evaluate_ladder,
    preset_arguments,
)
from proliferation_course.references import bibliography
from proliferation_course.widgets.escalation import EscalationPanel, escalation_panel

PROPERTY = settings(max_examples=200, deadline=None, database=None)
UNIT = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@pytest.fixture(scope="module")
def rungs() -> pd.DataFrame:
    return load_table("escalation_rungs")


@pytest.fixture(scope="module")
def scenarios() -> pd.DataFrame:
    return load_table("escalation_scenarios")


@pytest.fixture(scope="module")
def presets() -> pd.DataFrame:
    return load_table("escalation_presets")


def hand_category(s: float, levels, nuclear, b: float) -> str:
    """The rule, written out independently of the package."""
    if any(abs(lv - s) <= b + 1e-12 and not n for lv, n in zip(levels, nuclear, strict=True)):
        return "non_nuclear"
    if any(abs(lv - s) <= b + 1e-12 and n for lv, n in zip(levels, nuclear, strict=True)):
        return "nuclear_only"
    return "gap"


# --------------------------------------------------------------------------------------
# Model: hand-computed values
# --------------------------------------------------------------------------------------

LEVELS = [0.10, 0.30, 0.45, 0.55, 0.70, 0.85, 1.00]
NUCLEAR = [False, False, False, False, False, True, True]
CONVENTIONAL = [False, False, False, True, True, False, False]
SEVERITIES = [0.12, 0.28, 0.43, 0.58, 0.67, 0.78, 0.88, 0.97]


@pytest.mark.parametrize(("s", "b", "expected"), [
    (0.12, 0.10, ("non_nuclear", 0)),       # |0.10 - 0.12| = 0.02
    (0.58, 0.10, ("non_nuclear", 3)),       # 0.55 is 0.03 away, 0.45 is 0.13 away
    (0.67, 0.10, ("non_nuclear", 4)),       # 0.70 is 0.03 away, 0.55 is 0.12 away
    (0.78, 0.10, ("non_nuclear", 4)),       # 0.70 is 0.08 away: non-nuclear wins over 0.85 (0.07)
    (0.78, 0.05, ("gap", -1)),              # 0.70 is 0.08 > 0.05; 0.85 is 0.07 > 0.05
    (0.88, 0.10, ("nuclear_only", 5)),      # 0.70 is 0.18 away; 0.85 is 0.03 away
    (0.97, 0.10, ("nuclear_only", 6)),      # 1.00 is 0.03 away, 0.85 is 0.12 away
])
def test_classify_by_hand(s, b, expected) -> None:
    assert classify_scenario(s, LEVELS, NUCLEAR, b) == expected


def test_ties_go_to_the_lower_rung() -> None:
    assert classify_scenario(0.5, [0.4, 0.6], [False, False], 0.1) == ("non_nuclear", 0)
    assert classify_scenario(0.5, [0.6, 0.4], [False, False], 0.1) == ("non_nuclear", 1)


def test_band_edges_count_as_credible() -> None:
    assert classify_scenario(0.5, [0.25], [False], 0.25)[0] == "non_nuclear"
    assert classify_scenario(0.5, [0.24], [False], 0.25)[0] == "gap"


def test_empty_ladder_is_always_a_gap() -> None:
    assert classify_scenario(0.3, [], [], 1.0) == ("gap", -1)


def test_the_chapters_worked_example() -> None:
    # the ladder of the chapter at b = 0.10, by hand:
    # without: 0.12, 0.28, 0.43 non-nuclear; 0.58, 0.67 gaps; 0.78, 0.88, 0.97 nuclear only
    # with:    0.12 .. 0.78 non-nuclear (six); 0.88, 0.97 nuclear only
    without, with_ = compare_ladders(SEVERITIES, LEVELS, NUCLEAR, CONVENTIONAL, 0.10)
    assert without.categories == ("non_nuclear",) * 3 + ("gap",) * 2 + ("nuclear_only",) * 3
    assert with_.categories == ("non_nuclear",) * 6 + ("nuclear_only",) * 2
    assert without.share("non_nuclear") == 3 / 8 and with_.share("non_nuclear") == 6 / 8
    assert without.share("gap") == 2 / 8 and with_.share("gap") == 0.0
    # responses refer to the full list of rungs in both results
    assert without.responses[:3] == (0, 1, 2) and with_.responses[3:6] == (3, 4, 4)
    assert without.responses[5:] == (5, 5, 6)


def test_evaluate_ladder_matches_the_hand_rule() -> None:
    for b in (0.0, 0.05, 0.12, 0.3, 1.0):
        res = evaluate_ladder(SEVERITIES, LEVELS, NUCLEAR, b)
        assert isinstance(res, LadderResult)
        assert res.categories == tuple(hand_category(s, LEVELS, NUCLEAR, b) for s in SEVERITIES)
        assert res.n == 8 and res.band == b


def test_band_one_makes_every_scenario_non_nuclear_if_any_non_nuclear_rung() -> None:
    res = evaluate_ladder([0.0, 0.5, 1.0], [0.2, 0.9], [False, True], 1.0)
    assert res.categories == ("non_nuclear",) * 3


# --------------------------------------------------------------------------------------
# Model: bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan"), "0.5", None, True])
def test_severity_and_band_reject_bad_values(bad) -> None:
    with pytest.raises(ValueError, match="severity"):
        classify_scenario(bad, [0.5], [False], 0.1)
    with pytest.raises(ValueError, match="band"):
        classify_scenario(0.5, [0.5], [False], bad)
    with pytest.raises(ValueError, match=r"severities\[1\]"):
        evaluate_ladder([0.5, bad], [0.5], [False], 0.1)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "x"])
def test_levels_reject_bad_values(bad) -> None:
    with pytest.raises(ValueError, match=r"rung_levels\[1\]"):
        classify_scenario(0.5, [0.2, bad], [False, False], 0.1)


def test_shapes_and_flags_are_checked() -> None:
    with pytest.raises(ValueError, match="rung_nuclear"):
        classify_scenario(0.5, [0.2, 0.4], [False], 0.1)
    with pytest.raises(ValueError, match=r"rung_nuclear\[0\]"):
        classify_scenario(0.5, [0.2], [1], 0.1)
    with pytest.raises(ValueError, match="rung_levels"):
        classify_scenario(0.5, "0.2", [False], 0.1)
    with pytest.raises(ValueError, match="rung_nuclear"):
        classify_scenario(0.5, [0.2], "n", 0.1)
    with pytest.raises(ValueError, match="severities"):
        evaluate_ladder([], [0.2], [False], 0.1)
    with pytest.raises(ValueError, match="severities"):
        evaluate_ladder("0.5", [0.2], [False], 0.1)
    with pytest.raises(ValueError, match="rung_conventional"):
        compare_ladders([0.5], [0.2, 0.4], [False, False], [True], 0.1)
    with pytest.raises(ValueError, match=r"rung_conventional\[0\]"):
        compare_ladders([0.5], [0.2], [False], ["yes"], 0.1)
    with pytest.raises(ValueError, match=r"rung_conventional\[1\].*nuclear"):
        compare_ladders([0.5], [0.2, 0.9], [False, True], [False, True], 0.1)
    with pytest.raises(ValueError, match="category"):
        evaluate_ladder([0.5], [0.5], [False], 0.1).share("maybe")


# --------------------------------------------------------------------------------------
# Model: properties
# --------------------------------------------------------------------------------------

LADDER = st.lists(st.tuples(UNIT, st.booleans(), st.booleans()), min_size=0, max_size=8)


def _split_ladder(ladder):
    levels = [lv for lv, _, _ in ladder]
    nuclear = [n for _, n, _ in ladder]
    conventional = [c and not n for _, n, c in ladder]
    return levels, nuclear, conventional


@PROPERTY
@given(sev=st.lists(UNIT, min_size=1, max_size=10), ladder=LADDER, b=UNIT)
def test_shares_are_a_distribution_and_match_the_rule(sev, ladder, b) -> None:
    levels, nuclear, _ = _split_ladder(ladder)
    res = evaluate_ladder(sev, levels, nuclear, b)
    assert sum(res.shares.values()) == pytest.approx(1.0)
    assert all(0.0 <= v <= 1.0 for v in res.shares.values())
    assert res.categories == tuple(hand_category(s, levels, nuclear, b) for s in sev)
    for s, cat, k in zip(sev, res.categories, res.responses, strict=True):
        assert (k == -1) == (cat == "gap")
        if k >= 0:
            assert abs(levels[k] - s) <= b + 1e-9
            assert nuclear[k] == (cat == "nuclear_only")


@PROPERTY
@given(sev=st.lists(UNIT, min_size=1, max_size=10), ladder=LADDER, b=UNIT)
def test_adding_conventional_rungs_never_lowers_the_non_nuclear_share(sev, ladder, b) -> None:
    levels, nuclear, conventional = _split_ladder(ladder)
    without, with_ = compare_ladders(sev, levels, nuclear, conventional, b)
    assert with_.share("non_nuclear") >= without.share("non_nuclear")
    assert with_.share("gap") <= without.share("gap")
    # scenario by scenario: a non-nuclear answer stays non-nuclear
    for a, c in zip(without.categories, with_.categories, strict=True):
        if a == "non_nuclear":
            assert c == "non_nuclear"


@PROPERTY
@given(sev=st.lists(UNIT, min_size=1, max_size=10), ladder=LADDER, b1=UNIT, b2=UNIT)
def test_a_wider_band_never_lowers_the_non_nuclear_share(sev, ladder, b1, b2) -> None:
    levels, nuclear, _ = _split_ladder(ladder)
    lo, hi = sorted((b1, b2))
    narrow, wide = evaluate_ladder(sev, levels, nuclear, lo), evaluate_ladder(sev, levels, nuclear, hi)
    assert wide.share("non_nuclear") >= narrow.share("non_nuclear")
    assert wide.share("gap") <= narrow.share("gap")


# --------------------------------------------------------------------------------------
# Figure: every precomputed state equals the model's output
# --------------------------------------------------------------------------------------


def test_every_button_and_slider_step_is_the_models_output(rungs, scenarios, presets) -> None:
    fig = escalation_figure(rungs, scenarios, presets)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["East Asia", "Europe"]
    for button, theatre in zip(buttons, ["east_asia", "europe"], strict=True):
        state, layout, indices = button.args
        assert list(indices) == [0, 1, 2, 3, 4]
        inputs = escalation_inputs(rungs, scenarios, theatre)
        sc = scenarios.loc[scenarios["theatre"] == theatre].sort_values("severity")
        assert layout["yaxis.ticktext"] == list(sc["short_label"])
        steps = layout["sliders"][0]["steps"]
        assert [float(s["value"]) for s in steps] == list(BAND_STEPS)
        assert BAND_STEPS[layout["sliders"][0]["active"]] == DEFAULT_BAND
        for payload, b in [(state, DEFAULT_BAND)] + [(s["args"][0], float(s["value"])) for s in steps]:
            r = rungs.loc[rungs["theatre"] == theatre]
            lv, nu, cv = list(r["level"]), list(r["nuclear"]), list(r["conventional_rung"])
            base = [i for i, c in enumerate(cv) if not c]
            expected = [
                [hand_category(s, [lv[i] for i in base], [nu[i] for i in base], b) for s in sc["severity"]],
                [hand_category(s, lv, nu, b) for s in sc["severity"]],
            ]
            for col in range(2):
                symbols = payload["marker.symbol"][col]
                assert symbols == [CATEGORY_STYLE[c]["symbol"] for c in expected[col]], (theatre, b, col)
                assert payload["marker.color"][col] == [CATEGORY_STYLE[c]["color"] for c in expected[col]]
            for j, cat in enumerate(CATEGORIES):
                shares = payload["x"][2 + j]
                assert shares == [pytest.approx(e.count(cat) / len(e), abs=1e-4) for e in expected]
        assert inputs["severities"] == sorted(inputs["severities"])


def test_slider_steps_only_send_what_changes(rungs, scenarios, presets) -> None:
    fig = escalation_figure(rungs, scenarios, presets)
    for step in fig.layout.sliders[0].steps:
        assert set(step.args[0]) == {"x", "text", "marker.color", "marker.symbol"}
    states = [str(s.args[0]) for s in fig.layout.sliders[0].steps]
    assert all(a != b for a, b in zip(states, states[1:], strict=False))


def test_figure_has_a_title_height_and_description(rungs, scenarios, presets) -> None:
    fig = escalation_figure(rungs, scenarios, presets)
    assert "teaching model" in fig.layout.title.text and fig.layout.height
    assert len(fig.layout.meta["description"].split()) >= 20
    with pytest.raises(ValueError, match="initial"):
        escalation_figure(rungs, scenarios, presets, initial="arctic")


def test_figure_is_on_the_contract(rungs, scenarios, presets) -> None:
    fig = escalation_figure(rungs, scenarios, presets)
    check_explorer_figure(fig)
    assert [m.name for m in fig.layout.updatemenus] == ["Theatre"]
    assert fig.layout.sliders[0].currentvalue.prefix.startswith("Proportionality band b")
    # the categories are verdicts: the palette's outcome colours, the same in every figure
    from proliferation_course.figures.style import color
    assert [CATEGORY_STYLE[c]["color"] for c in CATEGORIES] == [color("meets"), color("contested"),
                                                                color("fails")]


def test_presets_are_data_with_a_checked_band(presets) -> None:
    assert set(PRESET_COLUMNS) <= set(presets.columns)
    assert [preset_arguments(r)["band"] for r in presets.to_dict("records")] == [DEFAULT_BAND, DEFAULT_BAND]
    with pytest.raises(ValueError, match="preset 'x': band must lie in"):
        preset_arguments({"preset_id": "x", "band": -0.1})
    with pytest.raises(ValueError, match="the column band is missing"):
        preset_arguments({"preset_id": "x"})
    bad = presets.copy()
    bad.loc[0, "band"] = 2.0
    with pytest.raises(ValueError, match="band"):
        escalation_figure(load_table("escalation_rungs"), load_table("escalation_scenarios"), bad)


# --------------------------------------------------------------------------------------
# Live panel
# --------------------------------------------------------------------------------------


def test_panel_follows_its_controls(rungs, scenarios, presets) -> None:
    panel = escalation_panel(rungs, scenarios, presets)
    assert isinstance(panel, EscalationPanel)
    assert "38%" in panel.summary.value and "75%" in panel.summary.value  # 3/8 and 6/8 at b = 0.10
    panel.controls["band"].value = 0.05
    bars = panel.figure.data[4].x  # the gap share, without and with
    assert list(bars) == [pytest.approx(3 / 8), pytest.approx(1 / 8)]
    panel.controls["rungs"].value = "none"  # no conventional rung kept: both ladders are the same
    assert list(panel.figure.data[2].x)[0] == list(panel.figure.data[2].x)[1]
    panel.controls["rungs"].value = "lower"  # the stand-off strike alone (0.55) answers 0.58 but not 0.67
    assert "Stand-off strike (Type 12)" in panel.summary.value
    panel.controls["theatre"].value = "europe"
    assert panel.controls["rungs"].value == "lower" and panel.controls["band"].value == 0.05
    assert "Sabotage, hybrid attacks" in panel.figure.layout.yaxis.ticktext


def test_panel_is_on_the_contract(rungs, scenarios, presets) -> None:
    panel = escalation_panel(rungs, scenarios, presets)
    check_live_panel(panel, rejected={"band": 1.5})
    panel.controls["band"].value = -0.2
    assert "Proportionality band b" in panel.summary.value and not panel.computed


# --------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------


def test_tables_are_consistent(rungs, scenarios) -> None:
    for theatre in ("east_asia", "europe"):
        r = rungs.loc[rungs["theatre"] == theatre]
        s = scenarios.loc[scenarios["theatre"] == theatre]
        assert len(s) == 8
        # conventional rungs are never nuclear, and each theatre has two of them
        assert not (r["conventional_rung"] & r["nuclear"]).any()
        assert int(r["conventional_rung"].sum()) == 2
        # the ladder climbs with its order, and the nuclear rungs are at the top
        assert list(r.sort_values("order")["level"]) == sorted(r["level"])
        top = r.sort_values("level").tail(2)
        assert top["nuclear"].all()
        assert list(s.sort_values("order")["severity"]) == sorted(s["severity"])


def test_every_source_key_exists(rungs, scenarios, presets) -> None:
    keys = set(bibliography().entries.keys())
    for df in (rungs, scenarios, presets):
        for cell in df["source"]:
            assert set(str(cell).split("; ")) <= keys, cell


# --------------------------------------------------------------------------------------
# In Japanese
# --------------------------------------------------------------------------------------

def test_the_figure_is_japanese_on_a_japanese_page(rungs, scenarios, presets) -> None:
    check_figure_in_japanese(lambda: escalation_figure(rungs, scenarios, presets))


def test_the_japanese_figure_names_scenarios_and_responses_in_japanese(rungs, scenarios, presets) -> None:
    with speaking("ja"):
        fig = escalation_figure(rungs, scenarios, presets).to_dict()
    assert "離島の奪取" in fig["layout"]["yaxis"]["ticktext"]
    assert "反撃（トマホーク）" in fig["data"][1]["text"]
    assert [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]] == ["東アジア", "欧州"]


def test_the_panel_is_japanese(rungs, scenarios, presets) -> None:
    check_panel_in_japanese(lambda: escalation_panel(rungs, scenarios, presets))
    with speaking("ja"):
        panel = escalation_panel(rungs, scenarios, presets)
    assert "許容幅 b = 0.10" in panel.summary.value and "反撃（トマホーク）" in panel.summary.value
    assert [label for label, _ in panel.controls["rungs"].options][0] == "両方"


def test_a_rejected_combination_names_the_control_in_japanese(rungs, scenarios, presets) -> None:
    # The message's words are the shared validator's (translated with the shared layer); the control
    # it names is this explorer's, in Japanese.
    with speaking("ja"):
        panel = escalation_panel(rungs, scenarios, presets)
        panel.controls["band"].value = 1.5
    assert not panel.computed
    assert "許容幅 b" in panel.summary.value and "Proportionality" not in panel.summary.value


def test_the_chapter_tables_have_japanese_captions_and_headings(rungs, scenarios, presets) -> None:
    with speaking("ja"):
        tables = [rungs_table(rungs), scenarios_table(scenarios), presets_table(presets)]
    assert [t.caption[:11] for t in tables[:2]] == ["エスカレーション・ラダー"[:11]] * 2
    assert "深刻度" in tables[1].header and "許容幅 b" in tables[2].header
    with speaking("en"):
        assert rungs_table(rungs).caption == "Rungs of the escalation ladder (the course authors' judgements)"
