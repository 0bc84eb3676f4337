"""Exercise 5 (Article X and the window): wrong answers are rejected with a reason, right ones pass.

``WRONG`` is merged into the generic tests of ``tests/test_exercises.py``,
which check that every registered question has wrong answers to test.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from proliferation_course.data import load_table
from proliferation_course.exercises import check
from proliferation_course.models.article_x import LEVEL_SCORES

ALLIES = ["Japan", "Federal Republic of Germany", "Canada"]


def _days() -> dict[str, int]:
    """Signature to ratification, in days, read straight from the CSV rows."""
    m = load_table("npt_milestones").set_index("event_id")["date"]
    ids = {"Japan": "japan", "Federal Republic of Germany": "frg", "Canada": "canada"}
    return {state: (date.fromisoformat(m[f"{p}_ratified"]) - date.fromisoformat(m[f"{p}_signed"])).days
            for state, p in ids.items()}


def _survival(preset: str, legitimacy: float | None = None, coupling: float | None = None) -> float:
    """S(T) = exp(-lambda_bar * T), written out from the formula of chapter 4."""
    r = load_table("window_presets").set_index("preset_id").loc[preset]
    lg = r.legitimacy if legitimacy is None else legitimacy
    c = r.coupling if coupling is None else coupling
    b_eff = r.us_backing * (1 - c * (1 - lg))
    return math.exp(-0.04 * r.capability * (1 - 0.4 * lg) * (1 - 0.8 * b_eff) * r.window_months)


def _japan_scores(reading: str) -> list[float]:
    cases = load_table("article_x_cases")
    rows = cases[(cases["case_id"] == "japan_today") & (cases["reading_id"] == reading)]
    levels = dict(zip(rows["condition_id"], rows["assessment"], strict=True))
    return [LEVEL_SCORES[levels[c]] for c in ("extraordinary_events", "subject_matter", "supreme_interests")]


def _verdict(score: float) -> str:
    # Procedure is met in both readings of the Japan case; default thresholds 1/3 and 2/3.
    return "justified" if score >= 2 / 3 else "unjustified" if score <= 1 / 3 else "contested"


def _right_answers() -> dict[str, object]:
    days = _days()
    ranked = sorted(days.items(), key=lambda kv: -kv[1])
    frame = {}
    for reading in ("withdrawing", "others"):
        s = _japan_scores(reading)
        mean, low = sum(s) / 3, min(s)
        frame[reading] = {"L_mean": mean, "verdict_mean": _verdict(mean),
                          "L_minimum": low, "verdict_minimum": _verdict(low)}
    lawful = float(load_table("window_presets").set_index("preset_id").loc["japan_npt_rules", "legitimacy"])
    return {
        "q1": pd.Series(days),
        "q2": (ranked[0][0], ranked[0][1] - ranked[1][1]),
        "q3": pd.DataFrame.from_dict(frame, orient="index"),
        "q4": _survival("japan_rogue"),
        "q5": pd.Series({"preset_coupling": 100 * (_survival("japan_rogue", lawful) - _survival("japan_rogue")),
                         "no_coupling": 100 * (_survival("japan_rogue", lawful, 0.0)
                                               - _survival("japan_rogue", None, 0.0))}),
        "q6": " ".join(["Article X is self-judging but others judge the reasons."] * 8),
    }


_D = _days()
_RIGHT = _right_answers()
_Q3 = _RIGHT["q3"]
_Q5 = _RIGHT["q5"]

WRONG = {
    ("ex05", "q1"): [
        (2317, "wrong type"),
        (pd.Series({"Canada": _D["Canada"]}), "wrong index"),
        (pd.Series({**_D, "Republic of Korea": 0}), "wrong index"),
        (pd.Series({k: pd.Timedelta(days=v) for k, v in _D.items()}), "Timedelta"),
        (pd.Series({k: v / 365.25 for k, v in _D.items()}), "wrong unit"),
        (pd.Series({k: -v for k, v in _D.items()}), "negative"),
        (pd.Series({k: v + 1 for k, v in _D.items()}), "wrong value"),
        (pd.Series({k: "many" for k in _D}), "wrong type"),
    ],
    ("ex05", "q2"): [
        ("Japan", "wrong type"),
        (("Japan",), "wrong shape"),
        ((3, 336), "wrong type"),
        (("Canada", _RIGHT["q2"][1]), "wrong value"),
        ((_RIGHT["q2"][0], _RIGHT["q2"][1] / 365.25), "wrong unit"),
        ((_RIGHT["q2"][0], max(_D.values()) - min(_D.values())), "fastest"),
        ((_RIGHT["q2"][0], _RIGHT["q2"][1] + 30), "wrong value"),
    ],
    ("ex05", "q3"): [
        ({"withdrawing": 0.83}, "wrong type"),
        (_Q3[["L_mean", "verdict_mean"]], "wrong shape"),
        (_Q3.rename(index={"others": "essay"}), "wrong shape"),
        (_Q3.replace({"unjustified": "not justified"}), "label for display"),
        (_Q3.assign(L_mean=_Q3["L_minimum"]), "wrong value at"),
        (_Q3.assign(verdict_minimum=_Q3["verdict_mean"]), "wrong value at"),
        (_Q3.assign(verdict_mean=[1, 0]), "wrong type at"),
    ],
    ("ex05", "q4"): [
        ("0.34", "wrong type"),
        (100 * _RIGHT["q4"], "wrong unit"),
        (1 - _RIGHT["q4"], "struck"),
        (0.5, "wrong value"),
        (1.5, "wrong value"),
    ],
    ("ex05", "q5"): [
        (29.5, "wrong type"),
        (pd.Series({"coupled": 29.5, "uncoupled": 8.9}), "wrong index"),
        (_Q5 / 100, "wrong unit"),
        (-_Q5, "wrong sign"),
        (_Q5.rename({"preset_coupling": "no_coupling", "no_coupling": "preset_coupling"}), "wrong value"),
    ],
    ("ex05", "q6"): [("Japan cannot leave.", "too short"), (42, "wrong type")],
}



@pytest.mark.parametrize("qid", ["q1", "q2", "q3", "q4", "q5"])
def test_right_answers_computed_independently_are_correct(qid: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    check("ex05", qid, _RIGHT[qid])
    assert capsys.readouterr().out.startswith(f"ex05 {qid}: Correct")


def test_the_written_answer_is_recorded(capsys: pytest.CaptureFixture[str]) -> None:
    check("ex05", "q6", _RIGHT["q6"])
    assert capsys.readouterr().out.startswith("ex05 q6: Recorded")


def test_rounded_and_float_answers_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    check("ex05", "q3", _Q3.round(3))
    check("ex05", "q4", round(_RIGHT["q4"], 4))
    check("ex05", "q5", _Q5.round(2))
    check("ex05", "q1", pd.Series({k: float(v) for k, v in _D.items()}))
    assert capsys.readouterr().out.count("Correct") == 4
