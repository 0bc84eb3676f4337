"""Exercise 9 (arms races): wrong answers are rejected with a reason.

``WRONG`` lists, for every question of ex09, deliberately wrong answers and words
the message must contain; :mod:`tests.test_exercises` also reads it to check that
every registered question has wrong answers. The right answers are recomputed
here from the CSV file with plain pandas, and from the model's equations with
numpy (a hand-written RK4), independently of the package's models.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from proliferation_course.exercises import check
from proliferation_course.models.arms_race import PRESETS

DATA = Path(__file__).resolve().parent.parent / "data"


def _table() -> pd.DataFrame:
    return pd.read_csv(DATA / "warhead_stockpiles.csv")


def _peak_years() -> pd.Series:
    df = _table()
    best = {}
    for state, part in df.groupby("state"):
        top = part["warheads"].max()
        best[state] = int(part.loc[part["warheads"] == top, "year"].min())
    return pd.Series(best)


def _changes() -> pd.Series:
    df = _table()
    a = df[df["year"] == 2023].set_index("state")["warheads"]
    b = df[df["year"] == 2025].set_index("state")["warheads"]
    common = a.index.intersection(b.index)
    return (b[common] - a[common]).astype(int)


def _k_star() -> pd.Series:
    out = {}
    for p in PRESETS:
        m = np.array(p.weights) / np.array(p.fatigue)[:, None]
        out[p.preset_id] = 1 / max(abs(np.linalg.eigvals(m)))
    return pd.Series(out)


def _years_to_ten() -> int:
    """dx/dt = k y - a x + g with k = 0.5, a = 0.4, g = 0.2, x0 = 1, y0 = 1.16 (RK4, dt 0.05)."""
    p = next(p for p in PRESETS if p.preset_id == "two_runaway")
    m = p.reaction * np.array(p.weights) - np.diag(p.fatigue)
    g = np.array(p.grievance)
    x = np.array(p.initial, dtype=float)
    f = lambda v: m @ v + g  # noqa: E731
    for year in range(1, 61):
        for _ in range(20):
            k1 = f(x)
            k2 = f(x + 0.025 * k1)
            k3 = f(x + 0.025 * k2)
            k4 = f(x + 0.05 * k3)
            x = x + 0.05 / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        if x[0] > 10:
            return year
    raise AssertionError("never exceeds 10")


PEAK = _peak_years()
CHANGE = _changes()
K_STAR = _k_star()
YEARS = _years_to_ten()
PEAK_WARHEADS = _table().groupby("state")["warheads"].max()

WRONG = {
    ("ex09", "q1"): [
        (1986, "wrong type"),
        (PEAK.to_frame(), "wrong type"),
        (PEAK.drop("South Africa"), "wrong index"),
        (PEAK_WARHEADS, "wrong unit"),
        (PEAK.replace({1975: 1980}), "wrong value for United Kingdom"),   # the last of the tied years
        (PEAK.astype(float).where(PEAK.index != "France"), r"no value \(NaN\) for France"),
    ],
    ("ex09", "q2"): [
        ({"China": 190}, "wrong type"),
        (CHANGE.drop("Russia"), "wrong index"),
        (-CHANGE, "wrong sign"),
        (CHANGE.replace({190: 200}), "wrong value for China"),
        (CHANGE + 0.5, "not a whole number"),
    ],
    ("ex09", "q3"): [
        (0.2, "wrong type"),
        (K_STAR.drop("three"), "wrong index"),
        (1 / K_STAR, "spectral radius"),
        (K_STAR + 0.01, "wrong value"),
        (K_STAR.rename(index={"newcomers": "Three + newcomers"}), "wrong index"),
    ],
    ("ex09", "q4"): [
        ("14", "wrong type"),
        (YEARS - 1, "still at or below 10"),
        (YEARS + 3, "wrong value"),
        (YEARS + 0.5, "whole number"),
    ],
    ("ex09", "q5"): [
        ("The model says so.", "too short"),
        (["Arms races are dangerous."] * 70, "wrong type"),
    ],
}



def test_the_hand_computed_answers_have_the_features_the_questions_use() -> None:
    assert PEAK["United Kingdom"] == 1975  # tied with 1980: the earliest wins
    assert PEAK["Russia"] == 1986 and PEAK["United States"] == 1967
    assert CHANGE.idxmax() == "China" and "South Africa" not in CHANGE.index
    assert K_STAR["three"] > 0.2 > K_STAR["newcomers"]
    assert 5 < YEARS < 30


@pytest.mark.parametrize(("qid", "answer"), [
    ("q1", PEAK),
    ("q1", PEAK.astype(float).sample(frac=1, random_state=0)),
    ("q2", CHANGE),
    ("q2", CHANGE.astype(float)),
    ("q3", K_STAR),
    ("q3", K_STAR.round(4)),
    ("q4", YEARS),
    ("q4", float(YEARS)),
    ("q5", " ".join(["China is building up, but the model only shows a mechanism."] * 6)),
], ids=lambda v: str(v)[:20])
def test_a_right_answer_computed_independently_is_accepted(qid: str, answer: object,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    check("ex09", qid, answer)
    out = capsys.readouterr().out
    assert out.startswith(f"ex09 {qid}: ")
    assert ("Recorded" if qid == "q5" else "Correct") in out
