"""Chapter 5 (Article X): the model, its figure and live panel, and the two data tables.

Expected values are worked out by hand from the model's stated rules:
scores met 1, arguable 1/2, not met 0; procedure invalid if a procedural
condition (1, 5, 6) is not met, disputed if one is arguable, valid otherwise;
L = mean (or minimum) of the substantive scores (2, 3, 4); verdict invalid if
the procedure is invalid, else justified if L >= h, not justified if L <= l,
contested in between. Dates are checked against the sources named in the rows.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction

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

from proliferation_course.data import load_table
from proliferation_course.figures.article_x import (
    CONDITION_LABELS,
    DYNAMIC_TRACES,
    JUSTIFIED_STEPS,
    LEVEL_COLORS,
    MILESTONE_VIEWS,
    VERDICT_COLORS,
    article_x_cases_table,
    article_x_figure,
    article_x_state,
    cases_for_display,
    npt_milestones_figure,
    npt_milestones_table,
    reading_assessments,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.article_x import (
    CONDITION_IDS,
    CONDITIONS,
    LEVELS,
    ArticleXResult,
    assess_withdrawal,
    condition_score,
    legitimacy_score,
    preset_arguments,
    procedure_status,
)
from proliferation_course.widgets.article_x import ArticleXPanel, article_x_panel

PROCEDURAL = ("sovereignty", "notice", "statement")
SUBSTANTIVE = ("extraordinary_events", "subject_matter", "supreme_interests")
HAND_SCORE = {"met": Fraction(1), "arguable": Fraction(1, 2), "not_met": Fraction(0)}


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return load_table("article_x_cases")


@pytest.fixture(scope="module")
def milestones() -> pd.DataFrame:
    return load_table("npt_milestones")


def levels(**overrides: str) -> dict[str, str]:
    """All six conditions met, except those given."""
    out = dict.fromkeys(CONDITION_IDS, "met")
    out.update(overrides)
    return out


def subs(a: str, b: str, c: str, **procedural: str) -> dict[str, str]:
    """Substantive levels (2, 3, 4) in order; procedural met unless given."""
    return levels(extraordinary_events=a, subject_matter=b, supreme_interests=c, **procedural)


def hand_verdict(lv: dict[str, str], rule: str = "mean", hi: float = 2 / 3, lo: float = 1 / 3):
    """The model's rules written out independently, in exact arithmetic for L."""
    p = [lv[c] for c in PROCEDURAL]
    procedure = "invalid" if "not_met" in p else "disputed" if "arguable" in p else "valid"
    scores = [HAND_SCORE[lv[c]] for c in SUBSTANTIVE]
    legit = min(scores) if rule == "minimum" else sum(scores) / 3
    # Compare the correctly rounded L with the thresholds as given (floats), as a reader
    # would: "L <= 1/3" must hold when L is exactly 1/3 and the threshold is written 1 / 3.
    if procedure == "invalid":
        verdict = "invalid"
    elif float(legit) >= hi:
        verdict = "justified"
    elif float(legit) <= lo:
        verdict = "unjustified"
    else:
        verdict = "contested"
    return procedure, legit, verdict


# --------------------------------------------------------------------------------------
# The model: hand-computed values
# --------------------------------------------------------------------------------------


def test_conditions_follow_the_treaty() -> None:
    assert [c.number for c in CONDITIONS] == [1, 2, 3, 4, 5, 6]
    assert CONDITION_IDS == ("sovereignty", "extraordinary_events", "subject_matter",
                             "supreme_interests", "notice", "statement")
    assert {c.id for c in CONDITIONS if c.kind == "procedural"} == set(PROCEDURAL)
    assert {c.id for c in CONDITIONS if c.kind == "substantive"} == set(SUBSTANTIVE)
    # the paraphrased treaty words come from Article X.1
    words = " ".join(c.treaty_words for c in CONDITIONS)
    for phrase in ("national sovereignty", "extraordinary events", "subject matter of this Treaty",
                   "supreme interests", "three months in advance", "statement of the extraordinary"):
        assert phrase in words


@pytest.mark.parametrize(("level", "score"), [("met", 1.0), ("arguable", 0.5), ("not_met", 0.0)])
def test_condition_score(level, score) -> None:
    assert condition_score(level) == score


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "valid"),
        ({"notice": "arguable"}, "disputed"),
        ({"sovereignty": "arguable", "statement": "arguable"}, "disputed"),
        ({"statement": "not_met"}, "invalid"),
        ({"notice": "arguable", "sovereignty": "not_met"}, "invalid"),
        # substantive conditions do not affect the procedure
        ({"extraordinary_events": "not_met", "supreme_interests": "not_met"}, "valid"),
    ],
)
def test_procedure_status_by_hand(overrides, expected) -> None:
    assert procedure_status(levels(**overrides)) == expected


@pytest.mark.parametrize(
    ("sub", "mean", "minimum"),
    [
        (("met", "met", "met"), 1.0, 1.0),
        (("met", "arguable", "not_met"), 0.5, 0.0),       # (1 + 1/2 + 0) / 3
        (("arguable", "arguable", "arguable"), 0.5, 0.5),
        (("met", "met", "arguable"), 5 / 6, 0.5),         # (1 + 1 + 1/2) / 3
        (("not_met", "arguable", "arguable"), 1 / 3, 0.0),
        (("not_met", "arguable", "not_met"), 1 / 6, 0.0),
        (("met", "met", "not_met"), 2 / 3, 0.0),
        (("not_met", "not_met", "not_met"), 0.0, 0.0),
    ],
)
def test_legitimacy_by_hand(sub, mean, minimum) -> None:
    lv = subs(*sub)
    assert legitimacy_score(lv) == pytest.approx(mean, abs=1e-15)
    assert legitimacy_score(lv, rule="minimum") == minimum
    # procedural conditions never enter L
    assert legitimacy_score({**lv, "notice": "not_met"}) == legitimacy_score(lv)


@pytest.mark.parametrize(
    ("lv", "kwargs", "procedure", "verdict", "label"),
    [
        (levels(), {}, "valid", "justified", "justified; procedure valid"),
        (subs("met", "arguable", "not_met"), {}, "valid", "contested", "contested; procedure valid"),
        # the thresholds are inclusive: L = 2/3 is justified, L = 1/3 is not justified
        (subs("met", "met", "not_met"), {}, "valid", "justified", "justified; procedure valid"),
        (subs("not_met", "arguable", "arguable"), {}, "valid", "unjustified",
         "not justified; procedure valid"),
        (subs("met", "met", "met", notice="arguable"), {}, "disputed", "justified",
         "justified; procedure disputed"),
        (subs("met", "met", "met", notice="not_met"), {}, "invalid", "invalid", "not a valid withdrawal"),
        (subs("met", "met", "arguable"), {"justified_at": 0.9}, "valid", "contested",
         "contested; procedure valid"),
        (subs("met", "met", "arguable"), {"rule": "minimum"}, "valid", "contested",
         "contested; procedure valid"),
        (subs("met", "met", "arguable"), {"unjustified_at": 0.5, "justified_at": 0.95,
                                          "rule": "minimum"}, "valid", "unjustified",
         "not justified; procedure valid"),
    ],
)
def test_assess_withdrawal_by_hand(lv, kwargs, procedure, verdict, label) -> None:
    res = assess_withdrawal(lv, **kwargs)
    assert isinstance(res, ArticleXResult)
    assert (res.procedure, res.verdict, res.verdict_label) == (procedure, verdict, label)
    assert res.levels == lv
    assert res.scores == {k: float(HAND_SCORE[v]) for k, v in lv.items()}
    assert res.unmet == tuple(c for c in CONDITION_IDS if lv[c] == "not_met")
    assert [c.number for c in res.conditions] == [1, 2, 3, 4, 5, 6]


def test_result_is_frozen() -> None:
    res = assess_withdrawal(levels())
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.verdict = "invalid"  # type: ignore[misc]


# --------------------------------------------------------------------------------------
# The model: bad input raises ValueError naming the parameter
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, "met", ["met"] * 6, 3, ("met",) * 6])
def test_assessments_not_a_mapping(bad) -> None:
    with pytest.raises(ValueError, match=r"\bassessments\b"):
        assess_withdrawal(bad)


def test_missing_and_unknown_conditions_are_named() -> None:
    lv = levels()
    del lv["notice"]
    with pytest.raises(ValueError, match=r"assessments is missing condition\(s\) notice"):
        assess_withdrawal(lv)
    with pytest.raises(ValueError, match=r"assessments has unknown condition.*'ratified'"):
        assess_withdrawal({**levels(), "ratified": "met"})


@pytest.mark.parametrize("cid", CONDITION_IDS)
@pytest.mark.parametrize("bad", ["Met", "yes", "", None, 1, 0.5, True, "not met"])
def test_bad_level_names_the_condition(cid, bad) -> None:
    lv = {**levels(), cid: bad}
    for call in (assess_withdrawal, procedure_status, legitimacy_score):
        with pytest.raises(ValueError, match=rf"assessments\['{cid}'\]"):
            call(lv)


@pytest.mark.parametrize("bad", ["average", "", None, "Mean", 1])
def test_bad_rule_names_rule(bad) -> None:
    with pytest.raises(ValueError, match=r"\brule\b"):
        assess_withdrawal(levels(), rule=bad)
    with pytest.raises(ValueError, match=r"\brule\b"):
        legitimacy_score(levels(), rule=bad)


@pytest.mark.parametrize("name", ["justified_at", "unjustified_at"])
@pytest.mark.parametrize("bad", [float("nan"), -0.1, 1.1, float("inf"), "0.5", None, True])
def test_bad_threshold_names_it(name, bad) -> None:
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        assess_withdrawal(levels(), **{name: bad})


@pytest.mark.parametrize(("lo", "hi"), [(0.5, 0.5), (0.7, 0.6), (1.0, 0.0)])
def test_crossed_thresholds_are_refused(lo, hi) -> None:
    with pytest.raises(ValueError, match=r"unjustified_at .* must be below justified_at"):
        assess_withdrawal(levels(), justified_at=hi, unjustified_at=lo)


def test_bad_level_for_condition_score() -> None:
    with pytest.raises(ValueError, match=r"\blevel\b"):
        condition_score("maybe")


# --------------------------------------------------------------------------------------
# The model: properties
# --------------------------------------------------------------------------------------

LEVEL = st.sampled_from(LEVELS)
ASSESSMENTS = st.fixed_dictionaries({c: LEVEL for c in CONDITION_IDS})
RULE = st.sampled_from(("mean", "minimum"))
THRESHOLDS = st.tuples(st.floats(0, 1), st.floats(0, 1)).filter(lambda t: t[0] < t[1])
PROPERTY = settings(max_examples=300, deadline=None, database=None)
RANK = {"invalid": 0, "unjustified": 1, "contested": 2, "justified": 3}


@PROPERTY
@given(lv=ASSESSMENTS, rule=RULE, th=THRESHOLDS)
def test_model_agrees_with_the_rules_written_out(lv, rule, th) -> None:
    lo, hi = th
    res = assess_withdrawal(lv, rule=rule, justified_at=hi, unjustified_at=lo)
    procedure, legit, verdict = hand_verdict(lv, rule, hi, lo)
    assert res.procedure == procedure
    assert res.legitimacy == float(legit)
    assert 0.0 <= res.legitimacy <= 1.0
    assert res.verdict == verdict


@PROPERTY
@given(lv=ASSESSMENTS)
def test_minimum_never_exceeds_mean(lv) -> None:
    assert legitimacy_score(lv, "minimum") <= legitimacy_score(lv, "mean")


@PROPERTY
@given(lv=ASSESSMENTS, cid=st.sampled_from(CONDITION_IDS), rule=RULE)
def test_upgrading_a_condition_never_hurts(lv, cid, rule) -> None:
    """Raising one assessment never lowers L nor worsens the verdict."""
    order = {"not_met": 0, "arguable": 1, "met": 2}
    for better in LEVELS:
        if order[better] < order[lv[cid]]:
            continue
        before = assess_withdrawal(lv, rule=rule)
        after = assess_withdrawal({**lv, cid: better}, rule=rule)
        assert after.legitimacy >= before.legitimacy
        assert RANK[after.verdict] >= RANK[before.verdict]


@PROPERTY
@given(lv=ASSESSMENTS, rule=RULE, p=st.permutations(SUBSTANTIVE))
def test_substantive_conditions_are_symmetric(lv, rule, p) -> None:
    swapped = {**lv, **{new: lv[old] for old, new in zip(SUBSTANTIVE, p, strict=True)}}
    assert legitimacy_score(swapped, rule) == legitimacy_score(lv, rule)


@PROPERTY
@given(lv=ASSESSMENTS)
def test_any_unmet_procedure_is_invalid_whatever_the_substance(lv) -> None:
    res = assess_withdrawal(lv)
    assert (res.verdict == "invalid") == any(lv[c] == "not_met" for c in PROCEDURAL)


# --------------------------------------------------------------------------------------
# The static figure: every precomputed state equals the rules applied to the data
# --------------------------------------------------------------------------------------


def _table_levels(cases: pd.DataFrame, reading: str) -> list[tuple[str, dict[str, str]]]:
    """Straight from the CSV, independently of the package's helpers."""
    out = []
    sub = cases[cases["reading_id"] == reading].sort_values("case_order", kind="stable")
    for case_id in dict.fromkeys(sub["case_id"]):
        rows = sub[sub["case_id"] == case_id]
        out.append((str(rows["case_label"].iloc[0]),
                    {str(r.condition_id): str(r.assessment) for r in rows.itertuples()}))
    return out


def _check_state(state: dict, expected: list[tuple[str, dict[str, str]]], hi: float, lo: float,
                 where: str) -> None:
    n = len(expected)
    # grid: rows in treaty order, columns in case order
    for i, cid in enumerate(CONDITION_IDS):
        assert state["z"][0][i] == [float(HAND_SCORE[lv[cid]]) for _, lv in expected], (where, cid)
        assert state["text"][0][i] == [lv[cid].replace("_", " ") for _, lv in expected], (where, cid)
    # bars: L and verdict of each case
    for k, (label, lv) in enumerate(expected):
        procedure, legit, verdict = hand_verdict(lv, "mean", hi, lo)
        assert state["y"][1][k] == pytest.approx(float(legit), abs=1e-15), (where, label)
        assert state["marker.color"][1][k] == VERDICT_COLORS[verdict], (where, label)
        text = state["text"][1][k]
        assert f"L = {float(legit):.2f}" in text, (where, label, text)
        if verdict != "invalid":
            assert procedure in text, (where, label, text)
    # threshold lines across all cases
    assert state["x"][2] == [-0.5, n - 0.5] and state["x"][3] == [-0.5, n - 0.5]
    assert state["y"][2] == [hi, hi] and state["y"][3] == [lo, lo]
    assert f"{hi:.2f}" in state["name"][2] and f"{lo:.2f}" in state["name"][3]


def test_one_dropdown_entry_per_reading_in_file_order(cases) -> None:
    fig = article_x_figure(cases)
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    assert [b["label"] for b in menu["buttons"]] == [
        "The withdrawing state's reading", "Other parties' reading (for Japan, the course's, after the essay)"]
    assert menu["active"] == 0


@pytest.mark.parametrize(("hi", "lo"), [(2 / 3, 1 / 3), (0.8, 0.2), (0.5, 0.25)])
def test_every_entry_and_slider_step_matches_the_rules(cases, hi, lo) -> None:
    fig = article_x_figure(cases, justified_at=hi, unjustified_at=lo)
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    for button, reading in zip(menu["buttons"], ("withdrawing", "others"), strict=True):
        expected = _table_levels(cases, reading)
        state, layout, indices = button["args"]
        assert indices == [0, 1, 2, 3]
        _check_state(state, expected, hi, lo, f"button {reading}")
        (slider,) = layout["sliders"]
        values = [float(s["value"]) for s in slider["steps"]]
        assert values == sorted(values) and len(set(values)) == len(values)
        assert all(v > lo for v in values)
        assert set(JUSTIFIED_STEPS) - {v for v in JUSTIFIED_STEPS if v <= lo} <= set(values)
        # the active step carries the figure's own threshold, exactly
        active = slider["steps"][slider["active"]]
        assert active["args"][0]["y"][2] == [hi, hi]
        for step, shown in zip(slider["steps"], values, strict=True):
            assert step["method"] == "restyle"
            step_state, step_indices = step["args"]
            assert step_indices == indices
            # the label is the threshold rounded for display; the state uses the exact value
            v = step_state["y"][2][0]
            assert abs(v - shown) <= 0.005 and float(step["label"]) == shown
            _check_state(step_state, expected, v, lo, f"slider {reading} at {shown}")


def test_the_two_readings_differ_where_the_data_differ(cases) -> None:
    fig = article_x_figure(cases)
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    a, b = (btn["args"][0] for btn in menu["buttons"])
    assert a["text"][0] != b["text"][0] and a["y"][1] != b["y"][1]


def test_initial_traces_show_the_chosen_reading(cases) -> None:
    for reading in ("withdrawing", "others"):
        fig = article_x_figure(cases, initial=reading)
        expected = _table_levels(cases, reading)
        state = {"z": [fig.data[0].z], "text": [fig.data[0].text, fig.data[1].text],
                 "x": [None, None, list(fig.data[2].x), list(fig.data[3].x)],
                 "y": [None, fig.data[1].y, list(fig.data[2].y), list(fig.data[3].y)],
                 "marker.color": [None, fig.data[1].marker.color],
                 "name": [None, None, fig.data[2].name, fig.data[3].name]}
        state["z"][0] = [list(row) for row in state["z"][0]]
        state["text"][0] = [list(row) for row in state["text"][0]]
        _check_state(state, expected, 2 / 3, 1 / 3, f"initial {reading}")
        assert reading in fig.layout.sliders[0].name


def test_grid_colours_are_one_per_level(cases) -> None:
    fig = article_x_figure(cases)
    grid = fig.data[0]
    assert grid.type == "heatmap" and (grid.zmin, grid.zmax) == (0, 1)
    scale = [tuple(s) for s in grid.colorscale]
    # score 0 -> not met, 0.5 -> arguable, 1 -> met
    assert scale[0] == (0.0, LEVEL_COLORS["not_met"]) and scale[-1] == (1.0, LEVEL_COLORS["met"])
    assert (0.5 > scale[2][0]) and (0.5 < scale[4][0]) and scale[2][1] == LEVEL_COLORS["arguable"]


def test_essay_reading_of_japan_is_not_justified(cases) -> None:
    rows = dict((cid, lv) for cid, _, lv in reading_assessments(cases, "others"))
    res = assess_withdrawal(rows["japan_today"])
    assert res.procedure == "valid" and res.verdict == "unjustified"
    assert res.legitimacy == pytest.approx(1 / 6)  # (0 + 1/2 + 0) / 3


def test_figure_refuses_bad_tables(cases) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        article_x_figure("article_x_cases")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="assessment"):
        article_x_figure(cases.drop(columns=["assessment"]))
    with pytest.raises(ValueError, match="dprk_2003/others"):
        article_x_figure(cases.drop(index=cases.index[
            (cases["case_id"] == "dprk_2003") & (cases["reading_id"] == "others")][:1]))
    with pytest.raises(ValueError, match="no rows"):
        article_x_figure(cases.iloc[0:0])
    with pytest.raises(ValueError, match="initial"):
        article_x_figure(cases, initial="court")
    with pytest.raises(ValueError, match="reading"):
        reading_assessments(cases, "court")


def test_display_table_uses_readable_labels(cases) -> None:
    shown = cases_for_display(cases)
    assert len(shown) == len(cases)
    assert set(shown["assessment"]) == {"met", "arguable", "not met"}
    assert set(shown["condition_id"]) == {
        "1 Sovereign decision (P)", "2 Extraordinary events (S)", "3 Subject matter (S)",
        "4 Supreme interests (S)", "5 Three months' notice (P)", "6 Statement of events (P)"}
    # the rationale and sources travel with each row unchanged
    assert sorted(shown["rationale"]) == sorted(cases["rationale"])


def test_state_refuses_mismatched_inputs() -> None:
    with pytest.raises(ValueError, match="same length"):
        article_x_state(["a", "b"], [assess_withdrawal(levels())])


def test_narrow_layout_keeps_controls(cases) -> None:
    narrow = article_x_figure(cases).layout.meta["narrow"]
    assert narrow["height"] > 700 and len(narrow["yaxis.ticktext"]) == 6


# --------------------------------------------------------------------------------------
# The milestones figure
# --------------------------------------------------------------------------------------


def test_milestones_figure_plots_every_row(milestones) -> None:
    fig = npt_milestones_figure(milestones)
    points = [(x, y) for t in fig.data if t.mode == "markers" for x, y in zip(t.x, t.y, strict=True)]
    day = milestones[milestones["date_precision"] == "day"]
    assert sorted(points) == sorted(zip(day["date"], day["party"], strict=True))
    (year_bar,) = [t for t in fig.data if t.mode == "lines"]
    assert list(year_bar.x) == ["1975-01-01", "1975-12-31"] and set(year_bar.y) == {"Republic of Korea"}


def test_milestones_buttons_are_distinct_ranges(milestones) -> None:
    fig = npt_milestones_figure(milestones)
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    ranges = [tuple(b["args"][0]["xaxis.range"]) for b in menu["buttons"]]
    assert len(set(ranges)) == len(ranges) == len(MILESTONE_VIEWS)
    assert list(fig.layout.xaxis.range) == list(ranges[0])
    # every view holds at least two events
    for lo, hi in ranges:
        inside = milestones[(milestones["date"] >= lo[:4]) & (milestones["date"] <= hi)]
        assert len(inside) >= 2


def test_milestones_figure_refuses_bad_tables(milestones) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        npt_milestones_figure(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="party"):
        npt_milestones_figure(milestones.drop(columns=["party"]))
    bad = milestones.copy()
    bad.loc[0, "party"] = "Atlantis"
    with pytest.raises(ValueError, match="Atlantis"):
        npt_milestones_figure(bad)


# --------------------------------------------------------------------------------------
# The live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel(cases) -> ArticleXPanel:
    return article_x_panel(cases)


def _panel_levels(panel: ArticleXPanel) -> dict[str, str]:
    return {c: panel.controls[c].value for c in CONDITION_IDS}


def test_panel_starts_on_the_first_case_and_reading(panel, cases) -> None:
    assert panel.controls["preset"].value == "dprk_1993/withdrawing"
    expected = _table_levels(cases, "withdrawing")[0][1]
    assert _panel_levels(panel) == expected
    assert isinstance(panel.figure, go.FigureWidget)
    assert list(panel.figure.data[1].y) == [1.0]
    assert "justified" in panel.summary.value


@pytest.mark.parametrize(("case", "reading", "legit"), [
    ("japan_today", "others", 1 / 6), ("japan_today", "withdrawing", 5 / 6),
    ("dprk_2003", "others", 1 / 3), ("dprk_1993", "others", 1 / 3)])
def test_choosing_a_preset_loads_its_assessments(panel, cases, case, reading, legit) -> None:
    panel.controls["preset"].value = f"{case}/{reading}"
    expected = dict((label, lv) for label, lv in _table_levels(cases, reading))
    label = str(cases.loc[cases["case_id"] == case, "case_label"].iloc[0])
    assert _panel_levels(panel) == expected[label]
    assert panel.figure.data[1].y[0] == pytest.approx(legit)
    column = [row[0] for row in panel.figure.data[0].z]
    assert column == [float(HAND_SCORE[expected[label][c]]) for c in CONDITION_IDS]
    assert f"{legit:.3f}" in panel.summary.value
    # the column is named after the case
    assert list(panel.figure.layout.xaxis2.ticktext) == [label.replace(" (", "<br>(")]


def test_every_preset_is_offered_with_its_case_and_reading(panel, cases) -> None:
    options = dict((v, k) for k, v in panel.controls["preset"].options)
    assert len(options) == 6
    for (case, reading), group in cases.groupby(["case_id", "reading_id"]):
        shown = options[f"{case}/{reading}"]
        assert str(group["case_label"].iloc[0]) in shown and str(group["reading_label"].iloc[0]) in shown


def test_an_unmet_notice_makes_the_withdrawal_invalid(panel) -> None:
    panel.controls["notice"].value = "not_met"
    assert "not a valid withdrawal" in panel.summary.value
    assert panel.figure.data[1].marker.color[0] == VERDICT_COLORS["invalid"]
    assert "5 Three months&#x27; notice (P)" in panel.summary.value  # escaped HTML


def test_rule_and_thresholds_move_the_figure(panel) -> None:
    panel.controls["extraordinary_events"].value = "arguable"   # L = 5/6 with the mean
    assert panel.figure.data[1].y[0] == pytest.approx(5 / 6)
    panel.controls["rule"].value = "minimum"                     # L = 1/2
    assert panel.figure.data[1].y[0] == pytest.approx(0.5)
    assert "contested" in panel.summary.value
    panel.controls["unjustified_at"].value = 0.5                 # L = 1/2 <= 0.5
    assert "not justified" in panel.summary.value
    assert list(panel.figure.data[3].y) == [0.5, 0.5]
    panel.controls["justified_at"].value = 0.9
    assert list(panel.figure.data[2].y) == [0.9, 0.9] and "0.90" in panel.figure.data[2].name


def test_crossed_thresholds_are_named_by_their_labels_and_mark_the_figure(panel) -> None:
    panel.controls["justified_at"].value = 0.2
    summary = panel.summary.value
    assert summary.startswith("<b>Cannot compute:</b>")
    # the controls as the learner sees them, not the model's parameter names
    assert "the lower threshold (0.3333333333333333) must be below the upper threshold (0.2)" in summary, summary
    assert "unjustified_at" not in summary and "justified_at" not in summary
    assert "Lower threshold" in panel.controls["unjustified_at"].description
    assert "Upper threshold" in panel.controls["justified_at"].description
    # the old figure does not stand: the result is hidden and the title says so
    assert not panel.computed
    assert all(panel.figure.data[i].visible is False for i in DYNAMIC_TRACES)
    assert panel.figure.layout.title.text.endswith("(not computed)")
    # an assessment changed meanwhile raises nothing and keeps the message
    panel.controls["notice"].value = "arguable"
    assert not panel.computed and "Cannot compute" in panel.summary.value
    # moving the upper threshold back above the lower one brings the result back
    panel.controls["justified_at"].value = 0.8
    assert panel.computed
    assert all(panel.figure.data[i].visible is not False for i in DYNAMIC_TRACES)
    assert list(panel.figure.data[2].y) == [0.8, 0.8]
    assert "procedure disputed" in panel.summary.value


def test_a_preset_keeps_the_rule_and_thresholds_and_says_so(panel, cases) -> None:
    panel.controls["rule"].value = "minimum"
    panel.controls["justified_at"].value = 0.9
    panel.controls["unjustified_at"].value = 0.1
    panel.controls["preset"].value = "japan_today/withdrawing"
    assert (panel.controls["rule"].value, panel.controls["justified_at"].value,
            panel.controls["unjustified_at"].value) == ("minimum", 0.9, 0.1)
    assert _panel_levels(panel) == dict(_table_levels(cases, "withdrawing"))["Japan today (hypothetical)"]
    assert list(panel.figure.data[2].y) == [0.9, 0.9]
    note = panel.children[1].value
    assert "A preset sets " + CONDITION_LABELS["sovereignty"].replace("'", "&#x27;") in note
    assert "the other controls keep the values you set" in note


def test_the_panel_follows_the_explorer_contract(panel) -> None:
    check_live_panel(panel, rejected={"unjustified_at": 0.9, "justified_at": 0.1})


def test_the_figures_follow_the_explorer_contract(cases, milestones) -> None:
    check_explorer_figure(article_x_figure(cases))
    check_explorer_figure(npt_milestones_figure(milestones))


def test_panel_rejects_bad_tables(cases) -> None:
    with pytest.raises(ValueError, match="assessment"):
        article_x_panel(cases.drop(columns=["assessment"]))
    with pytest.raises(ValueError, match="no rows"):
        article_x_panel(cases.iloc[0:0])


def test_preset_arguments_reads_six_rows(cases) -> None:
    rows = cases[(cases["case_id"] == "dprk_2003") & (cases["reading_id"] == "others")]
    got = preset_arguments(rows.to_dict("records"))
    assert got == {str(r.condition_id): str(r.assessment) for r in rows.itertuples()}
    assert list(got) == list(CONDITION_IDS)


@pytest.mark.parametrize(("spoil", "words"), [
    (lambda rows: rows[:5], "x/y: assessments is missing condition(s) statement"),
    (lambda rows: [*rows, rows[0]], "x/y: the condition sovereignty is assessed twice"),
    (lambda rows: [{**rows[0], "assessment": "maybe"}, *rows[1:]], "x/y: assessments['sovereignty']"),
    (lambda rows: [{"condition_id": "sovereignty"}, *rows[1:]], "x/y: the column(s) assessment"),
])
def test_preset_arguments_names_the_preset(spoil, words) -> None:
    rows = [{"condition_id": c, "assessment": "met"} for c in CONDITION_IDS]
    with pytest.raises(ValueError) as info:
        preset_arguments(spoil(rows), name="x/y")
    assert words in str(info.value)


# --------------------------------------------------------------------------------------
# The data: facts from the sources, and identities between the dates
# --------------------------------------------------------------------------------------

EXPECTED_DATES = {
    # UNODA / depositary records, the 1995 decision, UN documents, CNS (see each row's source)
    "npt_opened": "1968-07-01",
    "npt_in_force": "1970-03-05",
    "npt_extended": "1995-05-11",
    "canada_signed": "1968-07-23",
    "canada_ratified": "1969-01-08",
    "frg_signed": "1969-11-28",
    "frg_ratified": "1975-05-02",
    "japan_signed": "1970-02-03",
    "japan_ratified": "1976-06-08",
    "rok_ratified": "1975",
    "dprk_acceded": "1985-12-12",
    "dprk_notice_1993": "1993-03-12",
    "dprk_suspended_1993": "1993-06-11",
    "dprk_notice_2003": "2003-01-10",
    "dprk_claimed_effective": "2003-01-11",
    "dprk_generally_effective": "2003-04-10",
    "unsc_1718": "2006-10-14",
}


def test_milestone_dates_match_the_sources(milestones) -> None:
    got = dict(zip(milestones["event_id"], milestones["date"], strict=True))
    for event, when in EXPECTED_DATES.items():
        assert got[event] == when, event


def _d(milestones: pd.DataFrame, event: str) -> date:
    return date.fromisoformat(milestones.set_index("event_id").loc[event, "date"])


def _plus_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return d.replace(year=d.year + m // 12, month=m % 12 + 1)


def test_notice_periods(milestones) -> None:
    notice_1993 = _d(milestones, "dprk_notice_1993")
    # suspended one day before the three months ran out
    assert _d(milestones, "dprk_suspended_1993") == date(1993, 6, 12) - (date(1993, 6, 12) - date(1993, 6, 11))
    assert _plus_months(notice_1993, 3) == date(1993, 6, 12)
    assert (_plus_months(notice_1993, 3) - _d(milestones, "dprk_suspended_1993")).days == 1
    notice_2003 = _d(milestones, "dprk_notice_2003")
    # the DPRK's reading: one more day; the generally held view: a fresh three months
    assert (_d(milestones, "dprk_claimed_effective") - notice_2003).days == 1
    assert _plus_months(notice_2003, 3) == _d(milestones, "dprk_generally_effective")


def test_treaty_chronology(milestones) -> None:
    opened, in_force = _d(milestones, "npt_opened"), _d(milestones, "npt_in_force")
    extended = _d(milestones, "npt_extended")
    assert opened < in_force < extended
    # Article X.2: a conference twenty-five years after entry into force
    assert extended.year - in_force.year == 25
    for state in ("canada", "frg", "japan"):
        assert _d(milestones, f"{state}_signed") < _d(milestones, f"{state}_ratified")
        # signatures were only possible before entry into force (Article IX.1)
        assert _d(milestones, f"{state}_signed") < in_force


def test_milestones_are_in_chronological_order(milestones) -> None:
    df = milestones.sort_values("order")
    years = [int(d[:4]) for d in df["date"]]
    assert years == sorted(years)
    full = [d for d, p in zip(df["date"], df["date_precision"], strict=True) if p == "day"]
    assert full == sorted(full)
    assert list(df["order"]) == list(range(1, len(df) + 1))


def test_year_only_rows_say_so(milestones) -> None:
    year_only = milestones[milestones["date_precision"] == "year"]
    assert list(year_only["event_id"]) == ["rok_ratified"]
    assert all(len(d) == 4 for d in year_only["date"])
    assert "could not be confirmed" in year_only["note"].iloc[0]
    assert all(len(d) == 10 for d in milestones.loc[milestones["date_precision"] == "day", "date"])


def test_cases_table_is_complete(cases) -> None:
    assert len(cases) == 3 * 2 * 6
    for (case, reading), group in cases.groupby(["case_id", "reading_id"]):
        assert sorted(group["condition_id"]) == sorted(CONDITION_IDS), (case, reading)
    assert set(cases["case_id"]) == {"dprk_1993", "dprk_2003", "japan_today"}
    assert "hypothetical" in cases.loc[cases["case_id"] == "japan_today", "case_label"].iloc[0]


def test_cases_encode_the_sourced_readings(cases) -> None:
    lv = {(r.case_id, r.reading_id, r.condition_id): r.assessment for r in cases.itertuples()}
    # the essay: a harsh environment is not an extraordinary event
    assert lv[("japan_today", "others", "extraordinary_events")] == "not_met"
    assert "albessard2025" in cases.loc[(cases["case_id"] == "japan_today")
                                        & (cases["reading_id"] == "others")
                                        & (cases["condition_id"] == "extraordinary_events"), "source"].iloc[0]
    # 2003: the one-day notice was not generally accepted
    assert lv[("dprk_2003", "others", "notice")] == "arguable"
    assert lv[("dprk_2003", "withdrawing", "notice")] == "met"
    # a withdrawing state reads its own case as fully met, except Japan's hypothetical trend
    own = [a for (c, r, _), a in lv.items() if r == "withdrawing" and c != "japan_today"]
    assert set(own) == {"met"}
    # the Japanese procedure is assumed to be followed, in both readings
    for reading in ("withdrawing", "others"):
        for cid in PROCEDURAL:
            assert lv[("japan_today", reading, cid)] == "met"


def test_the_figures_speak_japanese(cases, milestones) -> None:
    check_figure_in_japanese(lambda: article_x_figure(cases))
    check_figure_in_japanese(lambda: npt_milestones_figure(milestones))


def test_the_japanese_figure_uses_the_treaty_s_official_words_and_the_model_s_verdicts(cases) -> None:
    with speaking("ja"):
        fig = article_x_figure(cases)
    english = article_x_figure(cases)
    rows = list(fig.layout.yaxis.ticktext)
    assert rows[1] == "2 異常な事態（S）" and rows[3] == "4 至高の利益（S）", rows
    assert list(fig.data[1].y) == list(english.data[1].y)
    bars = " ".join(fig.data[1].text)
    assert "正当" in bars and "justified" not in bars
    assert "今日の日本<br>（仮定）" in list(fig.layout.xaxis.ticktext)


def test_the_japanese_milestones_keep_their_lanes_and_name_them_in_japanese(milestones) -> None:
    with speaking("ja"):
        fig = npt_milestones_figure(milestones)
    assert list(fig.layout.yaxis.tickvals)[-1] == "DPRK"
    assert list(fig.layout.yaxis.ticktext)[-1] == "北朝鮮"
    hovers = [t.hovertemplate for t in fig.data]
    assert all("%Y年" in h or "年のみ" in h for h in hovers), hovers


def test_the_panel_speaks_japanese(cases) -> None:
    check_panel_in_japanese(lambda: article_x_panel(cases))
    with speaking("ja"):
        panel = article_x_panel(cases)
        panel.controls["notice"].value = "not_met"
    assert "有効な脱退ではない" in panel.summary.value and "3か月前の通知" in panel.summary.value
    assert "as you assess it" not in panel.summary.value


def test_a_rejected_combination_is_explained_in_japanese(cases) -> None:
    with speaking("ja"):
        panel = article_x_panel(cases)
        panel.controls["unjustified_at"].value = 0.9
    assert not panel.computed
    assert "より小さくなければならない" in panel.summary.value, panel.summary.value
    assert "must be below" not in panel.summary.value


def test_the_tables_speak_japanese(cases, milestones) -> None:
    import re

    with speaking("ja"):
        assessed = re.sub(r"<[^>]+>", "", article_x_cases_table(cases).to_html())
        dates = re.sub(r"<[^>]+>", "", npt_milestones_table(milestones).to_html())
    for word in ("事例・読み方・要件ごとの第10条の評価", "今日の日本（仮定）", "脱退する国家自身の読み方",
                 "1 主権的な決定（P）", "満たさない", "平壌は、米韓合同軍事演習"):
        assert word in assessed, word
    for word in ("NPTの節目", "1968年7月1日", "1975年", "西ドイツ", "北朝鮮が条約に加入"):
        assert word in dates, word
    assert "Opened for signature" not in dates and "Article IX.1 kept" not in dates
    assert "Pyongyang presented" not in assessed
