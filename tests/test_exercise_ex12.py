"""Exercise 12 (two theatres, one shock): wrong answers are rejected with a reason.

``WRONG`` lists, for every question of ex12, deliberately wrong answers and words
the message must contain; :mod:`tests.test_exercises` also reads it to check that
every registered question has wrong answers. The right answers to questions 1 and 2
are recomputed here from the CSV file with plain pandas; those to questions 3 and 4
from the model's documented entry point, run with the preset's parameters read
from the CSV file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from proliferation_course.exercises import check
from proliferation_course.models.two_theatre import RULES, compare_rules

DATA = Path(__file__).resolve().parent.parent / "data"
AGREEMENTS = pd.read_csv(DATA / "poland_korea_agreements.csv")
PRESETS = pd.read_csv(DATA / "two_theatre_presets.csv").set_index("preset_id")
EXECUTIVE = AGREEMENTS[AGREEMENTS["kind"] == "executive contract"]
CONTRACTED = EXECUTIVE.groupby("system")["quantity"].sum()
EVERYTHING = AGREEMENTS.groupby("system")["quantity"].sum().reindex(CONTRACTED.index)
VALUE = float(EXECUTIVE["value_usd_bn"].sum())
PARAMS = ["weeks", "demand_1", "baseline_2", "shock_2", "shock_week", "stock_1", "stock_2",
          "production_1", "production_2", "efficiency"]


def _params(preset_id: str, **override: float) -> dict:
    row = PRESETS.loc[preset_id]
    out = {p: (int(row[p]) if p in ("weeks", "shock_week") else float(row[p])) for p in PARAMS}
    return {**out, **override}


TABLE = compare_rules(**_params("opportunistic_t1_first"))
TOTALS = TABLE["unmet_total"]
FREE = compare_rules(**_params("opportunistic_t1_first", efficiency=1.0))["unmet_total"]


def _first_shock(rule: str, column: str = "unmet_total") -> int:
    return next(s for s in range(31)
                if compare_rules(**_params("opportunistic_shared", shock_2=float(s))).loc[rule, column] > 1e-9)


FIRST = _first_shock(PRESETS.loc["opportunistic_shared", "rule"])

WRONG = {
    ("ex12", "q1"): [
        (int(CONTRACTED.sum()), "wrong type"),
        (CONTRACTED.to_frame(), "wrong type"),
        (CONTRACTED.drop("FA-50 light combat aircraft"), "wrong index"),
        (CONTRACTED.rename(lambda s: s.split()[0]), "wrong index"),
        (EVERYTHING, "also counts the framework"),
        (CONTRACTED.replace({360: 180}), "wrong value for K2"),
        (CONTRACTED.astype(float).where(CONTRACTED.index != "K2 main battle tank"), r"no value \(NaN\)"),
    ],
    ("ex12", "q2"): [
        ("23 billion", "wrong type"),
        (VALUE * 1000, "wrong unit"),
        (VALUE - 6.5, "wrong value"),
        (True, "wrong type"),
    ],
    ("ex12", "q3"): [
        (TOTALS.to_list(), "wrong type"),
        (TOTALS.drop("separate"), "wrong index"),
        (FREE, "free transfers"),
        (TABLE["unmet_1"], "theatre 1 only"),
        (TOTALS.reset_index(drop=True), "wrong index"),
        (TOTALS + 1.0, "wrong value"),
    ],
    ("ex12", "q4"): [
        ("seven", "wrong type"),
        (FIRST - 1, "still covers every week"),
        (FIRST + 0.5, "not a whole number"),
        (_first_shock("separate", "unmet_2"), "under separate pools"),
        (FIRST + 2, "wrong value"),
    ],
    ("ex12", "q5"): [
        ("Yes, theatre 1 first.", "too short"),
        (["Pooling helps."] * 70, "wrong type"),
    ],
}



def test_the_hand_computed_data_are_what_the_questions_assume() -> None:
    """The wrong answers above only test something if the data keep these features."""
    assert dict(CONTRACTED) == {"K2 main battle tank": 360, "K9 self-propelled howitzer": 364,
                                "FA-50 light combat aircraft": 48, "K239 Chunmoo rocket launcher": 290}
    assert VALUE == pytest.approx(3.4 + 2.4 + 3.0 + 3.55 + 2.6 + 1.6 + 6.5)
    assert PRESETS.loc["opportunistic_t1_first", "efficiency"] < 1  # q3's "free transfers" trap
    assert not np.allclose(FREE, TOTALS)
    assert FIRST == 7
    assert _first_shock("separate", "unmet_2") not in (FIRST, FIRST - 1)
    assert list(TOTALS.index) == list(RULES)


@pytest.mark.parametrize(("qid", "answer"), [
    ("q1", CONTRACTED),
    ("q1", CONTRACTED.astype(float).sample(frac=1, random_state=0)),  # order and float are fine
    ("q2", VALUE),
    ("q2", np.float64(round(VALUE, 2))),
    ("q3", TOTALS),
    ("q3", TOTALS.round(3).sample(frac=1, random_state=1)),
    ("q4", FIRST),
    ("q4", float(FIRST)),
    ("q5", " ".join(["Pooling frees stranded stock, but a priority rule decides who waits."] * 6)),
], ids=lambda v: str(v)[:20])
def test_a_right_answer_computed_independently_is_accepted(qid: str, answer: object,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    check("ex12", qid, answer)
    out = capsys.readouterr().out
    assert out.startswith(f"ex12 {qid}: ")
    assert ("Recorded" if qid == "q5" else "Correct") in out
