"""Chapter 7, critical states and the norm: model, figures, live panel and data tables.

Expected values come from the model's equations worked by hand:
``w = 1 + L + N + E``, ``U = (complying states) / n``,
``W = sum(w c) / sum(w)`` and
``S = (s(k (W - tau)) - s(-k tau)) / (s(k (1 - tau)) - s(-k tau))`` with ``s`` the
logistic function (``S = W`` when ``k = 0``). Facts in the data tables are
checked against the sources named in each test.
"""

from __future__ import annotations

import math

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
from proliferation_course.figures.norm import (
    CURVE_LOWER,
    DYNAMIC_TRACES,
    PRESET_LABEL,
    TIPPING_LABEL,
    TIPPING_STEPS,
    check_presets,
    describe_defections,
    key_states_for_display,
    key_states_table,
    norm_figure,
    norm_result,
    npt_parties_figure,
    npt_parties_table,
    other_parties,
    weights_from_table,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.norm import (
    MAX_STEEPNESS,
    PRESET_COLUMNS,
    NormResult,
    criticality_weight,
    evaluate_norm,
    latency_score,
    preset_arguments,
    strength_curve,
    tipping_strength,
)
from proliferation_course.timeline import EVENT_TABLES, NOT_EVENT_TABLES, undeclared_dated_columns
from proliferation_course.widgets.norm import NormPanel, norm_panel

PROPERTY = settings(max_examples=200, deadline=None, database=None)
UNIT = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)
TAU = st.floats(min_value=0.01, max_value=0.99, allow_nan=False, allow_infinity=False)
STEEP = st.floats(min_value=0.0, max_value=MAX_STEEPNESS, allow_nan=False, allow_infinity=False)
ROUNDED = 1e-4 + 1e-12  # the figure keeps four decimals

# Weights worked out by hand from the table's scores: 1 + L + N + E.
HAND_WEIGHTS = {"japan": 1 + 4 + 3 + 4, "germany": 1 + 4 + 4 + 4, "canada": 1 + 2 + 1 + 2,
                "south_korea": 1 + 2 + 1 + 1, "italy": 1 + 2 + 2 + 1, "brazil": 1 + 4 + 2 + 0,
                "australia": 1 + 1 + 2 + 1, "dprk": 1 + 2 + 0 + 0}
TOTAL = 178 + sum(HAND_WEIGHTS.values())  # 178 other parties of weight 1; 235 in all


def hand_s(w: float, tau: float, k: float) -> float:
    if k == 0:
        return w
    sig = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731
    return (sig(k * (w - tau)) - sig(-k * tau)) / (sig(k * (1 - tau)) - sig(-k * tau))


@pytest.fixture
def states():
    return load_table("norm_states")


@pytest.fixture
def scenarios():
    """The ``norm_presets`` table: the sets of defections of the dropdown."""
    return load_table("norm_presets")


# The scenarios as they were when they were Python constants: the table must keep them.
EXPECTED_SCENARIOS = {
    "today": ("Today: only the DPRK outside", ("dprk",), 0),
    "two_small": ("+ two small states", ("dprk",), 2),
    "canada": ("+ Canada", ("dprk", "canada"), 0),
    "south_korea": ("+ South Korea", ("dprk", "south_korea"), 0),
    "japan": ("+ Japan", ("dprk", "japan"), 0),
    "japan_germany": ("+ Japan and Germany", ("dprk", "japan", "germany"), 0),
    "proposal": ("+ Japan, Germany and Canada (the proposal)", ("dprk", "japan", "germany", "canada"), 0),
    "proposal_korea": ("+ the three and South Korea", ("dprk", "japan", "germany", "canada", "south_korea"), 0),
}


def _scenario_rows(scenarios):
    """``(preset_id, label, defectors, others_defecting)`` in display order."""
    out = []
    for row in check_presets(scenarios).to_dict("records"):
        args = preset_arguments(row)
        out.append((row["preset_id"], row["label"], args["defectors"], args["others_defecting"]))
    return out


def test_the_scenarios_table_keeps_the_explorer_s_scenarios(scenarios):
    rows = _scenario_rows(scenarios)
    assert [r[0] for r in rows] == list(EXPECTED_SCENARIOS)
    assert {r[0]: r[1:] for r in rows} == EXPECTED_SCENARIOS
    assert PRESET_COLUMNS == ("defectors", "others_defecting")
    # the DPRK defects in every scenario; every defector is a key state
    known = set(load_table("norm_states")["state_id"])
    assert all("dprk" in r[2] and set(r[2]) <= known for r in rows)


@pytest.mark.parametrize(("row", "words"), [
    ({"preset_id": "x", "others_defecting": 0}, "preset 'x': the column defectors is missing"),
    ({"preset_id": "x", "defectors": "dprk"}, "preset 'x': the column others_defecting is missing"),
    ({"preset_id": "x", "defectors": 3, "others_defecting": 0}, "preset 'x': defectors must be"),
    ({"preset_id": "x", "defectors": "dprk;; japan", "others_defecting": 0}, "empty state id"),
    ({"preset_id": "x", "defectors": "dprk; dprk", "others_defecting": 0}, "more than once"),
    ({"preset_id": "x", "defectors": "dprk", "others_defecting": -1}, "non-negative whole number"),
    ({"preset_id": "x", "defectors": "dprk", "others_defecting": 1.5}, "non-negative whole number"),
    ({"preset_id": "x", "defectors": "dprk", "others_defecting": True}, "non-negative whole number"),
    ({"preset_id": "x", "defectors": "dprk", "others_defecting": "2"}, "non-negative whole number"),
])
def test_preset_arguments_names_the_preset_and_the_column(row, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        preset_arguments(row)


def test_preset_arguments_reads_a_pandas_row_and_an_empty_set(scenarios):
    assert preset_arguments(scenarios.iloc[0]) == {"defectors": ("dprk",), "others_defecting": 0}
    assert preset_arguments({"defectors": "", "others_defecting": 3.0}) == {"defectors": (),
                                                                           "others_defecting": 3}


@pytest.mark.parametrize("bad", [None, [], "norm_presets"])
def test_check_presets_rejects_what_is_not_a_table(bad):
    with pytest.raises(ValueError, match="presets"):
        check_presets(bad)


def test_check_presets_names_the_missing_column(scenarios):
    with pytest.raises(ValueError, match="defectors"):
        check_presets(scenarios.drop(columns=["defectors"]))
    with pytest.raises(ValueError, match="no rows"):
        check_presets(scenarios.iloc[0:0])


# ---------------------------------------------------------------------------
# The model, by hand
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(("facilities", "score"), [(0, 0), (1, 1), (2, 1), (3, 2), (4, 2), (7, 4), (8, 4),
                                                   (9, 4), (44, 4)])
def test_latency_score_halves_rounds_up_and_caps(facilities, score):
    assert latency_score(facilities) == score


def test_criticality_weight_is_one_plus_the_scores():
    assert criticality_weight(4, 3, 4) == 12.0
    assert criticality_weight(0, 0, 0) == 1.0
    assert criticality_weight(4, 4, 4) == 13.0


def test_tipping_strength_matches_the_formula_and_its_ends():
    assert tipping_strength(1.0, 0.9, 40.0) == 1.0
    assert tipping_strength(0.0, 0.9, 40.0) == 0.0
    # at W = tau: 0.5 minus a negligible s(-36), over s(4) - s(-36)
    assert tipping_strength(0.9, 0.9, 40.0) == pytest.approx(0.5 / (1 / (1 + math.exp(-4))), abs=1e-12)
    assert tipping_strength(0.37, 0.6, 0.0) == 0.37
    assert tipping_strength(0.8809, 0.9, 40.0) == pytest.approx(hand_s(0.8809, 0.9, 40.0), abs=1e-12)


def test_two_small_states_and_two_model_students_differ_only_when_weighted():
    small = evaluate_norm(HAND_WEIGHTS, ["dprk"], others=178, others_defecting=2)
    big = evaluate_norm(HAND_WEIGHTS, ["dprk", "japan", "germany"], others=178)
    # same number of defections: 3 of 186
    assert small.unweighted == pytest.approx(183 / 186, abs=1e-12)
    assert big.unweighted == pytest.approx(183 / 186, abs=1e-12)
    # weighted: 235 - 3 - 2 = 230 against 235 - 3 - 12 - 13 = 207
    assert small.weighted == pytest.approx(230 / 235, abs=1e-12)
    assert big.weighted == pytest.approx(207 / 235, abs=1e-12)
    assert big.strength == pytest.approx(hand_s(207 / 235, 0.9, 40.0), abs=1e-12)
    assert big.multiplier == pytest.approx((28 / 235) / (3 / 186), abs=1e-12)
    # beyond today, Japan and Germany take 25 units of criticality; two small states take 2
    assert (25 / TOTAL) / (2 / TOTAL) == pytest.approx(12.5)


def test_no_defection_gives_full_compliance_and_nan_multiplier():
    res = evaluate_norm(HAND_WEIGHTS, [], others=178)
    assert (res.unweighted, res.weighted, res.strength) == (1.0, 1.0, 1.0)
    assert math.isnan(res.multiplier)
    assert isinstance(res, NormResult) and res.n_states == 186 and res.total_weight == TOTAL


def test_strength_curve_grid():
    xs, ys = strength_curve(0.9, 40.0, lower=0.75, points=26)
    assert xs[0] == 0.75 and xs[-1] == 1.0 and len(xs) == 26
    assert xs[1] == pytest.approx(0.76)
    assert ys == [pytest.approx(hand_s(x, 0.9, 40.0), abs=1e-12) for x in xs]


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [-1, 2.5, True, "3", None])
def test_latency_score_rejects_bad_counts(bad):
    with pytest.raises(ValueError, match="facilities"):
        latency_score(bad)


@pytest.mark.parametrize(("args", "name"), [((5, 0, 0), "latency"), ((0, -1, 0), "negotiation"),
                                            ((0, 0, 1.5), "exemplar"), ((0, True, 0), "negotiation")])
def test_criticality_weight_names_the_bad_score(args, name):
    with pytest.raises(ValueError, match=name):
        criticality_weight(*args)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"weighted_compliance": 1.2}, "weighted_compliance"),
    ({"weighted_compliance": math.nan}, "weighted_compliance"),
    ({"weighted_compliance": "0.5"}, "weighted_compliance"),
    ({"weighted_compliance": 0.5, "tipping_point": 0.0}, "tipping_point"),
    ({"weighted_compliance": 0.5, "tipping_point": 1.0}, "tipping_point"),
    ({"weighted_compliance": 0.5, "tipping_point": -0.1}, "tipping_point"),
    ({"weighted_compliance": 0.5, "steepness": -1.0}, "steepness"),
    ({"weighted_compliance": 0.5, "steepness": math.inf}, "steepness"),
    ({"weighted_compliance": 0.5, "steepness": MAX_STEEPNESS + 1}, "steepness"),
])
def test_tipping_strength_names_the_bad_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        tipping_strength(**kwargs)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"weights": {}}, "weights"),
    ({"weights": [("japan", 12.0)]}, "weights"),
    ({"weights": {"japan": 0.0}}, "weights"),
    ({"weights": {"japan": -2.0}}, "weights"),
    ({"weights": {"japan": math.nan}}, "weights"),
    ({"weights": {"": 1.0}}, "weights"),
    ({"weights": HAND_WEIGHTS, "defectors": ["france"]}, "defectors"),
    ({"weights": HAND_WEIGHTS, "defectors": "japan"}, "defectors"),
    ({"weights": HAND_WEIGHTS, "defectors": ["japan", "japan"]}, "defectors"),
    ({"weights": HAND_WEIGHTS, "others": -1}, "others"),
    ({"weights": HAND_WEIGHTS, "others": 2.0}, "others"),
    ({"weights": HAND_WEIGHTS, "others_defecting": 179}, "others_defecting"),
    ({"weights": HAND_WEIGHTS, "others_defecting": -1}, "others_defecting"),
    ({"weights": HAND_WEIGHTS, "tipping_point": 1.5}, "tipping_point"),
    ({"weights": HAND_WEIGHTS, "steepness": -0.5}, "steepness"),
])
def test_evaluate_norm_names_the_bad_parameter(kwargs, name):
    kwargs.setdefault("others", 178)
    with pytest.raises(ValueError, match=name):
        evaluate_norm(**kwargs)


@pytest.mark.parametrize(("kwargs", "name"), [({"lower": 1.0}, "lower"), ({"lower": -0.1}, "lower"),
                                              ({"points": 1}, "points"), ({"points": 2.0}, "points")])
def test_strength_curve_names_the_bad_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        strength_curve(**kwargs)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

@PROPERTY
@given(w=UNIT, tau=TAU, k=STEEP)
def test_strength_stays_in_the_unit_interval(w, tau, k):
    assert 0.0 <= tipping_strength(w, tau, k) <= 1.0


@PROPERTY
@given(a=UNIT, b=UNIT, tau=TAU, k=STEEP)
def test_strength_never_falls_as_compliance_rises(a, b, tau, k):
    lo, hi = sorted((a, b))
    assert tipping_strength(lo, tau, k) <= tipping_strength(hi, tau, k) + 1e-12


@PROPERTY
@given(w=UNIT, tau=TAU)
def test_no_steepness_means_no_tipping(w, tau):
    assert tipping_strength(w, tau, 0.0) == w


@PROPERTY
@given(chosen=st.sets(st.sampled_from(sorted(HAND_WEIGHTS))), extra=st.sampled_from(sorted(HAND_WEIGHTS)),
       small=st.integers(min_value=0, max_value=50), tau=TAU, k=STEEP)
def test_one_more_defection_never_strengthens_the_norm(chosen, extra, small, tau, k):
    before = evaluate_norm(HAND_WEIGHTS, sorted(chosen - {extra}), others=178, others_defecting=small,
                           tipping_point=tau, steepness=k)
    after = evaluate_norm(HAND_WEIGHTS, sorted(chosen | {extra}), others=178, others_defecting=small,
                          tipping_point=tau, steepness=k)
    assert after.unweighted < before.unweighted
    assert after.weighted < before.weighted
    assert after.strength <= before.strength + 1e-12


@PROPERTY
@given(chosen=st.sets(st.sampled_from(sorted(HAND_WEIGHTS))), small=st.integers(min_value=0, max_value=178))
def test_weighted_compliance_identity(chosen, small):
    res = evaluate_norm(HAND_WEIGHTS, sorted(chosen), others=178, others_defecting=small)
    lost = sum(HAND_WEIGHTS[c] for c in chosen) + small
    assert res.weighted == pytest.approx((TOTAL - lost) / TOTAL, abs=1e-12)
    assert res.unweighted == pytest.approx((186 - len(chosen) - small) / 186, abs=1e-12)
    # every key state weighs at least 1, so weighting can only make defections of key states count more
    if small == 0 and chosen:
        assert res.weighted <= res.unweighted + 1e-12


# ---------------------------------------------------------------------------
# The static figure: every state equals the model's output
# ---------------------------------------------------------------------------

def _check_payload(payload: dict, defectors, small: int, tau: float, where: str) -> None:
    res = evaluate_norm(HAND_WEIGHTS, defectors, others=178, others_defecting=small, tipping_point=tau)
    u = (186 - len(defectors) - small) / 186
    w = (TOTAL - sum(HAND_WEIGHTS[d] for d in defectors) - small) / TOTAL
    s = hand_s(w, tau, 40.0)
    bars, curve, line, w_marker, u_marker = payload["y"]
    assert bars == [pytest.approx(u, abs=ROUNDED), pytest.approx(w, abs=ROUNDED),
                    pytest.approx(s, abs=ROUNDED)], where
    assert bars == [round(res.unweighted, 4), round(res.weighted, 4), round(res.strength, 4)], where
    grid = [CURVE_LOWER + (1 - CURVE_LOWER) * i / 25 for i in range(26)]
    assert curve == [pytest.approx(hand_s(x, tau, 40.0), abs=ROUNDED) for x in grid], where
    assert payload["x"][0] is None and payload["x"][1] is None, where
    assert payload["x"][2] == [tau, tau] and line == [0.0, 1.05], where
    assert payload["x"][3] == [pytest.approx(w, abs=ROUNDED)] and w_marker == [pytest.approx(s, abs=ROUNDED)]
    assert payload["x"][4] == [pytest.approx(u, abs=ROUNDED)]
    assert u_marker == [pytest.approx(hand_s(u, tau, 40.0), abs=ROUNDED)], where


def test_every_dropdown_entry_and_slider_step_equals_the_model(states, scenarios):
    fig = norm_figure(states, scenarios)
    menu = fig.layout.updatemenus[0]
    rows = _scenario_rows(scenarios)
    assert [b.label for b in menu.buttons] == [r[1] for r in rows]
    for button, (set_id, _, defectors, others_defecting) in zip(menu.buttons, rows, strict=True):
        data, layout, indices = button.args
        assert list(indices) == [0, 1, 2, 3, 4]
        _check_payload(data, defectors, others_defecting, 0.9, set_id)
        slider = layout["sliders"][0]
        assert [st_["label"] for st_ in slider["steps"]] == [f"{t:.2f}" for t in TIPPING_STEPS]
        assert TIPPING_STEPS[slider["active"]] == 0.9
        for step, tau in zip(slider["steps"], TIPPING_STEPS, strict=True):
            assert step["method"] == "restyle"
            _check_payload(step["args"][0], defectors, others_defecting, tau, f"{set_id} tau={tau}")
        assert "Defecting:" in layout["annotations[0].text"]


def test_every_control_changes_the_figure(states, scenarios):
    fig = norm_figure(states, scenarios)
    buttons = fig.layout.updatemenus[0].buttons
    payloads = [b.args[0]["y"] for b in buttons]
    assert all(a != b for i, a in enumerate(payloads) for b in payloads[i + 1:])
    for button in buttons:
        steps = button.args[1]["sliders"][0]["steps"]
        curves = [s["args"][0]["y"][1] for s in steps]
        assert len({tuple(c) for c in curves}) == len(curves)


def test_figure_first_state_title_description_and_annotation(states, scenarios):
    fig = norm_figure(states, scenarios)
    assert fig.layout.updatemenus[0].active == list(EXPECTED_SCENARIOS).index("japan_germany")
    assert list(fig.data[0].y) == [round(183 / 186, 4), round(207 / 235, 4),
                                   round(hand_s(207 / 235, 0.9, 40.0), 4)]
    assert fig.layout.title.text and fig.layout.height >= 400
    assert 2 <= fig.layout.meta["description"].count(". ") + 1 <= 6
    text = fig.layout.annotations[0].text.replace("<br>", " ")
    assert "Japan" in text and "Germany" in text and "1.1% of states," in text and "10.6% of criticality" in text
    assert "narrow" in fig.layout.meta


def test_figure_rejects_bad_arguments(states, scenarios):
    with pytest.raises(ValueError, match="initial"):
        norm_figure(states, scenarios, initial="nobody")
    with pytest.raises(ValueError, match="tipping_point"):
        norm_figure(states, scenarios, tipping_point=0.81)
    with pytest.raises(ValueError, match="states"):
        norm_figure(states.drop(columns=["latency_score"]), scenarios)
    with pytest.raises(ValueError, match="preset 'canada': defectors"):
        norm_figure(states, scenarios.assign(defectors=scenarios["defectors"].where(
            scenarios["preset_id"] != "canada", "canada; canada")))
    with pytest.raises(ValueError, match="defectors names unknown state"):
        norm_figure(states, scenarios.assign(defectors="dprk; france"))


def test_the_figures_follow_the_explorer_contract(states, scenarios):
    fig = norm_figure(states, scenarios)
    check_explorer_figure(fig)
    check_explorer_figure(npt_parties_figure(load_table("npt_parties_by_year")))
    assert fig.layout.updatemenus[0].name == PRESET_LABEL
    assert all(s.name.startswith("tipping-") for s in fig.layout.sliders)
    assert fig.layout.sliders[0].currentvalue.prefix == f"{TIPPING_LABEL}: "
    assert tuple(fig.layout.updatemenus[0].buttons[0].args[2]) == DYNAMIC_TRACES
    for key in ("subtitle", "notes", "source", "description"):
        assert fig.layout.meta[key], key


def test_the_text_above_the_bars_wraps_to_fit_a_phone(states, scenarios):
    rows = _scenario_rows(scenarios)
    base = norm_result(states, rows[0][2], rows[0][3])
    every = norm_result(states, list(states["state_id"]), 40)
    text = describe_defections(every, base, dict(zip(states["state_id"], states["state"], strict=True)))
    assert all(len(line) <= 40 for line in text.split("<br>")), text
    assert "Australia" in text and "40 small states" in text and "47 more than today" in text


def test_page_payload_stays_small(states, scenarios):
    assert len(norm_figure(states, scenarios).to_json()) < 80_000


def test_parties_figure(states):
    parties = load_table("npt_parties_by_year")
    fig = npt_parties_figure(parties)
    assert list(fig.data[0].x) == [1970, 1975, 1980, 1990, 2000, 2005, 2010, 2014, 2018, 2025]
    assert list(fig.data[0].y)[0] == 43 and list(fig.data[0].y)[-1] == 191
    assert fig.layout.title.text and fig.layout.height and fig.layout.meta["description"]
    # On a phone, labels closer than nine years would run together ("188188189190191"): the
    # latest is kept and, going back, each one nine or more years before the last one kept.
    narrow = fig.layout.meta["narrow"]["data[0].text"]
    assert narrow == ["43", "", "112", "141", "", "189", "", "190", "", "191"]
    assert list(fig.data[0].text) == [str(int(c)) for c in fig.data[0].y]  # all of them on a wide screen


# ---------------------------------------------------------------------------
# The live panel
# ---------------------------------------------------------------------------

def test_panel_starts_from_today_and_reacts_to_controls(states, scenarios):
    panel = norm_panel(states, scenarios)
    assert isinstance(panel, NormPanel)
    assert panel.controls["defect_dprk"].value is True
    assert panel.controls["defect_japan"].value is False
    assert panel.figure.data[0].y[1] == pytest.approx(232 / 235, abs=ROUNDED)
    panel.controls["defect_japan"].value = True
    panel.controls["defect_germany"].value = True
    assert panel.figure.data[0].y[1] == pytest.approx(207 / 235, abs=ROUNDED)
    assert "Japan" in panel.figure.layout.annotations[0].text
    assert "S = <b>" in panel.summary.value
    panel.controls["steepness"].value = 0.0
    assert panel.figure.data[0].y[2] == pytest.approx(207 / 235, abs=ROUNDED)  # no tipping: S = W
    panel.controls["others_defecting"].value = 5.0
    assert panel.figure.data[0].y[0] == pytest.approx((186 - 8) / 186, abs=ROUNDED)
    panel.controls["tipping_point"].value = 0.7
    assert list(panel.figure.data[2].x) == [0.7, 0.7]


def test_panel_follows_the_explorer_contract(states, scenarios):
    panel = norm_panel(states, scenarios)
    check_live_panel(panel, rejected={"others_defecting": 500.0})
    panel.controls["others_defecting"].value = 2.5
    assert not panel.computed
    assert "the Small states defecting must be a non-negative integer" in panel.summary.value
    panel.controls["others_defecting"].value = 2.0
    assert panel.computed


@pytest.mark.parametrize("preset_id", ["two_small", "proposal"])
def test_a_preset_sets_the_defections_and_keeps_the_curve(states, scenarios, preset_id):
    panel = norm_panel(states, scenarios)
    panel.controls["tipping_point"].value = 0.8
    panel.controls["preset"].value = preset_id
    _, defectors, small = EXPECTED_SCENARIOS[preset_id]
    assert {sid for sid in states["state_id"] if panel.controls[f"defect_{sid}"].value} == set(defectors)
    assert panel.controls["others_defecting"].value == small
    assert panel.controls["tipping_point"].value == 0.8  # a preset sets only the defections
    res = evaluate_norm(HAND_WEIGHTS, defectors, others=178, others_defecting=small, tipping_point=0.8)
    assert list(panel.figure.data[0].y) == [round(res.unweighted, 4), round(res.weighted, 4),
                                            round(res.strength, 4)]
    assert "Defecting:" in panel.figure.layout.annotations[0].text
    assert "other controls keep the values you set" in panel.preset_note()


# ---------------------------------------------------------------------------
# The data tables
# ---------------------------------------------------------------------------

def test_norm_states_scores_follow_their_rules(states):
    for row in states.itertuples():
        assert row.latency_score == latency_score(int(row.latency_facilities)), row.state
    assert weights_from_table(states) == {k: float(v) for k, v in HAND_WEIGHTS.items()}
    assert other_parties(states) == 191 - 5 - 8 == 178


def test_norm_states_facility_counts_match_the_latency_data_set(states):
    # Rows per country in the Nuclear Latency data set v1.2 (Fuhrmann and Tkach 2015), counted by hand.
    expected = {"Japan": 9, "Germany": 8, "Brazil": 7, "Italy": 4, "Republic of Korea": 4, "Canada": 3,
                "DPRK": 3, "Australia": 2}
    assert dict(zip(states["state"], states["latency_facilities"], strict=True)) == expected


def test_only_the_dprk_has_already_defected(states):
    assert list(states.loc[~states["complies_today"].astype(bool), "state_id"]) == ["dprk"]


def test_key_states_take_their_dates_from_the_milestones(states):
    table = key_states_for_display(states, load_table("npt_milestones"))
    dates = dict(zip(table["state_id"], table["npt_date"], strict=True))
    # UNODA and the UK depositary list: Japan 8 June 1976, FRG 2 May 1975, Canada 8 January 1969;
    # the DPRK's own account: 12 December 1985; South Korea: 1975 (year only)
    assert dates == {"japan": "1976-06-08", "germany": "1975-05-02", "canada": "1969-01-08",
                     "south_korea": "1975", "italy": "", "brazil": "", "australia": "",
                     "dprk": "1985-12-12"}
    assert "date" not in states.columns  # reused, not duplicated


def test_parties_by_year_facts():
    parties = load_table("npt_parties_by_year")
    counts = dict(zip(parties["year"], parties["parties"], strict=True))
    assert counts[1970] == 3 + 40  # the depositaries and 40 others (Article IX.3)
    assert counts[1975] == 91 and counts[1980] == 112 and counts[1990] == 141
    assert counts[2025] == 191 == 193 - 4 + 2  # UN members less four outsiders, plus two observers
    years = sorted(counts)
    assert all(counts[a] <= counts[b] for a, b in zip(years, years[1:], strict=False))
    assert "disagree" in parties.loc[parties["year"] == 2000, "note"].iloc[0]


def test_timeline_accounts_for_the_yearly_series():
    assert "npt_parties_by_year" in NOT_EVENT_TABLES
    assert "npt_parties_by_year" not in EVENT_TABLES
    assert "npt_parties_by_year" not in undeclared_dated_columns()
    assert "norm_states" not in undeclared_dated_columns()


def test_the_figures_speak_japanese(states, scenarios) -> None:
    parties = load_table("npt_parties_by_year")
    check_figure_in_japanese(lambda: norm_figure(states, scenarios))
    check_figure_in_japanese(lambda: npt_parties_figure(parties))


def test_the_japanese_figure_keeps_the_model_s_numbers_and_names_the_defectors(states, scenarios) -> None:
    with speaking("ja"):
        fig = norm_figure(states, scenarios)
    english = norm_figure(states, scenarios)
    for a, b in zip(fig.data, english.data, strict=True):
        assert a.y == b.y
    note = fig.layout.annotations[0].text
    assert note.startswith("離反：日本、ドイツ、北朝鮮。") and "今日より2か国多い" in note, note
    assert all(len(line) <= 21 for line in note.split("<br>")), note
    labels = [b["label"] for b in fig.layout.updatemenus[0].buttons]
    assert "+ 日本とドイツ" in labels and "+ 小国2か国" in labels, labels


def test_the_panel_speaks_japanese(states, scenarios) -> None:
    check_panel_in_japanese(lambda: norm_panel(states, scenarios))
    with speaking("ja"):
        panel = norm_panel(states, scenarios)
        panel.controls["defect_japan"].value = True
    assert "規範の強さ" in panel.summary.value and "離反の重みは数の" in panel.summary.value
    assert panel.controls["defect_japan"].label == "離反"
    assert "norm strength" not in panel.summary.value


def test_a_rejected_combination_is_explained_in_japanese(states, scenarios) -> None:
    with speaking("ja"):
        panel = norm_panel(states, scenarios)
        panel.controls["others_defecting"].value = 2.5
    assert not panel.computed
    assert "0以上の整数でなければならない" in panel.summary.value, panel.summary.value
    assert "must be a non-negative integer" not in panel.summary.value


def test_the_tables_speak_japanese(states) -> None:
    import re

    with speaking("ja"):
        key = re.sub(r"<[^>]+>", "", key_states_table(states, load_table("npt_milestones")).to_html())
        counts = re.sub(r"<[^>]+>", "", npt_parties_table(load_table("npt_parties_by_year")).to_html())
    for word in ("不拡散規範の主要国", "1976年6月8日", "オーストラリア", "すでに離反した唯一の国家"):
        assert word in key, word
    for word in ("資料が締約国数を示している年", "国連軍縮部（UNODA）"):
        assert word in counts, word
    assert "Role in the norm" not in key and "Counted by" not in counts
