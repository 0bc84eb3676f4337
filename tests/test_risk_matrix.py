"""Chapter 6's risk matrix: the model, its figure and panel, the two data tables, and the built page.

Expected values are worked by hand from the model's equation
``S = sum_r w_r s_r / (3 sum_r w_r)`` and from the coding in
``data/japan_study_risks.csv`` (identified risks and their severities):

================  =========================================================
study             identified risks (severity)
================  =========================================================
cro_1968_70       npt_damage (2); economic_burden discounted
mofa_1969         none
jda_1970          economic_burden (1), no_test_site (3)
ndc_1981          economic_burden (3)
jda_1995          arms_race (1), npt_damage (3), isolation_us (3), economic_burden (2)
essay_2025        all seven (2)
================  =========================================================
"""

from __future__ import annotations

import csv
import html
import json
import math
import re
from fractions import Fraction
from pathlib import Path

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
from proliferation_course.figures.risk_matrix import (
    DYNAMIC_TRACES,
    EMPHASIS_STEPS,
    STATUS_CODE,
    VIEW_LABEL,
    check_presets,
    documented_cells_table,
    japan_studies_table,
    risk_matrix_figure,
    risk_matrix_snapshot_figure,
    risk_matrix_state,
    wrap_label,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.risk_matrix import (
    CATEGORIES,
    PRESET_COLUMNS,
    RISK_CATEGORY,
    RISK_LABELS,
    RISK_LABELS_JA,
    RISKS,
    STATUSES,
    RiskMatrixResult,
    category_weights,
    check_weights,
    preset_arguments,
    risk_matrix,
    validate_risk_table,
    weighted_risk_score,
)
from proliferation_course.widgets.risk_matrix import RiskMatrixPanel, risk_matrix_panel
from site_helpers import require_site

ORDER = ["cro_1968_70", "mofa_1969", "jda_1970", "ndc_1981", "jda_1995", "essay_2025"]
#: Severities by hand, in the order of RISKS:
#: arms_race, preventive_attack, npt_damage, isolation_us, economic_burden, sanctions, no_test_site.
HAND_SEVERITY = {
    "cro_1968_70": (0, 0, 2, 0, 0, 0, 0),
    "mofa_1969": (0, 0, 0, 0, 0, 0, 0),
    "jda_1970": (0, 0, 0, 0, 1, 0, 3),
    "ndc_1981": (0, 0, 0, 0, 3, 0, 0),
    "jda_1995": (1, 0, 3, 3, 2, 0, 0),
    "essay_2025": (2, 2, 2, 2, 2, 2, 2),
}
#: Identified and documented counts (out of 7), by hand.
HAND_IDENTIFIED = {"cro_1968_70": 1, "mofa_1969": 0, "jda_1970": 2, "ndc_1981": 1, "jda_1995": 4, "essay_2025": 7}
HAND_DOCUMENTED = {"cro_1968_70": 2, "mofa_1969": 0, "jda_1970": 2, "ndc_1981": 1, "jda_1995": 4, "essay_2025": 7}
#: Weighted scores by hand. Equal weights: sum s / 21. Emphasis x3: sum w s / 33.
HAND_SCORE = {
    "equal": {"cro_1968_70": Fraction(2, 21), "mofa_1969": Fraction(0), "jda_1970": Fraction(4, 21),
              "ndc_1981": Fraction(3, 21), "jda_1995": Fraction(9, 21), "essay_2025": Fraction(14, 21)},
    "security": {"cro_1968_70": Fraction(2, 33), "mofa_1969": Fraction(0), "jda_1970": Fraction(4, 33),
                 "ndc_1981": Fraction(3, 33), "jda_1995": Fraction(11, 33), "essay_2025": Fraction(22, 33)},
    "diplomacy": {"cro_1968_70": Fraction(6, 33), "mofa_1969": Fraction(0), "jda_1970": Fraction(4, 33),
                  "ndc_1981": Fraction(3, 33), "jda_1995": Fraction(21, 33), "essay_2025": Fraction(22, 33)},
    "economic": {"cro_1968_70": Fraction(2, 33), "mofa_1969": Fraction(0), "jda_1970": Fraction(6, 33),
                 "ndc_1981": Fraction(9, 33), "jda_1995": Fraction(13, 33), "essay_2025": Fraction(22, 33)},
}
PROPERTY = settings(max_examples=200, deadline=None, database=None)


@pytest.fixture(scope="module")
def studies() -> pd.DataFrame:
    return load_table("japan_studies")


@pytest.fixture(scope="module")
def risks() -> pd.DataFrame:
    return load_table("japan_study_risks")


@pytest.fixture(scope="module")
def weightings() -> pd.DataFrame:
    """The ``risk_matrix_presets`` table: the weighting presets of the figure and the panel."""
    return load_table("risk_matrix_presets")


#: The figure's views, in the dropdown's order: the statuses, then one per weighting preset.
VIEWS = ("identified", "equal", "security", "diplomacy", "economic")
VIEW_LABELS = {
    "identified": "Which risks each study identified",
    "equal": "Severity, equal weights",
    "security": "Severity, security risks weighted up",
    "diplomacy": "Severity, alliance and diplomatic risks weighted up",
    "economic": "Severity, economic risks weighted up",
}


def weight_presets() -> dict[str, dict[str, float]]:
    """``{preset_id: weights}`` read from the presets table through the model."""
    table = check_presets(load_table("risk_matrix_presets"))
    return {str(r["preset_id"]): preset_arguments(r)["weights"] for r in table.to_dict("records")}


def _grid(severity: dict[str, tuple[int, ...]], discounted: set[tuple[str, str]] = frozenset()) -> pd.DataFrame:
    """A coding table built from severities: >0 identified, 0 not documented (or discounted)."""
    rows = []
    for study, sev in severity.items():
        for r, s in zip(RISKS, sev, strict=True):
            status = "identified" if s else ("discounted" if (study, r) in discounted else "not documented")
            rows.append({"study_id": study, "risk_id": r, "status": status, "severity": s})
    return pd.DataFrame(rows)


def _hand_score(sev: tuple[int, ...], weights: dict[str, float]) -> float:
    """The score written out from the equation, independently of the package."""
    num = sum(weights[r] * s for r, s in zip(RISKS, sev, strict=True))
    return num / (3 * sum(weights.values()))


def _emphasis(category: str | None, k: float) -> dict[str, float]:
    return {r: (k if RISK_CATEGORY[r] == category else 1.0) for r in RISKS}


# --------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------


def test_seven_risks_in_the_essays_order_with_labels() -> None:
    assert RISKS == ("arms_race", "preventive_attack", "npt_damage", "isolation_us",
                     "economic_burden", "sanctions", "no_test_site")
    assert set(RISK_LABELS) == set(RISKS) == set(RISK_LABELS_JA) == set(RISK_CATEGORY)
    assert set(RISK_CATEGORY.values()) == set(CATEGORIES)
    # the essay's own wording
    assert RISK_LABELS_JA["no_test_site"] == "核実験に適した領域の欠如"
    assert RISK_LABELS_JA["preventive_attack"] == "敵対国による予防攻撃の誘因の増大"
    assert STATUSES == ("identified", "discounted", "not documented")


def test_weight_presets() -> None:
    WEIGHT_PRESETS = weight_presets()
    assert list(WEIGHT_PRESETS) == list(VIEWS[1:])
    assert WEIGHT_PRESETS["equal"] == {r: 1.0 for r in RISKS}
    assert WEIGHT_PRESETS["security"]["arms_race"] == 3.0
    assert WEIGHT_PRESETS["security"]["preventive_attack"] == 3.0
    assert WEIGHT_PRESETS["security"]["sanctions"] == 1.0
    assert WEIGHT_PRESETS["diplomacy"]["npt_damage"] == WEIGHT_PRESETS["diplomacy"]["isolation_us"] == 3.0
    assert WEIGHT_PRESETS["economic"]["economic_burden"] == WEIGHT_PRESETS["economic"]["sanctions"] == 3.0
    assert sum(WEIGHT_PRESETS["economic"].values()) == 11.0
    assert category_weights("technical", 5.0)["no_test_site"] == 5.0
    assert PRESET_COLUMNS == ("emphasis", "factor")


@pytest.mark.parametrize(("row", "words"), [
    ({"preset_id": "x", "factor": 3}, "preset 'x': the column emphasis is missing"),
    ({"preset_id": "x", "emphasis": "security"}, "preset 'x': the column factor is missing"),
    ({"preset_id": "x", "emphasis": "cultural", "factor": 3}, "preset 'x': emphasis must be one of none"),
    ({"preset_id": "x", "emphasis": None, "factor": 3}, "preset 'x': emphasis must be one of"),
    ({"preset_id": "x", "emphasis": "security", "factor": 0}, "preset 'x': factor must be positive"),
    ({"preset_id": "x", "emphasis": "security", "factor": "3"}, "preset 'x': factor"),
    ({"preset_id": "x", "emphasis": "security", "factor": math.nan}, "preset 'x': factor"),
])
def test_preset_arguments_names_the_preset_and_the_column(row, words) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        preset_arguments(row)


def test_check_presets_rejects_bad_tables(weightings) -> None:
    with pytest.raises(ValueError, match="factor"):
        check_presets(weightings.drop(columns=["factor"]))
    with pytest.raises(ValueError, match="no rows"):
        check_presets(weightings.iloc[0:0])
    with pytest.raises(ValueError, match="DataFrame"):
        check_presets("risk_matrix_presets")
    with pytest.raises(ValueError, match="preset 'economic': emphasis"):
        check_presets(weightings.assign(emphasis=weightings["emphasis"].where(
            weightings["preset_id"] != "economic", "cultural")))
    with pytest.raises(ValueError, match="the view of the statuses"):
        check_presets(weightings.assign(preset_id=["identified", "b", "c", "d"]))


# --------------------------------------------------------------------------------------
# The model: hand-computed values
# --------------------------------------------------------------------------------------


def test_weighted_score_by_hand() -> None:
    sev = dict(zip(RISKS, HAND_SEVERITY["jda_1995"], strict=True))
    assert weighted_risk_score(sev) == pytest.approx(9 / 21)
    assert weighted_risk_score(sev, _emphasis("diplomacy", 3.0)) == pytest.approx(21 / 33)
    # only the test site weighted: the score is its severity / 3
    only_test = {r: (1.0 if r == "no_test_site" else 0.0) for r in RISKS}
    assert weighted_risk_score(dict(zip(RISKS, HAND_SEVERITY["jda_1970"], strict=True)), only_test) == 1.0
    assert weighted_risk_score(dict(zip(RISKS, HAND_SEVERITY["mofa_1969"], strict=True))) == 0.0


@pytest.mark.parametrize("view", ["equal", "security", "diplomacy", "economic"])
def test_real_table_scores_by_hand(risks: pd.DataFrame, view: str) -> None:
    res = risk_matrix(risks, weight_presets()[view], study_order=ORDER)
    assert res.studies == tuple(ORDER)
    for study, score in zip(res.studies, res.weighted_score, strict=True):
        assert score == pytest.approx(float(HAND_SCORE[view][study]), abs=1e-12), (view, study)


def test_real_table_shares_and_severities_by_hand(risks: pd.DataFrame) -> None:
    res = risk_matrix(risks, study_order=ORDER)
    for i, study in enumerate(ORDER):
        assert res.severity[i] == HAND_SEVERITY[study], study
        assert res.identified_share[i] == pytest.approx(HAND_IDENTIFIED[study] / 7), study
        assert res.documented_share[i] == pytest.approx(HAND_DOCUMENTED[study] / 7), study
    # the only discounted cell: the 1968 report on cost
    k = RISKS.index("economic_burden")
    assert res.status[0][k] == "discounted"
    summary = res.summary()
    assert list(summary["study_id"]) == ORDER
    assert list(summary.sort_values("rank")["study_id"])[:2] == ["essay_2025", "jda_1995"]
    assert int(summary.loc[summary["study_id"] == "mofa_1969", "rank"].iloc[0]) == 6


def test_default_order_is_first_appearance(risks: pd.DataFrame) -> None:
    shuffled = risks.sample(frac=1.0, random_state=7)
    first_seen = list(dict.fromkeys(shuffled["study_id"]))
    res = risk_matrix(shuffled)
    assert list(res.studies) == first_seen
    # the risks are always in the essay's order, whatever the row order
    ordered = risk_matrix(shuffled, study_order=ORDER)
    assert ordered.severity == risk_matrix(risks, study_order=ORDER).severity


def test_five_of_seven_risks_documented_by_some_study(risks: pd.DataFrame) -> None:
    """What the page claims: no study documents preventive attack or sanctions."""
    studies_only = risks[risks["study_id"] != "essay_2025"]
    found = set(studies_only.loc[studies_only["status"] == "identified", "risk_id"])
    assert found == {"arms_race", "npt_damage", "isolation_us", "economic_burden", "no_test_site"}
    assert set(RISKS) - found == {"preventive_attack", "sanctions"}


# --------------------------------------------------------------------------------------
# The model: bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("bad", "match"), [
    ([1.0] * 7, "mapping"),
    ({r: 1.0 for r in RISKS[:-1]}, "lacks the risk"),
    ({**{r: 1.0 for r in RISKS}, "tsunami": 1.0}, "unknown risk"),
    ({**{r: 1.0 for r in RISKS}, "arms_race": -1.0}, r"weights\['arms_race'\]"),
    ({**{r: 1.0 for r in RISKS}, "sanctions": math.nan}, r"weights\['sanctions'\]"),
    ({**{r: 1.0 for r in RISKS}, "sanctions": math.inf}, r"weights\['sanctions'\]"),
    ({**{r: 1.0 for r in RISKS}, "sanctions": "3"}, r"weights\['sanctions'\]"),
    ({**{r: 1.0 for r in RISKS}, "sanctions": True}, r"weights\['sanctions'\]"),
    ({r: 0.0 for r in RISKS}, "all be zero"),
])
def test_bad_weights(bad, match) -> None:
    with pytest.raises(ValueError, match=match):
        check_weights(bad)
    with pytest.raises(ValueError, match=match):
        weighted_risk_score({r: 1 for r in RISKS}, bad)


@pytest.mark.parametrize(("bad", "match"), [
    ([1] * 7, "mapping"),
    ({r: 1 for r in RISKS[1:]}, "lacks"),
    ({**{r: 1 for r in RISKS}, "x": 1}, "unknown"),
    ({**{r: 1 for r in RISKS}, "arms_race": 4}, r"severities\['arms_race'\]"),
    ({**{r: 1 for r in RISKS}, "arms_race": -1}, r"severities\['arms_race'\]"),
    ({**{r: 1 for r in RISKS}, "arms_race": 1.5}, r"severities\['arms_race'\]"),
    ({**{r: 1 for r in RISKS}, "arms_race": True}, r"severities\['arms_race'\]"),
    ({**{r: 1 for r in RISKS}, "arms_race": math.nan}, r"severities\['arms_race'\]"),
])
def test_bad_severities(bad, match) -> None:
    with pytest.raises(ValueError, match=match):
        weighted_risk_score(bad)


def test_integral_float_severity_is_accepted() -> None:
    assert weighted_risk_score({r: 3.0 for r in RISKS}) == 1.0


@pytest.mark.parametrize(("bad", "match"), [("cultural", "emphasis"), (3, "emphasis")])
def test_bad_emphasis(bad, match) -> None:
    with pytest.raises(ValueError, match=match):
        category_weights(bad)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, "3"])
def test_bad_factor(bad) -> None:
    with pytest.raises(ValueError, match="factor"):
        category_weights("economic", bad)


def _edit(risks: pd.DataFrame, study: str, risk: str, **changes) -> pd.DataFrame:
    out = risks.copy()
    mask = (out["study_id"] == study) & (out["risk_id"] == risk)
    assert mask.sum() == 1
    for col, value in changes.items():
        out[col] = out[col].astype(object)
        out.loc[mask, col] = value
    return out


def test_bad_tables(risks: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        risk_matrix(risks.to_dict())
    with pytest.raises(ValueError, match="severity"):
        risk_matrix(risks.drop(columns=["severity"]))
    with pytest.raises(ValueError, match="no rows"):
        risk_matrix(risks.iloc[0:0])
    with pytest.raises(ValueError, match=r"risk_id \(jda_1970\)"):
        risk_matrix(_edit(risks, "jda_1970", "sanctions", risk_id="tsunami"))
    with pytest.raises(ValueError, match=r"status \(jda_1970/sanctions\)"):
        risk_matrix(_edit(risks, "jda_1970", "sanctions", status="likely"))
    with pytest.raises(ValueError, match=r"severity \(jda_1970/no_test_site\)"):
        risk_matrix(_edit(risks, "jda_1970", "no_test_site", severity=4))
    with pytest.raises(ValueError, match=r"severity \(jda_1970/no_test_site\)"):
        risk_matrix(_edit(risks, "jda_1970", "no_test_site", severity=2.5))
    with pytest.raises(ValueError, match=r"severity \(jda_1970/no_test_site\).*identified"):
        risk_matrix(_edit(risks, "jda_1970", "no_test_site", severity=0))
    with pytest.raises(ValueError, match=r"severity \(jda_1970/sanctions\).*not documented"):
        risk_matrix(_edit(risks, "jda_1970", "sanctions", severity=2))
    with pytest.raises(ValueError, match=r"severity \(cro_1968_70/economic_burden\).*discounted"):
        risk_matrix(_edit(risks, "cro_1968_70", "economic_burden", severity=1))
    dup = pd.concat([risks, risks.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="repeats study/risk pair"):
        risk_matrix(dup)
    lacking = risks[~((risks["study_id"] == "ndc_1981") & (risks["risk_id"] == "sanctions"))]
    with pytest.raises(ValueError, match=r"lacks risk\(s\) sanctions for study 'ndc_1981'"):
        risk_matrix(lacking)


def test_bad_study_order(risks: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="study_order"):
        risk_matrix(risks, study_order=ORDER[:-1])
    with pytest.raises(ValueError, match="study_order"):
        risk_matrix(risks, study_order=[*ORDER, "atlantis"])
    with pytest.raises(ValueError, match="study_order repeats"):
        risk_matrix(risks, study_order=[*ORDER, ORDER[0]])


def test_validate_returns_a_sorted_complete_grid(risks: pd.DataFrame) -> None:
    grid = validate_risk_table(risks.sample(frac=1.0, random_state=1), ORDER)
    assert len(grid) == 6 * 7
    assert list(grid["study_id"]) == [s for s in ORDER for _ in RISKS]
    assert list(grid["risk_id"]) == list(RISKS) * 6
    assert "note" in grid.columns  # other columns are kept


# --------------------------------------------------------------------------------------
# The model: properties
# --------------------------------------------------------------------------------------

SEVERITY = st.integers(min_value=0, max_value=3)
SEVERITIES = st.tuples(*[SEVERITY] * 7)
WEIGHT = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=10.0))
WEIGHTS = st.tuples(*[WEIGHT] * 7).filter(lambda w: sum(w) > 0)
SCALE = st.floats(min_value=1e-3, max_value=1e3)


@PROPERTY
@given(sev=SEVERITIES, w=WEIGHTS)
def test_score_in_unit_interval_and_matches_equation(sev, w) -> None:
    weights = dict(zip(RISKS, w, strict=True))
    s = weighted_risk_score(dict(zip(RISKS, sev, strict=True)), weights)
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(_hand_score(sev, weights), abs=1e-12)


@PROPERTY
@given(sev=SEVERITIES, w=WEIGHTS, k=SCALE)
def test_scaling_all_weights_changes_nothing(sev, w, k) -> None:
    a = weighted_risk_score(dict(zip(RISKS, sev, strict=True)), dict(zip(RISKS, w, strict=True)))
    b = weighted_risk_score(dict(zip(RISKS, sev, strict=True)), {r: k * x for r, x in zip(RISKS, w, strict=True)})
    assert a == pytest.approx(b, rel=1e-9, abs=1e-12)


@PROPERTY
@given(s=SEVERITY, w=WEIGHTS)
def test_uniform_severity_ignores_the_weights(s, w) -> None:
    score = weighted_risk_score({r: s for r in RISKS}, dict(zip(RISKS, w, strict=True)))
    assert score == pytest.approx(s / 3, abs=1e-12)


@PROPERTY
@given(sev=SEVERITIES, w=WEIGHTS, index=st.integers(min_value=0, max_value=6))
def test_raising_a_severity_never_lowers_the_score(sev, w, index) -> None:
    weights = dict(zip(RISKS, w, strict=True))
    if sev[index] == 3:
        return
    higher = list(sev)
    higher[index] += 1
    before = weighted_risk_score(dict(zip(RISKS, sev, strict=True)), weights)
    after = weighted_risk_score(dict(zip(RISKS, higher, strict=True)), weights)
    assert after >= before - 1e-12
    if weights[RISKS[index]] > 0:
        assert after > before


@PROPERTY
@given(sev=SEVERITIES, w=WEIGHTS, index=st.integers(min_value=0, max_value=6),
       extra=st.floats(min_value=0.01, max_value=10.0))
def test_more_weight_on_a_decisive_risk_never_lowers_the_score(sev, w, index, extra) -> None:
    sev = list(sev)
    sev[index] = 3
    weights = dict(zip(RISKS, w, strict=True))
    before = weighted_risk_score(dict(zip(RISKS, sev, strict=True)), weights)
    weights[RISKS[index]] += extra
    after = weighted_risk_score(dict(zip(RISKS, sev, strict=True)), weights)
    assert after >= before - 1e-12


@PROPERTY
@given(sevs=st.lists(SEVERITIES, min_size=1, max_size=5), w=WEIGHTS, seed=st.integers(0, 1000))
def test_matrix_is_consistent_for_any_grid(sevs, w, seed) -> None:
    severity = {f"s{i}": s for i, s in enumerate(sevs)}
    table = _grid(severity).sample(frac=1.0, random_state=seed)
    weights = dict(zip(RISKS, w, strict=True))
    res = risk_matrix(table, weights, study_order=list(severity))
    assert isinstance(res, RiskMatrixResult)
    for i, sev in enumerate(severity.values()):
        assert res.severity[i] == sev
        assert res.identified_share[i] == pytest.approx(sum(1 for s in sev if s) / 7)
        assert res.identified_share[i] <= res.documented_share[i]
        assert res.weighted_score[i] == pytest.approx(_hand_score(sev, weights), abs=1e-12)


# --------------------------------------------------------------------------------------
# The figure
# --------------------------------------------------------------------------------------


def _layout(fig: go.Figure) -> dict:
    return fig.to_dict()["layout"]


def _check_state(state: dict, view: str, weights: dict[str, float] | None, risks: pd.DataFrame,
                 *, step: bool = False) -> None:
    """Compare a restyle payload with values computed from the CSV and the equations.

    A slider step (``step=True``) sends only what the emphasis changes, so it has no rows."""
    heat_z, bars = state["z"][0], state["x"][1]
    if step:
        assert set(state) == {"x", "z", "text"}, sorted(state)
    else:
        assert state["y"][0] == state["y"][1]
    assert len(state["x"][0]) == 7
    assert len(heat_z) == len(bars) == 6
    rows = {(r["study_id"], r["risk_id"]): r for r in risks.to_dict("records")}
    for i, study in enumerate(ORDER):
        sev = HAND_SEVERITY[study]
        if view == "identified":
            for k, r in enumerate(RISKS):
                assert heat_z[i][k] == STATUS_CODE[rows[(study, r)]["status"]], (study, r)
            assert bars[i] == pytest.approx(HAND_IDENTIFIED[study] / 7, abs=1e-12)
            assert state["text"][1][i] == f"{HAND_IDENTIFIED[study]} of 7"
        else:
            wmax = max(weights.values())
            for k, r in enumerate(RISKS):
                assert heat_z[i][k] == pytest.approx(weights[r] * sev[k] / (3 * wmax), abs=1e-4), (study, r)
            assert bars[i] == pytest.approx(_hand_score(sev, weights), abs=1e-4), (view, study)


def test_one_dropdown_entry_per_view(studies, risks, weightings) -> None:
    fig = risk_matrix_figure(studies, risks, weightings)
    (menu,) = _layout(fig)["updatemenus"]
    assert [b["label"] for b in menu["buttons"]] == [VIEW_LABELS[v] for v in VIEWS]
    assert menu["active"] == 0
    assert _layout(fig)["height"] >= 500
    assert "teaching device" in _layout(fig)["title"]["text"]
    assert "narrow" in _layout(fig)["meta"]


def test_every_view_and_slider_step_matches_the_model(studies, risks, weightings) -> None:
    fig = risk_matrix_figure(studies, risks, weightings)
    (menu,) = _layout(fig)["updatemenus"]
    for view, button in zip(VIEWS, menu["buttons"], strict=True):
        assert button["method"] == "update"
        state, layout, indices = button["args"]
        assert indices == [0, 1]
        weights = None if view == "identified" else _emphasis(None if view == "equal" else view, 3.0)
        _check_state(state, view, weights, risks)
        title = layout["xaxis2.title.text"]
        assert ("identified" in title) == (view == "identified")
        if view in ("identified", "equal"):
            assert layout["sliders"] == []
            continue
        (slider,) = layout["sliders"]
        values = [float(s["value"]) for s in slider["steps"]]
        assert values == list(EMPHASIS_STEPS) and values[0] == 1.0 and values[-1] == 5.0
        assert values[slider["active"]] == 3.0
        for step, k in zip(slider["steps"], values, strict=True):
            assert step["method"] == "restyle"
            step_state, step_indices = step["args"]
            assert step_indices == [0, 1]
            _check_state(step_state, view, _emphasis(view, k), risks, step=True)
            # the emphasised columns carry their weight in the label
            labels = step_state["x"][0]
            for r, label in zip(RISKS, labels, strict=True):
                assert (f"×{k:g}" in label) == (RISK_CATEGORY[r] == view and k != 1.0), (label, k)


def test_slider_at_factor_one_equals_equal_weights(studies, risks, weightings) -> None:
    fig = risk_matrix_figure(studies, risks, weightings)
    (menu,) = _layout(fig)["updatemenus"]
    equal_state = menu["buttons"][1]["args"][0]
    for b in menu["buttons"][2:]:
        first_step = b["args"][1]["sliders"][0]["steps"][0]["args"][0]
        assert first_step["x"][1] == equal_state["x"][1]
        assert first_step["z"][0] == equal_state["z"][0]


def test_every_view_changes_the_figure(studies, risks, weightings) -> None:
    fig = risk_matrix_figure(studies, risks, weightings)
    (menu,) = _layout(fig)["updatemenus"]
    payloads = [json.dumps(b["args"][:2], sort_keys=True) for b in menu["buttons"]]
    assert len(set(payloads)) == len(payloads)


def test_initial_traces_show_the_initial_view(studies, risks, weightings) -> None:
    fig = risk_matrix_figure(studies, risks, weightings)
    heat, bars = fig.data
    assert heat.type == "heatmap" and bars.type == "bar"
    for i, study in enumerate(ORDER):
        assert bars.x[i] == pytest.approx(HAND_IDENTIFIED[study] / 7)
    assert _layout(fig).get("sliders", []) == []
    econ = risk_matrix_figure(studies, risks, weightings, initial="economic")
    assert _layout(econ)["updatemenus"][0]["active"] == VIEWS.index("economic")
    (slider,) = _layout(econ)["sliders"]
    assert slider["name"] == "emphasis-economic"
    for i, study in enumerate(ORDER):
        assert econ.data[1].x[i] == pytest.approx(float(HAND_SCORE["economic"][study]), abs=1e-4)


def test_rows_follow_the_order_column(studies, risks, weightings) -> None:
    shuffled = studies.sample(frac=1.0, random_state=5)
    fig = risk_matrix_figure(shuffled, risks, weightings)
    labels = [wrap_label(x, 22) for x in studies.sort_values("order")["label"]]
    assert list(fig.data[0].y) == labels


def test_snapshot_with_custom_weights(studies, risks, weightings) -> None:
    weights = {r: (5.0 if r == "no_test_site" else 1.0) for r in RISKS}
    fig = risk_matrix_snapshot_figure(studies, risks, "severity", weights=weights)
    for i, study in enumerate(ORDER):
        assert fig.data[1].x[i] == pytest.approx(_hand_score(HAND_SEVERITY[study], weights), abs=1e-4)


def test_figure_bad_input(studies, risks, weightings) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        risk_matrix_figure(None, risks, weightings)
    with pytest.raises(ValueError, match="label"):
        risk_matrix_figure(studies.drop(columns=["label"]), risks, weightings)
    with pytest.raises(ValueError, match="no rows"):
        risk_matrix_figure(studies.iloc[0:0], risks, weightings)
    with pytest.raises(ValueError, match="initial"):
        risk_matrix_figure(studies, risks, weightings, initial="tsunami")
    with pytest.raises(ValueError, match="study_order"):
        risk_matrix_figure(studies[studies["study_id"] != "essay_2025"], risks, weightings)
    res = risk_matrix(risks, study_order=ORDER)
    with pytest.raises(ValueError, match="drawing"):
        risk_matrix_state(res, "tsunami", ORDER)
    with pytest.raises(ValueError, match="study_labels"):
        risk_matrix_state(res, "severity", ORDER[:2])
    with pytest.raises(ValueError, match="factor must be one of the slider's steps"):
        risk_matrix_figure(studies, risks, weightings.assign(factor=[1.0, 3.0, 3.0, 7.0]))


def test_the_figure_follows_the_explorer_contract(studies, risks, weightings) -> None:
    for initial in VIEWS:
        fig = risk_matrix_figure(studies, risks, weightings, initial=initial)
        check_explorer_figure(fig)
        assert fig.layout.updatemenus[0].name == VIEW_LABEL
        for key in ("subtitle", "notes", "source", "description", "narrow"):
            assert fig.layout.meta[key], key
    assert DYNAMIC_TRACES == (0, 1)
    # the slider of an emphasis view is labelled with what it weighs
    (slider,) = _layout(risk_matrix_figure(studies, risks, weightings, initial="diplomacy"))["sliders"]
    assert slider["currentvalue"]["prefix"] == "Weight of alliance and diplomacy risks: "


def test_every_colour_scale_comes_from_the_palette_with_a_dark_value(studies, risks, weightings) -> None:
    from proliferation_course.figures.style import PALETTE, dark_pairs

    fig = risk_matrix_figure(studies, risks, weightings).to_dict()
    scales = [b["args"][0]["colorscale"][0] for b in fig["layout"]["updatemenus"][0]["buttons"]]
    light = {PALETTE[n].light for n in PALETTE}
    pairs = dark_pairs(fig)
    for scale in scales:
        for _, c in scale:
            assert c in light and pairs[c.lower()] != c.lower(), c
    # the empty cell is not light grey in dark mode (issue 21): it is close to the dark page
    assert PALETTE["heat_0"].dark == pairs[scales[0][0][1].lower()]


# --------------------------------------------------------------------------------------
# The live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel(studies, risks, weightings) -> RiskMatrixPanel:
    return risk_matrix_panel(studies, risks, weightings)


def _bars(panel: RiskMatrixPanel) -> list[float]:
    trace = panel.figure.data[1]
    assert trace.type == "bar"
    return [float(x) for x in trace.x]


def test_panel_starts_with_equal_weights(panel) -> None:
    assert panel.controls["view"].value == "weighted"
    assert panel.weights() == {r: 1.0 for r in RISKS}
    for got, study in zip(_bars(panel), ORDER, strict=True):
        assert got == pytest.approx(float(HAND_SCORE["equal"][study]), abs=1e-4)
    assert "Weighted risk score" in panel.summary.value
    # highest first: the essay's summary, then the 1995 report
    items = [html.unescape(x) for x in re.findall(r"<li>(.*?):", panel.summary.value)]
    assert items[:2] == ["The essay's summary (2025)", "1995 Defence Agency report"]


@pytest.mark.parametrize("preset", ["security", "diplomacy", "economic", "equal"])
def test_preset_sets_sliders_and_bars(panel, preset) -> None:
    panel.controls["preset"].value = "economic" if preset == "equal" else preset
    panel.controls["preset"].value = preset
    assert panel.weights() == weight_presets()[preset]
    for got, study in zip(_bars(panel), ORDER, strict=True):
        assert got == pytest.approx(float(HAND_SCORE[preset][study]), abs=1e-4)


def test_moving_one_slider_updates_bars_and_cells(panel) -> None:
    panel.controls["no_test_site"].value = 5.0
    weights = {r: (5.0 if r == "no_test_site" else 1.0) for r in RISKS}
    for got, study in zip(_bars(panel), ORDER, strict=True):
        assert got == pytest.approx(_hand_score(HAND_SEVERITY[study], weights), abs=1e-4)
    k = RISKS.index("no_test_site")
    assert panel.figure.data[0].z[ORDER.index("jda_1970")][k] == pytest.approx(1.0)
    assert "×5" in panel.figure.data[0].x[k]


def test_switching_to_the_identified_view(panel) -> None:
    panel.controls["view"].value = "identified"
    for got, study in zip(_bars(panel), ORDER, strict=True):
        assert got == pytest.approx(HAND_IDENTIFIED[study] / 7)
    assert panel.figure.layout.xaxis2.title.text == "Share of risks identified"
    z = panel.figure.data[0].z
    assert z[ORDER.index("cro_1968_70")][RISKS.index("economic_burden")] == STATUS_CODE["discounted"]
    panel.controls["view"].value = "weighted"
    assert panel.figure.layout.xaxis2.title.text == "Weighted score S"


def test_all_weights_zero_is_reported_and_keeps_the_figure(panel) -> None:
    for r in RISKS[:-1]:
        panel.controls[r].value = 0.0
    # only the test site is weighted now: each score is its severity there / 3
    before = _bars(panel)
    for got, study in zip(before, ORDER, strict=True):
        assert got == pytest.approx(HAND_SEVERITY[study][-1] / 3, abs=1e-4)
    panel.controls[RISKS[-1]].value = 0.0
    assert "Cannot compute" in panel.summary.value
    assert "zero" in panel.summary.value
    assert _bars(panel) == before
    # the old bars are not left standing as if they were the answer: the figure says it is not computed
    assert not panel.computed and panel.figure.data[1].visible is False
    assert "the seven weights must not all be zero" in panel.summary.value
    panel.controls[RISKS[-1]].value = 1.0
    assert panel.computed and panel.figure.data[1].visible is True


def test_panel_follows_the_explorer_contract(panel) -> None:
    check_live_panel(panel, rejected={r: 0.0 for r in RISKS})


def test_a_preset_keeps_the_view(panel) -> None:
    panel.controls["view"].value = "identified"
    panel.controls["preset"].value = "security"
    assert panel.controls["view"].value == "identified"
    assert panel.figure.layout.xaxis2.title.text == "Share of risks identified"


# --------------------------------------------------------------------------------------
# The data tables
# --------------------------------------------------------------------------------------


def test_tables_load_and_match_each_other(studies, risks, weightings) -> None:
    assert list(studies.sort_values("order")["study_id"]) == ORDER
    assert set(risks["study_id"]) == set(studies["study_id"])
    assert len(risks) == len(studies) * 7
    validate_risk_table(risks, ORDER)
    assert list(studies.sort_values("order")["order"]) == list(range(1, 7))
    assert (studies["year_end"] >= studies["year_start"]).all()


def test_csv_severities_match_the_hand_table() -> None:
    """Read the CSV directly (not through the package) and compare with the hand table."""
    with (DATA_DIR / "japan_study_risks.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        assert int(row["severity"]) == HAND_SEVERITY[row["study_id"]][RISKS.index(row["risk_id"])]
        assert len(row["note"]) >= 10 and row["source"]


def test_facts_from_the_sources(studies, risks, weightings) -> None:
    s = studies.set_index("study_id")
    # Kase/Kurosaki/Kishi: the Cabinet Research Office, 1968 and 1970
    assert (int(s.loc["cro_1968_70", "year_start"]), int(s.loc["cro_1968_70", "year_end"])) == (1968, 1970)
    assert "Cabinet Research Office" in s.loc["cro_1968_70", "commissioning_body"]
    assert "disagree" in s.loc["cro_1968_70", "note"]
    # Nakasone's memoir (Kyodo / Japan Times, 19 June 2004): ¥200 billion, five years, no test site
    assert "¥200 billion" in s.loc["jda_1970", "main_finding"]
    assert "five years" in s.loc["jda_1970", "main_finding"]
    assert "test" in s.loc["jda_1970", "main_finding"]
    # Japan Times, 21 February 2003: 31 pages, under Murayama, three authors
    assert "31-page" in s.loc["jda_1995", "title"]
    assert "Murayama" in s.loc["jda_1995", "note"]
    assert "Hatakeyama" in s.loc["jda_1995", "commissioning_body"]
    # Japan Times, 3 October 2004: dated 30 July 1981
    assert "30 July 1981" in s.loc["ndc_1981", "title"]
    # the essay's row is a summary, the others are not
    assert s.loc["essay_2025", "kind"] == "essay summary"
    assert (studies.loc[studies["study_id"] != "essay_2025", "kind"] != "essay summary").all()
    r = risks.set_index(["study_id", "risk_id"])
    assert r.loc[("jda_1970", "no_test_site"), "status"] == "identified"
    assert int(r.loc[("jda_1970", "no_test_site"), "severity"]) == 3
    assert r.loc[("cro_1968_70", "economic_burden"), "status"] == "discounted"
    assert (risks.loc[risks["study_id"] == "essay_2025", "status"] == "identified").all()
    assert (risks.loc[risks["study_id"] == "mofa_1969", "status"] == "not documented").all()
    # the sources of each study's cells are among the study's own sources
    for study in ORDER:
        own = set(s.loc[study, "source"].split("; "))
        for src in risks.loc[risks["study_id"] == study, "source"]:
            assert set(src.split("; ")) <= own, (study, src)


def test_tables_are_declared_for_chapter_6() -> None:
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name in ("japan_studies", "japan_study_risks"):
        assert resources[name]["chapters"] == ["ch06_japan_studies"]
        fields = {f["name"]: f for f in resources[name]["schema"]["fields"]}
        assert fields["source"]["constraints"]["pattern"] == "[a-z0-9_]+(; [a-z0-9_]+)*"
        assert fields["note"]["constraints"]["required"] is True
    risk_fields = {f["name"]: f for f in resources["japan_study_risks"]["schema"]["fields"]}
    assert risk_fields["risk_id"]["constraints"]["enum"] == list(RISKS)
    assert risk_fields["status"]["constraints"]["enum"] == list(STATUSES)


# --------------------------------------------------------------------------------------
# The built page (needs the site in _build/html, like tests/test_site.py)
# --------------------------------------------------------------------------------------

CH06 = "book/chapters/ch06_japan_studies.html"


def _site_page() -> Path:
    page = require_site() / CH06
    assert page.is_file(), f"missing {CH06}"
    return page


@pytest.mark.build
def test_built_page_figure_is_the_models_figure(studies, risks, weightings) -> None:
    page = _site_page().read_text(encoding="utf-8")
    blocks = dict(re.findall(r'<script type="application/json" id="(course-fig-\d+-data)">(.*?)</script>',
                             page, flags=re.S))
    assert blocks, "no figure on the page"
    built = json.loads(blocks[sorted(blocks)[0]].replace("<\\/", "</"))
    expected = json.loads(risk_matrix_figure(studies.sort_values("order"), risks,
                                             load_table("risk_matrix_presets")).to_json())
    assert built["data"] == expected["data"]
    assert built["layout"]["updatemenus"] == expected["layout"]["updatemenus"]


@pytest.mark.build
def test_built_page_promises() -> None:
    page = _site_page().read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for needle in ("teaching model", "teaching device", "jupyter lab", "The other side",
                   "7 February 2025", "28 October 2025",
                   "Risks identified by at least one study: 5 of 7."):
        assert needle.lower() in text.lower(), needle
    assert page.count('class="course-quiz-question"') == 6
    assert 'lang="ja"' in page


# --- which risks the historical record documents (chapter 6's sentence; the page computes nothing)

def test_risk_coverage_matches_the_table_read_directly() -> None:
    from proliferation_course.models.risk_matrix import historical_studies, risk_coverage

    studies = load_table("japan_studies")
    table = load_table("japan_study_risks")
    historical = historical_studies(studies)
    assert "essay_2025" not in historical and len(historical) == len(studies) - 1
    rows = table[table["study_id"].isin(historical) & (table["status"] == "identified")]
    expected_found = [r for r in RISKS if r in set(rows["risk_id"])]
    coverage = risk_coverage(risk_matrix(table, study_order=list(studies["study_id"])), historical)
    assert list(coverage.found) == expected_found
    assert list(coverage.missing) == [r for r in RISKS if r not in expected_found]
    assert coverage.sentence().startswith(f"Risks identified by at least one study: {len(expected_found)} of 7.")


def test_risk_coverage_rejects_unknown_or_no_studies() -> None:
    from proliferation_course.models.risk_matrix import historical_studies, risk_coverage

    result = risk_matrix(load_table("japan_study_risks"))
    with pytest.raises(ValueError, match="unknown study id"):
        risk_coverage(result, ["no_such_study"])
    with pytest.raises(ValueError, match="at least one study"):
        risk_coverage(result, [])
    with pytest.raises(ValueError, match="missing column"):
        historical_studies(pd.DataFrame({"study_id": ["a"]}))


def test_documented_cells_are_the_table_read_directly() -> None:
    """The page's table of documented cells, against the table filtered by hand (the page computes nothing)."""
    from proliferation_course.models.risk_matrix import documented_cells

    studies = load_table("japan_studies")
    table = load_table("japan_study_risks")
    cells = documented_cells(studies, table)
    by_hand = table[(table["status"] != "not documented") & (table["study_id"] != "essay_2025")]
    assert list(cells.index) == list(by_hand.index)
    assert set(cells["status"]) == {"identified", "discounted"}
    assert "essay_2025" not in set(cells["study_id"])
    # one row per identified or discounted cell of the five studies (HAND_SEVERITY) plus the one discounted
    assert len(cells) == sum(1 for sev in HAND_SEVERITY.values() for s in sev if s) - 7 + 1
    row = cells.set_index(["study_id", "risk_id"]).loc[("jda_1970", "no_test_site")]
    assert row["study"] == "1970 Defence Agency study (Nakasone)" and row["risk"] == "No territory to test"
    with pytest.raises(ValueError, match="label"):
        documented_cells(studies.drop(columns=["label"]), table)


def test_the_figure_speaks_japanese(studies, risks, weightings) -> None:
    check_figure_in_japanese(lambda: risk_matrix_figure(studies, risks, weightings))
    check_figure_in_japanese(lambda: risk_matrix_figure(studies, risks, weightings, initial="economic"))


def test_the_japanese_figure_uses_the_essay_s_words_and_keeps_the_model_s_numbers(studies, risks,
                                                                                  weightings) -> None:
    with speaking("ja"):
        fig = risk_matrix_figure(studies, risks, weightings)
        economic = risk_matrix_figure(studies, risks, weightings, initial="economic")
    english = risk_matrix_figure(studies, risks, weightings)
    assert list(fig.data[1].x) == list(english.data[1].x)
    assert "1995年<br>防衛庁の報告書" in list(fig.data[0].y)
    assert "国際的孤立や米国との関係悪化" in " ".join(fig.data[0].customdata[0])
    assert {t for row in fig.data[0].text for t in row} == {"", "指摘", "軽視"}
    labels = [b["label"] for b in fig.layout.updatemenus[0].buttons]
    assert labels[:2] == ["各研究が指摘したリスク", "深刻度、均等な重み"], labels
    assert economic.layout.sliders[0].currentvalue.prefix.startswith("経済のリスクの重み")


def test_the_panel_speaks_japanese(studies, risks, weightings) -> None:
    check_panel_in_japanese(lambda: risk_matrix_panel(studies, risks, weightings))
    with speaking("ja"):
        panel = risk_matrix_panel(studies, risks, weightings)
        panel.controls["sanctions"].value = 2.0
    assert "加重リスク・スコア" in panel.summary.value and "論考による要約（2025年）" in panel.summary.value
    assert "highest first" not in panel.summary.value


def test_a_rejected_combination_names_the_weights_in_japanese(studies, risks, weightings) -> None:
    with speaking("ja"):
        panel = risk_matrix_panel(studies, risks, weightings)
        for r in RISKS:
            panel.controls[r].value = 0.0
    assert not panel.computed
    # The message itself is the shared validation layer's; the panel names the weights in Japanese.
    assert "七つの重み" in panel.summary.value, panel.summary.value
    assert "the seven weights" not in panel.summary.value


def test_the_tables_and_the_coverage_sentence_speak_japanese(studies, risks) -> None:
    import re

    from proliferation_course.models.risk_matrix import historical_studies, risk_coverage

    with speaking("ja"):
        table = re.sub(r"<[^>]+>", "", japan_studies_table(studies).to_html())
        cells = re.sub(r"<[^>]+>", "", documented_cells_table(studies, risks).to_html())
        sentence = risk_coverage(risk_matrix(risks, study_order=ORDER), historical_studies(studies)).sentence()
    for word in ("日本の核オプションに関する内部研究と論考の要約", "1968–70年", "内閣調査室（外部の研究者に委託）",
                 "核兵器を開発することに利点はない"):
        assert word in table, word
    assert "Cabinet Research Office report" not in table
    for word in ("公開の記録が各研究について示すリスク", "検討のうえ軽視", "核保有国との軍拡競争の誘発",
                 "本格的な戦略核戦力"):
        assert word in cells, word
    assert sentence.startswith("少なくとも一つの研究が指摘したリスク："), sentence
